/**
 * The Office.js writer: renders tables of the table model (src/core/table.ts) into sheets of
 * the open workbook, looking like the .xlsx output (the same style map, src/core/table-style.ts).
 *
 * - Sheets the add-in created are in the record (record.ts, by id and name): writing again
 *   replaces them; removeResultSheets deletes exactly them (not a sheet the user renamed, nor a
 *   user's sheet that took the name since). A user's sheet of the same name — compared without
 *   case, as Excel compares names — is never touched without asking: writeTables returns the
 *   conflicts (onConflict "ask"), writes beside it as "中期评估表 (2)" ("rename"), or replaces it
 *   when the user said so ("replace"). The new sheets are recorded before they are added.
 * - Text stays text: every string cell gets the Text number format ("@") before the values
 *   are assigned, so Excel takes "=1+1", "+86…", "-", "@x", "2018-06" or "50%" literally, as
 *   when typing into a Text cell, instead of making a formula, a date or a number.
 * - Styles: fills, fonts, borders and alignment per rectangle of cells of one look (no request
 *   per cell). Merges (ExcelApi 1.2), column widths and row heights (1.2), frozen header
 *   (1.7), data validation (1.8), print setup (1.9), notes (1.18) or comments (1.10),
 *   protection (1.2; its selectionMode only from 1.7) are used where the host has them;
 *   without them the sheets are written plainer, with a notice.
 * - Requests are sized in bytes (budget.ts): values and formats go in row blocks, every write
 *   is queued with its estimated size and a request is sent when the next write would not fit,
 *   so no request exceeds the budget (2.5 MB on the web) whatever the table's size. Progress
 *   after each request; cancelling between requests. A run that fails or is cancelled after
 *   adding sheets deletes them again: no half-written result sheet is left behind.
 *   Requests: 1 + ⌈R / (budget / 500)⌉ (the sheets and the record's R rows) + 1 (record rows,
 *   sheets added) + ⌈estimated bytes / budget⌉ + 1 for the print setup and the chart (kept
 *   apart so that a host refusing them cannot undo the sheets).
 */
import { appError, CancelledError, errorParam } from "../core/errors";
import { msg, type MessageData } from "../core/messages";
import { a1 } from "../core/model";
import type { TableCell, TableModel } from "../core/table";
import { cellAlignment, FONT_NAME, FONT_SIZE, formatCode, htmlColour, rowHeight, STYLE_COLOURS, UNBORDERED } from "../core/table-style";
import type { HostInfo } from "../host";
import { COST, jsonBytes, RequestBatcher, requestBytes, utf8Bytes } from "./budget";
import { explanationKind } from "./marks";
import type { Notice } from "./notices";
import { notice } from "./notices";
import { protectionOptions, TEMPLATE_PROTECTION } from "./protection";
import { Record, sameSheetName, sheetAddress, type SettingsStore, type SheetInfo } from "./record";
import type { RunOptions } from "./run";
import { checkCancelled } from "./run";

export interface WriteOptions extends RunOptions {
  host: HostInfo;
  /** The document settings (only a record an earlier version left there is read from them). */
  store?: SettingsStore;
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

/** True when `candidate` is a name freeName could have made from `name` (case aside, as in Excel). */
function isVariantOf(candidate: string, name: string): boolean {
  const m = / \((\d+)\)$/.exec(candidate);
  return !!m && sameSheetName(candidate, name.slice(0, 31 - m[0].length) + m[0]);
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
  host: HostInfo;
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
    host,
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

/** One write into a sheet, with its estimated size in a request; it returns the ranges it made (released after its request). */
interface Write {
  bytes: number;
  queue: (ws: Excel.Worksheet) => Excel.Range[];
}

/** A write to one range of a sheet. */
const onRange = (bytes: number, address: string, set: (range: Excel.Range) => void): Write => ({
  bytes,
  queue: (ws) => {
    const range = ws.getRange(address);
    set(range);
    return [range];
  },
});

/** Rows per values block: at most half the budget of values and formats. */
function rowBlocks(cells: (TableCell | null)[][], budget: number): { from: number; to: number }[] {
  const blocks: { from: number; to: number }[] = [];
  let from = 0;
  let bytes = 0;
  cells.forEach((row, r) => {
    const b = jsonBytes(row.map((c) => (c && c.value !== null ? c.value : ""))) + jsonBytes(row.map(numberFormatOf));
    if (r > from && bytes + b > budget / 2) {
      blocks.push({ from, to: r - 1 });
      from = r;
      bytes = 0;
    }
    bytes += b;
  });
  if (cells.length > 0) blocks.push({ from, to: cells.length - 1 });
  return blocks;
}

/** Every write of one table into its (new, empty) sheet, in order. */
function tableWrites(context: Excel.RequestContext, sheetName: string, table: TableModel, f: Features, budget: number): Write[] {
  const out: Write[] = [];
  const { cells, cols } = grid(table);
  const rows = Math.max(cells.length, 1);
  out.push(
    onRange(COST.range + 3 * COST.action, `A1:${a1(rows - 1, cols - 1)}`, (all) => {
      all.format.font.name = FONT_NAME;
      all.format.font.size = FONT_SIZE;
      all.format.verticalAlignment = "Center";
    }),
  );
  // Values in row blocks; formats first in each: a string cell is Text before its value arrives.
  for (const { from, to } of rowBlocks(cells, budget)) {
    const part = cells.slice(from, to + 1);
    const formats = part.map((row) => row.map(numberFormatOf));
    const values = part.map((row) => row.map((cell) => (cell && cell.value !== null ? cell.value : "")));
    // Office.js itself splits an assignment of more than 1,500 cells into pieces of ~800 bytes each.
    const pieces = Math.ceil((part.length * cols) / 1500) * 2;
    out.push(
      onRange(jsonBytes(formats) + jsonBytes(values) + COST.range + pieces * 800, `${a1(from, 0)}:${a1(to, cols - 1)}`, (range) => {
        range.numberFormat = formats;
        range.values = values;
      }),
    );
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
      const edges: `${Excel.BorderIndex}`[] = bordered === "1" ? ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] : [];
      if (edges.length > 0 && rect.bottom > rect.top) edges.push("InsideHorizontal");
      if (edges.length > 0 && rect.right > rect.left) edges.push("InsideVertical");
      out.push(
        onRange(COST.range + 6 * COST.action + edges.length * 2 * COST.action, rectAddress(rect), (range) => {
          if (look.fill) range.format.fill.color = htmlColour(look.fill);
          if (look.font) range.format.font.color = htmlColour(look.font);
          if (look.bold) range.format.font.bold = true;
          if (look.size) range.format.font.size = look.size;
          range.format.horizontalAlignment = horizontal === "center" ? "Center" : horizontal === "right" ? "Right" : "Left";
          if (wrap === "1") range.format.wrapText = true;
          for (const edge of edges) {
            const border = range.format.borders.getItem(edge);
            border.style = "Continuous";
            border.color = "#808080";
          }
        }),
      );
    }
  }

  // Merges (colSpan), column widths, row heights.
  cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      const span = Math.min(cell?.colSpan ?? 1, cols - c);
      if (span <= 1 || !cell) return;
      const address = `${a1(r, c)}:${a1(r, c + span - 1)}`;
      if (f.merge) out.push(onRange(COST.range + COST.action, address, (range) => range.merge(false)));
      else if (cellAlignment(cell).horizontal === "center") {
        out.push(onRange(COST.range + COST.action, address, (range) => (range.format.horizontalAlignment = "CenterAcrossSelection")));
      }
    }),
  );
  if (f.size) {
    table.columns.forEach((col, c) => {
      out.push(onRange(COST.range + COST.action, `${a1(0, c)}:${a1(rows - 1, c)}`, (range) => (range.format.columnWidth = widthPoints(col.width))));
    });
    // The heights the .xlsx writer sets: Excel does not fit merged or wrapped rows itself.
    // Consecutive rows of one height are set as one range.
    const heights = cells.map((row) => (row.some((cell) => cell?.style === "title") ? 30 : rowHeight(row, table.columns)));
    for (let r = 0; r < heights.length; ) {
      let end = r;
      while (end + 1 < heights.length && heights[end + 1] === heights[r]) end += 1;
      const height = heights[r];
      const address = `A${r + 1}:A${end + 1}`;
      if (height !== undefined) out.push(onRange(COST.range + COST.action, address, (range) => (range.format.rowHeight = height)));
      r = end + 1;
    }
  }
  if (f.freeze && (table.headerRows > 0 || table.frozenColumns)) {
    out.push({
      bytes: COST.range + COST.action,
      queue: (ws) => {
        if (!table.frozenColumns) {
          ws.freezePanes.freezeRows(table.headerRows);
          return [];
        }
        const corner = ws.getRange(`A1:${a1(Math.max(table.headerRows, 1) - 1, table.frozenColumns - 1)}`);
        ws.freezePanes.freezeAt(corner);
        return [corner];
      },
    });
  }

  // Inputs (templates): unlocked, with validation.
  for (const input of table.inputs ?? []) {
    const title = (input.title ?? "").slice(0, 32);
    const prompt = input.prompt.slice(0, 255);
    out.push(
      onRange(COST.range + 4 * COST.action + 2 * utf8Bytes(title + prompt), a1(input.row, input.col), (range) => {
        if (f.protect) range.format.protection.locked = false;
        if (!f.validation) return;
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
      }),
    );
  }

  // Notes on cells (a finding's explanation in 分区数据).
  cells.forEach((row, r) =>
    row.forEach((cell, c) => {
      const note = cell?.note;
      if (!note || f.explanations === "none") return;
      out.push({
        bytes: COST.explanation + utf8Bytes(JSON.stringify(note)),
        queue: (ws) => {
          if (f.explanations === "note") ws.notes.add(a1(r, c), note);
          else context.workbook.comments.add(sheetAddress(sheetName, a1(r, c)), note);
          return [];
        },
      });
    }),
  );

  // Last: protection (the template's, without a password) and visibility.
  if (f.protect && table.protect) {
    out.push({
      bytes: COST.action,
      queue: (ws) => {
        ws.protection.protect(protectionOptions(f.host, TEMPLATE_PROTECTION));
        return [];
      },
    });
  }
  if (table.hidden) {
    out.push({
      bytes: COST.action,
      queue: (ws) => {
        ws.visibility = "Hidden";
        return [];
      },
    });
  }
  return out;
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
  const { host, signal } = options;
  const budget = requestBytes(host);
  const onConflict = options.onConflict ?? "ask";
  const results = options.results ?? true;
  const record = await Record.open(context, { budget, store: options.store });
  checkCancelled(signal);
  // The add-in's own sheets: recorded, still there, still of the recorded name.
  const owned = new Map<string, { sheet: SheetInfo; row: number }>();
  for (const { row, entry } of record.results()) {
    const sheet = record.sheetOf(entry);
    if (sheet && sameSheetName(sheet.name, entry.sheet)) owned.set(sheet.name.toLowerCase(), { sheet, row });
  }
  const wanted = [...tables.map((t) => t.name), ...(options.chart ? [options.chart.sheet] : [])];

  // Decide every sheet's name before writing anything.
  const taken = new Set([...record.sheets.map((s) => s.name), ...wanted]);
  const conflicts: SheetConflict[] = [];
  const target = new Map<string, string>();
  const notices: Notice[] = [];
  for (const name of wanted) {
    const mine = results && owned.has(name.toLowerCase());
    if (!record.find(name) || mine || onConflict === "replace") {
      target.set(name, name);
      continue;
    }
    // Written beside the user's sheet before ("中期评估表 (2)"): write there again.
    const earlier = results ? [...owned.values()].find(({ sheet }) => isVariantOf(sheet.name, name)) : undefined;
    if (earlier) {
      target.set(name, earlier.sheet.name);
      continue;
    }
    const suggested = freeName(name, taken);
    taken.add(suggested);
    conflicts.push({ name, suggested });
    target.set(name, suggested);
  }
  if (conflicts.length > 0 && onConflict === "ask") return { status: "conflict", conflicts };
  for (const c of conflicts) notices.push(notice("sheet-renamed", { name: c.name, renamed: c.suggested }));

  // One request: the new sheets recorded first, the replaced ones deleted, the new ones added.
  const written = wanted.map((name) => target.get(name) as string);
  const worksheets = context.workbook.worksheets;
  const replaced = written.flatMap((name) => record.find(name) ?? []);
  const first = results ? record.addResults(written.map((sheet) => ({ sheetId: "", sheet }))) : 0;
  for (const sheet of replaced) worksheets.getItem(sheet.id).delete();
  record.remove(replaced.flatMap((s) => owned.get(s.name.toLowerCase())?.row ?? []));
  const added = written.map((name) => {
    const ws = worksheets.add(name);
    ws.load("id");
    return ws;
  });
  await context.sync();
  const ids = added.map((ws) => ws.id);
  const sheetOf = ids.map((id) => worksheets.getItem(id));

  const f = features(host);
  const writes = tables.flatMap((table, i) => tableWrites(context, written[i], table, f, budget).map((w) => ({ w, ws: sheetOf[i] })));
  const total = writes.reduce((n, { w }) => n + w.bytes, 0);
  let done = 0;
  let sent = 0;
  const batcher = new RequestBatcher(context, budget, {
    beforeSync: () => checkCancelled(signal),
    onSync: () => {
      sent = done;
      options.onProgress?.({ stage: "write", done: sent, total });
    },
  });
  try {
    // The sheets' ids into their rows, with the first content.
    if (results) record.setSheetIds(first, ids);
    options.onProgress?.({ stage: "write", done: 0, total });
    for (const { w, ws } of writes) {
      await batcher.add(w.bytes, () => w.queue(ws));
      done += w.bytes;
    }
    const visible = tables.findIndex((t) => !t.hidden);
    if (visible >= 0) sheetOf[visible].activate();
    await batcher.flush();
    if (sent < total) options.onProgress?.({ stage: "write", done: total, total });
  } catch (e) {
    // No half-written sheet stays: the new sheets go, with their rows.
    try {
      for (const ws of sheetOf) ws.delete();
      if (results) record.remove(written.map((_, i) => first + i));
      await context.sync();
    } catch {
      // Already reporting the first error.
    }
    if (e instanceof CancelledError) throw e;
    throw appError("sheets-incomplete", { reason: errorParam(e) });
  }

  // Print setup and the chart in a request of their own: should a host refuse one of them, the
  // sheets are written all the same, and the notice says what is missing.
  const extras = tables.filter((t) => f.print && t.print);
  if (extras.length > 0 || options.chart) {
    tables.forEach((table, i) => {
      if (f.print && table.print) renderPrint(sheetOf[i], table);
    });
    if (options.chart) renderChart(sheetOf[written.length - 1], options.chart);
    try {
      await context.sync();
    } catch (e) {
      notices.push(notice("extras-failed", { reason: errorParam(e) }));
    }
  }

  const reduced = missing(tables, f);
  if (reduced.length > 0) notices.push(notice("formatting-reduced", { features: reduced }));
  return { status: "written", sheets: written, notices };
}

/** Deletes exactly the result sheets the add-in created (those still there under the name it gave them). */
export async function removeResultSheets(context: Excel.RequestContext, options: { host: HostInfo; store?: SettingsStore } & RunOptions): Promise<{ removed: string[] }> {
  const record = await Record.open(context, { budget: requestBytes(options.host), store: options.store });
  const entries = record.results();
  if (entries.length === 0) return { removed: [] };
  checkCancelled(options.signal);
  const removed: string[] = [];
  for (const { entry } of entries) {
    const sheet = record.sheetOf(entry);
    // A sheet the user renamed since is the user's now.
    if (!sheet || !sameSheetName(sheet.name, entry.sheet)) continue;
    context.workbook.worksheets.getItem(sheet.id).delete();
    removed.push(sheet.name);
  }
  record.remove(entries.map(({ row }) => row));
  record.compact();
  await context.sync();
  return { removed };
}
