/**
 * Marks on a copy of a district workbook (标记副本): each finding's cell gets a fill by
 * severity and a note with the finding's message (and the clerk's 情况属实 reason, if any).
 * Browser-safe (no fs): the task pane's standalone mode offers the result as a download.
 *
 * Only fills and notes change: values, formulas, number formats and everything else of the
 * original stay as ExcelJS read them.
 */
import ExcelJS from "exceljs";
import { findingsToMark, SEVERITY_INFO, type Finding, type Severity } from "../core/findings";
import { STYLE_COLOURS } from "../core/table-style";

/** Fill colours of marked cells (ARGB): the finding-error / finding-warning styles, as the add-in marks them. */
export const MARK_FILLS: Record<Severity, string> = {
  error: STYLE_COLOURS["finding-error"].fill as string,
  warning: STYLE_COLOURS["finding-warning"].fill as string,
};

/** The note text of the findings on one cell. */
export function markNote(findings: readonly Finding[]): string {
  return findings
    .map((f) => {
      const head = `【${SEVERITY_INFO[f.severity].zh}】${f.message}`;
      return f.confirmation !== undefined ? `${head}\n情况属实：${f.confirmation}` : head;
    })
    .join("\n");
}

/**
 * Loads the original .xlsx bytes and returns new bytes in which the cells of the findings
 * (those with a sheet and a cell; not a confirmed warning) carry a fill and a note. A cell's
 * existing note is kept, with the findings appended below it.
 */
export async function markWorkbookBuffer(data: ArrayBuffer | Uint8Array, findings: readonly Finding[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // ExcelJS's typings ask for a Node Buffer; JSZip underneath takes any Uint8Array.
  await workbook.xlsx.load((data instanceof Uint8Array ? data : new Uint8Array(data)) as unknown as ArrayBuffer);

  const byCell = new Map<string, Finding[]>();
  for (const f of findingsToMark(findings)) {
    if (f.sheet === undefined || f.cell === undefined) continue;
    const key = `${f.sheet}\u0000${f.cell}`;
    byCell.set(key, [...(byCell.get(key) ?? []), f]);
  }
  for (const [key, onCell] of byCell) {
    const [sheetName, address] = key.split("\u0000");
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) continue;
    const cell = sheet.getCell(address);
    const severity: Severity = onCell.some((f) => f.severity === "error") ? "error" : "warning";
    // ExcelJS shares one style object among cells read with the same style: give this cell its own.
    cell.style = { ...cell.style, fill: { type: "pattern", pattern: "solid", fgColor: { argb: MARK_FILLS[severity] } } };
    const prior = noteText(cell.note);
    cell.note = prior ? `${prior}\n${markNote(onCell)}` : markNote(onCell);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer as ArrayBuffer);
}

function noteText(note: ExcelJS.Cell["note"]): string {
  if (!note) return "";
  if (typeof note === "string") return note;
  return (note.texts ?? []).map((t) => t.text).join("");
}
