/**
 * The Office.js reader: fills the workbook model (src/core/model.ts) from the open workbook,
 * as src/files/read.ts does from an .xlsx file. It does not interpret values: numbers stay
 * numbers with their number format (a date is its serial number with a date format, which
 * the core reads), formulas give their calculated value, and `text` is what Excel displays.
 *
 * Requests (context.sync) are batched and their number does not depend on the rows:
 *   1. the sheet list (names, visibility), and the workbook's name (ExcelApi 1.7);
 *   2. every sheet's used range dimensions (+ merged areas, ExcelApi 1.13; + whether any
 *      row is hidden, ExcelApi 1.2);
 *   3. the cells: every sheet's used range is cut into row blocks of at most
 *      CELLS_PER_BLOCK cells, and blocks are packed into syncs of at most `cellsPerSync`
 *      cells (values, text, numberFormat, formulas; + per-row hidden state, ExcelApi 1.9).
 * So syncs = 2 + ceil(cells / cellsPerSync). Excel on the web limits a request's and a
 * response's payload to 5 MB; there `cellsPerSync` is 20,000 cells (four properties each:
 * under 5 MB even at 200 bytes a cell, e.g. long Chinese remarks). Desktop Excel has no such
 * limit: 500,000 cells per sync, so a workbook of up to half a million used cells (a 50,000
 * row × 10 column submission) is read in 3 syncs whatever its number of rows.
 *
 * Only ExcelApi 1.1 calls are needed; the rest is detected through HostInfo:
 * getUsedRange(valuesOnly) 1.2, workbook.name 1.7, getRowProperties 1.9 (hidden rows),
 * getMergedAreasOrNullObject 1.13. Without them: used range including formatting, the
 * name passed in, no hidden rows, no merged ranges.
 */
import type { Cell, CellValue, MergedRange, Sheet, WorkbookModel } from "../core/model";
import { a1, parseA1 } from "../core/model";
import type { HostInfo } from "../host";
import type { RunOptions } from "./run";
import { checkCancelled } from "./run";

/** Cells per range request (one row block). */
export const CELLS_PER_BLOCK = 20_000;
/** Cells per context.sync() in Excel on the web (5 MB payload limit). */
export const CELLS_PER_SYNC_WEB = 20_000;
/** Cells per context.sync() in desktop Excel (no payload limit; bounds memory). */
export const CELLS_PER_SYNC_DESKTOP = 500_000;

export interface ReadOptions extends RunOptions {
  host: HostInfo;
  /** The workbook's name in findings, when the host cannot tell it (before ExcelApi 1.7). */
  name?: string;
  /**
   * Only these sheets (by name; missing names are ignored); a function gets the active
   * sheet's name and returns them. Default: all sheets.
   */
  sheets?: readonly string[] | ((activeSheet: string) => readonly string[]);
  /** Cells per sync; default by platform (CELLS_PER_SYNC_WEB or CELLS_PER_SYNC_DESKTOP). */
  cellsPerSync?: number;
  /** Cells per range request; default CELLS_PER_BLOCK. */
  cellsPerBlock?: number;
}

/** The part of a sheet's used range one request reads. */
export interface RowBlock {
  sheet: number;
  /** 0-based absolute first row, and the number of rows. */
  row: number;
  rows: number;
}

export interface UsedArea {
  /** 0-based absolute first row and column. */
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * Cuts used areas into row blocks of at most `cellsPerBlock` cells and packs the blocks into
 * syncs of at most `cellsPerSync` cells (a block wider than the budget gets a sync of its own
 * with one row). Pure: the reader's request plan, exported for tests and the bench.
 */
export function planBlocks(areas: readonly (UsedArea | null)[], cellsPerSync: number, cellsPerBlock: number): RowBlock[][] {
  const syncs: RowBlock[][] = [];
  let current: RowBlock[] = [];
  let room = cellsPerSync;
  areas.forEach((area, sheet) => {
    if (!area || area.rows === 0 || area.cols === 0) return;
    let row = area.row;
    const end = area.row + area.rows;
    while (row < end) {
      const fit = Math.floor(Math.min(room, cellsPerBlock) / area.cols);
      if (fit <= 0) {
        if (current.length > 0) {
          syncs.push(current);
          current = [];
          room = cellsPerSync;
          continue;
        }
      }
      const rows = Math.min(Math.max(fit, 1), end - row);
      current.push({ sheet, row, rows });
      room -= rows * area.cols;
      row += rows;
    }
  });
  if (current.length > 0) syncs.push(current);
  return syncs;
}

/** "Sheet1!A1:B2, 'My sheet'!C3" → the ranges, 0-based inclusive. */
export function parseAreas(address: string): MergedRange[] {
  const out: MergedRange[] = [];
  // Commas inside a quoted sheet name are not separators; a quote inside one is doubled.
  const parts = address.match(/(?:'(?:[^']|'')*'|[^,'])+/g) ?? [];
  for (const part of parts) {
    const local = part.slice(part.lastIndexOf("!") + 1).trim();
    if (!local) continue;
    const [from, to = from] = local.split(":");
    try {
      const a = parseA1(from);
      const b = parseA1(to);
      out.push({ top: a.row, left: a.col, bottom: b.row, right: b.col });
    } catch {
      // A whole-row or whole-column area ("1:3", "A:B") is not a merge Excel allows.
    }
  }
  return out;
}

function cellValue(v: unknown): CellValue {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** One cell of the model from the four loaded properties; undefined when the cell is empty. */
function toCell(value: unknown, text: unknown, numberFormat: unknown, formula: unknown): Cell | undefined {
  const isFormula = typeof formula === "string" && formula.startsWith("=");
  const v = cellValue(value);
  if (v === null && !isFormula) return undefined;
  const cell: Cell = { value: v, text: typeof text === "string" ? text : v === null ? "" : String(v) };
  if (typeof numberFormat === "string" && numberFormat !== "" && numberFormat.toLowerCase() !== "general") {
    cell.numFmt = numberFormat;
  }
  if (isFormula) cell.formula = (formula as string).slice(1);
  return cell;
}

function defaultCellsPerSync(host: HostInfo): number {
  return host.platform === "OfficeOnline" ? CELLS_PER_SYNC_WEB : CELLS_PER_SYNC_DESKTOP;
}

/** Reads the open workbook (or the named sheets) into the workbook model. */
export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions): Promise<WorkbookModel> {
  const { host, signal, onProgress } = options;
  const workbook = context.workbook;

  // 1. The sheets.
  const worksheets = workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  if (host.supports("ExcelApi", "1.7")) workbook.load("name");
  const active = typeof options.sheets === "function" ? worksheets.getActiveWorksheet() : null;
  active?.load("name");
  await context.sync();
  checkCancelled(signal);
  const chosen = typeof options.sheets === "function" ? options.sheets((active as Excel.Worksheet).name) : options.sheets;
  const wanted = chosen ? new Set(chosen) : null;
  const sheets = worksheets.items.filter((ws) => !wanted || wanted.has(ws.name));
  const name = (host.supports("ExcelApi", "1.7") && workbook.name) || options.name || "当前工作簿";

  // 2. Used ranges, merged areas, hidden rows (whether any).
  const valuesOnly = host.supports("ExcelApi", "1.2");
  const canMerges = host.supports("ExcelApi", "1.13");
  const canRowProps = host.supports("ExcelApi", "1.9");
  const used = sheets.map((ws) => {
    const range = valuesOnly ? ws.getUsedRange(true) : ws.getUsedRange();
    range.load(valuesOnly ? "rowIndex,columnIndex,rowCount,columnCount,rowHidden" : "rowIndex,columnIndex,rowCount,columnCount");
    const merged = canMerges ? range.getMergedAreasOrNullObject() : null;
    merged?.load("address");
    return { range, merged };
  });
  await context.sync();
  checkCancelled(signal);
  const areas: UsedArea[] = used.map(({ range }) => ({
    row: range.rowIndex,
    col: range.columnIndex,
    rows: range.rowCount,
    cols: range.columnCount,
  }));

  // 3. The cells, in row blocks packed into syncs.
  const model: Sheet[] = sheets.map((ws, i) => {
    const sheet: Sheet = { name: ws.name, rows: [], merges: [], hiddenRows: [] };
    if (ws.visibility !== "Visible") sheet.hidden = true;
    const merged = used[i].merged;
    if (merged && !merged.isNullObject && merged.address) sheet.merges = parseAreas(merged.address);
    for (let r = 0; r < areas[i].row + areas[i].rows; r++) sheet.rows[r] = [];
    return sheet;
  });
  // rowHidden is false when no row of the range is hidden: then no per-row request is needed.
  const someHidden = used.map(({ range }) => canRowProps && valuesOnly && range.rowHidden !== false);
  const plan = planBlocks(areas, options.cellsPerSync ?? defaultCellsPerSync(host), options.cellsPerBlock ?? CELLS_PER_BLOCK);
  const total = areas.reduce((n, a) => n + a.rows * a.cols, 0);
  let done = 0;
  onProgress?.({ stage: "read", done, total });
  for (const batch of plan) {
    const requests = batch.map((block) => {
      const area = areas[block.sheet];
      const address = `${a1(block.row, area.col)}:${a1(block.row + block.rows - 1, area.col + area.cols - 1)}`;
      const range = sheets[block.sheet].getRange(address);
      range.load("values,text,numberFormat,formulas");
      const rowProps = someHidden[block.sheet] ? range.getRowProperties({ rowHidden: true, rowIndex: true }) : null;
      return { block, range, rowProps };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per batch of chunks: large sheets are read in bounded requests on purpose
    await context.sync();
    checkCancelled(signal);
    for (const { block, range, rowProps } of requests) {
      const sheet = model[block.sheet];
      const area = areas[block.sheet];
      const { values, text, numberFormat, formulas } = range;
      for (let r = 0; r < block.rows; r++) {
        const row = sheet.rows[block.row + r];
        const v = values[r] ?? [];
        const t = text[r] ?? [];
        const n = numberFormat[r] ?? [];
        const f = formulas[r] ?? [];
        for (let c = 0; c < area.cols; c++) {
          const cell = toCell(v[c], t[c], n[c], f[c]);
          if (cell) row[area.col + c] = cell;
        }
      }
      for (const props of rowProps?.value ?? []) {
        if (props.rowHidden && typeof props.rowIndex === "number") sheet.hiddenRows.push(props.rowIndex);
      }
      done += block.rows * area.cols;
    }
    onProgress?.({ stage: "read", done, total });
  }
  return { name, sheets: model };
}
