/**
 * The workbook model (工作簿模型): what every adapter produces and the engine reads.
 * A workbook file (.xlsx/.xlsm/.xls/.ods), an open workbook (Office.js) or a file picked in
 * the browser all fill these same plain, serialisable structures; no adapter interprets values
 * itself. What a reader could not read is carried too, as read problems, and validation reports
 * each one: nothing of a file is left out without a word.
 */
import type { ReadProblemKind } from "./findings";
import type { Param } from "./messages/types";
import { periodKey } from "./format";

/** A cell's stored value; for a formula, its cached result. Dates come as Date. */
export type CellValue = string | number | boolean | Date | null;

export interface Cell {
  /** Stored value (for a formula: the cached result, or null when there is none). */
  value: CellValue;
  /** Displayed text when the source knows it (Office.js does; ExcelJS does not: ""). */
  text: string;
  /** Number format code ("0.0%", "General", …), when not General. */
  numFmt?: string;
  /** Formula without the leading "=", when the cell holds one. */
  formula?: string;
}

/** A merged range, 0-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Something of a sheet the file holds but the reader could not take as the file's format says:
 * the sheet's part missing, damaged or over a bound (then the sheet has no rows), or one cell
 * (stored twice with two values, a shared string that does not exist, a number that is not
 * finite, a date that is not one; that cell is then absent or holds its first value).
 */
export interface ReadProblem {
  kind: ReadProblemKind;
  /** A1 address of the cell concerned; absent when the problem is the whole sheet's. */
  cell?: string;
  /** The finding's message parameters (the sheet's name is added by validation). */
  params?: Record<string, Param>;
}

export interface Sheet {
  name: string;
  /** rows[r][c], 0-based; absent or undefined entries are empty cells. */
  rows: (Cell | undefined)[][];
  merges: MergedRange[];
  /** 0-based indexes of hidden rows. */
  hiddenRows: number[];
  /** True when the whole sheet is hidden (hidden or veryHidden). */
  hidden?: boolean;
  /** What the reader could not read of this sheet, when anything. */
  problems?: ReadProblem[];
}

export interface WorkbookModel {
  /** The file name (or the open workbook's name) used in findings. */
  name: string;
  sheets: Sheet[];
}

/** The cell at (r, c), or undefined when empty. */
export function cellAt(sheet: Sheet, r: number, c: number): Cell | undefined {
  return sheet.rows[r]?.[c];
}

/** True when a cell holds nothing a reader could see. */
export function isEmptyCell(cell: Cell | undefined): boolean {
  if (!cell) return true;
  if (cell.value === null || cell.value === undefined) return cell.text.trim() === "";
  return typeof cell.value === "string" && cell.value.trim() === "" && cell.text.trim() === "";
}

/** The text a cell shows: its displayed text, else its value written out (a date as 2018-06). */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return "";
  if (cell.text.trim() !== "") return cell.text.trim();
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return periodKey({ year: v.getUTCFullYear(), month: v.getUTCMonth() + 1 });
  return String(v).trim();
}

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based (row, col) → "A1" address. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** "B12" → { row: 11, col: 1 } (0-based); throws on anything else. */
export function parseA1(address: string): { row: number; col: number } {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) throw new Error(`not an A1 address: ${address}`);
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
