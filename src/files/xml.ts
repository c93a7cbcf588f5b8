/**
 * A pull scanner for the SpreadsheetML the reader needs: element tags with their attributes,
 * and the text of text-only elements (<v>, <f>, <t>). Not a general XML parser, and on purpose:
 * - no DTD: a <!DOCTYPE or <!ENTITY is an error, so no entity is ever defined, expanded or
 *   fetched (XXE and billion laughs are refused, not survived);
 * - only the five predefined entities and character references are decoded; any other
 *   entity is an error;
 * - names are matched by local name (the part after a prefix), so Strict Open XML
 *   (purl.oclc.org namespaces) and prefixed elements (<x:c>) read as transitional ones;
 * - what the reader relies on is checked (tags closed, quotes closed, text elements without
 *   children, end tags matching); anything else between the elements is skipped unread.
 * Measured against saxes (a well-kept streaming XML parser) on the bench set: see README.
 */

export class XmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "XmlError";
  }
}

export const START = 1;
export const END = 2;
/** A self-closing tag (<c r="A1"/>). */
export const EMPTY = 3;

const MAX_ATTRIBUTES = 64;

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 10 || ch === 9 || ch === 13;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-fA-F]{1,6})|([a-zA-Z]+));|&/g;

/** Text or an attribute value with its entity and character references decoded. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(ENTITY, (m: string, dec?: string, hex?: string, named?: string) => {
    if (named !== undefined) {
      const v = NAMED[named];
      if (v === undefined) throw new XmlError(`undefined entity &${named};`);
      return v;
    }
    if (dec === undefined && hex === undefined) throw new XmlError("a bare & in text");
    const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new XmlError(`invalid character reference ${m}`);
    return String.fromCodePoint(code);
  });
}

export class XmlScanner {
  private s = "";
  private pos = 0;
  /** START, END or EMPTY: the tag the scanner stands on. */
  kind = 0;
  /** Where the current tag begins (its "<") in the text. */
  tagStart = 0;
  /** Where the current tag's qualified name, and its local name (after a prefix), lie in the text. */
  private qnameStart = 0;
  private localStart = 0;
  private nameEnd = 0;
  private attrCount = 0;
  // Attributes as positions in the text: no string is made for a name or value not asked for.
  private readonly attrNameStart: number[] = [];
  private readonly attrNameEnd: number[] = [];
  private readonly attrValueStart: number[] = [];
  private readonly attrValueEnd: number[] = [];

  /** Local name of the current tag (without prefix). */
  get name(): string {
    return this.s.slice(this.localStart, this.nameEnd);
  }

  /** Moves on to `pos`, after an element read by other means (a closing tag's end). */
  moveTo(pos: number): void {
    this.pos = pos;
    this.kind = END;
  }

  /** Where the scanner stands: just after the current tag (after its end tag once text() or skip() ran). */
  get position(): number {
    return this.pos;
  }

  /** The current tag's prefix with its colon ("x:"), or "" when it has none. */
  get prefix(): string {
    return this.s.slice(this.qnameStart, this.localStart);
  }

  /** Whether the current tag's local name is `local` (no string made). */
  is(local: string): boolean {
    return this.nameEnd - this.localStart === local.length && this.s.startsWith(local, this.localStart);
  }

  private get qname(): string {
    return this.s.slice(this.qnameStart, this.nameEnd);
  }

  /** Starts on a new piece of markup (a part, or a window of one cut between elements). */
  reset(s: string): void {
    this.s = s;
    this.pos = 0;
    this.kind = 0;
  }

  /** Moves to the next element tag; false at the end of the input. */
  next(): boolean {
    const s = this.s;
    let i = s.indexOf("<", this.pos);
    for (;;) {
      if (i < 0) {
        this.pos = s.length;
        this.kind = 0;
        return false;
      }
      const c = s.charCodeAt(i + 1);
      if (c === 33 /* ! */) {
        if (s.startsWith("<!--", i)) {
          const e = s.indexOf("-->", i + 4);
          if (e < 0) throw new XmlError("comment not closed");
          i = s.indexOf("<", e + 3);
          continue;
        }
        if (s.startsWith("<![CDATA[", i)) {
          const e = s.indexOf("]]>", i + 9);
          if (e < 0) throw new XmlError("CDATA not closed");
          i = s.indexOf("<", e + 3);
          continue;
        }
        throw new XmlError("a DTD or entity declaration (<!DOCTYPE, <!ENTITY) is not read");
      }
      if (c === 63 /* ? */) {
        const e = s.indexOf("?>", i + 2);
        if (e < 0) throw new XmlError("processing instruction not closed");
        i = s.indexOf("<", e + 2);
        continue;
      }
      break;
    }
    this.readTag(i);
    return true;
  }

  private readTag(lt: number): void {
    this.tagStart = lt;
    const s = this.s;
    const n = s.length;
    let p = lt + 1;
    const closing = s.charCodeAt(p) === 47; /* / */
    if (closing) p++;
    const nameStart = p;
    let colon = -1;
    for (; p < n; p++) {
      const ch = s.charCodeAt(p);
      if (ch === 62 || ch === 47 || isSpace(ch)) break;
      if (ch === 58 /* : */) colon = p;
      else if (ch === 60 /* < */) throw new XmlError("tag not closed");
    }
    if (p === nameStart || p >= n) throw new XmlError("tag not closed");
    this.qnameStart = nameStart;
    this.localStart = colon < 0 ? nameStart : colon + 1;
    this.nameEnd = p;
    this.attrCount = 0;
    for (;;) {
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) throw new XmlError(`tag <${this.qname}> not closed`);
      const ch = s.charCodeAt(p);
      if (ch === 62 /* > */) {
        this.kind = closing ? END : START;
        this.pos = p + 1;
        return;
      }
      if (ch === 47 /* / */) {
        if (closing || s.charCodeAt(p + 1) !== 62) throw new XmlError(`tag <${this.qname}> not closed`);
        this.kind = EMPTY;
        this.pos = p + 2;
        return;
      }
      if (closing) throw new XmlError(`attributes in the end tag </${this.qname}>`);
      const an = p;
      while (p < n) {
        const c = s.charCodeAt(p);
        if (c === 61 /* = */ || c === 62 || c === 47 || c === 60 || isSpace(c)) break;
        p++;
      }
      const ae = p;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (ae === an || s.charCodeAt(p) !== 61) throw new XmlError(`attribute without a value in <${this.qname}>`);
      p++;
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      const quote = s.charCodeAt(p);
      if (quote !== 34 && quote !== 39) throw new XmlError(`attribute value not quoted in <${this.qname}>`);
      const vs = p + 1;
      const ve = s.indexOf(quote === 34 ? '"' : "'", vs);
      if (ve < 0) throw new XmlError(`attribute value not closed in <${this.qname}>`);
      if (this.attrCount < MAX_ATTRIBUTES) {
        const k = this.attrCount++;
        this.attrNameStart[k] = an;
        this.attrNameEnd[k] = ae;
        this.attrValueStart[k] = vs;
        this.attrValueEnd[k] = ve;
      }
      p = ve + 1;
    }
  }

  /** The value of an attribute of the current tag, by its name as written ("r", "xml:space"). */
  attr(name: string): string | undefined {
    for (let k = 0; k < this.attrCount; k++) {
      const start = this.attrNameStart[k];
      if (this.attrNameEnd[k] - start === name.length && this.s.startsWith(name, start)) return this.value(k);
    }
    return undefined;
  }

  /**
   * For the hot path of cells, without making strings: the index of an attribute of the current
   * tag (-1 when absent), its value as a non-negative integer (-1 when it is not one), and its
   * value read as a cell reference (row × 32768 + column, 0-based; -1 when it is not one).
   */
  attrIndex(name: string): number {
    for (let k = 0; k < this.attrCount; k++) {
      const start = this.attrNameStart[k];
      if (this.attrNameEnd[k] - start === name.length && this.s.startsWith(name, start)) return k;
    }
    return -1;
  }

  attrInt(k: number): number {
    const s = this.s;
    const end = this.attrValueEnd[k];
    let n = 0;
    let i = this.attrValueStart[k];
    if (i === end || end - i > 9) return -1;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return n;
  }

  attrCellRef(k: number): number {
    const s = this.s;
    const end = this.attrValueEnd[k];
    let i = this.attrValueStart[k];
    let col = 0;
    const colStart = i;
    for (; i < end; i++) {
      const ch = s.charCodeAt(i) | 0x20;
      if (ch < 97 || ch > 122) break;
      col = col * 26 + (ch - 96);
    }
    if (i === colStart || i - colStart > 3 || i === end || end - i > 7) return -1;
    let row = 0;
    for (; i < end; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      row = row * 10 + d;
    }
    return row === 0 ? -1 : (row - 1) * 32768 + (col - 1);
  }

  /** The value of attribute k (attrIndex), entities decoded. */
  attrValue(k: number): string {
    return this.value(k);
  }

  /** The value of a prefixed attribute by its local name, whatever the prefix (r:id, rel:id). */
  prefixedAttr(local: string): string | undefined {
    for (let k = 0; k < this.attrCount; k++) {
      const n = this.s.slice(this.attrNameStart[k], this.attrNameEnd[k]);
      const colon = n.indexOf(":");
      if (colon > 0 && n.slice(colon + 1) === local && !n.startsWith("xmlns")) return this.value(k);
    }
    return undefined;
  }

  private value(k: number): string {
    const raw = this.s.slice(this.attrValueStart[k], this.attrValueEnd[k]);
    if (raw.indexOf("<") >= 0) throw new XmlError("< in an attribute value");
    return decodeEntities(raw);
  }

  /**
   * The text of the element whose start tag the scanner stands on ("" for a self-closing one),
   * entities and CDATA decoded; leaves the scanner after its end tag. An element inside it is
   * an error: <v>, <f> and <t> hold text only.
   */
  text(): string {
    if (this.kind === EMPTY) return "";
    const s = this.s;
    const qname = this.qname;
    let out = "";
    let p = this.pos;
    for (;;) {
      const lt = s.indexOf("<", p);
      if (lt < 0) throw new XmlError(`<${qname}> not closed`);
      if (lt > p) out += decodeEntities(s.slice(p, lt));
      const c = s.charCodeAt(lt + 1);
      if (c === 47 /* / */) {
        const end = lt + 2 + qname.length;
        if (!s.startsWith(qname, lt + 2)) throw new XmlError(`<${qname}> closed by another element`);
        let q = end;
        while (isSpace(s.charCodeAt(q))) q++;
        if (s.charCodeAt(q) !== 62) throw new XmlError(`<${qname}> closed by another element`);
        this.pos = q + 1;
        this.kind = END;
        return out;
      }
      if (s.startsWith("<![CDATA[", lt)) {
        const e = s.indexOf("]]>", lt + 9);
        if (e < 0) throw new XmlError("CDATA not closed");
        out += s.slice(lt + 9, e);
        p = e + 3;
        continue;
      }
      if (s.startsWith("<!--", lt)) {
        const e = s.indexOf("-->", lt + 4);
        if (e < 0) throw new XmlError("comment not closed");
        p = e + 3;
        continue;
      }
      if (c === 33) throw new XmlError("a DTD or entity declaration (<!DOCTYPE, <!ENTITY) is not read");
      throw new XmlError(`an element inside <${qname}>, which holds text only`);
    }
  }

  /** Skips the element whose start tag the scanner stands on, with everything inside it. */
  skip(): void {
    if (this.kind !== START) return;
    let depth = 1;
    while (depth > 0) {
      if (!this.next()) throw new XmlError("element not closed");
      if (this.kind === START) depth++;
      else if (this.kind === END) depth--;
    }
  }
}

/**
 * Decodes an XML part's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with its
 * mark. Bytes that are not valid in that encoding are an error, not replacement characters.
 */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
  return decodeUtf8(bytes);
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** UTF-8 bytes as text; an invalid sequence is an XmlError. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    throw new XmlError("not valid UTF-8");
  }
}

/** OOXML's escape of characters XML cannot hold (ST_Xstring): _x000D_ → CR, _x005F_ → _. */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text for XML content or an attribute value: &, <, >, " escaped; characters XML cannot hold as _xHHHH_. */
export function escapeXml(text: string): string {
  return text
    .replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_")
    // eslint-disable-next-line no-control-regex -- the control characters XML cannot hold are exactly what this escapes
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
