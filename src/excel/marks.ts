/**
 * Marks in the workbook (单元格标记): each finding's cell gets a fill by severity and an
 * explanation, and 清除标记 takes exactly that away again — and nothing of the clerk's.
 *
 * - Fill: error light red, warning light yellow (the finding-error / finding-warning styles of
 *   src/core/table-style.ts, as in the .xlsx output), solid (ExcelApi 1.9). Only format.fill is
 *   written: never a cell's values or formulas.
 * - Explanation: a note (ExcelApi 1.18), else a threaded comment (ExcelApi 1.10), else none
 *   (the findings list alone, with a notice), its text the one note rule (src/core/mark-note.ts:
 *   the catalogue's mark.prefix, then a line per finding). A cell that already has a note or
 *   comment keeps it and gets none of ours. A host that refuses comments although it reports
 *   them (office-js#1847) gets fills only, with a notice.
 * - The record (record.ts, a very hidden sheet, read afresh in every run) gets each cell's row —
 *   previous fill with pattern and pattern colour, the add-in's fill, a digest of the text it
 *   wrote — in the same request as the mark and before it: a mark never exists without its row.
 * - Clearing restores a fill only where the cell still has the add-in's fill (a fill the clerk
 *   set since is kept), deletes a note or comment only when its text is still the add-in's
 *   (an edited one is the clerk's now) and a comment only when nobody replied to it. Each
 *   cell's row leaves the record in the request that restores the cell.
 * - Marking first clears the earlier marks, so that a recorded "previous fill" is never the
 *   add-in's own. A sheet protected by the template (no password) is unprotected for the
 *   writes and protected again with the same options (protection.ts); a sheet with a password
 *   is left alone and reported.
 * - Without ExcelApi 1.9 the fill pattern is unknown: a white (#FFFFFF) fill is taken for
 *   "no fill".
 *
 * Requests are sized in bytes (budget.ts): cells are taken in chunks, each chunk one request to
 * load the cells' fills and notes and one to write the record rows and marks (+1 for comments).
 * Progress is reported after each chunk; cancelling takes effect between chunks. With n the
 * chunk size the budget allows (~1,000 cells with notes on the web) and R the record's rows:
 *   marking N cells:  3 + ⌈R / (budget / 500)⌉ + 2·⌈N/n⌉ (+⌈N/n⌉ comments, +2 to locate the
 *                     clerk's comments) + the clearing of the earlier marks;
 *   clearing N marks: 3 + ⌈R / (budget / 500)⌉ + 2·⌈N/n⌉ (+1 for the comments' ids),
 * plus Excel.run's own clean-up request (README, "Requests to Excel").
 */
import { appError, errorParam } from "../core/errors";
import type { Finding } from "../core/findings";
import { isMarkNote, markNote, markNoteDigest } from "../core/mark-note";
import type { Lang } from "../core/messages";
import { htmlColour, STYLE_COLOURS } from "../core/table-style";
import type { HostInfo } from "../host";
import { chunksByBytes, COST, held, released, requestBytes, utf8Bytes } from "./budget";
import type { Notice } from "./notices";
import { notice } from "./notices";
import { liftProtection, restoreProtection, type Lifted } from "./protection";
import { Record, recordRowBytes, sheetAddress, type MarkEntry, type PreviousFill, type SettingsStore, type SheetInfo } from "./record";
import { checkCancelled, type RunOptions } from "./run";

export const MARK_FILL = {
  error: htmlColour(STYLE_COLOURS["finding-error"].fill as string),
  warning: htmlColour(STYLE_COLOURS["finding-warning"].fill as string),
} as const;

export interface MarkOptions extends RunOptions {
  host: HostInfo;
  /** The document settings (only a record an earlier version left there is read from them). */
  store?: SettingsStore;
  lang?: Lang;
}

export interface MarkOutcome {
  /** Cells marked. */
  cells: number;
  /** How explanations were added. */
  explanations: "note" | "comment" | "none";
  notices: Notice[];
}

export interface ClearOutcome {
  /** Cells whose fill was restored. */
  restored: number;
  /** Notes and comments deleted. */
  removed: number;
  notices: Notice[];
}

/** "Sheet1!$D$9" or "'My sheet'!D9:D9" → "D9". */
function firstCell(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).split(":")[0].replace(/\$/g, "").toUpperCase();
}

/** Which kind of explanation the host supports. */
export function explanationKind(host: HostInfo): "note" | "comment" | "none" {
  if (host.supports("ExcelApi", "1.18")) return "note";
  if (host.supports("ExcelApi", "1.10")) return "comment";
  return "none";
}

interface Target {
  sheet: SheetInfo;
  cell: string;
  severity: "error" | "warning";
  /** The note the add-in writes on the cell (src/core/mark-note.ts). */
  text: string;
}

/** One target per cell: the worst severity, the note of its findings; the sheets of findings whose sheet is gone. */
function targetsOf(findings: readonly Finding[], lang: Lang, record: Record): { targets: Target[]; gone: string[] } {
  const byCell = new Map<string, { sheet: SheetInfo; cell: string; severity: "error" | "warning"; findings: Finding[] }>();
  const gone = new Set<string>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const sheet = record.find(f.sheet);
    if (!sheet) {
      gone.add(f.sheet);
      continue;
    }
    const key = `${sheet.id}\u0000${f.cell.toUpperCase()}`;
    const t = byCell.get(key);
    if (!t) byCell.set(key, { sheet, cell: f.cell.toUpperCase(), severity: f.severity, findings: [f] });
    else {
      if (f.severity === "error") t.severity = "error";
      t.findings.push(f);
    }
  }
  const targets = [...byCell.values()].map(({ findings: on, ...t }) => ({ ...t, text: markNote(on, lang) }));
  return { targets, gone: [...gone] };
}

/** The fill a cell has, as the loaded RangeFill tells it; null: none. */
function currentFill(fill: Excel.RangeFill, withPattern: boolean): PreviousFill | null {
  const color = typeof fill.color === "string" ? fill.color.toUpperCase() : "";
  if (!withPattern) return !color || color === "#FFFFFF" ? null : { color };
  const pattern = fill.pattern as string | null | undefined;
  if (pattern === "None" || !color) return null;
  if (!pattern || pattern === "Solid") return { color };
  const patternColor = typeof fill.patternColor === "string" ? fill.patternColor.toUpperCase() : undefined;
  return patternColor ? { color, pattern, patternColor } : { color, pattern };
}

const sameFill = (a: PreviousFill | null, b: PreviousFill | null): boolean =>
  (a === null && b === null) || (!!a && !!b && a.color === b.color && (a.pattern ?? "") === (b.pattern ?? "") && (a.patternColor ?? "") === (b.patternColor ?? ""));

/** Whether a cell still has the add-in's fill (an earlier version's row names no colour: either). */
function hasMark(now: PreviousFill | null, mark: string): boolean {
  if (!now || now.pattern) return false;
  return mark ? now.color === mark : now.color === MARK_FILL.error || now.color === MARK_FILL.warning;
}

function restoreFill(fill: Excel.RangeFill, previous: PreviousFill | null, withPattern: boolean): void {
  if (previous === null) {
    fill.clear();
    return;
  }
  if (withPattern) fill.pattern = (previous.pattern ?? "Solid") as Excel.FillPattern;
  fill.color = previous.color;
  if (withPattern && previous.patternColor) fill.patternColor = previous.patternColor;
}

/** Whether an explanation's text is still the one the add-in wrote (an earlier version's row has no digest: its prefix). */
function unchanged(text: string, digest: string | undefined): boolean {
  return digest ? markNoteDigest(text) === digest : isMarkNote(text);
}

/**
 * Sends a request that writes cells. Before ExcelApi 1.2 the add-in cannot see or lift a sheet's
 * protection: Excel's refusal then becomes what the clerk can do about it.
 */
async function syncWrites(context: Excel.RequestContext, host: HostInfo): Promise<void> {
  try {
    await context.sync();
  } catch (e) {
    if ((e as { code?: unknown }).code !== "AccessDenied" || host.supports("ExcelApi", "1.2")) throw e;
    throw appError("protected-old-host");
  }
}

interface ClearCounts {
  restored: number;
  removed: number;
  gone: number;
  fillsChanged: number;
  kept: number;
}

/**
 * Clears recorded marks on the sheets that are not `refused`: chunk by chunk, the cells' present
 * state loaded, then restored and their rows removed from the record in one request.
 */
async function clearEntries(context: Excel.RequestContext, record: Record, refused: ReadonlySet<string>, options: MarkOptions, budget: number): Promise<ClearCounts> {
  const { host, signal } = options;
  const withPattern = host.supports("ExcelApi", "1.9");
  const counts: ClearCounts = { restored: 0, removed: 0, gone: 0, fillsChanged: 0, kept: 0 };
  const worksheets = context.workbook.worksheets;
  const all = record.marks().map((m) => ({ ...m, sheet: record.sheetOf(m.entry) }));
  // Marks on a sheet deleted since are gone with it.
  const lost = all.filter((m) => !m.sheet);
  counts.gone += lost.filter((m) => m.entry.explanation).length;
  record.remove(lost.map((m) => m.row));
  const marks = all.filter((m): m is typeof m & { sheet: SheetInfo } => !!m.sheet && !refused.has(m.sheet.id));
  if (marks.length === 0) return counts;

  const notes = host.supports("ExcelApi", "1.18");
  const comments = host.supports("ExcelApi", "1.10");
  // Which of the add-in's comments still exist (their ids; one request, only when there are any).
  let existing = new Set<string>();
  if (comments && marks.some((m) => m.entry.explanation === "comment" && m.entry.commentId)) {
    const list = context.workbook.comments;
    list.load("items/id");
    await context.sync();
    existing = new Set(list.items.map((c) => c.id));
  }
  const cost = (m: (typeof marks)[number]) => COST.range + COST.loadedFill + COST.release + (m.entry.explanation ? COST.lookup : 0);
  const total = marks.length;
  let done = 0;
  options.onProgress?.({ stage: "clear", done, total });
  for (const chunk of chunksByBytes(marks, budget, cost)) {
    checkCancelled(signal);
    const loaded = chunk.map((m) => {
      const ws = worksheets.getItem(m.sheet.id);
      const range = held(ws.getRange(m.entry.cell));
      range.format.fill.load(withPattern ? "color,pattern,patternColor" : "color");
      let note: Excel.Note | null = null;
      let comment: { c: Excel.Comment; replies: OfficeExtension.ClientResult<number> } | null = null;
      if (m.entry.explanation === "note" && notes) {
        note = ws.notes.getItemOrNullObject(m.entry.cell);
        note.load("content");
      } else if (m.entry.explanation === "comment" && comments && m.entry.commentId && existing.has(m.entry.commentId)) {
        const c = context.workbook.comments.getItem(m.entry.commentId);
        c.load("content");
        comment = { c, replies: c.replies.getCount() };
      }
      return { m, range, note, comment };
    });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per chunk: the chunks keep each request within the budget on purpose
    await context.sync();
    for (const { m, range, note, comment } of loaded) {
      const now = currentFill(range.format.fill, withPattern);
      if (hasMark(now, m.entry.mark)) {
        restoreFill(range.format.fill, m.entry.fill, withPattern);
        counts.restored++;
      } else if (!sameFill(now, m.entry.fill)) counts.fillsChanged++;
      if (note) {
        if (note.isNullObject) counts.gone++;
        else if (unchanged(note.content, m.entry.digest)) {
          note.delete();
          counts.removed++;
        } else counts.kept++;
      } else if (comment) {
        if (comment.replies.value > 0 || !unchanged(comment.c.content, m.entry.digest)) counts.kept++;
        else {
          comment.c.delete();
          counts.removed++;
        }
      } else if (m.entry.explanation) counts.gone++;
    }
    // After the cells: should the request stop half-way, the rows of the cells not restored stay.
    record.remove(chunk.map((m) => m.row));
    await syncWrites(context, host);
    released(loaded.map((x) => x.range));
    done += chunk.length;
    options.onProgress?.({ stage: "clear", done, total });
  }
  return counts;
}

function clearNotices(counts: ClearCounts): Notice[] {
  const out: Notice[] = [];
  if (counts.gone > 0) out.push(notice("marks-gone", { count: counts.gone }));
  if (counts.fillsChanged > 0) out.push(notice("fills-changed", { count: counts.fillsChanged }));
  if (counts.kept > 0) out.push(notice("explanations-kept", { count: counts.kept }));
  return out;
}

/** The sheets the recorded marks are on. */
function markedSheets(record: Record): SheetInfo[] {
  return record.marks().flatMap((m) => record.sheetOf(m.entry) ?? []);
}

const unique = (sheets: readonly SheetInfo[]): SheetInfo[] => [...new Map(sheets.map((s) => [s.id, s])).values()];

/**
 * Lifts the protections a run needs, runs `work`, and puts every protection back — also when
 * the work failed or was cancelled (with the comment ids still to record, if any).
 */
async function withProtectionLifted<T>(
  context: Excel.RequestContext,
  record: Record,
  sheets: readonly SheetInfo[],
  host: HostInfo,
  work: (lifted: Lifted) => Promise<T>,
  pending: () => void = () => undefined,
): Promise<T> {
  const lifted = await liftProtection(context, record, sheets, host);
  let result: T;
  try {
    result = await work(lifted);
  } catch (e) {
    try {
      pending();
      restoreProtection(context, record, lifted.lifted);
      await context.sync();
    } catch {
      // The work's own error is the one to report.
    }
    throw e;
  }
  pending();
  restoreProtection(context, record, lifted.lifted);
  await context.sync();
  return result;
}

function protectedNotice(refused: readonly SheetInfo[]): Notice[] {
  return refused.length > 0 ? [notice("protected-sheets", { sheets: refused.map((s) => s.name) })] : [];
}

/** Removes the add-in's marks: restores the fills, deletes its notes and comments, as far as they are still its own. */
export async function unmarkCells(context: Excel.RequestContext, options: MarkOptions): Promise<ClearOutcome> {
  const budget = requestBytes(options.host);
  const record = await Record.open(context, { budget, store: options.store });
  const notices: Notice[] = record.damaged ? [notice("record-damaged", { count: record.damaged })] : [];
  if (record.marks().length === 0 && record.lifts().length === 0) return { restored: 0, removed: 0, notices };
  return withProtectionLifted(context, record, unique(markedSheets(record)), options.host, async ({ refused }) => {
    const counts = await clearEntries(context, record, new Set(refused.map((s) => s.id)), options, budget);
    record.compact();
    return { restored: counts.restored, removed: counts.removed, notices: [...notices, ...protectedNotice(refused), ...clearNotices(counts)] };
  });
}

/**
 * Marks the cells of the findings (those with a sheet and a cell, in this workbook). Earlier
 * marks are cleared first. Findings on a sheet that no longer exists are skipped, with a notice.
 */
export async function markCells(context: Excel.RequestContext, findings: readonly Finding[], options: MarkOptions): Promise<MarkOutcome> {
  const { host, signal } = options;
  const lang = options.lang ?? "zh";
  const budget = requestBytes(host);
  checkCancelled(signal);
  const record = await Record.open(context, { budget, store: options.store });
  checkCancelled(signal);
  const notices: Notice[] = record.damaged ? [notice("record-damaged", { count: record.damaged })] : [];
  const { targets, gone } = targetsOf(findings, lang, record);
  if (gone.length > 0) notices.push(notice("sheets-gone", { sheets: gone }));
  let kind = explanationKind(host);
  const withPattern = host.supports("ExcelApi", "1.9");
  const worksheets = context.workbook.worksheets;
  // The comments of the last chunk (their ids, or none added), recorded with the next request or at the end.
  let added: { first: number; entries: MarkEntry[] } | null = null;
  const recordIds = () => {
    if (added) record.updateExplanations(added.first, added.entries);
    added = null;
  };

  return withProtectionLifted(
    context,
    record,
    unique([...targets.map((t) => t.sheet), ...markedSheets(record)]),
    host,
    async ({ refused }) => {
      const refusedIds = new Set(refused.map((s) => s.id));
      notices.push(...protectedNotice(refused));
      const cleared = await clearEntries(context, record, refusedIds, options, budget);
      notices.push(...clearNotices(cleared));
      const todo = targets.filter((t) => !refusedIds.has(t.sheet.id));

      // Threaded comments have no address: locate those on the touched sheets (only when there are any).
      const commented = new Set<string>();
      if (kind === "comment" && todo.length > 0) {
        const lists = unique(todo.map((t) => t.sheet)).map((sheet) => {
          const list = worksheets.getItem(sheet.id).comments;
          list.load("items/id");
          return { sheet, list };
        });
        await context.sync();
        const located = lists.flatMap(({ sheet, list }) =>
          list.items.map((c) => {
            const where = c.getLocation();
            where.load("address");
            return { sheet, where };
          }),
        );
        if (located.length > 0) await context.sync();
        for (const { sheet, where } of located) commented.add(`${sheet.id}\u0000${firstCell(where.address)}`);
      }

      const cost = (t: Target) => COST.release + Math.max(COST.range + COST.loadedFill + COST.lookup, COST.range + COST.explanation + recordRowBytes({ sheetId: t.sheet.id, sheet: t.sheet.name, cell: t.cell, mark: "#FFFFFF", fill: null, explanation: "comment", digest: "00000000" }) + utf8Bytes(JSON.stringify(t.text)));
      let marked = 0;
      let hadNotes = 0;
      options.onProgress?.({ stage: "mark", done: 0, total: todo.length });
      for (const chunk of chunksByBytes(todo, budget, cost)) {
        checkCancelled(signal);
        // The cells' fills and notes as they are now.
        const loaded = chunk.map((t) => {
          const ws = worksheets.getItem(t.sheet.id);
          const range = held(ws.getRange(t.cell));
          range.format.fill.load(withPattern ? "color,pattern,patternColor" : "color");
          const note = kind === "note" ? ws.notes.getItemOrNullObject(t.cell) : null;
          note?.load("content");
          return { t, range, note };
        });
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per chunk: the chunks keep each request within the budget on purpose
        await context.sync();

        // The record rows first, then the fills and notes, in one request.
        recordIds();
        const entries: MarkEntry[] = loaded.map(({ t, range, note }) => {
          const mark = MARK_FILL[t.severity];
          const own = kind === "note" ? !!note && note.isNullObject : kind === "comment" ? !commented.has(`${t.sheet.id}\u0000${t.cell}`) : false;
          if (kind !== "none" && !own) hadNotes++;
          const entry: MarkEntry = { sheetId: t.sheet.id, sheet: t.sheet.name, cell: t.cell, mark, fill: currentFill(range.format.fill, withPattern), explanation: own ? (kind as "note" | "comment") : null };
          if (own) entry.digest = markNoteDigest(t.text);
          return entry;
        });
        const first = record.addMarks(entries);
        loaded.forEach(({ t, range }, i) => {
          if (withPattern) range.format.fill.pattern = "Solid";
          range.format.fill.color = entries[i].mark;
          if (entries[i].explanation === "note") worksheets.getItem(t.sheet.id).notes.add(t.cell, t.text);
        });
        await syncWrites(context, host);
        released(loaded.map((x) => x.range));

        // Threaded comments in a request of their own: a host that refuses them leaves the fills.
        const commentsOf = entries.map((e, i) => (e.explanation === "comment" ? { i, c: context.workbook.comments.add(sheetAddress(loaded[i].t.sheet.name, loaded[i].t.cell), loaded[i].t.text) } : null));
        if (commentsOf.some((x) => x)) {
          for (const x of commentsOf) x?.c.load("id");
          try {
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the comments of a chunk in a request of their own: a host refusing them keeps the fills
            await context.sync();
          } catch (e) {
            notices.push(notice("comments-failed", { reason: errorParam(e) }));
            kind = "none";
          }
          // Ids of the comments added (Excel ran the actions before the one that failed, if any).
          for (const x of commentsOf) {
            if (!x) continue;
            const e = entries[x.i];
            try {
              e.commentId = x.c.id;
            } catch {
              e.explanation = null;
              delete e.digest;
            }
          }
          added = { first, entries };
        }
        marked += chunk.length;
        options.onProgress?.({ stage: "mark", done: marked, total: todo.length });
      }
      if (kind === "none" && marked > 0 && explanationKind(host) === "none") notices.push(notice("explanations-unsupported"));
      if (hadNotes > 0) notices.push(notice("cells-had-notes", { count: hadNotes }));
      return { cells: marked, explanations: kind, notices };
    },
    recordIds,
  );
}
