/**
 * The record of what the add-in changed in the open workbook (加载项修改记录): every cell it
 * marked (the cell's previous fill, the fill and the note or comment the add-in added), every
 * result sheet it created, every sheet protection it lifted for a while.
 *
 * It lives in the workbook itself, in a very hidden sheet RECORD_SHEET, and is read afresh at
 * the start of every use-case, in whichever runtime runs it (the pane and each ribbon command
 * are separate runtimes; nothing is kept in memory between two runs). It is written **before**
 * the change it records, in the same request or an earlier one: Excel runs a request's actions
 * in order and stops at the first that fails, so a mark, a sheet or a lifted protection never
 * exists without its row — a row without its change (the run stopped in between) is harmless,
 * because clearing restores a fill only where the cell still has the add-in's fill.
 *
 * Layout (row 1 a header; every cell text):
 *   记录 | 工作表ID | 工作表 | 单元格 | 标记底色 | 原底色 | 原图案 | 原图案颜色 | 说明 | 说明校验 | 批注ID | 保护选项
 *   标记   one marked cell: its previous fill (empty: none), the add-in's fill, "note"/"comment",
 *          a digest of the text the add-in wrote (markNoteDigest, src/core/mark-note.ts: an edited note is the clerk's), the comment's id;
 *   结果表 a result sheet the add-in created (replaced and removed by id and name, never a user's);
 *   保护   a protection without password lifted to mark the sheet, with its options (restored).
 * A row whose cells are all empty is a removed entry. A row that does not parse is reported
 * (record-damaged) and never trusted.
 *
 * Earlier versions kept the record in the document settings (key LEGACY_RECORD_KEY); such a
 * record is moved into the sheet the first time the workbook is opened with this version.
 */
import { z } from "zod";
import { appError, type AppError } from "../core/errors";
import { a1 } from "../core/model";
import { jsonBytes } from "./budget";

export const RECORD_SHEET = "_indicators_record";
export const LEGACY_RECORD_KEY = "indicators.record";

const HEADER = ["记录", "工作表ID", "工作表", "单元格", "标记底色", "原底色", "原图案", "原图案颜色", "说明", "说明校验", "批注ID", "保护选项"];
const COLUMNS = HEADER.length;
/** Rows read with the record sheet's size, in the first request (empty rows cost ~40 bytes). */
const FIRST_ROWS = 1_000;
const KIND = { mark: "标记", sheet: "结果表", lift: "保护" } as const;
/** The first of the explanation columns 说明, 说明校验, 批注ID (I:K). */
const EXPLANATION_COLUMN = 8;

/** A cell's fill before the add-in marked it; null: it had none. */
export interface PreviousFill {
  color: string;
  /** Fill pattern and its colour (ExcelApi 1.9), when not plain solid. */
  pattern?: string;
  patternColor?: string;
}

export interface MarkEntry {
  /** The sheet's id (follows a rename); empty in a record of an earlier version. */
  sheetId: string;
  sheet: string;
  cell: string;
  /** The fill the add-in set; empty in a record of an earlier version (either mark colour). */
  mark: string;
  fill: PreviousFill | null;
  explanation: "note" | "comment" | null;
  /** Digest of the text the add-in wrote (markNoteDigest). */
  digest?: string;
  commentId?: string;
}

export interface SheetEntry {
  sheetId: string;
  sheet: string;
}

export interface LiftEntry {
  sheetId: string;
  sheet: string;
  options: Excel.WorksheetProtectionOptions;
}

type Entry = { kind: "mark"; entry: MarkEntry } | { kind: "sheet"; entry: SheetEntry } | { kind: "lift"; entry: LiftEntry };

/** A sheet of the open workbook, as every use-case first loads them. */
export interface SheetInfo {
  name: string;
  id: string;
  visibility: string;
}

/** Where settings are kept: the document's settings in Office; a Map in tests. Only the migration of an earlier record uses them. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** Persists the settings into the document (saved with the file). */
  save(): Promise<void>;
  /** Takes a fresh copy of the document's settings (another runtime may have saved since). */
  refresh(): Promise<void>;
}

/** The settings of the open document (Office.context.document.settings). Only call inside Office. */
export function officeSettings(settings: Office.Settings = Office.context.document.settings): SettingsStore {
  const done = (resolve: () => void, reject: (e: Error) => void) => (result: Office.AsyncResult<unknown>) =>
    String(result.status) === "succeeded" ? resolve() : reject(new Error(result.error?.message ?? "settings"));
  return {
    get: (key) => settings.get(key),
    set: (key, value) => settings.set(key, value),
    remove: (key) => settings.remove(key),
    save: () => new Promise<void>((resolve, reject) => settings.saveAsync(done(resolve, reject))),
    refresh: () => new Promise<void>((resolve, reject) => settings.refreshAsync(done(resolve, reject))),
  };
}

/** "'Sheet name'!A1": a cell address qualified by its sheet (quotes doubled). */
export function sheetAddress(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
}

/**
 * A user's sheet with the name of one of the add-in's very hidden record sheets (names compare
 * without case): never written to; the use-case stops and says so.
 */
export function foreignSheet(name: string): AppError {
  return appError("record-sheet-foreign", { sheet: name });
}

/** Excel compares sheet names without case. */
export const sameSheetName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const protectionOptions = z
  .object({
    allowAutoFilter: z.boolean(),
    allowDeleteColumns: z.boolean(),
    allowDeleteRows: z.boolean(),
    allowEditObjects: z.boolean(),
    allowEditScenarios: z.boolean(),
    allowFormatCells: z.boolean(),
    allowFormatColumns: z.boolean(),
    allowFormatRows: z.boolean(),
    allowInsertColumns: z.boolean(),
    allowInsertHyperlinks: z.boolean(),
    allowInsertRows: z.boolean(),
    allowPivotTables: z.boolean(),
    allowSort: z.boolean(),
    selectionMode: z.enum(["Normal", "Unlocked", "None"]),
  })
  .partial();

const colour = z.string().regex(/^#[0-9A-F]{6}$/);

function parseRow(cells: readonly string[]): Entry | null | undefined {
  const [kind, sheetId, sheet, cell, mark, color, pattern, patternColor, explanation, digest, commentId, options] = cells;
  if (cells.every((c) => c === "")) return undefined;
  if (!sheet) return null;
  if (kind === KIND.sheet) return { kind: "sheet", entry: { sheetId, sheet } };
  if (kind === KIND.lift) {
    const parsed = protectionOptions.safeParse(safeJson(options));
    return parsed.success ? { kind: "lift", entry: { sheetId, sheet, options: parsed.data } } : null;
  }
  if (kind !== KIND.mark || !/^[A-Z]+[0-9]+$/.test(cell) || (mark !== "" && !colour.safeParse(mark).success)) return null;
  if (color !== "" && !colour.safeParse(color).success) return null;
  if (explanation !== "" && explanation !== "note" && explanation !== "comment") return null;
  const fill: PreviousFill | null = color === "" ? null : { color };
  if (fill && pattern) fill.pattern = pattern;
  if (fill && patternColor) fill.patternColor = patternColor;
  const entry: MarkEntry = { sheetId, sheet, cell, mark, fill, explanation: explanation === "" ? null : explanation };
  if (digest) entry.digest = digest;
  if (commentId) entry.commentId = commentId;
  return { kind: "mark", entry };
}

function markRow(e: MarkEntry): string[] {
  return [KIND.mark, e.sheetId, e.sheet, e.cell, e.mark, e.fill?.color ?? "", e.fill?.pattern ?? "", e.fill?.patternColor ?? "", e.explanation ?? "", e.digest ?? "", e.commentId ?? "", ""];
}

function entryRow(e: Entry): string[] {
  if (e.kind === "mark") return markRow(e.entry);
  if (e.kind === "sheet") return [KIND.sheet, e.entry.sheetId, e.entry.sheet, "", "", "", "", "", "", "", "", ""];
  return [KIND.lift, e.entry.sheetId, e.entry.sheet, "", "", "", "", "", "", "", "", JSON.stringify(e.entry.options)];
}

/** Bytes of a record row in a request (its JSON, as values and as the Text number format). */
export function recordRowBytes(e: MarkEntry): number {
  return jsonBytes(markRow(e)) + 60;
}

function safeJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}

/** The record of an earlier version (document settings), as it was stored. */
const legacySchema = z.object({
  version: z.literal(1),
  marks: z.array(
    z.object({
      sheet: z.string(),
      cell: z.string(),
      fill: z.object({ color: z.string(), pattern: z.string().optional() }).nullable(),
      explanation: z.enum(["note", "comment"]).nullable(),
      commentId: z.string().optional(),
    }),
  ),
  sheets: z.array(z.string()),
});

function legacyEntries(raw: unknown): Entry[] | null {
  const parsed = legacySchema.safeParse(typeof raw === "string" ? safeJson(raw) : raw);
  if (!parsed.success) return null;
  const marks: Entry[] = parsed.data.marks.map((m) => {
    const fill: PreviousFill | null = m.fill ? { color: m.fill.color.toUpperCase(), ...(m.fill.pattern ? { pattern: m.fill.pattern } : {}) } : null;
    const entry: MarkEntry = { sheetId: "", sheet: m.sheet, cell: m.cell.toUpperCase(), mark: "", fill, explanation: m.explanation };
    if (m.commentId) entry.commentId = m.commentId;
    return { kind: "mark", entry };
  });
  return [...marks, ...parsed.data.sheets.map((sheet): Entry => ({ kind: "sheet", entry: { sheetId: "", sheet } }))];
}

/** Settings stores found without an earlier version's record. */
const withoutLegacy = new WeakSet<SettingsStore>();

export interface RecordOptions {
  /** Bytes per request and response (budget.ts). */
  budget: number;
  /** The document settings, for a record an earlier version left there. */
  store?: SettingsStore;
}

/**
 * The record of the open workbook, read at the start of a use-case (2 requests: the sheets,
 * then the record's rows — more only for a record of more than `budget / 500` rows, and +1 when
 * an earlier version's record is moved out of the settings). Writes are queued into the
 * caller's requests; the caller syncs.
 */
export class Record {
  /** Live entries with their row (0-based; row 0 is the header). */
  private entries: { row: number; entry: Entry }[] = [];
  private sheet: Excel.Worksheet | null;
  /** The next free row. */
  private next: number;
  /** Rows that did not parse. */
  readonly damaged: number;

  private constructor(
    private readonly context: Excel.RequestContext,
    /** The workbook's sheets when the record was read. */
    readonly sheets: SheetInfo[],
    sheet: Excel.Worksheet | null,
    rows: string[][],
  ) {
    this.sheet = sheet;
    let damaged = 0;
    rows.forEach((cells, row) => {
      if (row === 0) return;
      const parsed = parseRow(cells);
      if (parsed === null) damaged++;
      else if (parsed) this.entries.push({ row, entry: parsed });
    });
    this.damaged = damaged;
    this.next = Math.max(rows.length, 1);
  }

  /** Reads the record of the workbook open in `context`. */
  static async open(context: Excel.RequestContext, options: RecordOptions): Promise<Record> {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name,items/id,items/visibility");
    await context.sync();
    const sheets: SheetInfo[] = worksheets.items.map((ws) => ({ name: ws.name, id: ws.id, visibility: ws.visibility }));
    const found = sheets.find((s) => sameSheetName(s.name, RECORD_SHEET));
    if (found && found.visibility !== "VeryHidden") throw foreignSheet(found.name);
    const sheet = found ? worksheets.getItem(found.id) : null;
    const rows = sheet ? await readRows(context, sheet, options.budget) : [];
    const record = new Record(context, sheets, sheet, rows);
    await record.moveLegacy(options.store);
    return record;
  }

  /** The sheet of an entry, if it still exists: by id, else (an earlier version's entry) by name. */
  sheetOf(e: { sheetId: string; sheet: string }): SheetInfo | undefined {
    return e.sheetId ? this.sheets.find((s) => s.id === e.sheetId) : this.sheets.find((s) => sameSheetName(s.name, e.sheet));
  }

  /** A sheet of the workbook by name (case-insensitive). */
  find(name: string): SheetInfo | undefined {
    return this.sheets.find((s) => sameSheetName(s.name, name));
  }

  marks(): { row: number; entry: MarkEntry }[] {
    return this.entries.flatMap(({ row, entry }) => (entry.kind === "mark" ? [{ row, entry: entry.entry }] : []));
  }

  results(): { row: number; entry: SheetEntry }[] {
    return this.entries.flatMap(({ row, entry }) => (entry.kind === "sheet" ? [{ row, entry: entry.entry }] : []));
  }

  lifts(): { row: number; entry: LiftEntry }[] {
    return this.entries.flatMap(({ row, entry }) => (entry.kind === "lift" ? [{ row, entry: entry.entry }] : []));
  }

  /** Queues new mark entries (rows written as text); returns their first row. */
  addMarks(entries: readonly MarkEntry[]): number {
    return this.append(entries.map((entry) => ({ kind: "mark", entry })));
  }

  addResults(entries: readonly SheetEntry[]): number {
    return this.append(entries.map((entry) => ({ kind: "sheet", entry })));
  }

  addLifts(entries: readonly LiftEntry[]): number {
    return this.append(entries.map((entry) => ({ kind: "lift", entry })));
  }

  /** Queues the ids of result sheets recorded before they were added (rows `first`…). */
  setSheetIds(first: number, ids: readonly string[]): void {
    if (ids.length === 0 || !this.sheet) return;
    this.sheet.getRange(`${a1(first, 1)}:${a1(first + ids.length - 1, 1)}`).values = ids.map((id) => [id]);
    ids.forEach((id, i) => {
      const held = this.entries.find((x) => x.row === first + i);
      if (held && held.entry.kind !== "mark") held.entry.entry.sheetId = id;
    });
  }

  /** Queues the explanation columns (kind, digest, comment id) of mark rows written before, rows `first`…, as `entries` now say. */
  updateExplanations(first: number, entries: readonly MarkEntry[]): void {
    if (entries.length === 0 || !this.sheet) return;
    const range = this.sheet.getRange(`${a1(first, EXPLANATION_COLUMN)}:${a1(first + entries.length - 1, EXPLANATION_COLUMN + 2)}`);
    range.values = entries.map((e) => [e.explanation ?? "", e.digest ?? "", e.commentId ?? ""]);
    entries.forEach((e, i) => {
      const held = this.entries.find((x) => x.row === first + i);
      if (held?.entry.kind === "mark") held.entry.entry = e;
    });
  }

  /** Queues the removal of entries (their rows emptied; consecutive rows in one write). */
  remove(rows: readonly number[]): void {
    if (rows.length === 0 || !this.sheet) return;
    const gone = new Set(rows);
    this.entries = this.entries.filter((x) => !gone.has(x.row));
    const sorted = [...gone].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; ) {
      let end = i;
      while (end + 1 < sorted.length && sorted[end + 1] === sorted[end] + 1) end++;
      const range = this.sheet.getRange(`${a1(sorted[i], 0)}:${a1(sorted[end], COLUMNS - 1)}`);
      range.values = Array.from({ length: end - i + 1 }, () => HEADER.map(() => ""));
      i = end + 1;
    }
  }

  /** Queues the record written anew, without its emptied rows (when it has any). */
  compact(): void {
    if (!this.sheet) return;
    const tidy = this.entries.every((x, i) => x.row === i + 1) && this.next === this.entries.length + 1;
    if (tidy) return;
    this.sheet.getRange().clear("Contents");
    const live = this.entries.map((x) => x.entry);
    this.entries = [];
    this.next = 1;
    this.writeRows(0, [HEADER]);
    this.append(live);
  }

  private append(entries: readonly Entry[]): number {
    const first = this.next;
    if (entries.length === 0) return first;
    if (!this.sheet) {
      const worksheets = this.context.workbook.worksheets;
      worksheets.add(RECORD_SHEET).visibility = "VeryHidden";
      // By name from here on: the object add() returns is valid in this request only.
      this.sheet = worksheets.getItem(RECORD_SHEET);
      this.writeRows(0, [HEADER]);
    }
    this.writeRows(first, entries.map(entryRow));
    entries.forEach((entry, i) => this.entries.push({ row: first + i, entry }));
    this.next = first + entries.length;
    return first;
  }

  private writeRows(first: number, rows: string[][]): void {
    const range = (this.sheet as Excel.Worksheet).getRange(`${a1(first, 0)}:${a1(first + rows.length - 1, COLUMNS - 1)}`);
    // Text format first: names and ids stay as they are.
    range.numberFormat = rows.map((r) => r.map(() => "@"));
    range.values = rows;
  }

  /**
   * Moves a record an earlier version kept in the document settings into the sheet (written
   * first, then removed from the settings). A store found without one is not asked again: no
   * runtime of this version writes one.
   */
  private async moveLegacy(store: SettingsStore | undefined): Promise<void> {
    if (!store || withoutLegacy.has(store)) return;
    try {
      await store.refresh();
    } catch {
      return; // No settings to read: nothing to move.
    }
    const raw = store.get(LEGACY_RECORD_KEY);
    if (raw === null || raw === undefined) {
      withoutLegacy.add(store);
      return;
    }
    const entries = legacyEntries(raw);
    if (entries && entries.length > 0) {
      this.append(entries);
      await this.context.sync();
    }
    store.remove(LEGACY_RECORD_KEY);
    try {
      await store.save();
    } catch {
      // Moved already; the settings keep a copy that the next run moves again only if the sheet lost it.
    }
  }
}

/**
 * The record sheet's rows as text, in requests of at most `budget` bytes (a row weighs about
 * 500 bytes at most): the first FIRST_ROWS rows with the sheet's size, then the rest.
 */
async function readRows(context: Excel.RequestContext, sheet: Excel.Worksheet, budget: number): Promise<string[][]> {
  const per = Math.max(100, Math.floor(budget / 500));
  const used = sheet.getUsedRange();
  used.load("rowCount,rowIndex");
  const firstBlock = sheet.getRange(`A1:${a1(Math.min(per, FIRST_ROWS) - 1, COLUMNS - 1)}`);
  firstBlock.load("values");
  await context.sync();
  const total = used.rowIndex + used.rowCount;
  const rows: string[][] = [...firstBlock.values.slice(0, total)];
  for (let from = rows.length; from < total; from += per) {
    const block = sheet.getRange(`${a1(from, 0)}:${a1(Math.min(total, from + per) - 1, COLUMNS - 1)}`);
    block.load("values");
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a long record is read in blocks within the budget on purpose
    await context.sync();
    rows.push(...block.values);
  }
  return rows.map((r) => r.map((v) => (v === null || v === undefined ? "" : String(v))));
}
