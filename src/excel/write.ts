/**
 * The Office.js writer: renders tables of the table model (src/core/table.ts) into sheets of
 * the open workbook, looking like the .xlsx output (the same style map, src/core/table-style.ts).
 *
 * - Sheets the add-in created are in the record (record.ts): writing again replaces them;
 *   removeResultSheets deletes exactly them. A user's sheet of the same name is never touched
 *   without asking: writeTables returns the conflicts (onConflict "ask"), writes beside it as
 *   "中期评估表 (2)" ("rename"), or replaces it when the user said so ("replace").
 * - Text stays text: every string cell gets the Text number format ("@") before the values
 *   are assigned, so Excel takes "=1+1", "+86…", "-", "@x", "2018-06" or "50%" literally, as
 *   when typing into a Text cell, instead of making a formula, a date or a number. Values go
 *   in with one range.values assignment per table, formats with one numberFormat assignment.
 * - Styles: fills, fonts, borders and alignment per rectangle of cells of one look (no request
 *   per cell). Merges (ExcelApi 1.2), column widths and row heights (1.2), frozen header
 *   (1.7), data validation (1.8), print setup (1.9), notes (1.18) or comments (1.10) are used
 *   where the host has them; without them the sheets are written plainer, with a notice.
 * - Requests: 2 syncs whatever the size (the sheet names, then every write), +1 for the print
 *   setup and the chart (kept apart so that a host refusing them cannot undo the sheets).
 */
import { msg, type MessageData } from "../core/messages";
import { a1 } from "../core/model";
import type { TableCell, TableModel } from "../core/table";
import { cellAlignment, FONT_NAME, FONT_SIZE, formatCode, htmlColour, rowHeight, STYLE_COLOURS, UNBORDERED } from "../core/table-style";
import type { HostInfo } from "../host";
import { explanationKind, sheetAddress } from "./marks";
import type { Notice } from "./notices";
import { notice } from "./notices";
import type { SettingsStore } from "./record";
import { loadRecord, saveRecord } from "./record";
import type { RunOptions } from "./run";
import { checkCancelled } from "./run";

export interface WriteOptions extends RunOptions {
  host: HostInfo;
  store: SettingsStore;
  /** A user's sheet with a table's name: report it ("ask", default), write beside it, or replace it. */
  onConflict?: "ask" | "rename" | "replace";
  /**
   * Whether the sheets are the add-in's results (recorded: replaced next time, removed by
   * removeResultSheets; default) or the user's from now on (a template or plan skeleton
   * a user fills in).
   */
  results?: boolean;
  /** A native chart to add on a sheet of its own. */
  chart?: ChartSpec;
}

/** A clustered bar chart of a few series per category (target vs time progress per indicator). */
export interface ChartSpec {
  sheet: string;
  title: string;
  categoryHeader: string;
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Number format of the values (the chart's axis follows it). */
  format: string;
}

export interface SheetConflict {
  name: string;
  /** A free name to write to instead. */
  suggested: string;
}

export type WriteOutcome =
  | { status: "written"; sheets: string[]; notices: Notice[] }
  | { status: "conflict"; conflicts: SheetConflict[] };

/** The first of "name (2)", "name (3)" … that is not taken (Excel's 31-character limit kept). */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  const lower = new Set([...taken].map((n) => n.toLowerCase()));
  for (let k = 2; ; k++) {
    const suffix = ` (${k})`;
    const candidate = name.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** True when `candidate` is a name freeName could have made from `name`. */
function isVariantOf(candidate: string, name: string): boolean {
  const m = / \((\d+)\)$/.exec(candidate);
  return !!m && candidate === name.slice(0, 31 - m[0].length) + m[0];
}

/** A rectangle of cells, 0-based inclusive. */
interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Groups cells by a key into rectangles: runs of equal keys in a row, then identical runs
 * in consecutive rows joined. Cells whose key is null are skipped.
 */
export function rectangles(rows: number, cols: number, key: (r: number, c: number) => string | null): Map<string, Rect[]> {
  const out = new Map<string, Rect[]>();
  let open = new Map<string, Rect>(); // runs of the previous row, by "key|left|right"
  for (let r = 0; r < rows; r++) {
    const next = new Map<string, Rect>();
    let c = 0;
    while (c < cols) {
      const k = key(r, c);
      if (k === null) {
        c++;
        continue;
      }
      let right = c;
      while (right + 1 < cols && key(r, right + 1) === k) right++;
      const id = `${k}|${c}|${right}`;
      const above = open.get(id);
      if (above) {
        above.bottom = r;
        next.set(id, above);
      } else {
        const rect = { top: r, left: c, bottom: r, right };
        next.set(id, rect);
        const list = out.get(k);
        if (list) list.push(rect);
        else out.set(k, [rect]);
      }
      c = right + 1;
    }
    open = next;
  }
  return out;
}

const rectAddress = (r: Rect): string => `${a1(r.top, r.left)}:${a1(r.bottom, r.right)}`;

/** Column width in points from a width in characters (Excel's default character is ~7 px). */
const widthPoints = (chars: number): number => Math.round(chars * 5.6 + 4);

/** The grid of a table: every row padded to the widest, covered cells of a colSpan null. */
function grid(table: TableModel): { cells: (TableCell | null)[][]; cols: number } {
  const cols = Math.max(table.columns.length, ...table.rows.map((row) => row.length), 1);
  const cells = table.rows.map((row) => {
    const out: (TableCell | null)[] = Array.from({ length: cols }, (_, c) => row[c] ?? null);
    return out;
  });
  for (const row of cells)
    row.forEach((cell, c) => {
      for (let k = 1; k < (cell?.colSpan ?? 1) && c + k < cols; k++) row[c + k] = null;
    });
  return { cells, cols };
}

/** The Excel number format of a cell: "@" for every string (text stays text), else its format. */
export function numberFormatOf(cell: TableCell | null): string {
  if (!cell || cell.value === null) return cell?.format ? formatCode(cell.format) : "General";
  if (typeof cell.value === "string") return "@";
  return cell.format ? formatCode(cell.format) : "General";
}

interface Features {
  merge: boolean;
  size: boolean;
  freeze: boolean;
  validation: boolean;
  print: boolean;
  protect: boolean;
  explanations: "note" | "comment" | "none";
}

function features(host: HostInfo): Features {
  return {
    merge: host.supports("ExcelApi", "1.2"),
    size: host.supports("ExcelApi", "1.2"),
    freeze: host.supports("ExcelApi", "1.7"),
    validation: host.supports("ExcelApi", "1.8"),
    print: host.supports("ExcelApi", "1.9"),
    protect: host.supports("ExcelApi", "1.2"),
    explanations: explanationKind(host),
  };
}

/** What a host without the feature misses, for the notice (messages of the catalogue's `feature` section). */
function missing(tables: readonly TableModel[], f: Features): MessageData[] {
  const out: MessageData[] = [];
  if (!f.merge && tables.some((t) => t.rows.some((row) => row.some((c) => (c?.colSpan ?? 1) > 1)))) out.push(msg("feature.merges"));
  if (!f.size) out.push(msg("feature.widths"));
  if (!f.freeze && tables.some((t) => t.headerRows > 0)) out.push(msg("feature.freeze"));
  if (!f.validation && tables.some((t) => (t.inputs ?? []).length > 0)) out.push(msg("feature.validation"));
  if (!f.print && tables.some((t) => t.print)) out.push(msg("feature.print"));
  if (!f.protect && tables.some((t) => t.protect)) out.push(msg("feature.protection"));
  if (f.explanations === "none" && tables.some((t) => t.rows.some((row) => row.some((c) => c?.note)))) out.push(msg("feature.notes"));
  return out;
}

/** Queues every write of one table into a new sheet. */
function renderTable(context: Excel.RequestContext, ws: Excel.Worksheet, sheetName: string, table: TableModel, f: Features): void {
  const { cells, cols } = grid(table);
  const rows = Math.max(cells.length, 1);
  const all = ws.getRange(`A1:${a1(rows - 1, cols - 1)}`);
  all.format.font.name = FONT_NAME;
  all.format.font.size = FONT_SIZE;
  all.format.verticalAlignment = "Center";
  if (cells.length > 0) {
    // Formats first: a string cell is Text before its value arrives.
    all.numberFormat = cells.map((row) => row.map(numberFormatOf));
    all.values = cells.map((row) => row.map((cell) => (cell && cell.value !== null ? cell.value : "")));
  }

  // Looks: style + alignment + border, as rectangles.
  const looks = rectangles(cells.length, cols, (r, c) => {
    const cell = cells[r][c];
    if (!cell) return null;
    const { horizontal, wrap } = cellAlignment(cell);
    const bordered = !cell.style || !UNBORDERED.has(cell.style);
    return `${cell.style ?? ""}|${horizontal}|${wrap ? 1 : 0}|${bordered ? 1 : 0}`;
  });
  for (const [key, rects] of looks) {
    const [style, horizontal, wrap, bordered] = key.split("|");
    const look = style ? STYLE_COLOURS[style as keyof typeof STYLE_COLOURS] : {};
    for (const rect of rects) {
      const range = ws.getRange(rectAddress(rect));
      if (look.fill) range.format.fill.color = htmlColour(look.fill);
      if (look.font) range.format.font.color = htmlColour(look.font);
      if (look.bold) range.format.font.bold = true;
      if (look.size) range.format.font.size = look.size;
      range.format.horizontalAlignment = horizontal === "center" ? "Center" : horizontal === "right" ? "Right" : "Left";
      if (wrap === "1") range.format.wrapText = true;
      if (bordered === "1") {
        const edges: `${Excel.BorderIndex}`[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
        if (rect.bottom > rect.top) edges.push("InsideHorizontal");
        if (rect.right > rect.left) edges.push("InsideVertical");
        for (const edge of edges) {
          const border = range.format.borders.getItem(edge);
          border.style = "Continuous";
          border.color = "#808080";
        }
      }
    }
  }

  // Merges (colSpan), column widths, the title row's height.
  cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      const span = Math.min(cell?.colSpan ?? 1, cols - c);
      if (span <= 1 || !cell) return;
      const range = ws.getRange(`${a1(r, c)}:${a1(r, c + span - 1)}`);
      if (f.merge) range.merge(false);
      else if (cellAlignment(cell).horizontal === "center") range.format.horizontalAlignment = "CenterAcrossSelection";
    }),
  );
  if (f.size) {
    table.columns.forEach((col, c) => {
      ws.getRange(`${a1(0, c)}:${a1(rows - 1, c)}`).format.columnWidth = widthPoints(col.width);
    });
    // The heights the .xlsx writer sets: Excel does not fit merged or wrapped rows itself.
    // Consecutive rows of one height are set as one range.
    const heights = cells.map((row) => (row.some((cell) => cell?.style === "title") ? 30 : rowHeight(row, table.columns)));
    for (let r = 0; r < heights.length; ) {
      let end = r;
      while (end + 1 < heights.length && heights[end + 1] === heights[r]) end += 1;
      const height = heights[r];
      if (height !== undefined) ws.getRange(`A${r + 1}:A${end + 1}`).format.rowHeight = height;
      r = end + 1;
    }
  }
  if (f.freeze && (table.headerRows > 0 || table.frozenColumns)) {
    if (table.frozenColumns) ws.freezePanes.freezeAt(ws.getRange(`A1:${a1(Math.max(table.headerRows, 1) - 1, table.frozenColumns - 1)}`));
    else ws.freezePanes.freezeRows(table.headerRows);
  }

  // Inputs (templates): unlocked, with validation.
  for (const input of table.inputs ?? []) {
    const range = ws.getRange(a1(input.row, input.col));
    if (f.protect) range.format.protection.locked = false;
    if (f.validation) {
      const title = (input.title ?? "").slice(0, 32);
      const prompt = input.prompt.slice(0, 255);
      range.dataValidation.prompt = { showPrompt: true, title, message: prompt };
      if (input.kind === "decimal") {
        const { min, max } = input;
        range.dataValidation.rule = {
          decimal:
            min !== undefined && max !== undefined
              ? { formula1: min, formula2: max, operator: "Between" }
              : min !== undefined
                ? { formula1: min, operator: "GreaterThanOrEqualTo" }
                : max !== undefined
                  ? { formula1: max, operator: "LessThanOrEqualTo" }
                  : { formula1: -1e15, formula2: 1e15, operator: "Between" },
        };
        range.dataValidation.errorAlert = { showAlert: true, style: "Stop", title, message: prompt };
      }
    }
  }

  // Notes on cells (a finding's explanation in 分区数据).
  cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (!cell?.note) return;
      if (f.explanations === "note") ws.notes.add(a1(r, c), cell.note);
      else if (f.explanations === "comment") context.workbook.comments.add(sheetAddress(sheetName, a1(r, c)), cell.note);
    }),
  );

  if (f.protect && table.protect) ws.protection.protect({ selectionMode: "Normal", allowFormatColumns: true, allowFormatRows: true });
  if (table.hidden) ws.visibility = "Hidden";
}

/** Queues a table's print setup (ExcelApi 1.9). */
function renderPrint(ws: Excel.Worksheet, table: TableModel): void {
  if (table.print) {
    const layout = ws.pageLayout;
    layout.orientation = table.print.landscape ? "Landscape" : "Portrait";
    layout.paperSize = "A4";
    layout.centerHorizontally = true;
    if (table.print.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (table.headerRows > 0) layout.setPrintTitleRows(`$1:$${table.headerRows}`);
    if (table.print.header) layout.headersFooters.defaultForAllPages.centerHeader = table.print.header.replace(/&/g, "&&");
    layout.headersFooters.defaultForAllPages.centerFooter = "&P / &N";
  }
}

/** Queues the chart's data block and a clustered bar chart on its sheet. */
function renderChart(ws: Excel.Worksheet, spec: ChartSpec): void {
  const rows = spec.categories.length + 1;
  const cols = spec.series.length + 1;
  const data = ws.getRange(`A1:${a1(rows - 1, cols - 1)}`);
  data.numberFormat = [
    Array.from({ length: cols }, () => "@"),
    ...spec.categories.map(() => ["@", ...spec.series.map(() => spec.format)]),
  ];
  data.values = [
    [spec.categoryHeader, ...spec.series.map((s) => s.name)],
    ...spec.categories.map((cat, i) => [cat, ...spec.series.map((s) => s.values[i] ?? "")]),
  ];
  ws.getRange(`A1:${a1(0, cols - 1)}`).format.font.bold = true;
  const chart = ws.charts.add("BarClustered", data, "Columns");
  chart.title.text = spec.title;
  chart.setPosition(a1(0, cols + 1), a1(Math.max(rows + 2, 24), cols + 11));
}

/**
 * Writes the tables (and the chart) into the workbook, each in a sheet of its name,
 * replacing the add-in's own earlier sheets. See the module comment for conflicts.
 */
export async function writeTables(context: Excel.RequestContext, tables: readonly TableModel[], options: WriteOptions): Promise<WriteOutcome> {
  const { host, store, signal } = options;
  const onConflict = options.onConflict ?? "ask";
  const results = options.results ?? true;
  const { record } = loadRecord(store);
  const owned = new Set(record.sheets);

  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  checkCancelled(signal);
  const existing = new Set(worksheets.items.map((ws) => ws.name));
  const wanted = [...tables.map((t) => t.name), ...(options.chart ? [options.chart.sheet] : [])];

  // Decide every sheet's name before writing anything.
  const taken = new Set([...existing, ...wanted]);
  const conflicts: SheetConflict[] = [];
  const target = new Map<string, string>();
  const notices: Notice[] = [];
  for (const name of wanted) {
    const mine = results && owned.has(name);
    if (!existing.has(name) || mine || onConflict === "replace") {
      target.set(name, name);
      continue;
    }
    // Written beside the user's sheet before ("中期评估表 (2)"): write there again.
    const earlier = results ? [...owned].find((s) => existing.has(s) && isVariantOf(s, name)) : undefined;
    if (earlier) {
      target.set(name, earlier);
      continue;
    }
    const suggested = freeName(name, taken);
    taken.add(suggested);
    conflicts.push({ name, suggested });
    target.set(name, suggested);
  }
  if (conflicts.length > 0 && onConflict === "ask") return { status: "conflict", conflicts };
  for (const c of conflicts) notices.push(notice("sheet-renamed", { name: c.name, renamed: c.suggested }));

  // Delete what is replaced, then add and render every sheet: one batch.
  const written = wanted.map((name) => target.get(name) as string);
  for (const name of written) if (existing.has(name)) worksheets.getItem(name).delete();
  const f = features(host);
  let first: Excel.Worksheet | null = null;
  tables.forEach((table, i) => {
    const ws = worksheets.add(written[i]);
    renderTable(context, ws, written[i], table, f);
    if (!first && !table.hidden) first = ws;
    options.onProgress?.({ stage: "write", done: i + 1, total: tables.length });
  });
  if (options.chart) worksheets.add(written[written.length - 1]);
  if (first) (first as Excel.Worksheet).activate();
  await context.sync();

  // Print setup and the chart in a batch of their own: should a host refuse one of them, the
  // sheets are written all the same, and the notice says what is missing.
  const extras = tables.filter((t) => f.print && t.print);
  if (extras.length > 0 || options.chart) {
    tables.forEach((table, i) => {
      if (f.print && table.print) renderPrint(worksheets.getItem(written[i]), table);
    });
    if (options.chart) renderChart(worksheets.getItem(written[written.length - 1]), options.chart);
    try {
      await context.sync();
    } catch (e) {
      notices.push(notice("extras-failed", { reason: e instanceof Error ? e.message : String(e) }));
    }
  }

  const reduced = missing(tables, f);
  if (reduced.length > 0) notices.push(notice("formatting-reduced", { features: reduced }));
  if (results) {
    const sheets = [...record.sheets.filter((s) => !written.includes(s)), ...written];
    try {
      await saveRecord(store, { ...record, sheets });
    } catch (e) {
      notices.push(notice("settings-not-saved", { reason: e instanceof Error ? e.message : String(e) }));
    }
  }
  return { status: "written", sheets: written, notices };
}

/** Deletes exactly the result sheets the add-in created (those still there). */
export async function removeResultSheets(context: Excel.RequestContext, options: { store: SettingsStore } & RunOptions): Promise<{ removed: string[] }> {
  const { record } = loadRecord(options.store);
  if (record.sheets.length === 0) return { removed: [] };
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();
  checkCancelled(options.signal);
  const present = new Set(worksheets.items.map((ws) => ws.name));
  const removed = record.sheets.filter((name) => present.has(name));
  for (const name of removed) worksheets.getItem(name).delete();
  await context.sync();
  await saveRecord(options.store, { ...record, sheets: [] });
  return { removed };
}
