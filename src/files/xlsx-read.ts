/**
 * The .xlsx/.xlsm reader: an Office Open XML package (transitional or Strict) into the
 * workbook model, sheet by sheet, within the read limits (sheet-builder.ts). Browser-safe.
 *
 * The package is followed as the format says: _rels/.rels names the workbook part, its
 * relationships name the sheets' parts, the shared strings and the styles (part names compared
 * without regard to case, targets relative or absolute). What the workbook needs as a whole
 * (workbook.xml, its relationships, shared strings, styles) failing makes the file unreadable
 * (WorkbookReadError); one sheet failing — its part missing or damaged, a bound passed — is a
 * read problem of that sheet, and the other sheets are read. One cell that cannot be read as
 * its type says (a missing shared string, a number that is not finite, a date that is not one,
 * a second value for the cell) is a read problem of that cell.
 *
 * Values are what the file stores: numbers with their number format (78% is 0.78 with "0%"),
 * a number in a date format or a t="d" cell as a Date (midnight UTC; 1904 date system when
 * workbookPr says date1904="1" or "true"), formulas with their cached result (shared formulas
 * translated for each cell), error cells as their text, rich and inline text joined.
 */
import { msg, type MessageData } from "../core/messages";
import type { CellValue, MergedRange, Sheet, WorkbookModel } from "../core/model";
import { isDateFormat } from "../core/period";
import { WorkbookReadError } from "./read-error";
import {
  BUILTIN_FORMATS,
  CellBudget,
  excerpt,
  makeCell,
  modelFormat,
  OverLimit,
  overLimit,
  serialToDate,
  SheetBuilder,
  type ReadLimits,
} from "./sheet-builder";
import { decodeUtf8, decodeXml, decodeXstring, EMPTY, END, START, XmlError, XmlScanner } from "./xml";
import { extractEntry, ZipDamaged, ZipTooLarge, type Inflater, type ZipEntry } from "./zip";

/** A part the package does not have. */
export class PartMissing extends Error {
  constructor(readonly part: string) {
    super(`part ${part} missing`);
    this.name = "PartMissing";
  }
}

const partKey = (name: string) => name.replace(/^\/+/, "").toLowerCase();

/** The zip's parts by name (case-insensitive, as OPC says), read under the size limits. */
export class Package {
  /** null: two entries of one name, which cannot be told apart. */
  private readonly byName = new Map<string, ZipEntry | null>();
  private used = 0;

  constructor(
    private readonly bytes: Uint8Array,
    entries: readonly ZipEntry[],
    private readonly inflate: Inflater,
    private readonly limits: ReadLimits,
  ) {
    for (const e of entries) {
      const key = partKey(e.name);
      this.byName.set(key, this.byName.has(key) ? null : e);
    }
  }

  has(part: string): boolean {
    return this.byName.get(partKey(part)) !== undefined;
  }

  /** The zip entry of a part, as stored; undefined when missing or ambiguous. */
  entry(part: string): ZipEntry | undefined {
    return this.byName.get(partKey(part)) ?? undefined;
  }

  /** A part's bytes. Throws PartMissing, OverLimit (part or whole file) or ZipDamaged. */
  read(part: string): Uint8Array {
    const entry = this.byName.get(partKey(part));
    if (entry === undefined) throw new PartMissing(part);
    if (entry === null) throw new ZipDamaged("two zip entries of the same name");
    const room = this.limits.totalBytes - this.used;
    const max = Math.min(this.limits.partBytes, room);
    let data: Uint8Array;
    try {
      data = extractEntry(this.bytes, entry, this.inflate, max);
    } catch (e) {
      if (e instanceof ZipTooLarge) throw max < this.limits.partBytes ? overLimit.total(this.limits) : overLimit.part(this.limits);
      throw e;
    }
    this.used += data.length;
    return data;
  }
}

// ---------------------------------------------------------------------------------------
// Relationships

export interface Relationship {
  id: string;
  /** The last segment of the type URI: the same in transitional and Strict ("worksheet"). */
  type: string;
  /** The target part's name, resolved against the source part. */
  part: string;
}

export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function resolveTarget(source: string, target: string): string {
  let t = target.replace(/\\/g, "/");
  try {
    t = decodeURIComponent(t);
  } catch {
    // a target with a stray % is taken as written
  }
  const parts = t.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") parts.pop();
    else parts.push(seg);
  }
  return parts.join("/");
}

export function parseRelationships(sc: XmlScanner, text: string, source: string): Relationship[] {
  const out: Relationship[] = [];
  sc.reset(text);
  while (sc.next()) {
    if (sc.kind === END || !sc.is("Relationship")) continue;
    const id = sc.attr("Id");
    const type = sc.attr("Type") ?? "";
    const target = sc.attr("Target");
    if (id === undefined || target === undefined || sc.attr("TargetMode") === "External") continue;
    out.push({ id, type: type.slice(type.lastIndexOf("/") + 1), part: resolveTarget(source, target) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Workbook-wide parts

interface SheetEntry {
  name: string;
  hidden: boolean;
  relId: string | undefined;
}

export function parseWorkbook(sc: XmlScanner, text: string): { date1904: boolean; sheets: SheetEntry[] } {
  let date1904 = false;
  const sheets: SheetEntry[] = [];
  sc.reset(text);
  while (sc.next()) {
    if (sc.kind === END) continue;
    if (sc.is("workbookPr")) {
      const d = sc.attr("date1904")?.trim();
      date1904 = d === "1" || d === "true";
    } else if (sc.is("sheet")) {
      const state = sc.attr("state");
      sheets.push({ name: sc.attr("name") ?? "", hidden: state === "hidden" || state === "veryHidden", relId: sc.prefixedAttr("id") });
    }
  }
  return { date1904, sheets };
}

/**
 * The text of a rich-text container (<si>, <is>) the scanner stands on: its <t> and its runs'
 * <t>, without phonetic runs (<rPh>); leaves the scanner after the container's end tag.
 */
function readRichText(sc: XmlScanner): string {
  if (sc.kind === EMPTY) return "";
  const container = sc.name;
  let text = "";
  for (;;) {
    if (!sc.next()) throw new XmlError(`<${container}> not closed`);
    if (sc.kind === START) {
      if (sc.is("t")) text += sc.text();
      else if (!sc.is("r")) sc.skip();
    } else if (sc.kind === END && !sc.is("r")) {
      if (!sc.is(container)) throw new XmlError(`<${container}> closed by </${sc.name}>`);
      return decodeXstring(text);
    }
  }
}

/** <si><t>plain text</t></si>, nothing to decode: the fast path of parseSharedStrings. */
const PLAIN_STRING = /<si><t(?: xml:space="preserve")?>([^<&_]*)<\/t><\/si>/y;

function parseSharedStrings(sc: XmlScanner, text: string, limits: ReadLimits): string[] {
  const out: string[] = [];
  sc.reset(text);
  for (;;) {
    const lt = text.indexOf("<", sc.position);
    if (text.startsWith("<si><t", lt)) {
      PLAIN_STRING.lastIndex = lt;
      const m = PLAIN_STRING.exec(text);
      if (m) {
        if (out.length >= limits.sharedStrings) throw overLimit.sharedStrings(limits);
        out.push(m[1]);
        sc.moveTo(PLAIN_STRING.lastIndex);
        continue;
      }
    }
    if (!sc.next()) break;
    if (sc.kind === END || !sc.is("si")) continue;
    if (out.length >= limits.sharedStrings) throw overLimit.sharedStrings(limits);
    out.push(readRichText(sc));
  }
  return out;
}

/** The model's number format of each cell style (cellXfs index); undefined for General. */
function parseStyles(sc: XmlScanner, text: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  sc.reset(text);
  while (sc.next()) {
    const kind = sc.kind;
    if (sc.is("numFmts")) inNumFmts = kind === START;
    else if (sc.is("cellXfs")) inCellXfs = kind === START;
    else if (kind !== END && inNumFmts && sc.is("numFmt")) {
      const id = Number(sc.attr("numFmtId"));
      const code = sc.attr("formatCode");
      if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
    } else if (kind !== END && inCellXfs && sc.is("xf")) {
      xfFormats.push(Number(sc.attr("numFmtId") ?? 0));
    }
  }
  return xfFormats.map((id) => modelFormat(custom.get(id) ?? BUILTIN_FORMATS[id]));
}

// ---------------------------------------------------------------------------------------
// Sheets

/** Bytes of sheet XML decoded at a time: the text of a large sheet is never held whole. */
const WINDOW_BYTES = 4 * 1024 * 1024;

/**
 * The end of the first </row> (or </x:row>) tag at or after `from`, or the end of the bytes.
 * Windows cut there hold whole rows: no tag and no UTF-8 sequence is ever cut.
 */
function rowBoundary(bytes: Uint8Array, from: number): number {
  for (let i = bytes.indexOf(0x3e, from); i >= 0; i = bytes.indexOf(0x3e, i + 1)) {
    if (bytes[i - 1] !== 0x77 || bytes[i - 2] !== 0x6f || bytes[i - 3] !== 0x72) continue; // "row>"
    let j = i - 4;
    if (bytes[j] === 0x3a) {
      // a prefix: </x:row>
      j--;
      while (j > 0 && bytes[j] !== 0x2f && bytes[j] !== 0x3c && bytes[j] !== 0x20) j--;
    }
    if (bytes[j] === 0x2f && bytes[j - 1] === 0x3c) return i + 1;
  }
  return bytes.length;
}

/** A sheet part as text, in windows of whole rows. */
function* sheetWindows(bytes: Uint8Array): Generator<string> {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    yield decodeXml(bytes);
    return;
  }
  for (let start = 0; start < bytes.length; ) {
    const end = start + WINDOW_BYTES >= bytes.length ? bytes.length : rowBoundary(bytes, start + WINDOW_BYTES);
    yield decodeUtf8(bytes.subarray(start, end));
    start = end;
  }
}

/** A string of decimal digits (spaces around allowed) as its number; -1 for anything else. */
function digits(v: string): number {
  const t = v.length > 0 && (v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32) ? v.trim() : v;
  if (t.length === 0 || t.length > 15) return -1;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A cell reference packed as row × REF_ROW + column (three letters reach column 18278). */
const REF_ROW = 32768;

/** "BC12" → 11 × REF_ROW + 54 (0-based row and column, packed); -1 when it is not a cell reference. */
function packedRef(ref: string): number {
  let col = 0;
  let i = 0;
  const n = ref.length;
  for (; i < n; i++) {
    const ch = ref.charCodeAt(i) | 0x20;
    if (ch < 97 || ch > 122) break;
    col = col * 26 + (ch - 96);
  }
  if (i === 0 || i > 3 || i === n) return -1;
  let row = 0;
  for (; i < n; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    row = row * 10 + d;
  }
  return row === 0 ? -1 : (row - 1) * REF_ROW + (col - 1);
}

/** "BC12" → [11, 54] (0-based row, column); undefined when it is not a cell reference. */
export function parseRef(ref: string): [number, number] | undefined {
  const at = packedRef(ref);
  return at < 0 ? undefined : [Math.floor(at / REF_ROW), at % REF_ROW];
}


function parseRange(ref: string | undefined): MergedRange | undefined {
  if (!ref) return undefined;
  const [from, to = from] = ref.split(":");
  const a = parseRef(from.replace(/\$/g, ""));
  const b = parseRef(to.replace(/\$/g, ""));
  if (!a || !b) return undefined;
  return { top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) };
}

function columnName(col: number): string {
  let s = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const FORMULA_REF = /"(?:[^"]|"")*"|(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)([0-9]+)(?![A-Za-z0-9_(!])/g;

/**
 * A shared formula as it reads in a cell `dr` rows and `dc` columns from its master: relative
 * references move, $-anchored ones and text in quotes do not.
 */
export function slideFormula(formula: string, dr: number, dc: number): string {
  return formula.replace(FORMULA_REF, (m: string, pre?: string, cd?: string, col?: string, rd?: string, row?: string) => {
    if (pre === undefined || col === undefined || row === undefined) return m;
    const ref = parseRef(`${col}${row}`);
    if (!ref || ref[1] >= 16384) return m;
    const c = cd ? ref[1] : ref[1] + dc;
    const r = rd ? ref[0] : ref[0] + dr;
    if (c < 0 || r < 0) return m;
    return `${pre}${cd}${columnName(c)}${rd}${r + 1}`;
  });
}

/** <c r="B5" s="3" t="n"><f>…</f><v>…</v></c> with nothing to decode: the fast path of readWorksheet. */
const COMMON_CELL = /<c r="([A-Z]{1,3}[0-9]{1,7})"(?: s="([0-9]{1,9})")?(?: t="([a-zA-Z]{1,9})")?>(?:<f>([^<&]*)<\/f>)?<v>([^<&]*)<\/v><\/c>/y;

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const NON_FINITE = /^\s*[+-]?(?:inf|infinity|nan)\s*$/i;
const ISO_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/;

/** A t="d" cell's ISO 8601 text as a Date (its wall-clock time, as Excel keeps no time zone). */
function isoDate(text: string): Date | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  return date;
}

interface SheetContext {
  readonly strings: readonly string[];
  readonly formats: readonly (string | undefined)[];
  /** Whether each style's format shows a date (numbers in it are read as dates). */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
}

/** Reads one worksheet part's cells, merges and hidden rows into the builder. */
function readWorksheet(sc: XmlScanner, bytes: Uint8Array, b: SheetBuilder, ctx: SheetContext): void {
  let inData = false;
  let rowOpen = false;
  let r = -1;
  let col = -1;
  let repeated = false;
  const shared = new Map<string, { formula: string; r: number; c: number }>();

  const readCell = (empty: boolean): void => {
    const refAt = sc.attrIndex("r");
    let cr = r;
    let cc = col + 1;
    if (refAt >= 0) {
      const at = sc.attrCellRef(refAt);
      if (at < 0) throw new XmlError(`cell reference "${excerpt(sc.attrValue(refAt))}"`);
      cr = Math.floor(at / REF_ROW);
      cc = at % REF_ROW;
    }
    col = cc;
    b.checkPosition(cr, cc);
    if (empty) return;
    const typeAt = sc.attrIndex("t");
    const type = typeAt < 0 ? undefined : sc.attrValue(typeAt);
    const styleAt = sc.attrIndex("s");
    const style = styleAt < 0 ? 0 : sc.attrInt(styleAt);
    let v: string | undefined;
    let f: string | undefined;
    let fType: string | undefined;
    let fShared: string | undefined;
    let inline: string | undefined;
    for (;;) {
      if (!sc.next()) throw new XmlError("cell not closed");
      if (sc.kind === END) {
        if (sc.is("c")) break;
        throw new XmlError(`</${sc.name}> inside a cell`);
      }
      if (sc.is("v")) v = sc.text();
      else if (sc.is("f")) {
        fType = sc.attr("t");
        fShared = sc.attr("si");
        f = sc.text();
      } else if (sc.is("is")) inline = readRichText(sc);
      else if (sc.is("c") || sc.is("row")) throw new XmlError("cell not closed");
      else sc.skip();
    }
    store(cr, cc, type, style, v, f, fType, fShared, inline);
  };

  /** A cell's value from what the file stores for it, into the builder (or a read problem). */
  const store = (
    cr: number,
    cc: number,
    type: string | undefined,
    style: number,
    v: string | undefined,
    f: string | undefined,
    fType: string | undefined,
    fShared: string | undefined,
    inline: string | undefined,
  ): void => {

    let formula: string | undefined;
    if (f !== undefined && fType !== "dataTable") {
      if (fType === "shared" && fShared !== undefined) {
        if (f !== "") {
          shared.set(fShared, { formula: f, r: cr, c: cc });
          formula = f;
        } else {
          const master = shared.get(fShared);
          if (master) formula = slideFormula(master.formula, cr - master.r, cc - master.c);
        }
      } else if (f !== "") formula = f;
    }
    const numFmt = ctx.formats[style];
    let value: CellValue | undefined;
    switch (type) {
      case undefined:
      case "n": {
        if (v === undefined) break;
        // Plain decimal text (most cells) without a regular expression: +v also takes 0x…, 0b…,
        // 0o… and surrounding spaces, which the first two characters rule out here.
        const c0 = v.charCodeAt(0);
        const c1 = v.charCodeAt(1) | 0x20;
        const plain = ((c0 >= 48 && c0 <= 57) || c0 === 45) && c1 !== 120 && c1 !== 98 && c1 !== 111;
        const quick = plain ? +v : NaN;
        if (quick === quick && quick !== Infinity && quick !== -Infinity) {
          value = ctx.dateStyles[style] ? serialToDate(quick, ctx.date1904) : quick;
          if (value === undefined) {
            b.problem("cell-date", cr, cc, { text: excerpt(v) });
            return;
          }
          break;
        }
        if (v.trim() === "") break;
        if (!NUMBER.test(v)) {
          b.problem(NON_FINITE.test(v) ? "cell-non-finite" : "cell-type", cr, cc, { type: "n", text: excerpt(v) });
          return;
        }
        const n = Number(v);
        if (!Number.isFinite(n)) {
          b.problem("cell-non-finite", cr, cc, { text: excerpt(v.trim()) });
          return;
        }
        value = ctx.dateStyles[style] ? serialToDate(n, ctx.date1904) : n;
        if (value === undefined) {
          b.problem("cell-date", cr, cc, { text: excerpt(v.trim()) });
          return;
        }
        break;
      }
      case "s": {
        if (v === undefined) break;
        const index = digits(v);
        if (index < 0 || index >= ctx.strings.length) {
          b.problem("cell-shared-string", cr, cc, { index: excerpt(v.trim()), count: ctx.strings.length });
          return;
        }
        value = ctx.strings[index];
        break;
      }
      case "inlineStr":
        value = inline ?? (v === undefined ? undefined : decodeXstring(v));
        break;
      case "str":
        if (v !== undefined) value = decodeXstring(v);
        break;
      case "e":
        if (v !== undefined) value = v;
        break;
      case "b": {
        if (v === undefined) break;
        const t = v.trim();
        if (t !== "1" && t !== "0" && t !== "true" && t !== "false") {
          b.problem("cell-type", cr, cc, { type: "b", text: excerpt(v) });
          return;
        }
        value = t === "1" || t === "true";
        break;
      }
      case "d": {
        if (v === undefined) break;
        value = isoDate(v);
        if (value === undefined) {
          b.problem("cell-date", cr, cc, { text: excerpt(v) });
          return;
        }
        break;
      }
      default:
        b.problem("cell-type", cr, cc, { type: excerpt(type), text: excerpt(v ?? inline ?? "") });
        return;
    }
    if (value === undefined) {
      if (formula === undefined) return; // an empty cell: nothing to read
      value = null; // a formula without a cached result
    }
    b.put(cr, cc, makeCell(value, numFmt, formula), repeated);
  };

  for (const text of sheetWindows(bytes)) {
    sc.reset(text);
    for (;;) {
      if (rowOpen) {
        // The common form of a cell, as Excel, LibreOffice and ExcelJS write it, in one match;
        // anything else (prefixes, entities, rich text, shared formulas…) goes the long way.
        const lt = text.indexOf("<", sc.position);
        if (text.charCodeAt(lt + 1) === 99 /* c */ && text.charCodeAt(lt + 2) === 32) {
          COMMON_CELL.lastIndex = lt;
          const m = COMMON_CELL.exec(text);
          if (m) {
            const at = packedRef(m[1]);
            const cr = Math.floor(at / REF_ROW);
            col = at % REF_ROW;
            b.checkPosition(cr, col);
            store(cr, col, m[3], m[2] === undefined ? 0 : +m[2], m[5], m[4], undefined, undefined, undefined);
            sc.moveTo(COMMON_CELL.lastIndex);
            continue;
          }
        }
      }
      if (!sc.next()) break;
      const kind = sc.kind;
      if (!inData) {
        if (sc.is("sheetData")) inData = kind === START;
        else if (kind !== END && sc.is("mergeCell")) {
          const range = parseRange(sc.attr("ref"));
          if (range) b.merge(range);
        }
        continue;
      }
      if (kind !== END && sc.is("c")) {
        if (!rowOpen) throw new XmlError("a cell outside a row");
        readCell(kind === EMPTY);
      } else if (sc.is("row")) {
        if (kind === END) {
          if (!rowOpen) throw new XmlError("</row> without <row>");
          rowOpen = false;
          continue;
        }
        if (rowOpen) throw new XmlError("row not closed");
        const ra = sc.attr("r");
        if (ra !== undefined) {
          const n = /^\s*\d+\s*$/.test(ra) ? Number(ra) : 0;
          if (n < 1) throw new XmlError(`row number "${excerpt(ra)}"`);
          r = n - 1;
        } else r++;
        b.checkPosition(r, 0);
        repeated = b.hasRow(r);
        col = -1;
        const h = sc.attr("hidden");
        if (h === "1" || h === "true") b.hideRow(r);
        rowOpen = kind === START;
      } else if (kind === END && sc.is("sheetData")) {
        if (rowOpen) throw new XmlError("row not closed");
        inData = false;
      } else if (kind === START) sc.skip();
    }
  }
  if (inData) throw new XmlError("sheetData not closed");
}

// ---------------------------------------------------------------------------------------
// The workbook

/** Why a sheet name would not be accepted by Excel (a message of the catalogue's `sheetName` section); undefined when fine. */
function unusualName(name: string): MessageData | undefined {
  const bad = [...new Set(name.match(/[[\]:*?/\\]/g) ?? [])];
  if (bad.length > 0) return msg("sheetName.badCharacters", { chars: bad.join(" ") });
  if (name.trim() === "") return msg("sheetName.empty");
  if (name.startsWith("'") || name.endsWith("'")) return msg("sheetName.apostrophe");
  if (name.length > 31) return msg("sheetName.tooLong");
  return undefined;
}

const damaged = (e: unknown): MessageData => {
  if (e instanceof XmlError) return msg("readDetail.malformedXml", { why: e.message });
  if (e instanceof ZipDamaged) return msg("readDetail.damagedZip", { why: e.message });
  throw e;
};

/**
 * Reads an .xlsx/.xlsm package (its central directory already read) into the workbook model.
 * Throws WorkbookReadError when the workbook as a whole cannot be read.
 */
export function readXlsx(bytes: Uint8Array, entries: readonly ZipEntry[], name: string, inflate: Inflater, limits: ReadLimits): WorkbookModel {
  const pkg = new Package(bytes, entries, inflate, limits);
  const sc = new XmlScanner();

  /** A workbook-wide part, parsed; its failure is the file's. */
  const wholePart = <T>(part: string, parse: (text: string) => T): T => {
    try {
      return parse(decodeXml(pkg.read(part)));
    } catch (e) {
      if (e instanceof OverLimit) throw new WorkbookReadError("too-large", name, msg("readDetail.partOverLimit", { part, limit: e.limit }));
      if (e instanceof PartMissing) throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.noWorkbookInZip"));
      const d = damaged(e);
      throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.partDamaged", { part, detail: d }));
    }
  };

  let workbookPart = "xl/workbook.xml";
  if (pkg.has("_rels/.rels")) {
    const root = wholePart("_rels/.rels", (t) => parseRelationships(sc, t, ""));
    workbookPart = root.find((r) => r.type === "officeDocument" && pkg.has(r.part))?.part ?? workbookPart;
  }
  if (!pkg.has(workbookPart)) {
    throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.noWorkbookInZip"));
  }
  const workbook = wholePart(workbookPart, (t) => parseWorkbook(sc, t));
  const relsPart = relsPartOf(workbookPart);
  const rels = pkg.has(relsPart) ? wholePart(relsPart, (t) => parseRelationships(sc, t, workbookPart)) : [];
  const relById = new Map(rels.map((r) => [r.id, r]));
  const stringsPart = rels.find((r) => r.type === "sharedStrings" && pkg.has(r.part))?.part;
  const stylesPart = rels.find((r) => r.type === "styles" && pkg.has(r.part))?.part;
  const strings = stringsPart ? wholePart(stringsPart, (t) => parseSharedStrings(sc, t, limits)) : [];
  const formats = stylesPart ? wholePart(stylesPart, (t) => parseStyles(sc, t)) : [];
  if (workbook.sheets.length === 0) {
    throw new WorkbookReadError("empty", name, msg("readDetail.noSheets"));
  }

  const ctx: SheetContext = { strings, formats, dateStyles: formats.map((f) => f !== undefined && isDateFormat(f)), date1904: workbook.date1904 };
  const budget = new CellBudget(limits);
  const seen = new Set<string>();
  const sheets: Sheet[] = workbook.sheets.map((entry) => {
    const key = entry.name.toLowerCase();
    if (seen.has(key)) return SheetBuilder.unread(entry.name, entry.hidden, "sheet-name-duplicate", {});
    seen.add(key);
    const rel = entry.relId === undefined ? undefined : relById.get(entry.relId);
    const b = new SheetBuilder(budget);
    const odd = unusualName(entry.name);
    if (odd) b.problem("sheet-name-unusual", undefined, undefined, { why: odd });
    const missing = (part: string) => SheetBuilder.unread(entry.name, entry.hidden, "sheet-part-missing", { part });
    if (!rel) return missing(entry.relId === undefined ? "r:id" : `${relsPart}#${entry.relId}`);
    // A chart sheet or a dialog sheet holds no cells: listed, with no rows.
    if (rel.type === "chartsheet" || rel.type === "dialogsheet") return b.finish(entry.name, entry.hidden);
    try {
      readWorksheet(sc, pkg.read(rel.part), b, ctx);
      return b.finish(entry.name, entry.hidden);
    } catch (e) {
      b.release();
      if (e instanceof PartMissing) return missing(rel.part);
      if (e instanceof OverLimit) return SheetBuilder.unread(entry.name, entry.hidden, "sheet-too-large", { limit: e.limit });
      const d = damaged(e);
      return SheetBuilder.unread(entry.name, entry.hidden, "sheet-damaged", { detail: d });
    }
  });
  return { name, sheets };
}
