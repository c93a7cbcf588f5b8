/**
 * What both readers (the .xlsx/.xlsm scanner and the .xls/.ods path through SheetJS) share:
 * the read limits, number formats by id, Excel serial dates, and the builder that puts cells
 * into a model sheet — checking every limit as it goes, refusing a second value for a cell,
 * and recording read problems instead of guessing.
 */
import { isDateFormat } from "../core/period";
import { a1, type Cell, type CellValue, type MergedRange, type ReadProblem, type Sheet } from "../core/model";
import type { ReadProblemKind } from "../core/findings";
import { msg, render, type MessageData, type Param } from "../core/messages";

/**
 * Bounds on what one workbook may make the reader hold. A sheet over a bound is not read (a
 * `sheet-too-large` finding names the bound); a workbook-wide part over one (the shared
 * strings, the styles) makes the whole file too large.
 */
export interface ReadLimits {
  /** Uncompressed bytes of one part (a sheet's XML, the shared strings…). */
  partBytes: number;
  /** Uncompressed bytes of all the parts read from one file. */
  totalBytes: number;
  /** Rows of a sheet: Excel's own limit; a cell beyond it is not from Excel. */
  rows: number;
  /** Columns of a sheet: Excel's own limit (XFD). */
  columns: number;
  /** Cells holding something, in the whole workbook: what bounds the model's memory. */
  cells: number;
  /** Entries of the shared-string table. */
  sharedStrings: number;
  /** Bytes of an .xls/.ods file handed to SheetJS (it loads the whole file). */
  legacyFileBytes: number;
}

const MB = 1024 * 1024;

export const READ_LIMITS: Readonly<ReadLimits> = {
  partBytes: 128 * MB,
  totalBytes: 256 * MB,
  rows: 1_048_576,
  columns: 16_384,
  cells: 3_000_000,
  sharedStrings: 1_000_000,
  legacyFileBytes: 64 * MB,
};

/** A bound passed; `limit` names it for the finding (a message of the catalogue's `readLimit` section: "1048576 行", "解压后 128 MB"). */
export class OverLimit extends Error {
  constructor(readonly limit: MessageData) {
    super(`over the limit of ${render(limit, "en")}`);
    this.name = "OverLimit";
  }
}

const mb = (bytes: number) => Math.round(bytes / MB);

export const overLimit = {
  part: (l: ReadLimits) => new OverLimit(msg("readLimit.part", { mb: mb(l.partBytes) })),
  total: (l: ReadLimits) => new OverLimit(msg("readLimit.total", { mb: mb(l.totalBytes) })),
  rows: (l: ReadLimits) => new OverLimit(msg("readLimit.rows", { n: l.rows })),
  columns: (l: ReadLimits) => new OverLimit(msg("readLimit.columns", { n: l.columns })),
  cells: (l: ReadLimits) => new OverLimit(msg("readLimit.cells", { n: l.cells })),
  sharedStrings: (l: ReadLimits) => new OverLimit(msg("readLimit.sharedStrings", { n: l.sharedStrings })),
  fileBytes: (l: ReadLimits) => new OverLimit(msg("readLimit.fileBytes", { mb: mb(l.legacyFileBytes) })),
};

/**
 * Built-in number formats by id (ECMA-376 §18.8.30), with the zh-CN codes of the East Asian
 * ids (27–36, 50–58) that Chinese Excel writes for its date formats (yyyy"年"m"月"d"日" is 31).
 */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** The model's format code: undefined for General. */
export function modelFormat(code: string | undefined): string | undefined {
  return code === undefined || code === "" || code.toLowerCase() === "general" ? undefined : code;
}

/** The latest serial Excel shows as a date (9999-12-31 in the 1900 system). */
const MAX_SERIAL = 2958465;

/**
 * An Excel serial day number as a date (midnight UTC for whole days, as every adapter gives
 * dates), in the 1900 or the 1904 date system; undefined outside the dates Excel shows.
 */
export function serialToDate(serial: number, date1904: boolean): Date | undefined {
  if (!(serial >= 0 && serial <= MAX_SERIAL)) return undefined;
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** At most 40 characters of a cell's text, for a message. */
export function excerpt(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function sameValue(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

function shown(v: CellValue): string {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return excerpt(v === null ? "" : String(v));
}

/** A model cell of a value, its format code (or undefined) and formula (or undefined). */
export function makeCell(value: CellValue, numFmt: string | undefined, formula: string | undefined): Cell {
  const cell: Cell = { value, text: typeof value === "string" ? value : "" };
  if (numFmt !== undefined) cell.numFmt = numFmt;
  if (formula) cell.formula = formula;
  return cell;
}

/** A number from the file as the model holds it: a Date where the format shows a date. */
export function numberValue(n: number, numFmt: string | undefined, date1904: boolean): CellValue | undefined {
  if (numFmt !== undefined && isDateFormat(numFmt)) return serialToDate(n, date1904);
  return n;
}

/**
 * Cells counted against the workbook's limit, shared by the sheets of one workbook: a sheet
 * over it gives its cells back, since it is not read.
 */
export class CellBudget {
  used = 0;
  constructor(readonly limits: ReadLimits) {}
}

/** Builds one model sheet; throws OverLimit when a bound is passed. */
export class SheetBuilder {
  private readonly rows: (Cell | undefined)[][] = [];
  private readonly hidden = new Set<number>();
  private readonly merges: MergedRange[] = [];
  private readonly problems: ReadProblem[] = [];
  private cells = 0;

  constructor(private readonly budget: CellBudget) {}

  /** Checks a position against the row and column limits. */
  checkPosition(r: number, c: number): void {
    const l = this.budget.limits;
    if (r >= l.rows) throw overLimit.rows(l);
    if (c >= l.columns) throw overLimit.columns(l);
  }

  /**
   * Puts a cell. A cell already there with another value is a read problem on it (the first
   * value stays in the model, and validation keeps it out of consolidation); with the same
   * value, nothing is chosen and nothing is said. `repeatedRow` names the row when the second
   * value comes from the row element stored twice.
   */
  put(r: number, c: number, cell: Cell, repeatedRow?: boolean): void {
    this.checkPosition(r, c);
    let row = this.rows[r];
    if (!row) row = this.rows[r] = [];
    const before = row[c];
    if (before) {
      if (sameValue(before.value, cell.value) && before.formula === cell.formula) return;
      const params = { first: shown(before.value), second: shown(cell.value) };
      if (repeatedRow) this.problem("row-duplicate", r, c, { row: r + 1, ...params });
      else this.problem("cell-duplicate", r, c, params);
      return;
    }
    const l = this.budget.limits;
    if (++this.budget.used > l.cells) throw overLimit.cells(l);
    this.cells++;
    row[c] = cell;
  }

  /** Whether a row already holds a cell (a row element seen twice). */
  hasRow(r: number): boolean {
    return this.rows[r] !== undefined;
  }

  /** A read problem on a cell, or on the sheet when r is undefined. */
  problem(kind: ReadProblemKind, r: number | undefined, c: number | undefined, params?: Record<string, Param>): void {
    const p: ReadProblem = { kind };
    if (r !== undefined && c !== undefined) p.cell = a1(r, c);
    if (params) p.params = params;
    if (!this.problems.some((q) => q.kind === p.kind && q.cell === p.cell)) this.problems.push(p);
  }

  /** One past the last row holding a cell. */
  rowCount(): number {
    return this.rows.length;
  }

  hideRow(r: number): void {
    this.hidden.add(r);
  }

  merge(range: MergedRange): void {
    if (range.bottom > range.top || range.right > range.left) this.merges.push(range);
  }

  /** Gives the sheet's cells back to the workbook's budget (the sheet is not read). */
  release(): void {
    this.budget.used -= this.cells;
    this.cells = 0;
  }

  /**
   * The model sheet. Only the top-left cell of a merged range keeps a value (what Excel shows);
   * rows reach the last row holding a cell or a merged range; a hidden row is listed when it
   * holds a cell (hiding an empty row hides nothing a reader needs).
   */
  finish(name: string, hidden: boolean): Sheet {
    const rows = this.rows;
    let last = rows.length;
    for (const m of this.merges) {
      for (let r = m.top; r <= m.bottom; r++) {
        const row = rows[r];
        if (!row) continue;
        for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && row[c]) delete row[c];
      }
      last = Math.max(last, m.bottom + 1);
    }
    for (let r = 0; r < last; r++) if (!rows[r]) rows[r] = [];
    const hiddenRows = [...this.hidden].filter((r) => rows[r] !== undefined && rows[r].some((c) => c !== undefined)).sort((a, b) => a - b);
    const sheet: Sheet = { name, rows, merges: this.merges, hiddenRows };
    if (hidden) sheet.hidden = true;
    if (this.problems.length > 0) sheet.problems = this.problems;
    return sheet;
  }

  /** A sheet that could not be read: its name, no rows, the problem saying why. */
  static unread(name: string, hidden: boolean, kind: ReadProblemKind, params: Record<string, Param>): Sheet {
    const sheet: Sheet = { name, rows: [], merges: [], hiddenRows: [], problems: [{ kind, params }] };
    if (hidden) sheet.hidden = true;
    return sheet;
  }
}
