/**
 * 填报校验: validate, findings by sheet and category with filters, select a finding's cell,
 * marks (Excel) or marked copies (standalone), 情况属实, and the preview grid (standalone).
 */
import { Suspense, lazy, useMemo, useState } from "react";
import {
  Button,
  Caption1,
  Field,
  Select,
  Spinner,
  Text,
  makeStyles,
  mergeClasses,
} from "@fluentui/react-components";
import { CATEGORIES, countFindings, type Category, type Finding, type Severity } from "../../core/findings";
import { messages } from "../../core/messages";
import { useStrings } from "../i18n";
import { hasPlan, type OpenedFile, type Workspace } from "../workspace";
import { saveDownload } from "../download";
import type { Work } from "./useWork";
import { FindingList } from "./FindingList";
import { ConfirmDialog } from "./ConfirmDialog";

// The grid is not part of the first screen.
const SheetPreview = lazy(() => import("./SheetPreview"));

/** The finding without its clerk's confirmation. */
function withoutReason({ confirmed: _, ...rest }: Finding): Finding {
  return rest;
}

/** The preview's target in standalone mode. */
export interface CellFocus {
  file: string;
  sheet: string;
  cell?: string;
}

const useStyles = makeStyles({
  layout: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr)",
    gap: "12px",
    "@media (min-width: 900px)": { gridTemplateColumns: "minmax(320px, 440px) minmax(0, 1fr)" },
  },
  column: { display: "flex", flexDirection: "column", gap: "10px", minWidth: 0 },
  // On a wide screen the preview stays in view while the list scrolls.
  previewColumn: { "@media (min-width: 900px)": { position: "sticky", top: "8px", alignSelf: "start" } },
  buttons: { display: "flex", flexWrap: "wrap", gap: "8px" },
  filters: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: "8px" },
});

export interface ValidateTabProps {
  workspace: Workspace;
  files: OpenedFile[];
  work: Work;
  findings?: Finding[];
  onFindings(findings: Finding[]): void;
  focus?: CellFocus;
  onFocus(focus: CellFocus): void;
}

export function ValidateTab({ workspace, files, work, findings, onFindings, focus, onFocus }: ValidateTabProps) {
  const styles = useStyles();
  const { lang, t } = useStrings();
  const [severity, setSeverity] = useState<Severity | "">("");
  const [category, setCategory] = useState<Category | "">("");
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [confirming, setConfirming] = useState<number | undefined>(undefined);
  const busy = work.state.busy;
  const standalone = workspace.kind === "standalone";
  const ready = !standalone || (hasPlan(files) && files.some((f) => f.role === "submission"));

  const validate = async (next: "workbook" | "sheet") => {
    const result = await work.run((opts) => workspace.validate(next, opts));
    if (result) {
      setSelected(undefined);
      onFindings(result);
      const first = result.find((f) => f.sheet);
      if (standalone && first?.sheet) onFocus({ file: first.file, sheet: first.sheet });
    }
  };

  const shown = useMemo(
    () =>
      (findings ?? []).flatMap((f, i) =>
        (severity === "" || f.severity === severity) && (category === "" || f.category === category) ? [i] : [],
      ),
    [findings, severity, category],
  );

  const select = async (i: number) => {
    const f = findings![i];
    setSelected(i);
    if (!f.sheet) return;
    if (workspace.kind === "excel") {
      if (!f.cell) return;
      try {
        await workspace.selectCell(f.sheet, f.cell);
      } catch (e) {
        work.setError(e instanceof Error ? e.message : String(e));
      }
    } else {
      onFocus({ file: f.file, sheet: f.sheet, cell: f.cell });
    }
  };

  const saveConfirmation = async (i: number, reason: string) => {
    setConfirming(undefined);
    const f = findings![i];
    const ok = await work.run(async () => {
      await workspace.confirm(f, reason);
      return true;
    });
    if (ok) {
      onFindings(findings!.map((g, j) => (j === i ? { ...g, confirmed: { reason, at: new Date().toISOString() } } : g)));
      work.setNotice(t("confirmSaved"));
    }
  };

  const withdrawConfirmation = async (i: number) => {
    const f = findings![i];
    const ok = await work.run(async () => {
      await workspace.unconfirm(f);
      return true;
    });
    if (ok) {
      onFindings(findings!.map((g, j) => (j === i ? withoutReason(g) : g)));
      work.setNotice(t("unconfirmSaved"));
    }
  };

  const counts = countFindings(findings ?? []);
  const presentCategories = CATEGORIES.filter((c) => findings?.some((f) => f.category === c));
  const filesWithFindings = [...new Set((findings ?? []).map((f) => f.file))].filter((name) =>
    files.some((f) => f.name === name && f.role === "submission"),
  );

  const listColumn = (
    <div className={styles.column}>
      <div className={styles.buttons}>
        {workspace.kind === "excel" ? (
          <>
            <Button appearance="primary" disabled={busy} onClick={() => validate("workbook")}>
              {t("validateWorkbook")}
            </Button>
            <Button disabled={busy} onClick={() => validate("sheet")}>
              {t("validateSheet")}
            </Button>
          </>
        ) : (
          <Button appearance="primary" disabled={busy || !ready} onClick={() => validate("workbook")}>
            {t("validateFiles")}
          </Button>
        )}
      </div>
      {standalone && !ready && <Caption1>{t("needPlanAndFiles")}</Caption1>}

      {findings === undefined ? (
        ready && <Caption1>{t("notValidatedYet")}</Caption1>
      ) : findings.length === 0 ? (
        <Text>{t("noFindings")}</Text>
      ) : (
        <>
          <Text weight="semibold" role="status">
            {t("findingsSummary", { total: counts.findings, errors: counts.errors, warnings: counts.warnings })}
          </Text>
          <div className={styles.filters}>
            <Field label={t("filterSeverity")} size="small">
              <Select size="small" value={severity} onChange={(_, d) => setSeverity(d.value as Severity | "")}>
                <option value="">{t("allSeverities")}</option>
                {(["error", "warning"] as const).map((s) => (
                  <option key={s} value={s}>
                    {messages(lang).severity[s]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={t("filterCategory")} size="small">
              <Select size="small" value={category} onChange={(_, d) => setCategory(d.value as Category | "")}>
                <option value="">{t("allCategories")}</option>
                {presentCategories.map((c) => (
                  <option key={c} value={c}>
                    {messages(lang).category[c]}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          {shown.length !== findings.length && (
            <Caption1>{t("shownOf", { shown: shown.length, total: findings.length })}</Caption1>
          )}

          <div className={styles.buttons}>
            {workspace.kind === "excel" ? (
              <>
                <Button
                  disabled={busy || shown.length === 0}
                  onClick={async () => {
                    // Exactly the findings listed (after the filters); confirmed warnings get no fill.
                    const listed = shown.map((i) => findings[i]);
                    const outcome = await work.run((opts) => workspace.markFindings(listed, lang, opts));
                    if (outcome) work.setNotice(t("markedCount", { count: outcome.marked }), outcome.notices);
                  }}
                >
                  {shown.length === findings.length ? t("markCells") : t("markShown", { count: shown.length })}
                </Button>
                <Button
                  disabled={busy}
                  onClick={async () => {
                    const notices = await work.run((opts) => workspace.clearMarks(opts));
                    if (notices) work.setNotice(t("marksCleared"), notices);
                  }}
                >
                  {t("clearMarks")}
                </Button>
              </>
            ) : (
              filesWithFindings.map((name) => (
                <Button
                  key={name}
                  size="small"
                  disabled={busy}
                  onClick={async () => {
                    const d = await work.run((opts) =>
                      workspace.markedCopy(name, findings.filter((f) => f.file === name), lang, opts),
                    );
                    if (d) saveDownload(d);
                  }}
                >
                  {t("downloadMarked", { name })}
                </Button>
              ))
            )}
          </div>
          {workspace.kind === "excel" && !workspace.notesSupported && <Caption1>{t("notesUnsupported")}</Caption1>}

          <FindingList
            findings={findings}
            shown={shown}
            showFile={standalone}
            selected={selected}
            onSelect={(i) => void select(i)}
            onConfirm={setConfirming}
            onUnconfirm={(i) => void withdrawConfirmation(i)}
          />
        </>
      )}
      {confirming !== undefined && findings && (
        <ConfirmDialog
          finding={findings[confirming]}
          onCancel={() => setConfirming(undefined)}
          onSave={(reason) => void saveConfirmation(confirming, reason)}
        />
      )}
    </div>
  );

  if (workspace.kind === "excel") return listColumn;

  // Standalone: the list and the preview side by side on a wide screen, stacked in a pane.
  const sheetChoices = files.flatMap((f) => f.sheets.map((s) => ({ file: f.name, sheet: s })));
  const current: CellFocus | undefined = focus ?? sheetChoices[0];
  const sheet = current ? workspace.sheet(current.file, current.sheet) : undefined;
  return (
    <div className={styles.layout}>
      {listColumn}
      <div className={mergeClasses(styles.column, styles.previewColumn)}>
        {sheetChoices.length > 0 && (
          <Field label={t("previewSheet")} size="small">
            <Select
              size="small"
              value={current ? `${current.file}\u0000${current.sheet}` : ""}
              onChange={(_, d) => {
                const [file, s] = d.value.split("\u0000");
                onFocus({ file, sheet: s });
              }}
            >
              {sheetChoices.map((c) => (
                <option key={`${c.file}\u0000${c.sheet}`} value={`${c.file}\u0000${c.sheet}`}>
                  {`${c.file} · ${c.sheet}`}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {sheet && current ? (
          <Suspense fallback={<Spinner size="tiny" />}>
            <SheetPreview
              file={current.file}
              sheet={sheet}
              findings={(findings ?? []).filter((f) => f.file === current.file && f.sheet === current.sheet)}
              focus={current}
            />
          </Suspense>
        ) : (
          sheetChoices.length > 0 && <Caption1>{t("previewEmpty")}</Caption1>
        )}
      </div>
    </div>
  );
}
