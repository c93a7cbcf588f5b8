/**
 * Where a clerk's 情况属实 travels (确认记录): a very hidden sheet CONFIRMATIONS_SHEET
 * ("_indicators") inside the district workbook, one row per confirmation. Every reader sees
 * it, because every adapter fills the workbook model with hidden sheets too: the add-in
 * (src/excel) writes it and reads it back, and the command line and the pane's file mode
 * (src/files, ExcelJS) read it from the file, so compile shows the reason in 问题清单:
 *
 *   const confirmations = models.flatMap((m) => readConfirmations(m));   // any WorkbookModel
 *   compile(plan, results, { confirmations })                           // or applyConfirmations
 *
 * Why a sheet and not the add-in's settings or a custom XML part: those are not part of the
 * workbook model, ExcelJS does not read them, and WPS / LibreOffice drop add-in settings when
 * they save; a sheet survives every spreadsheet program a clerk may use.
 *
 * Layout (row 1 a header, then one row per confirmation, all cells text):
 *   记录 | 工作表 | 单元格 | 问题种类 | 原因 | 时间
 *   情况属实 | 吴兴区 | D7 | unknown-indicator | 本区新增指标，已报市局 | 2018-07-03T09:12:00.000Z
 * The sheet has no 填报单位, so validation never takes it for a submission.
 */
import { FINDING_KINDS, type FindingKind } from "./findings";
import type { Sheet, WorkbookModel } from "./model";
import { CONFIRMATIONS_SHEET } from "./sheets";

/** A clerk's 情况属实 for one finding: which finding, and the reason the clerk gave. */
export interface Confirmation {
  /** File name; absent: any file (the open workbook inside Excel). */
  file?: string;
  sheet: string;
  /** A1 address of the finding's cell; absent for a finding without a cell. */
  cell?: string;
  /** The finding's kind; absent: any finding on that cell. */
  kind?: FindingKind;
  reason: string;
}

/** The record kind of a confirmation row (the first column). */
const CONFIRMED = "情况属实";

export const CONFIRMATION_HEADER = ["记录", "工作表", "单元格", "问题种类", "原因", "时间"] as const;

/** A confirmation as stored: with when it was given. */
export interface StoredConfirmation extends Confirmation {
  /** ISO date-time the clerk confirmed. */
  at?: string;
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

function isKind(k: string): k is FindingKind {
  return Object.prototype.hasOwnProperty.call(FINDING_KINDS, k);
}

/** The confirmations of a record sheet; rows that are not a valid confirmation are skipped. */
export function parseConfirmationSheet(sheet: Sheet): StoredConfirmation[] {
  const out: StoredConfirmation[] = [];
  for (const row of sheet.rows.slice(1)) {
    const cells = (row ?? []).map((c) => text(c?.value));
    const [kindOfRecord, sheetName, cell, kind, reason, at] = cells;
    if (kindOfRecord !== CONFIRMED || !sheetName || !reason) continue;
    if (kind && !isKind(kind)) continue;
    const c: StoredConfirmation = { sheet: sheetName, reason };
    if (cell) c.cell = cell.toUpperCase();
    if (kind) c.kind = kind as FindingKind;
    if (at) c.at = at;
    out.push(c);
  }
  return out;
}

/**
 * The confirmations carried inside a workbook (none when it has no record sheet), each bound
 * to `file` (default the workbook's name: the file name its findings carry), so that
 * confirmations of one district file never match findings of another.
 */
export function readConfirmations(wb: WorkbookModel, file: string = wb.name): StoredConfirmation[] {
  const sheet = wb.sheets.find((s) => s.name === CONFIRMATIONS_SHEET);
  return sheet ? parseConfirmationSheet(sheet).map((c) => ({ ...c, file })) : [];
}

/** The record sheet's cells (header first), every cell a string. */
export function confirmationRows(list: readonly StoredConfirmation[]): string[][] {
  return [
    [...CONFIRMATION_HEADER],
    ...list.map((c) => [CONFIRMED, c.sheet, c.cell ?? "", c.kind ?? "", c.reason, c.at ?? ""]),
  ];
}

const sameTarget = (a: Confirmation, b: Pick<Confirmation, "sheet" | "cell" | "kind">): boolean =>
  a.sheet === b.sheet && (a.cell ?? "").toUpperCase() === (b.cell ?? "").toUpperCase() && (a.kind ?? "") === (b.kind ?? "");

/** The list with `c` added, replacing an earlier confirmation of the same sheet, cell and kind. */
export function withConfirmation(list: readonly StoredConfirmation[], c: StoredConfirmation): StoredConfirmation[] {
  return [...list.filter((x) => !sameTarget(x, c)), c];
}

/** The list without the confirmation of that sheet, cell and kind. */
export function withoutConfirmation(list: readonly StoredConfirmation[], target: Pick<Confirmation, "sheet" | "cell" | "kind">): StoredConfirmation[] {
  return list.filter((x) => !sameTarget(x, target));
}
