/**
 * Marks in the workbook (单元格标记): each finding's cell gets a fill by severity and an
 * explanation, and 清除标记 takes exactly that away again.
 *
 * - Fill: error light red, warning light yellow (the finding-error / finding-warning styles of
 *   src/core/table-style.ts, as in the .xlsx output). Only format.fill is written: never a
 *   cell's values or formulas.
 * - Explanation: a note (ExcelApi 1.18), else a threaded comment (ExcelApi 1.10), else none
 *   (the findings list alone, with a notice). A cell that already has a note or comment keeps
 *   it and gets none of ours.
 * - Before writing, each touched cell's fill is loaded and kept in the record (record.ts),
 *   with what the add-in added. Clearing restores exactly the recorded fills (format.fill.clear()
 *   where there was none) and deletes exactly the notes/comments the add-in added. Without
 *   ExcelApi 1.9 the fill pattern is unknown: a white (#FFFFFF) fill is taken for "no fill".
 * - Marking again first clears the earlier marks, in the same batch, so that the recorded
 *   "previous fill" is never the add-in's own.
 *
 * Requests: marking is 2 syncs (load previous fills and notes, then write); when earlier marks
 * are cleared first, +1 (which sheets still exist) and +1 more when they had notes or comments
 * (do they still exist); +1 to locate existing threaded comments (ExcelApi 1.10–1.17 hosts with
 * comments on the touched sheets). Clearing is 2 syncs, or 3 when the marks had notes or
 * comments. All bounded, whatever the number of findings.
 */
import type { Finding } from "../core/findings";
import { markNote } from "../core/mark-note";
import type { Lang } from "../core/messages";
import { htmlColour, STYLE_COLOURS } from "../core/table-style";
import type { HostInfo } from "../host";
import type { Notice } from "./notices";
import { notice } from "./notices";
import type { AddinRecord, MarkEntry, PreviousFill, SettingsStore } from "./record";
import { loadRecord, saveRecord } from "./record";
import type { RunOptions } from "./run";
import { checkCancelled } from "./run";

export const MARK_FILL = {
  error: htmlColour(STYLE_COLOURS["finding-error"].fill as string),
  warning: htmlColour(STYLE_COLOURS["finding-warning"].fill as string),
} as const;


export interface MarkOptions extends RunOptions {
  host: HostInfo;
  store: SettingsStore;
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

/** "'Sheet name'!A1": a cell address qualified by its sheet (quotes doubled). */
export function sheetAddress(sheet: string, cell: string): string {
  return `'${sheet.replace(/'/g, "''")}'!${cell}`;
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
  sheet: string;
  cell: string;
  severity: "error" | "warning";
  findings: Finding[];
}

/** One target per cell: the worst severity, its findings (the note: src/core/mark-note.ts). */
function targetsOf(findings: readonly Finding[]): Target[] {
  const byCell = new Map<string, Target>();
  for (const f of findings) {
    if (!f.sheet || !f.cell) continue;
    const key = `${f.sheet}\u0000${f.cell.toUpperCase()}`;
    const t = byCell.get(key);
    if (!t) byCell.set(key, { sheet: f.sheet, cell: f.cell.toUpperCase(), severity: f.severity, findings: [f] });
    else {
      if (f.severity === "error") t.severity = "error";
      t.findings.push(f);
    }
  }
  return [...byCell.values()];
}

/** The fill a cell had, as the loaded RangeFill tells it. */
function previousFill(fill: Excel.RangeFill, withPattern: boolean): PreviousFill {
  const color = typeof fill.color === "string" ? fill.color.toUpperCase() : "";
  if (withPattern) {
    const pattern = fill.pattern as string | null | undefined;
    if (pattern === "None" || !color) return null;
    return pattern && pattern !== "Solid" ? { color, pattern } : { color };
  }
  return !color || color === "#FFFFFF" ? null : { color };
}

interface ClearPlan {
  /** Recorded marks, and whether their note/comment still exists. */
  apply(): { restored: number; removed: number; gone: number };
}

/**
 * Loads what clearing needs (whether the add-in's notes and comments still exist): one sync,
 * none when the record holds no explanation. Returns the writes to queue.
 */
async function prepareClear(context: Excel.RequestContext, record: AddinRecord, host: HostInfo): Promise<ClearPlan> {
  const sheets = context.workbook.worksheets;
  // Marks on a sheet deleted (or renamed) since are gone with it.
  sheets.load("items/name");
  await context.sync();
  const present = new Set(sheets.items.map((ws) => ws.name));
  const marks = record.marks.filter((m) => present.has(m.sheet));
  const withNotes = marks.filter((m) => m.explanation === "note");
  const withComments = marks.filter((m) => m.explanation === "comment" && m.commentId);
  const notes = host.supports("ExcelApi", "1.18")
    ? withNotes.map((m) => {
        const note = sheets.getItem(m.sheet).notes.getItemOrNullObject(m.cell);
        note.load("content");
        return { m, note };
      })
    : [];
  const comments = withComments.length > 0 && host.supports("ExcelApi", "1.10") ? context.workbook.comments : null;
  comments?.load("items/id");
  if (notes.length > 0 || comments) await context.sync();
  return {
    apply() {
      let restored = 0;
      let removed = 0;
      let gone = record.marks.length - marks.length;
      for (const m of marks) {
        const fill = sheets.getItem(m.sheet).getRange(m.cell).format.fill;
        restoreFill(fill, m.fill, host.supports("ExcelApi", "1.9"));
        restored++;
      }
      for (const { note } of notes) {
        if (note.isNullObject) gone++;
        else {
          note.delete();
          removed++;
        }
      }
      if (comments) {
        const existing = new Set(comments.items.map((c) => c.id));
        for (const m of withComments) {
          if (existing.has(m.commentId as string)) {
            comments.getItem(m.commentId as string).delete();
            removed++;
          } else gone++;
        }
      }
      return { restored, removed, gone };
    },
  };
}

function restoreFill(fill: Excel.RangeFill, previous: PreviousFill, withPattern: boolean): void {
  if (previous === null) {
    fill.clear();
    return;
  }
  if (withPattern && previous.pattern) fill.pattern = previous.pattern as Excel.FillPattern;
  fill.color = previous.color;
}

/** Removes the add-in's marks: restores the recorded fills, deletes its notes and comments. */
export async function unmarkCells(context: Excel.RequestContext, options: MarkOptions): Promise<ClearOutcome> {
  const { record, damaged } = loadRecord(options.store);
  const notices: Notice[] = damaged ? [notice("record-damaged")] : [];
  if (record.marks.length === 0) {
    if (damaged) await saveRecord(options.store, record);
    return { restored: 0, removed: 0, notices };
  }
  const plan = await prepareClear(context, record, options.host);
  checkCancelled(options.signal);
  const { restored, removed, gone } = plan.apply();
  await context.sync();
  if (gone > 0) notices.push(notice("marks-gone", { count: gone }));
  options.onProgress?.({ stage: "clear", done: restored, total: restored });
  await saveRecord(options.store, { ...record, marks: [] });
  return { restored, removed, notices };
}

/**
 * Marks the cells of the findings (those with a sheet and a cell, in this workbook). Earlier
 * marks are cleared first. The record is saved into the workbook's settings.
 */
export async function markCells(context: Excel.RequestContext, findings: readonly Finding[], options: MarkOptions): Promise<MarkOutcome> {
  const { host, store, signal } = options;
  const lang = options.lang ?? "zh";
  const { record, damaged } = loadRecord(store);
  const notices: Notice[] = damaged ? [notice("record-damaged")] : [];
  const kind = explanationKind(host);
  const withPattern = host.supports("ExcelApi", "1.9");
  const sheets = context.workbook.worksheets;

  // Earlier marks: find out what still exists (one sync when they had explanations).
  const clear = record.marks.length > 0 ? await prepareClear(context, record, host) : null;
  checkCancelled(signal);

  // One batch: the earlier marks cleared, then the previous fills (and notes) of the new cells
  // loaded, so that what is recorded is the clerk's fill, not ours.
  const cleared = clear?.apply();
  if (cleared && cleared.gone > 0) notices.push(notice("marks-gone", { count: cleared.gone }));
  let targets = targetsOf(findings);
  const sheetNames = [...new Set(targets.map((t) => t.sheet))];
  const protection = host.supports("ExcelApi", "1.2")
    ? sheetNames.map((name) => {
        const p = sheets.getItem(name).protection;
        p.load("protected");
        return { name, p };
      })
    : [];
  const loaded = targets.map((t) => {
    const range = sheets.getItem(t.sheet).getRange(t.cell);
    // eslint-disable-next-line office-addins/no-empty-load -- loads "color" (and "pattern"): the rule does not read a conditional property list
    range.format.fill.load(withPattern ? "color,pattern" : "color");
    const note = kind === "note" ? sheets.getItem(t.sheet).notes.getItemOrNullObject(t.cell) : null;
    note?.load("content");
    return { t, range, note };
  });
  const sheetComments =
    kind === "comment"
      ? sheetNames.map((name) => {
          const comments = sheets.getItem(name).comments;
          comments.load("items/id");
          return { name, comments };
        })
      : [];
  await context.sync();
  checkCancelled(signal);

  // Threaded comments have no address: locate the existing ones (only when there are any).
  const commented = new Set<string>();
  const located = sheetComments.flatMap(({ name, comments }) =>
    comments.items.map((c) => {
      const where = c.getLocation();
      where.load("address");
      return { name, where };
    }),
  );
  if (located.length > 0) {
    await context.sync();
    for (const { name, where } of located) commented.add(`${name}\u0000${firstCell(where.address)}`);
  }

  const protectedSheets = new Set(protection.filter(({ p }) => p.protected).map(({ name }) => name));
  if (protectedSheets.size > 0) notices.push(notice("protected-sheets", { sheets: [...protectedSheets].join("”“") }));

  // The writes: fills, explanations.
  const marks: MarkEntry[] = [];
  const added: { entry: MarkEntry; comment: Excel.Comment }[] = [];
  let hadNotes = 0;
  for (const { t, range, note } of loaded) {
    if (protectedSheets.has(t.sheet)) continue;
    const entry: MarkEntry = { sheet: t.sheet, cell: t.cell, fill: previousFill(range.format.fill, withPattern), explanation: null };
    range.format.fill.color = MARK_FILL[t.severity];
    const text = markNote(t.findings, lang);
    if (kind === "note") {
      if (note && !note.isNullObject) hadNotes++;
      else {
        sheets.getItem(t.sheet).notes.add(t.cell, text);
        entry.explanation = "note";
      }
    } else if (kind === "comment") {
      if (commented.has(`${t.sheet}\u0000${t.cell}`)) hadNotes++;
      else {
        const comment = context.workbook.comments.add(sheetAddress(t.sheet, t.cell), text);
        comment.load("id");
        entry.explanation = "comment";
        added.push({ entry, comment });
      }
    }
    marks.push(entry);
  }
  targets = targets.filter((t) => !protectedSheets.has(t.sheet));
  await context.sync();
  for (const { entry, comment } of added) entry.commentId = comment.id;
  options.onProgress?.({ stage: "mark", done: marks.length, total: marks.length });

  if (kind === "none" && marks.length > 0) notices.push(notice("explanations-unsupported"));
  if (hadNotes > 0) notices.push(notice("cells-had-notes", { count: hadNotes }));
  try {
    await saveRecord(store, { ...record, marks });
  } catch (e) {
    notices.push(notice("settings-not-saved", { reason: e instanceof Error ? e.message : String(e) }));
  }
  return { cells: targets.length, explanations: kind, notices };
}
