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
 *   3. a few rows of each sheet (their displayed text, SAMPLE_ROWS rows spread over it): what
 *      a cell of that sheet is likely to weigh as Excel returns it;
 *   4. the cells: every sheet's used range is cut into row blocks of at most
 *      CELLS_PER_BLOCK cells, and blocks are packed into requests whose response is expected
 *      to stay within the byte budget (budget.ts: 2.5 MB on the web, where 5 MB is refused;
 *      16 MB on desktop): values, text, numberFormat, formulas (+ per-row hidden state,
 *      ExcelApi 1.9). A cell is expected to weigh 1.5× its sheet's sample, or 1.5× what its
 *      sheet's cells weighed in a response already measured (UTF-8 bytes per cell), whichever
 *      is more. A response Excel on the web still refuses (cells far heavier than sampled) is
 *      read again in requests a quarter as large.
 * So requests = 3 + about ⌈1.5 × bytes of the cells / budget⌉: a 100-district × 500-indicator
 * workbook is read in about 15 requests on the web and 4 on desktop (npm run bench).
 *
 * The add-in's record sheet (record.ts) is never read into the model.
 *
 * Only ExcelApi 1.1 calls are needed; the rest is detected through HostInfo:
 * getUsedRange(valuesOnly) 1.2, workbook.name 1.7, getRowProperties 1.9 (hidden rows),
 * getMergedAreasOrNullObject 1.13. Without them: used range including formatting, the
 * name passed in, no hidden rows, no merged ranges.
 */
import type { Cell, CellValue, MergedRange, Sheet, WorkbookModel } from "../core/model";
import { a1, parseA1 } from "../core/model";
import type { HostInfo } from "../host";
import { jsonBytes, requestBytes } from "./budget";
import { RECORD_SHEET, sameSheetName } from "./record";
import type { RunOptions } from "./run";
import { checkCancelled } from "./run";

/** Cells per range request (one row block). */
export const CELLS_PER_BLOCK = 20_000;
/** The smallest size a cell is taken to have (an empty cell costs about 16 bytes in the four properties). */
const BYTES_PER_CELL_LEAST = 24;
/** Rows of each sheet sampled (their displayed text) to size the first requests. */
const SAMPLE_ROWS = 5;
/** Margin over the measured size. */
const MARGIN = 1.5;

/** Expected bytes per cell of one sheet from the displayed text of some of its rows (values and formulas are about as long; + the format). */
function sampledBytesPerCell(text: unknown[][]): number {
  const cells = text.reduce((n, row) => n + row.length, 0);
  return cells === 0 ? BYTES_PER_CELL_LEAST : (3 * jsonBytes(text)) / cells + 12;
}

export interface ReadOptions extends RunOptions {
  host: HostInfo;
  /** The workbook's name in findings, when the host cannot tell it (before ExcelApi 1.7). */
  name?: string;
  /**
   * Only these sheets (by name; missing names are ignored); a function gets the active
   * sheet's name and returns them. Default: all sheets.
   */
  sheets?: readonly string[] | ((activeSheet: string) => readonly string[]);
  /** Bytes per response; default by platform (budget.ts). */
  bytes?: number;
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
 * requests of at most `budget` bytes, a cell of sheet i costing `bytesPerCell[i]` (a block
 * dearer than the budget gets a request of its own with one row). Pure: the reader's request
 * plan, exported for tests.
 */
export function planBlocks(areas: readonly (UsedArea | null)[], budget: number, cellsPerBlock: number, bytesPerCell: readonly number[] = []): RowBlock[][] {
  const syncs: RowBlock[][] = [];
  let current: RowBlock[] = [];
  let room = budget;
  areas.forEach((area, sheet) => {
    if (!area || area.rows === 0 || area.cols === 0) return;
    const cost = bytesPerCell[sheet] ?? 1;
    let row = area.row;
    const end = area.row + area.rows;
    while (row < end) {
      const fit = Math.floor(Math.min(room / cost, cellsPerBlock) / area.cols);
      if (fit <= 0 && current.length > 0) {
        syncs.push(current);
        current = [];
        room = budget;
        continue;
      }
      const rows = Math.min(Math.max(fit, 1), end - row);
      current.push({ sheet, row, rows });
      room -= rows * area.cols * cost;
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

/** Whether an error is Excel refusing a response for its size (the web's 5 MB). */
function tooLarge(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === "ResponsePayloadSizeLimitExceeded";
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
  const wanted = chosen ? new Set(chosen.map((n) => n.toLowerCase())) : null;
  const sheets = worksheets.items.filter(
    (ws) => (!wanted || wanted.has(ws.name.toLowerCase())) && !(ws.visibility === "VeryHidden" && sameSheetName(ws.name, RECORD_SHEET)),
  );
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
  const budget = options.bytes ?? requestBytes(host);
  const perBlock = options.cellsPerBlock ?? CELLS_PER_BLOCK;
  const total = areas.reduce((n, a) => n + a.rows * a.cols, 0);
  // 3. A few rows of each sheet, spread over it: what a cell of that sheet is likely to weigh.
  const samples = areas.map((area, i) => {
    if (area.rows * area.cols === 0) return null;
    const rows = [...new Set(Array.from({ length: SAMPLE_ROWS }, (_, k) => area.row + Math.floor(((area.rows - 1) * k) / (SAMPLE_ROWS - 1))))];
    return rows.map((r) => {
      const range = sheets[i].getRange(`${a1(r, area.col)}:${a1(r, area.col + area.cols - 1)}`);
      range.load("text");
      return range;
    });
  });
  if (samples.some((s) => s)) await context.sync();
  checkCancelled(signal);
  const perCell = samples.map((ranges) => Math.max(BYTES_PER_CELL_LEAST, MARGIN * sampledBytesPerCell((ranges ?? []).flatMap((r) => r.text))));

  // 4. The cells, in requests of the budget at what each sheet's cells are expected to weigh.
  const left: (UsedArea | null)[] = areas.map((a) => ({ ...a }));
  let done = 0;
  onProgress?.({ stage: "read", done, total });
  while (left.some((a) => a && a.rows > 0)) {
    const [batch] = planBlocks(left, budget, perBlock, perCell);
    const requests = batch.map((block) => {
      const area = areas[block.sheet];
      const address = `${a1(block.row, area.col)}:${a1(block.row + block.rows - 1, area.col + area.cols - 1)}`;
      const range = sheets[block.sheet].getRange(address);
      range.load("values,text,numberFormat,formulas");
      const rowProps = someHidden[block.sheet] ? range.getRowProperties({ rowHidden: true, rowIndex: true }) : null;
      return { block, range, rowProps };
    });
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per batch of chunks: large sheets are read in requests of bounded size on purpose
      await context.sync();
    } catch (e) {
      // Refused for its size (cells far heavier than the sample showed): again, a quarter as large.
      if (!tooLarge(e) || batch.every((b) => b.rows === 1)) throw e;
      for (const b of batch) perCell[b.sheet] *= 4;
      continue;
    }
    checkCancelled(signal);
    for (const { block, range, rowProps } of requests) {
      const sheet = model[block.sheet];
      const area = areas[block.sheet];
      const { values, text, numberFormat, formulas } = range;
      const bytes = jsonBytes(values) + jsonBytes(text) + jsonBytes(numberFormat) + jsonBytes(formulas) + (rowProps ? jsonBytes(rowProps.value) : 0);
      // The sheet's next cells expected to weigh at least what these did.
      perCell[block.sheet] = Math.max(perCell[block.sheet], (MARGIN * bytes) / (block.rows * area.cols));
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
      const rest = left[block.sheet] as UsedArea;
      rest.row += block.rows;
      rest.rows -= block.rows;
      done += block.rows * area.cols;
    }
    onProgress?.({ stage: "read", done, total });
  }
  return { name, sheets: model };
}
