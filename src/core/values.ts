/**
 * Values as clerks write them (reporting-conventions §3): reading one value cell against
 * the indicator's unit.
 *
 * Decisions where the conventions are silent:
 * - Numeric cells: the stored number is the value. A number format with an unquoted % (outside
 *   "…", […] and \-escapes) shows the number ×100 with the unit %: {value: 0.78, numFmt: "0%"}
 *   reads 78 in a % indicator, 780 in a ‰ indicator and is a unit-mismatch (78, "%") in a 张
 *   indicator, because the clerk sees "78%" there. A quoted literal after the number is a unit
 *   written by the format: `0.00"%"` shows 78 as "78.00%" and reads 78 in a % indicator (no
 *   ×100); `0.00"万人"` with 3.28 reads 32800 in a 人 indicator. A literal that is not a unit
 *   is ignored. Without a number format, displayed text ending in % (Office.js) marks a percent.
 * - A number formatted as a date or time, a Date, a boolean → not-a-number.
 * - A formula whose cached result is missing (a file written by a program that does not
 *   calculate) → not-a-number with the text "=FORMULA": the cell is not blank (the clerk wrote
 *   something), and the message shows the formula.
 * - An error value delivered as text: "#N/A" is a placeholder (listed in §3); "#DIV/0!",
 *   "#VALUE!" … are not-a-number.
 * - "无", "暂无", "未统计", "不适用" → not-a-number: a deliberate answer, not a template
 *   left-over (a clerk should write 0, or the row is not applicable, which is not a value).
 * - Placeholders: the §3 list, any run of dashes, slashes, question marks or dots, 待填 / 待定 /
 *   待补 / 待统计 / 待核实 …, 未填(写/报), 某某, and an x (x, xx, X, ××, x.x) with an optional
 *   qualifier or 第 before it and a unit or short word after it (x%, x万人, x余万元, 超x万元,
 *   第x次, xx市). "7x24" is not a placeholder. Text holding a placeholder inside prose
 *   ("完成考核目标的x%") is a placeholder too.
 * - Qualifiers: 约 / 大约 / 近 / 左右 / 上下 → approx; 以上 / 不少于 / 不低于 / 至少 / ≥ /
 *   and 余 or 多 ("2万余", "20多") → at-least; 超过 / 多于 / 逾 / 高于 / > → more-than; 以下 /
 *   不超过 / 不高于 / 以内 / 控制在 / ≤ → at-most; 低于 / 少于 / 不足 / 不到 / < → less-than.
 *   A qualifier before the number wins over one after it ("超过50%以上" is more-than).
 * - Words that merely lead to the number (达到, 为, 共, 累计, 保持在 …) are dropped.
 * - A trailing parenthetical remark after the number and unit ("59张(超额9张)") is ignored.
 * - Thousands separators must be well-formed ("1,234", not "1,23"); a space between digits
 *   ("59 60") is not a separator and makes the text not-a-number. Exponent notation
 *   ("1.5e3") is read, since numbers copied from programs may carry it.
 * - Two numbers ("2—3个", "59/60") are not-a-number: the engine never picks one.
 * - A number with a word after it that is not a unit ("59张床位费") is not-a-number; a known
 *   unit that does not convert ("59张" in a % indicator) is a unit-mismatch (see ./units).
 */
import type { Cell } from "./model";
import { scanText } from "./narrative";
import { escapeRegExp, toHalfWidth } from "./text";
import { parseUnit, unitFactor } from "./units";

/** The prose qualifier a clerk wrote with a number; kept with the value, never reported. */
export type Qualifier = "approx" | "at-least" | "more-than" | "at-most" | "less-than";

export type ValueReading =
  /** A usable number, already converted into the indicator's unit. */
  | { kind: "number"; value: number; qualifier?: Qualifier; writtenUnit?: string }
  /** Nothing in the cell. */
  | { kind: "blank" }
  /** An unfilled template placeholder (x%, xx, 待填, —, …). */
  | { kind: "placeholder"; token: string }
  /** A number with a unit that does not convert to the indicator's unit. */
  | { kind: "unit-mismatch"; value: number; writtenUnit: string }
  /** Text that is neither a number nor a placeholder. */
  | { kind: "not-a-number"; text: string };

const BLANK: ValueReading = Object.freeze({ kind: "blank" }) as ValueReading;

// ---------------------------------------------------------------- qualifiers

const PREFIXES: [string, Qualifier | undefined][] = [
  ["大约", "approx"], ["约为", "approx"], ["约", "approx"], ["大概", "approx"], ["将近", "approx"],
  ["接近", "approx"], ["近", "approx"], ["~", "approx"], ["≈", "approx"], ["约合", "approx"],
  ["不少于", "at-least"], ["不低于", "at-least"], ["不小于", "at-least"], ["至少", "at-least"],
  ["最少", "at-least"], ["≥", "at-least"], [">=", "at-least"], ["≧", "at-least"],
  ["超过", "more-than"], ["多于", "more-than"], ["高于", "more-than"], ["大于", "more-than"],
  ["逾", "more-than"], ["超", "more-than"], [">", "more-than"],
  ["不超过", "at-most"], ["不高于", "at-most"], ["不多于", "at-most"], ["不大于", "at-most"],
  ["最多", "at-most"], ["至多", "at-most"], ["控制在", "at-most"], ["≤", "at-most"], ["<=", "at-most"],
  ["≦", "at-most"],
  ["低于", "less-than"], ["少于", "less-than"], ["不足", "less-than"], ["不到", "less-than"],
  ["小于", "less-than"], ["未达到", "less-than"], ["<", "less-than"],
  // Words that lead to the number without qualifying it.
  ["达到", undefined], ["达", undefined], ["为", undefined], ["共计", undefined], ["共有", undefined],
  ["共", undefined], ["合计", undefined], ["总计", undefined], ["累计", undefined], ["计", undefined],
  ["保持在", undefined], ["保持", undefined], ["稳定在", undefined], ["实际", undefined], ["实有", undefined],
  ["现有", undefined], ["提高到", undefined], ["提高至", undefined], ["提升到", undefined],
  ["提升至", undefined], ["增至", undefined], ["增加到", undefined], ["达到了", undefined],
];
const SUFFIXES: [string, Qualifier][] = [
  ["左右", "approx"], ["上下", "approx"], ["许", "approx"],
  ["及以上", "at-least"], ["以上", "at-least"],
  ["及以下", "at-most"], ["以下", "at-most"], ["以内", "at-most"], ["之内", "at-most"],
];

const byLength = (a: [string, unknown], b: [string, unknown]): number => b[0].length - a[0].length;
const PREFIX_MAP = new Map<string, Qualifier | undefined>(PREFIXES);
const PREFIX_RE = new RegExp(`^(?:${[...PREFIXES].sort(byLength).map((p) => escapeRegExp(p[0])).join("|")})`);
const SUFFIX_MAP = new Map<string, Qualifier>(SUFFIXES);
const SUFFIX_RE = new RegExp(`(?:${[...SUFFIXES].sort(byLength).map((p) => escapeRegExp(p[0])).join("|")})$`);

// ---------------------------------------------------------------- placeholders

const PLACEHOLDER_WORDS = new Set([
  "n/a", "na", "n.a.", "n.a", "#n/a", "#na", "tbd", "tba", "todo", "未填", "未填写", "未填报", "空", "(空)",
  "待",
]);
/** Runs of dashes, slashes, question marks, dots, underscores, asterisks. */
const MARKS_RE = /^[-—–―‐‑‒─━_?/\\.…·*]+$/;
const PENDING_RE = /待(?:填|定|补|统计|核|更新|确认|录入|上报|报)|^某某/;
const X_PREFIX = [...PREFIXES].sort(byLength).map((p) => escapeRegExp(p[0])).join("|");
/** x, xx, X, ××, x.x, with a qualifier or 第 before and a unit or short word after. */
const X_PLACEHOLDER_RE = new RegExp(
  `^(?:${X_PREFIX}|第)?[xX×]+(?:[.,][xX×]+)*(?:[余多])?[^\\dA-WYZa-wyz]{0,12}$`,
);

/** Half-width, without whitespace (a space between two digits is kept: "59 60" is not 5960). */
function compact(raw: string): string {
  let s = toHalfWidth(raw);
  if (/[\s\u00a0\u2009\u202f]/.test(s)) {
    s = s.trim().replace(/[\s\u00a0\u2009\u202f]+/g, (m, off: number, all: string) =>
      /\d/.test(all[off - 1] ?? "") && /\d/.test(all[off + m.length] ?? "") ? " " : "",
    );
  }
  if (s.includes("\u2212") || s.includes("\ufe63")) s = s.replace(/[\u2212\ufe63]/g, "-");
  if (s.includes("\ufe6a")) s = s.replace(/\ufe6a/g, "%");
  return s;
}

function isPlaceholderCompact(c: string): boolean {
  if (c === "") return false;
  // Fast path: text that opens with a number is a placeholder only when it holds 待….
  const c0 = c.charCodeAt(0);
  const c1 = c.charCodeAt(1);
  if ((c0 >= 48 && c0 <= 57) || ((c0 === 45 || c0 === 43) && c1 >= 48 && c1 <= 57)) {
    return c.includes("待") && PENDING_RE.test(c);
  }
  if (PLACEHOLDER_WORDS.has(c.toLowerCase())) return true;
  if (MARKS_RE.test(c)) return true;
  if (X_PLACEHOLDER_RE.test(c)) return true;
  return PENDING_RE.test(c);
}

/**
 * True when a text is an unfilled template placeholder as a whole (x%, xx, 待填, —, /, N/A,
 * #N/A, ?, x万人, 第x次 …). Blank text is not a placeholder.
 */
export function isPlaceholderText(s: string): boolean {
  if (typeof s !== "string") return false;
  return isPlaceholderCompact(compact(s));
}

// ---------------------------------------------------------------- numbers in text

const NUM_RE = /^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/;
const SCALE_THEN_MORE_RE = /^([十百千万亿]*)[余多](.*)$/;
const TRAILING_REMARK_RE = /\([^()]*\)$/;

interface ParsedText {
  value: number;
  unit: string;
  qualifier?: Qualifier;
}

/** "约3.28万人以上" → { value: 3.28, unit: "万人", qualifier: "approx" }; undefined when not one number. */
function parseNumberText(s0: string): ParsedText | undefined {
  let s = s0;
  while (s.endsWith("。")) s = s.slice(0, -1);
  let qualifier: Qualifier | undefined;
  const c0 = s.charCodeAt(0);
  for (let k = c0 >= 48 && c0 <= 57 ? 3 : 0; k < 3; k++) {
    const m = PREFIX_RE.exec(s);
    if (!m) break;
    qualifier ??= PREFIX_MAP.get(m[0]);
    s = s.slice(m[0].length);
  }
  let sign = 1;
  if (s[0] === "-" || s[0] === "+") {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  const m = NUM_RE.exec(s);
  if (!m) return undefined;
  const value = sign * Number(m[0].replace(/,/g, ""));
  if (!Number.isFinite(value)) return undefined;
  let tail = s.slice(m[0].length);
  if (tail.length > 0) {
    tail = tail.replace(TRAILING_REMARK_RE, "");
    for (let k = 0; k < 2; k++) {
      const sm = SUFFIX_RE.exec(tail);
      if (!sm) break;
      qualifier ??= SUFFIX_MAP.get(sm[0]);
      tail = tail.slice(0, tail.length - sm[0].length);
    }
    const more = SCALE_THEN_MORE_RE.exec(tail);
    if (more) {
      qualifier ??= "at-least";
      tail = more[1] + more[2];
    }
  }
  return { value: value === 0 ? 0 : value, unit: tail, qualifier };
}

// ---------------------------------------------------------------- number formats

interface FormatSection {
  percent: boolean;
  date: boolean;
  /** Literal text after the last digit placeholder ("张" in 0"张"), when there is one. */
  suffix: string;
}

const formatCache = new Map<string, FormatSection[]>();

function analyseFormat(fmt: string): FormatSection[] {
  const hit = formatCache.get(fmt);
  if (hit) return hit;
  const sections: FormatSection[] = [];
  let cur: FormatSection = { percent: false, date: false, suffix: "" };
  const src = fmt.replace(/general/gi, "0");
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      const lit = end < 0 ? src.slice(i + 1) : src.slice(i + 1, end);
      cur.suffix += lit;
      i = end < 0 ? src.length : end;
    } else if (ch === "\\") {
      cur.suffix += src[i + 1] ?? "";
      i++;
    } else if (ch === "[") {
      const end = src.indexOf("]", i + 1);
      i = end < 0 ? src.length : end;
    } else if (ch === "_" || ch === "*") {
      i++; // padding / fill: the next character is not shown as such
    } else if (ch === ";") {
      sections.push(cur);
      cur = { percent: false, date: false, suffix: "" };
    } else if (ch === "%") {
      cur.percent = true;
    } else if (/[0#?.,@]/.test(ch)) {
      cur.suffix = "";
    } else if (/[yYmMdDhHsS]/.test(ch)) {
      cur.date = true;
    } else if (/[eE]/.test(ch) && /[-+]/.test(src[i + 1] ?? "")) {
      i++; // scientific notation
    } else if (!/[\s$+\-()/:!^&'~{}<>=]/.test(ch) && !/[A-Za-z]/.test(ch)) {
      cur.suffix += ch; // unquoted literal (LibreOffice may write 0张 without quotes)
    }
  }
  sections.push(cur);
  for (const sec of sections) sec.suffix = sec.suffix.trim();
  if (formatCache.size > 1000) formatCache.clear();
  formatCache.set(fmt, sections);
  return sections;
}

function sectionFor(sections: FormatSection[], v: number): FormatSection {
  if (v < 0 && sections.length > 1) return sections[1];
  if (v === 0 && sections.length > 2) return sections[2];
  return sections[0];
}

// ---------------------------------------------------------------- reading

/** n × factor without the binary noise of the multiplication (3.28 × 1e4 = 32800, not 32799.999…). */
function scaled(n: number, factor: number): number {
  if (factor === 1) return n;
  const r = n * factor;
  if (r === 0 || !Number.isFinite(r)) return r === 0 ? 0 : r;
  // Fast path: the exact result has at most 6 decimals (95.49999999999999 → 95.5).
  const c = Math.round(r * 1e6) / 1e6;
  if (Math.abs(r - c) <= Math.abs(r) * 1e-14) return c === 0 ? 0 : c;
  const v = Number(r.toPrecision(15));
  return v === 0 ? 0 : v;
}

/** A number written with a unit, against the indicator's unit. */
function withUnit(n: number, written: string, unit: string, qualifier: Qualifier | undefined, raw: string): ValueReading {
  if (written === "") return qualifier ? { kind: "number", value: n, qualifier } : { kind: "number", value: n };
  const factor = unitFactor(written, unit);
  if (factor !== undefined) {
    const r: { kind: "number"; value: number; qualifier?: Qualifier; writtenUnit?: string } = {
      kind: "number",
      value: scaled(n, factor),
      writtenUnit: written,
    };
    if (qualifier) r.qualifier = qualifier;
    return r;
  }
  if (parseUnit(written) !== undefined) return { kind: "unit-mismatch", value: n, writtenUnit: written };
  return { kind: "not-a-number", text: raw };
}

function readText(raw: string, unit: string): ValueReading {
  const text = raw.trim();
  if (text === "") return BLANK;
  const c = compact(text);
  if (c === "") return BLANK;
  if (isPlaceholderCompact(c)) return { kind: "placeholder", token: text };
  const p = parseNumberText(c);
  if (p) {
    const r = withUnit(p.value, p.unit, unit, p.qualifier, text);
    if (r.kind !== "not-a-number") return r;
  }
  // Prose holding a placeholder ("完成考核目标的x%") is a placeholder, not just text.
  if (text.length <= 200 && scanText(text).some((h) => h.kind === "placeholder")) {
    return { kind: "placeholder", token: text };
  }
  return { kind: "not-a-number", text };
}

function readNumber(v: number, cell: Cell, unit: string): ValueReading {
  const shown = typeof cell.text === "string" ? cell.text.trim() : "";
  if (!Number.isFinite(v)) return { kind: "not-a-number", text: shown || String(v) };
  const fmt = typeof cell.numFmt === "string" && cell.numFmt !== "" ? cell.numFmt : undefined;
  if (fmt) {
    const sec = sectionFor(analyseFormat(fmt), v);
    if (sec.date) return { kind: "not-a-number", text: shown || String(v) };
    // The written unit is a known one here, so withUnit never falls back to the text.
    if (sec.percent) return withUnit(scaled(v, 100), "%", unit, undefined, shown);
    if (sec.suffix !== "" && parseUnit(sec.suffix) !== undefined) return withUnit(v, sec.suffix, unit, undefined, shown);
  } else if (shown.endsWith("%") || shown.endsWith("％")) {
    return withUnit(scaled(v, 100), "%", unit, undefined, shown);
  }
  return { kind: "number", value: v === 0 ? 0 : v };
}

function dateText(d: Date): string {
  return Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10);
}

function readCell(cell: Cell | undefined, unit: string): ValueReading {
  if (cell === undefined || cell === null || typeof cell !== "object") return BLANK;
  const v: unknown = cell.value;
  const shown = typeof cell.text === "string" ? cell.text : "";
  if (typeof v === "number") return readNumber(v, cell, unit);
  if (typeof v === "string") return readText(v, unit);
  if (typeof v === "boolean") return { kind: "not-a-number", text: shown.trim() || (v ? "TRUE" : "FALSE") };
  if (v instanceof Date) return { kind: "not-a-number", text: shown.trim() || dateText(v) };
  if (v === null || v === undefined) {
    if (shown.trim() !== "") return readText(shown, unit);
    if (typeof cell.formula === "string" && cell.formula !== "") return { kind: "not-a-number", text: `=${cell.formula}` };
    return BLANK;
  }
  // Not a CellValue: an adapter passed something raw (an error object, rich text).
  if (typeof v === "object") {
    const o = v as { error?: unknown; richText?: { text?: unknown }[] };
    if (typeof o.error === "string") return readText(o.error, unit);
    if (Array.isArray(o.richText)) return readText(o.richText.map((r) => String(r?.text ?? "")).join(""), unit);
  }
  return { kind: "not-a-number", text: shown.trim() || String(v) };
}

/**
 * Reads one value cell in the unit of its indicator (§3). Never throws: anything unreadable
 * is not-a-number.
 */
export function readValue(cell: Cell | undefined, unit: string): ValueReading {
  try {
    return readCell(cell, typeof unit === "string" ? unit : "");
  } catch {
    return { kind: "not-a-number", text: safeString(cell) };
  }
}

function safeString(cell: unknown): string {
  try {
    const c = cell as Cell;
    return String(c?.text || c?.value || "");
  } catch {
    return "";
  }
}
