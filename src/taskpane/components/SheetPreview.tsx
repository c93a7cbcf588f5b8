/**
 * A read-only grid preview of one sheet (standalone mode): sticky column letters and row
 * numbers, flagged cells coloured by severity with the message as a tooltip, and the focused
 * cell scrolled into view and focused. Rows are capped to a window around the focused cell.
 */
import { useEffect, useRef } from "react";
import { Caption1, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { a1, columnLetters, parseA1, type Cell, type Sheet } from "../../core/model";
import type { Finding } from "../../core/findings";
import { findingText } from "../../core/messages";
import { useStrings } from "../i18n";

/** Rows rendered at most; a focused cell further down moves the window. */
export const PREVIEW_ROWS = 400;
const PREVIEW_COLS = 40;

const useStyles = makeStyles({
  frame: {
    overflow: "auto",
    maxHeight: "60vh",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    position: "relative",
  },
  table: {
    borderCollapse: "separate",
    borderSpacing: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  corner: { position: "sticky", top: 0, left: 0, zIndex: 3 },
  colHead: { position: "sticky", top: 0, zIndex: 2 },
  rowHead: { position: "sticky", left: 0, zIndex: 1, textAlign: "right" },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    padding: "2px 6px",
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontFamily: tokens.fontFamilyMonospace,
  },
  cell: {
    padding: "2px 6px",
    borderRight: `1px solid ${tokens.colorNeutralStroke3}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    maxWidth: "16em",
    minWidth: "2.5em",
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
    backgroundColor: tokens.colorNeutralBackground1,
  },
  error: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  warning: { backgroundColor: tokens.colorPaletteYellowBackground2 },
  focused: {
    outline: `3px solid ${tokens.colorBrandStroke1}`,
    outlineOffset: "-3px",
    ":focus-visible": { outline: `3px solid ${tokens.colorStrokeFocus2}` },
  },
});

/** What a reader sees in a cell: the displayed text when known, else the value formatted by its number format. */
export function displayText(cell: Cell | undefined): string {
  if (!cell) return "";
  if (cell.text) return cell.text;
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number" && cell.numFmt?.includes("%")) return `${Number((v * 100).toPrecision(12))}%`;
  return String(v);
}

export interface SheetPreviewProps {
  file: string;
  sheet: Sheet;
  /** This sheet's findings. */
  findings: Finding[];
  /** The cell to scroll to and focus; a new object each time the user asks for it. */
  focus?: { cell?: string };
}

export default function SheetPreview({ file, sheet, findings, focus }: SheetPreviewProps) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const focusRef = useRef<HTMLTableCellElement>(null);

  const target = focus?.cell ? parseA1(focus.cell) : undefined;
  const flagged = new Map<string, Finding[]>();
  for (const f of findings) if (f.cell) flagged.set(f.cell, [...(flagged.get(f.cell) ?? []), f]);

  const rowCount = Math.max(sheet.rows.length, target ? target.row + 1 : 0);
  const first = target && target.row >= PREVIEW_ROWS ? Math.max(0, target.row - PREVIEW_ROWS / 2) : 0;
  const last = Math.min(rowCount, first + PREVIEW_ROWS);
  let colCount = target ? target.col + 1 : 1;
  for (let r = first; r < last; r++) colCount = Math.max(colCount, sheet.rows[r]?.length ?? 0);
  colCount = Math.min(Math.max(colCount, 1), Math.max(PREVIEW_COLS, target ? target.col + 1 : 0));

  useEffect(() => {
    const el = focusRef.current;
    if (!el) return;
    el.scrollIntoView?.({ block: "center", inline: "center" });
    el.focus({ preventScroll: true });
  }, [focus, sheet]);

  const rows = [];
  for (let r = first; r < last; r++) {
    const cells = [];
    for (let c = 0; c < colCount; c++) {
      const address = a1(r, c);
      const here = flagged.get(address);
      const isFocus = target !== undefined && target.row === r && target.col === c;
      const severity = here ? (here.some((f) => f.severity === "error") ? "error" : "warning") : undefined;
      const text = displayText(sheet.rows[r]?.[c]);
      cells.push(
        <td
          key={c}
          ref={isFocus ? focusRef : undefined}
          tabIndex={isFocus ? 0 : undefined}
          data-cell={address}
          data-severity={severity}
          aria-current={isFocus ? "true" : undefined}
          title={here ? here.map((f) => findingText(f, lang)).join("\n") : text || undefined}
          className={mergeClasses(
            styles.cell,
            severity === "error" && styles.error,
            severity === "warning" && styles.warning,
            isFocus && styles.focused,
          )}
        >
          {text}
        </td>,
      );
    }
    rows.push(
      <tr key={r}>
        <th scope="row" className={mergeClasses(styles.head, styles.rowHead)}>
          {r + 1}
        </th>
        {cells}
      </tr>,
    );
  }

  return (
    <>
      <div className={styles.frame} role="region" aria-label={t("previewTitle", { file, sheet: sheet.name })} data-testid="preview">
        <table className={styles.table}>
          <thead>
            <tr>
              <th className={mergeClasses(styles.head, styles.corner)} aria-hidden="true" />
              {Array.from({ length: colCount }, (_, c) => (
                <th key={c} scope="col" className={mergeClasses(styles.head, styles.colHead)}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      </div>
      {rowCount > last - first && <Caption1>{t("previewCapped", { rows: PREVIEW_ROWS })}</Caption1>}
    </>
  );
}
