/**
 * The table model (表格模型): what the engine hands to every renderer. The .xlsx writer
 * (src/files), the sheets the add-in writes (src/excel) and the browser's download all
 * render these same tables, so they cannot drift apart. Styles are named by meaning;
 * each renderer maps a style to fills and fonts.
 */

/** Styles by meaning; renderers own the colours. */
export type CellStyle =
  | "title"
  | "subtitle"
  | "header"
  | "group"
  | "status-met"
  | "status-on-track"
  | "status-behind"
  | "status-no-data"
  | "attention"
  | "finding-error"
  | "finding-warning"
  | "input"
  | "muted";

/** Number formats by meaning; renderers map them to format codes. */
export type NumberFormat =
  | { kind: "number"; decimals: number }
  | { kind: "percent"; decimals: number }
  | { kind: "integer" }
  | { kind: "text" };

/**
 * A cell object (even with a null value) is part of the table grid and gets a thin border,
 * unless its style is title, subtitle or muted (text outside the grid). A null entry in a
 * row is an untouched cell.
 */
export interface TableCell {
  /**
   * A number stays a number. A string is ALWAYS written as text, never as a formula,
   * whatever it begins with (=, +, -, @): text from submissions must not become formulas.
   */
  value: string | number | null;
  style?: CellStyle;
  format?: NumberFormat;
  /** A note explaining the cell (a finding's message, say). */
  note?: string;
  /** Horizontal alignment; default: numbers right, text left, headers and statuses centred. */
  align?: "left" | "center" | "right";
  /** Columns this cell spans to the right (merged), default 1. */
  colSpan?: number;
}

export interface TableColumn {
  /** Width in characters. */
  width: number;
}

/** Data validation for input cells of a template (数据有效性). */
export interface InputValidation {
  /** 0-based row and column of the input cell within the table. */
  row: number;
  col: number;
  /** decimal: a number within [min, max]; text: any text (unlocked, prompt only). */
  kind: "decimal" | "text";
  min?: number;
  max?: number;
  /** Shown to the clerk when the input is rejected or as a prompt. */
  prompt: string;
  /** Short title of the prompt and of the error box (Excel keeps 32 characters). */
  title?: string;
}

export interface TableModel {
  /** Sheet name. */
  name: string;
  columns: TableColumn[];
  /** rows[r][c]; null entries are empty cells. */
  rows: (TableCell | null)[][];
  /** Rows at the top that stay visible (frozen) and repeat when printed. */
  headerRows: number;
  /** Columns at the left that stay visible (frozen) when scrolling right; default 0. */
  frozenColumns?: number;
  /** Print setup. */
  print?: { landscape: boolean; fitToWidth: boolean; header?: string };
  /** Inputs a clerk fills (templates): unlocked cells with validation; the rest is protected. */
  inputs?: InputValidation[];
  /** Protect the sheet (without a password) so only inputs can be edited. */
  protect?: boolean;
  /** Sheet is hidden (the plan carried inside a template). */
  hidden?: boolean;
}
