/**
 * Where a clerk's 情况属实 travels (确认记录): a very hidden sheet CONFIRMATIONS_SHEET
 * ("_indicators") inside the district workbook, one row per confirmation. Every reader sees
 * it, because every adapter fills the workbook model with hidden sheets too: the add-in
 * (src/excel) writes it and reads it back, and the command line and the pane's file mode
 * (src/files, ExcelJS) read it from the file, so compile shows the reason in 问题清单:
 *
 *   readConfirmations(model)                       // any WorkbookModel
 *   mergeConfirmations(stored, sessionDecisions)   // the page's 情况属实 / 撤销确认 over them
 *   applyConfirmations(findings, confirmations)    // what checkWorkbooks (src/core/check.ts) does
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
import { FINDING_KINDS, type Finding, type FindingKind } from "./findings";
import type { Sheet, WorkbookModel } from "./model";
import { CONFIRMATIONS_SHEET } from "./sheets";

/** Which finding a confirmation is of. */
export interface ConfirmationTarget {
  /** File name; absent: any file (the open workbook inside Excel, whatever its file is called). */
  file?: string;
  sheet: string;
  /** A1 address of the finding's cell; absent for a finding without a cell. */
  cell?: string;
  /** The finding's kind; absent: any finding on that cell. */
  kind?: FindingKind;
}

/** A clerk's 情况属实 for one finding: which finding, the reason, and when (ISO date-time) when known. */
export interface Confirmation extends ConfirmationTarget {
  reason: string;
  at?: string;
}

/** A confirmation withdrawn in this session (撤销确认), of one stored in the workbook or given earlier. */
export interface Withdrawal extends ConfirmationTarget {
  withdrawn: true;
}

/**
 * What a clerk decided in a session that has no workbook to write into (the page on files):
 * confirmations given and withdrawn, in order. Merged over the confirmations a workbook carries
 * (mergeConfirmations); the page's marked copy writes the merged list into the copy.
 */
export type ConfirmationDecision = Confirmation | Withdrawal;

/** The record kind of a confirmation row (the first column). */
const CONFIRMED = "情况属实";

export const CONFIRMATION_HEADER = ["记录", "工作表", "单元格", "问题种类", "原因", "时间"] as const;

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v).trim());

function isKind(k: string): k is FindingKind {
  return Object.prototype.hasOwnProperty.call(FINDING_KINDS, k);
}

/** The confirmations of a record sheet; rows that are not a valid confirmation are skipped. */
export function parseConfirmationSheet(sheet: Sheet): Confirmation[] {
  const out: Confirmation[] = [];
  for (const row of sheet.rows.slice(1)) {
    const cells = (row ?? []).map((c) => text(c?.value));
    const [kindOfRecord, sheetName, cell, kind, reason, at] = cells;
    if (kindOfRecord !== CONFIRMED || !sheetName || !reason) continue;
    if (kind && !isKind(kind)) continue;
    const c: Confirmation = { sheet: sheetName, reason };
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
export function readConfirmations(wb: WorkbookModel, file: string = wb.name): Confirmation[] {
  const sheet = wb.sheets.find((s) => s.name === CONFIRMATIONS_SHEET);
  return sheet ? parseConfirmationSheet(sheet).map((c) => ({ ...c, file })) : [];
}

/** The record sheet's cells (header first), every cell a string; the file a confirmation is bound to is not written. */
export function confirmationRows(list: readonly Confirmation[]): string[][] {
  return [
    [...CONFIRMATION_HEADER],
    ...list.map((c) => [CONFIRMED, c.sheet, c.cell ?? "", c.kind ?? "", c.reason, c.at ?? ""]),
  ];
}

const cellKey = (cell: string | undefined): string => (cell ?? "").toUpperCase();

/**
 * The one confirmation matcher. `exact`: whether two targets are the same (file, sheet, cell
 * and kind all equal: replacing and withdrawing a confirmation). Otherwise whether confirmation
 * `c` covers `target` (a finding): a confirmation without a file covers any file, one without a
 * kind any finding on its cell. Cells compare in any case (d7 is D7).
 */
export function matchesTarget(c: ConfirmationTarget, target: ConfirmationTarget | Finding, exact = false): boolean {
  if (c.sheet !== target.sheet || cellKey(c.cell) !== cellKey(target.cell)) return false;
  if (exact) return c.file === target.file && c.kind === target.kind;
  return (c.file === undefined || c.file === target.file) && (c.kind === undefined || c.kind === target.kind);
}

/** The list with `c` added, replacing an earlier confirmation of the same target. */
export function withConfirmation(list: readonly Confirmation[], c: Confirmation): Confirmation[] {
  return [...list.filter((x) => !matchesTarget(x, c, true)), c];
}

/** The list without the confirmation of that target. */
export function withoutConfirmation(list: readonly Confirmation[], target: ConfirmationTarget): Confirmation[] {
  return list.filter((x) => !matchesTarget(x, target, true));
}

/** The confirmations a workbook carries with a session's decisions applied in order. */
export function mergeConfirmations(stored: readonly Confirmation[], decisions: readonly ConfirmationDecision[]): Confirmation[] {
  let list = [...stored];
  for (const d of decisions) {
    if ("withdrawn" in d) list = withoutConfirmation(list, d);
    else list = withConfirmation(list, d);
  }
  return list;
}

/** The findings with the clerk's 情况属实 of each attached (a new array; findings are not mutated). */
export function applyConfirmations(findings: readonly Finding[], confirmations: readonly Confirmation[]): Finding[] {
  if (confirmations.length === 0) return [...findings];
  return findings.map((f) => {
    const c = confirmations.find((x) => matchesTarget(x, f));
    if (!c) return f;
    const { confirmed: _earlier, ...rest } = f;
    return { ...rest, confirmed: c.at ? { reason: c.reason, at: c.at } : { reason: c.reason } };
  });
}
