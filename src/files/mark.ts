/**
 * Marks on a copy of a district workbook (标记副本): each finding's cell gets a fill by
 * severity and a note (src/core/mark-note.ts: the note the add-in writes), and the clerks'
 * 情况属实 of the session go into the very hidden `_indicators` sheet (src/core/confirmations.ts),
 * so the copy carries them into Excel, WPS, LibreOffice and the bureau's compile.
 * Browser-safe (no fs): the task pane's standalone mode offers the result as a download.
 *
 * The copy is the original package patched, not a workbook written anew: only the styles part
 * (two fills, and one cell style per marked style), the flagged sheets' parts (the marked
 * cells' style index, a <legacyDrawing> when the sheet had no notes), their notes (comments
 * part and its VML drawing, created or extended) and relationships, and [Content_Types].xml
 * when a part is added, change. Every other entry of the zip is copied as stored, byte for
 * byte: macros (vbaProject.bin), charts, pivot caches, the date system, sheets the reader could
 * not read. No cell value of the clerk's is written; the record sheet is written whole (replaced,
 * or added with its relationship, its entry in workbook.xml and its content type).
 */
import { confirmationRows, type Confirmation } from "../core/confirmations";
import { AppError } from "../core/errors";
import { findingsToMark, type Finding, type Severity } from "../core/findings";
import { markNote } from "../core/mark-note";
import { messages, type Lang } from "../core/messages";
import { a1, parseA1 } from "../core/model";
import { CONFIRMATIONS_SHEET } from "../core/sheets";
import { STYLE_COLOURS } from "../core/table-style";
import { deflateSync } from "fflate";
import { inflateBounded } from "./inflate";
import { READ_LIMITS } from "./sheet-builder";
import { Package, parseRef, parseRelationships, parseWorkbook, relsPartOf, type Relationship } from "./xlsx-read";
import { decodeXml, END, escapeXml, START, XmlScanner } from "./xml";
import { copiedEntry, crc32, readCentralDirectory, writeZip, type ZipOutEntry } from "./zip";

/** Fill colours of marked cells (ARGB): the finding-error / finding-warning styles, as the add-in marks them. */
export const MARK_FILLS: Record<Severity, string> = {
  error: STYLE_COLOURS["finding-error"].fill as string,
  warning: STYLE_COLOURS["finding-warning"].fill as string,
};

export interface MarkCopyOptions {
  /** Language of the notes; default Chinese. */
  lang?: Lang;
  /**
   * The confirmations the copy carries (the workbook's own with the session's decisions
   * applied): written into the `_indicators` sheet, replacing what it held. Absent: the sheet
   * is left as it is.
   */
  confirmations?: readonly Confirmation[];
}

/** A marked copy cannot be made of this file (not an .xlsx/.xlsm package, or damaged): the one error type. */
export class MarkError extends AppError {
  constructor(...args: ConstructorParameters<typeof AppError>) {
    super(...args);
    this.name = "MarkError";
  }
}

const notAPackage = () => new MarkError("mark-not-xlsx");
const incomplete = (part: string) => new MarkError("mark-part-incomplete", { part });

const TRANSITIONAL = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};
const STRICT = { main: "http://purl.oclc.org/ooxml/spreadsheetml/main", rel: "http://purl.oclc.org/ooxml/officeDocument/relationships" };
const CT = {
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
};
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Edits of a text: replace [at, at + remove) by insert; applied together, from the end. */
class Edits {
  private readonly list: { at: number; remove: number; insert: string; order: number }[] = [];

  add(at: number, remove: number, insert: string): void {
    this.list.push({ at, remove, insert, order: this.list.length });
  }

  /** At one position, a replacement applies before an insertion, so the insertion lands in front of it. */
  apply(text: string): string {
    const sorted = [...this.list].sort((a, b) => b.at - a.at || b.remove - a.remove || b.order - a.order);
    let out = text;
    for (const e of sorted) out = out.slice(0, e.at) + e.insert + out.slice(e.at + e.remove);
    return out;
  }
}

/** A start tag with an attribute set to a value (replaced, or added after the name). */
function withAttribute(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(":", "\\:")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${value}"`);
  return tag.replace(/^<([^\s/>]+)/, `<$1 ${name}="${value}"`);
}

/** The target of a relationship from `from` to `to` (both part names), relative. */
function relativeTarget(from: string, to: string): string {
  const a = from.split("/").slice(0, -1);
  const b = to.split("/");
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}

// ---------------------------------------------------------------------------------------
// Styles: two fills, and per (original cell style, severity) a copy of the style with the fill.

class StylesEditor {
  private readonly xfs: string[] = [];
  private readonly added = new Map<string, number>();
  private readonly newXfs: string[] = [];
  private fillIds: Record<Severity, number> | undefined;
  private fillCount = 0;
  private fillsEnd = -1;
  private fillsTag: [number, number] | undefined;
  private xfsEnd = -1;
  private xfsTag: [number, number] | undefined;
  private prefix = "";

  constructor(private readonly text: string) {
    const sc = new XmlScanner();
    sc.reset(text);
    let inXfs = false;
    let xfStart = -1;
    while (sc.next()) {
      if (sc.is("fills")) {
        if (sc.kind === START) {
          this.fillsTag = [sc.tagStart, sc.position];
          this.prefix = sc.prefix;
        } else if (sc.kind === END) this.fillsEnd = sc.tagStart;
      } else if (sc.is("fill") && sc.kind !== END && this.fillsEnd < 0) this.fillCount++;
      else if (sc.is("cellXfs")) {
        if (sc.kind === START) {
          this.xfsTag = [sc.tagStart, sc.position];
          inXfs = true;
        } else if (sc.kind === END) {
          this.xfsEnd = sc.tagStart;
          inXfs = false;
        }
      } else if (inXfs && sc.is("xf")) {
        if (sc.kind === START) xfStart = sc.tagStart;
        else if (sc.kind === END) this.xfs.push(text.slice(xfStart, sc.position));
        else this.xfs.push(text.slice(sc.tagStart, sc.position));
      }
    }
    if (!this.fillsTag || this.fillsEnd < 0 || !this.xfsTag || this.xfsEnd < 0 || this.xfs.length === 0) {
      throw incomplete("styles: fills, cellXfs");
    }
  }

  /** The style index of a cell of style `xf` marked with `severity`. */
  marked(xf: number, severity: Severity): number {
    const key = `${xf}:${severity}`;
    let id = this.added.get(key);
    if (id === undefined) {
      if (!this.fillIds) this.fillIds = { error: this.fillCount, warning: this.fillCount + 1 };
      const base = this.xfs[xf] ?? this.xfs[0];
      const start = /^<[^>]*>/.exec(base)![0];
      const retagged = withAttribute(withAttribute(start, "fillId", String(this.fillIds[severity])), "applyFill", "1");
      this.newXfs.push(retagged + base.slice(start.length));
      id = this.xfs.length + this.newXfs.length - 1;
      this.added.set(key, id);
    }
    return id;
  }

  result(): string | undefined {
    if (!this.fillIds) return undefined;
    const p = this.prefix;
    const fill = (argb: string) => `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    const edits = new Edits();
    const [fs, fe] = this.fillsTag!;
    edits.add(fs, fe - fs, withAttribute(this.text.slice(fs, fe), "count", String(this.fillCount + 2)));
    edits.add(this.fillsEnd, 0, fill(MARK_FILLS.error) + fill(MARK_FILLS.warning));
    const [xs, xe] = this.xfsTag!;
    edits.add(xs, xe - xs, withAttribute(this.text.slice(xs, xe), "count", String(this.xfs.length + this.newXfs.length)));
    edits.add(this.xfsEnd, 0, this.newXfs.join(""));
    return edits.apply(this.text);
  }
}

/** A styles part for a package that has none (legal, if unusual): one default cell style. */
function minimalStyles(ns: string): string {
  return (
    `${XML_HEAD}<styleSheet xmlns="${ns}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

// ---------------------------------------------------------------------------------------
// A sheet: the marked cells' style index, cells and rows added where a marked cell is empty.

interface SheetLayout {
  /** Start tag of the root element, and the prefix of SpreadsheetML elements. */
  root: [number, number];
  prefix: string;
  /** Where </sheetData> begins, or the self-closing <sheetData/> tag. */
  dataEnd: number;
  dataEmpty?: [number, number];
  rows: { r: number; tag: [number, number]; explicit: boolean; empty: boolean; end: number; cells: { c: number; tag: [number, number]; explicit: boolean; style: number }[] }[];
  /** r:id of an existing <legacyDrawing>, and where a new one goes (before what must follow it). */
  legacyDrawing?: string;
  legacyAt: number;
}

/** Elements that come after <legacyDrawing> in a worksheet (ECMA-376 CT_Worksheet). */
const AFTER_LEGACY = new Set(["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]);

function layoutOf(text: string): SheetLayout {
  const sc = new XmlScanner();
  sc.reset(text);
  const layout: SheetLayout = { root: [0, 0], prefix: "", dataEnd: -1, rows: [], legacyAt: -1 };
  let depth = 0;
  let inData = false;
  let r = -1;
  let col = -1;
  while (sc.next()) {
    const kind = sc.kind;
    if (depth === 0 && kind !== END) {
      layout.root = [sc.tagStart, sc.position];
      layout.prefix = sc.prefix;
    } else if (depth === 1 && kind !== END) {
      if (sc.is("sheetData")) {
        if (kind === START) inData = true;
        else {
          layout.dataEmpty = [sc.tagStart, sc.position];
          layout.dataEnd = sc.tagStart;
        }
      } else if (sc.is("legacyDrawing")) layout.legacyDrawing = sc.prefixedAttr("id");
      else if (layout.legacyAt < 0 && AFTER_LEGACY.has(sc.name)) layout.legacyAt = sc.tagStart;
    } else if (inData && depth === 2 && sc.is("row")) {
      if (kind === END) layout.rows[layout.rows.length - 1].end = sc.tagStart;
      else {
        const ra = sc.attr("r");
        r = ra === undefined ? r + 1 : Number(ra) - 1;
        col = -1;
        layout.rows.push({ r, tag: [sc.tagStart, sc.position], explicit: ra !== undefined, empty: kind !== START, end: sc.position, cells: [] });
      }
    } else if (inData && depth === 3 && sc.is("c") && kind !== END) {
      const ref = sc.attr("r");
      col = ref === undefined ? col + 1 : (parseRef(ref)?.[1] ?? col + 1);
      layout.rows[layout.rows.length - 1].cells.push({ c: col, tag: [sc.tagStart, sc.position], explicit: ref !== undefined, style: Number(sc.attr("s") ?? 0) || 0 });
    } else if (depth === 2 && kind === END && sc.is("sheetData")) {
      inData = false;
      layout.dataEnd = sc.tagStart;
    }
    if (kind === START) depth++;
    else if (kind === END) {
      depth--;
      if (depth === 0 && layout.legacyAt < 0) layout.legacyAt = sc.tagStart;
    }
  }
  if (layout.dataEnd < 0) throw incomplete("worksheet: sheetData");
  return layout;
}

/**
 * The sheet with each marked cell's style set by `style(original style index)`; cells and rows
 * that do not exist are added (empty, with the style). A row or cell placed by position alone
 * (no r attribute) that comes right after an added one gets its r written, so that nothing
 * moves. Returns the new text.
 */
function markCells(text: string, layout: SheetLayout, marks: Map<string, (xf: number) => number>, legacyTag: string | undefined): string {
  const p = layout.prefix;
  const wanted = [...marks.keys()].map((address) => ({ address, ...parseA1(address) })).sort((a, b) => a.row - b.row || a.col - b.col);
  const newCell = (w: (typeof wanted)[number]) => `<${p}c r="${w.address}" s="${marks.get(w.address)!(0)}"/>`;
  /** New text of existing tags (by where they start), and text inserted before a position. */
  const tags = new Map<number, { end: number; tag: string }>();
  const retag = ([start, end]: [number, number], change: (tag: string) => string) =>
    tags.set(start, { end, tag: change(tags.get(start)?.tag ?? text.slice(start, end)) });
  const inserts = new Map<number, string>();
  const insert = (at: number, what: string) => inserts.set(at, (inserts.get(at) ?? "") + what);

  const rowByIndex = new Map(layout.rows.map((row) => [row.r, row]));
  const byRow = new Map<number, typeof wanted>();
  for (const w of wanted) byRow.set(w.row, [...(byRow.get(w.row) ?? []), w]);

  const newRows: string[] = [];
  for (const [r, cells] of byRow) {
    const row = rowByIndex.get(r);
    if (!row) {
      // A row that does not exist: before the first row below it, or at the end of sheetData.
      const rowText = `<${p}row r="${r + 1}">${cells.map(newCell).join("")}</${p}row>`;
      const next = layout.rows.find((x) => x.r > r);
      if (next) {
        insert(next.tag[0], rowText);
        if (!next.explicit) retag(next.tag, (tag) => withAttribute(tag, "r", String(next.r + 1)));
      } else if (layout.dataEmpty) newRows.push(rowText);
      else insert(layout.dataEnd, rowText);
      continue;
    }
    const appended: string[] = [];
    for (const w of cells) {
      const existing = row.cells.find((c) => c.c === w.col);
      if (existing) {
        retag(existing.tag, (tag) => withAttribute(tag, "s", String(marks.get(w.address)!(existing.style))));
        continue;
      }
      const next = row.cells.find((c) => c.c > w.col);
      if (!next) {
        appended.push(newCell(w));
        continue;
      }
      insert(next.tag[0], newCell(w));
      if (!next.explicit) retag(next.tag, (tag) => withAttribute(tag, "r", a1(r, next.c)));
    }
    if (appended.length === 0) continue;
    // Cells after the row's last: before </row>, or <row r="5"/> opened to hold them.
    if (row.empty) retag(row.tag, (tag) => `${tag.replace(/\s*\/>$/, ">")}${appended.join("")}</${p}row>`);
    else insert(row.end, appended.join(""));
  }
  if (layout.dataEmpty && newRows.length > 0) retag(layout.dataEmpty, () => `<${p}sheetData>${newRows.join("")}</${p}sheetData>`);
  if (legacyTag) insert(layout.legacyAt, legacyTag);

  const edits = new Edits();
  for (const [start, { end, tag }] of tags) edits.add(start, end - start, tag);
  for (const [at, what] of inserts) edits.add(at, 0, what);
  return edits.apply(text);
}

// ---------------------------------------------------------------------------------------
// Notes: the legacy comments part and its VML drawing (what Excel, WPS and LibreOffice show).

function commentRun(text: string, leadingBreak: boolean): string {
  const t = escapeXml(leadingBreak ? `\n${text}` : text);
  return `<r><rPr><sz val="9"/><rFont val="宋体"/><charset val="134"/></rPr><t xml:space="preserve">${t}</t></r>`;
}

/** The comments part with the notes added to (or appended to the existing note of) each cell. */
function withComments(existing: string | undefined, ns: string, notes: Map<string, string>, author: string): { text: string; added: string[] } {
  const added: string[] = [];
  if (existing === undefined) {
    const list = [...notes].map(([ref, note]) => {
      added.push(ref);
      return `<comment ref="${ref}" authorId="0"><text>${commentRun(note, false)}</text></comment>`;
    });
    return { text: `${XML_HEAD}<comments xmlns="${ns}"><authors><author>${escapeXml(author)}</author></authors><commentList>${list.join("")}</commentList></comments>`, added };
  }
  const sc = new XmlScanner();
  sc.reset(existing);
  const edits = new Edits();
  let authors = 0;
  let authorsEnd = -1;
  let listEnd = -1;
  let prefix = "";
  let current: string | undefined;
  let textEnd = -1;
  const inComment = new Map<string, number>();
  while (sc.next()) {
    if (sc.is("author") && sc.kind !== END) authors++;
    else if (sc.is("authors") && sc.kind === END) authorsEnd = sc.tagStart;
    else if (sc.is("commentList")) {
      if (sc.kind === END) listEnd = sc.tagStart;
      prefix = sc.prefix;
    } else if (sc.is("comment") && sc.kind !== END) current = sc.attr("ref")?.toUpperCase();
    else if (sc.is("rPh") || sc.is("phoneticPr")) {
      if (current && textEnd < 0) textEnd = sc.tagStart;
    } else if (sc.is("text") && sc.kind === END && current) {
      inComment.set(current, textEnd >= 0 ? textEnd : sc.tagStart);
      textEnd = -1;
    }
  }
  if (authorsEnd < 0 || listEnd < 0) throw incomplete("comments");
  edits.add(authorsEnd, 0, `<${prefix}author>${escapeXml(author)}</${prefix}author>`);
  const fresh: string[] = [];
  for (const [ref, note] of notes) {
    const at = inComment.get(ref);
    if (at !== undefined) edits.add(at, 0, commentRun(note, true).replace(/<(\/?)(r|rPr|sz|rFont|charset|t)\b/g, `<$1${prefix}$2`));
    else {
      added.push(ref);
      fresh.push(`<${prefix}comment ref="${ref}" authorId="${authors}"><${prefix}text>${commentRun(note, false).replace(/<(\/?)(r|rPr|sz|rFont|charset|t)\b/g, `<$1${prefix}$2`)}</${prefix}text></${prefix}comment>`);
    }
  }
  edits.add(listEnd, 0, fresh.join(""));
  return { text: edits.apply(existing), added };
}

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function noteShape(id: number, ref: string): string {
  const { row, col } = parseA1(ref);
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:144pt;height:72pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col + 1}, 15, ${row}, 2, ${col + 4}, 15, ${row + 5}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

/**
 * The VML drawing with a hidden note shape for each new comment (created when `existing` is
 * undefined, its shape ids in the free id block `idBlock`).
 */
function withNoteShapes(existing: string | undefined, refs: readonly string[], idBlock: number): string {
  if (existing === undefined) {
    const blocks = Array.from({ length: Math.ceil((refs.length + 1) / 1024) }, (_, i) => idBlock + i);
    const shapes = refs.map((ref, i) => noteShape(idBlock * 1024 + 1 + i, ref)).join("");
    return (
      '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(",")}"/></o:shapelayout>${SHAPETYPE}${shapes}</xml>`
    );
  }
  const end = existing.lastIndexOf("</xml>");
  if (end < 0) throw incomplete("vmlDrawing");
  // New shapes follow the drawing's own: within its id block (o:idmap data), after its last shape.
  const own = Number(/<o:idmap[^>]*data="(\d+)/.exec(existing)?.[1] ?? idBlock);
  const ids = [...existing.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1]));
  const first = Math.max(own * 1024, ...ids) + 1;
  const shapes = refs.map((ref, i) => noteShape(first + i, ref)).join("");
  return existing.slice(0, end) + (existing.includes("_x0000_t202") ? "" : SHAPETYPE) + shapes + existing.slice(end);
}

// ---------------------------------------------------------------------------------------
// The package

function nextRelId(rels: readonly Relationship[] | undefined, taken: Set<string>): string {
  let n = Math.max(0, ...(rels ?? []).map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0)));
  let id: string;
  do id = `rId${++n}`;
  while (taken.has(id));
  taken.add(id);
  return id;
}

/** The record sheet (every cell an inline string, so a reason beginning with "=" stays text). */
function confirmationSheet(ns: string, list: readonly Confirmation[]): string {
  const rows = confirmationRows(list).map(
    (row, r) =>
      `<row r="${r + 1}">${row
        .map((v, c) => (v === "" ? "" : `<c r="${a1(r, c)}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`))
        .join("")}</row>`,
  );
  return `${XML_HEAD}<worksheet xmlns="${ns}"><sheetData>${rows.join("")}</sheetData></worksheet>`;
}

/**
 * Loads the original .xlsx/.xlsm bytes and returns new bytes in which the cells of the findings
 * (those with a sheet and a cell; not a confirmed warning) carry a fill and a note, and the
 * record sheet holds the confirmations. A cell's existing note is kept, with the findings
 * appended below it. Throws MarkError for a file that is not an .xlsx/.xlsm package.
 */
export async function markWorkbookBuffer(data: ArrayBuffer | Uint8Array, findings: readonly Finding[], opts: MarkCopyOptions = {}): Promise<Uint8Array> {
  const lang = opts.lang ?? "zh";
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  let pkg: Package;
  let entries;
  try {
    if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new Error("not a zip");
    entries = readCentralDirectory(bytes);
    pkg = new Package(bytes, entries, inflateBounded, READ_LIMITS);
  } catch {
    throw notAPackage();
  }
  const sc = new XmlScanner();
  const originals = new Map<string, string>();
  const read = (part: string): string => {
    let text = originals.get(part);
    if (text === undefined) {
      try {
        text = decodeXml(pkg.read(part));
      } catch (e) {
        throw new MarkError("mark-part-unreadable", { part, why: e instanceof Error ? e.message : String(e) });
      }
      originals.set(part, text);
    }
    return text;
  };
  const changed = new Map<string, string>();
  const latest = (part: string) => changed.get(part) ?? read(part);

  let workbookPart = "xl/workbook.xml";
  if (pkg.has("_rels/.rels")) {
    workbookPart = parseRelationships(sc, read("_rels/.rels"), "").find((r) => r.type === "officeDocument" && pkg.has(r.part))?.part ?? workbookPart;
  }
  if (!pkg.has(workbookPart)) throw notAPackage();
  const workbookText = read(workbookPart);
  const ns = workbookText.includes(STRICT.main) ? STRICT : TRANSITIONAL;
  const workbook = parseWorkbook(sc, workbookText);
  const workbookRelsPart = relsPartOf(workbookPart);
  const workbookRels = pkg.has(workbookRelsPart) ? parseRelationships(sc, read(workbookRelsPart), workbookPart) : [];
  const relById = new Map(workbookRels.map((r) => [r.id, r]));

  // The findings to mark, by sheet part and cell.
  const bySheet = new Map<string, { name: string; cells: Map<string, Finding[]> }>();
  for (const f of findingsToMark(findings)) {
    if (f.sheet === undefined || f.cell === undefined) continue;
    const entry = workbook.sheets.find((s) => s.name === f.sheet);
    const rel = entry?.relId === undefined ? undefined : relById.get(entry.relId);
    if (!rel || rel.type !== "worksheet" || !pkg.has(rel.part)) continue;
    const sheet = bySheet.get(rel.part) ?? { name: f.sheet, cells: new Map<string, Finding[]>() };
    const cell = f.cell.toUpperCase();
    sheet.cells.set(cell, [...(sheet.cells.get(cell) ?? []), f]);
    bySheet.set(rel.part, sheet);
  }
  const record = opts.confirmations;
  const recordEntry = workbook.sheets.find((s) => s.name === CONFIRMATIONS_SHEET);
  const writeRecord = record !== undefined && (record.length > 0 || recordEntry !== undefined);
  if (bySheet.size === 0 && !writeRecord) return bytes.slice();

  // New parts, and the content types they need.
  const added = new Map<string, string>();
  const overrides: [string, string][] = [];
  const partNames = new Set(entries.map((e) => e.name.toLowerCase()));
  const freshName = (pattern: (n: number) => string) => {
    for (let n = 1; ; n++) {
      const name = pattern(n);
      if (!partNames.has(name.toLowerCase())) {
        partNames.add(name.toLowerCase());
        return name;
      }
    }
  };

  let stylesPart = workbookRels.find((r) => r.type === "styles" && pkg.has(r.part))?.part;
  let styles: StylesEditor;
  if (stylesPart) styles = new StylesEditor(read(stylesPart));
  else {
    stylesPart = freshName((n) => (n === 1 ? "xl/styles.xml" : `xl/styles${n}.xml`));
    styles = new StylesEditor(minimalStyles(ns.main));
    const id = nextRelId(workbookRels, new Set(workbookRels.map((r) => r.id)));
    const relsText = pkg.has(workbookRelsPart) ? read(workbookRelsPart) : `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    (pkg.has(workbookRelsPart) ? changed : added).set(
      workbookRelsPart,
      relsText.replace("</Relationships>", `<Relationship Id="${id}" Type="${ns.rel}/styles" Target="${relativeTarget(workbookPart, stylesPart)}"/></Relationships>`),
    );
    overrides.push([stylesPart, CT.styles]);
  }

  // Drawings' id blocks already taken (o:idmap data), so that a new drawing's shape ids are its own.
  let idBlock = 1;
  for (const e of entries) {
    if (!/\.vml$/i.test(e.name)) continue;
    for (const m of latest(e.name).matchAll(/<o:idmap[^>]*data="([^"]*)"/g)) idBlock = Math.max(idBlock, ...m[1].split(",").map((x) => Number(x) + 1 || 1));
  }

  for (const [sheetPart, { cells }] of bySheet) {
    const severityOf = (list: Finding[]): Severity => (list.some((f) => f.severity === "error") ? "error" : "warning");
    const marks = new Map<string, (xf: number) => number>();
    for (const [cell, list] of cells) marks.set(cell, (xf) => styles.marked(xf, severityOf(list)));
    const sheetText = read(sheetPart);
    const layout = layoutOf(sheetText);

    // The sheet's relationships: its notes, and its drawing for them.
    const relsPart = relsPartOf(sheetPart);
    const relsText = pkg.has(relsPart) ? read(relsPart) : undefined;
    const rels = relsText === undefined ? [] : parseRelationships(sc, relsText, sheetPart);
    const takenIds = new Set(rels.map((r) => r.id));
    const newRels: string[] = [];
    const commentsRel = rels.find((r) => r.type === "comments" && pkg.has(r.part));
    const notes = new Map([...cells].map(([cell, list]) => [cell, markNote(list, lang)]));
    const comments = withComments(commentsRel ? read(commentsRel.part) : undefined, ns.main, notes, messages(lang).mark.author);
    const commentsPart = commentsRel?.part ?? freshName((n) => `xl/comments${n}.xml`);
    (commentsRel ? changed : added).set(commentsPart, comments.text);
    if (!commentsRel) {
      newRels.push(`<Relationship Id="${nextRelId(rels, takenIds)}" Type="${ns.rel}/comments" Target="${relativeTarget(sheetPart, commentsPart)}"/>`);
      overrides.push([commentsPart, CT.comments]);
    }
    const vmlRel = layout.legacyDrawing === undefined ? undefined : rels.find((r) => r.id === layout.legacyDrawing && pkg.has(r.part));
    let legacyTag: string | undefined;
    if (vmlRel) changed.set(vmlRel.part, withNoteShapes(latest(vmlRel.part), comments.added, idBlock));
    else {
      const vmlPart = freshName((n) => `xl/drawings/vmlDrawing${n}.vml`);
      added.set(vmlPart, withNoteShapes(undefined, comments.added, idBlock));
      idBlock += Math.ceil((comments.added.length + 1) / 1024);
      const id = nextRelId(rels, takenIds);
      newRels.push(`<Relationship Id="${id}" Type="${ns.rel}/vmlDrawing" Target="${relativeTarget(sheetPart, vmlPart)}"/>`);
      const rootTag = sheetText.slice(layout.root[0], layout.root[1]);
      const relPrefix = [ns.rel, TRANSITIONAL.rel, STRICT.rel]
        .map((uri) => new RegExp(`xmlns:([\\w.-]+)\\s*=\\s*["']${uri.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}["']`).exec(rootTag)?.[1])
        .find((x) => x !== undefined);
      legacyTag = `<${layout.prefix}legacyDrawing ${relPrefix ?? "mr"}:id="${id}"${relPrefix ? "" : ` xmlns:mr="${ns.rel}"`}/>`;
    }
    changed.set(sheetPart, markCells(sheetText, layout, marks, legacyTag));
    if (newRels.length > 0) {
      const text = relsText ?? `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
      (relsText === undefined ? added : changed).set(relsPart, text.replace(/<\/Relationships>\s*$/, `${newRels.join("")}</Relationships>`));
    }
  }
  const stylesText = styles.result();
  if (stylesText !== undefined) (changed.has(stylesPart) || pkg.has(stylesPart) ? changed : added).set(stylesPart, stylesText);

  // The record sheet: its part replaced, or a very hidden sheet added to the workbook.
  if (writeRecord) {
    const text = confirmationSheet(ns.main, record);
    const rel = recordEntry?.relId === undefined ? undefined : relById.get(recordEntry.relId);
    if (rel && rel.type === "worksheet" && pkg.has(rel.part)) {
      changed.set(rel.part, text);
      const tag = new RegExp(`<(\\w+:)?sheet\\s[^>]*name="${escapeXml(CONFIRMATIONS_SHEET)}"[^>]*/?>`).exec(latest(workbookPart))?.[0];
      if (tag) changed.set(workbookPart, latest(workbookPart).replace(tag, withAttribute(tag, "state", "veryHidden")));
    } else {
      const part = freshName((n) => `xl/worksheets/sheet${n}.xml`);
      added.set(part, text);
      overrides.push([part, CT.worksheet]);
      const relsText = changed.get(workbookRelsPart) ?? added.get(workbookRelsPart) ?? (pkg.has(workbookRelsPart) ? read(workbookRelsPart) : undefined);
      if (relsText === undefined) throw incomplete(workbookRelsPart);
      const taken = new Set([...relsText.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1]));
      const id = nextRelId(workbookRels, taken);
      const relsNew = relsText.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${ns.rel}/worksheet" Target="${relativeTarget(workbookPart, part)}"/></Relationships>`);
      (added.has(workbookRelsPart) ? added : changed).set(workbookRelsPart, relsNew);
      const wb = latest(workbookPart);
      const sheetIds = [...wb.matchAll(/<(?:\w+:)?sheet\s[^>]*sheetId="(\d+)"/g)].map((m) => Number(m[1]));
      const close = /<\/((?:\w+:)?)sheets>/.exec(wb);
      if (!close) throw incomplete(`${workbookPart}: sheets`);
      const relPrefix = /xmlns:([\w.-]+)\s*=\s*["'][^"']*officeDocument\/(?:2006\/)?relationships["']/.exec(wb)?.[1];
      const relAttr = relPrefix ? `${relPrefix}:id="${id}"` : `r:id="${id}" xmlns:r="${ns.rel}"`;
      const entry = `<${close[1]}sheet name="${escapeXml(CONFIRMATIONS_SHEET)}" sheetId="${Math.max(0, ...sheetIds) + 1}" state="veryHidden" ${relAttr}/>`;
      changed.set(workbookPart, wb.slice(0, close.index) + entry + wb.slice(close.index));
    }
  }

  // [Content_Types].xml: an override for each new part, a default for .vml and .rels if missing.
  if (added.size > 0) {
    const typesPart = "[Content_Types].xml";
    const types = read(typesPart);
    const defaults = [...types.matchAll(/<Default\s[^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase());
    const more: string[] = [];
    if ([...added.keys()].some((p) => p.endsWith(".vml")) && !defaults.includes("vml")) more.push(`<Default Extension="vml" ContentType="${CT.vml}"/>`);
    if ([...added.keys()].some((p) => p.endsWith(".rels")) && !defaults.includes("rels")) more.push(`<Default Extension="rels" ContentType="${CT.rels}"/>`);
    for (const [part, type] of overrides) more.push(`<Override PartName="/${part}" ContentType="${type}"/>`);
    changed.set(typesPart, types.replace(/<\/Types>\s*$/, `${more.join("")}</Types>`));
  }

  // The zip: every entry as stored, except the changed ones; the new parts at the end.
  const encoder = new TextEncoder();
  const fresh = (name: string, text: string, modified: number): ZipOutEntry => {
    const content = encoder.encode(text);
    return { name, method: 8, crc: crc32(content), size: content.length, modified, stored: deflateSync(content, { level: 6 }) };
  };
  const stamp = entries[0]?.modified ?? 0x00210000;
  const keyOf = (name: string) => name.toLowerCase();
  const changedByKey = new Map([...changed].map(([k, v]) => [keyOf(k), v]));
  const out: ZipOutEntry[] = entries.map((e) => {
    const text = changedByKey.get(keyOf(e.name));
    return text === undefined ? copiedEntry(bytes, e) : fresh(e.name, text, e.modified);
  });
  for (const [name, text] of added) out.push(fresh(name, text, stamp));
  return writeZip(out);
}
