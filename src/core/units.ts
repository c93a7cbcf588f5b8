/**
 * Unit knowledge (单位): what an indicator's unit means, and whether a unit a clerk wrote in a
 * value cell converts into it (reporting-conventions §1 and §3).
 *
 * A unit is a numerator measure, optionally divided by one or more denominators
 * ("元/人/月", "张/千人"), each with a scale prefix (十 百 千 万 亿 and their products:
 * "万人" = 10⁴ 人, "百万元" = 10⁶ 元). Per cent and per mille are one measure ("ratio") at
 * scales 0.01 and 0.001, so 1‰ is 0.1 in a % indicator and 1% is 10 in a ‰ indicator.
 *
 * Decisions where the conventions are silent:
 * - Synonyms are one measure: 名 / 位 = 人; 个 / 家 / 所 / 处 / 座 = 个 (the seeds write
 *   "社会组织8.5家" and "社会组织数达9.4个" for one indicator); 床 = 张; 平米 / ㎡ / m2 = 平方米;
 *   天 = 日; 百分比 = %; 千分比 = ‰. In a denominator every word for people (人, 老人, 老年人,
 *   人口, 居民 …, with or without 名) is 人, so "张/千名老人" = "张/千人".
 * - Shorthand of a per-unit: a written unit that is just the numerator of the indicator's
 *   unit converts by the numerator's scale ("59张" in a 张/千人 indicator is 59, as seeds/003
 *   writes "每千名老人拥有社会养老床位约59张"; "738元" in 元/人/月 is 738; "0.07万元" in
 *   元/人/月 is 700), and so does the reverse ("59张/千人" in an indicator whose unit is
 *   written 张). Two different denominators ("张/千人" against "张/户") never convert.
 * - A bare scale written after a number ("2万", "1.2亿") takes the indicator's measure:
 *   "2万" is 20000 in a 人 indicator and 2 in a 万人 indicator; it does not convert into a
 *   % or ‰ indicator.
 * - 百分点 (percentage points) is its own measure: it does not convert to or from %.
 */
import { toHalfWidth } from "./text";

/** A measure with its scale: "万人" → { base: "人", scale: 1e4 }. */
export interface UnitPart {
  /** Canonical measure word ("人", "元", "个", "ratio" for % and ‰); "" for a bare scale. */
  base: string;
  /** Multiplier of the base: 1e4 for 万, 0.01 for %. */
  scale: number;
}

export interface ParsedUnit {
  /** The unit as written (trimmed, half-width). */
  text: string;
  numerator: UnitPart;
  /** Denominators, e.g. 人 and 月 in 元/人/月; empty for a plain unit. */
  denominators: UnitPart[];
}

const SCALE_CHARS: Record<string, number> = { 十: 10, 百: 100, 千: 1e3, 万: 1e4, 亿: 1e8 };

/** Measure words, with their canonical measure and scale. Whole words are tried first. */
const MEASURES: Record<string, UnitPart> = (() => {
  const m: Record<string, UnitPart> = {};
  const put = (words: string[], base: string, scale = 1): void => {
    for (const w of words) m[w] = { base, scale };
  };
  put(["%", "百分比", "百分率"], "ratio", 0.01);
  put(["‰", "千分比", "千分率"], "ratio", 0.001);
  put(["‱", "万分比"], "ratio", 0.0001);
  put(["百分点", "个百分点"], "百分点");
  put(["人", "名", "位"], "人");
  put(["个", "家", "所", "处", "座"], "个");
  put(["张", "床"], "张");
  put(["元", "块"], "元");
  put(["平方米", "平米", "㎡", "m2", "m²"], "平方米");
  put(["平方公里", "㎢", "km2", "km²"], "平方公里");
  put(["米", "m"], "米");
  put(["公里", "km"], "米", 1e3);
  put(["日", "天"], "日");
  put(["人次"], "人次");
  put(["户次"], "户次");
  for (const w of [
    "户", "次", "台", "件", "项", "辆", "套", "批", "场", "期", "届", "支", "对", "例", "具", "册", "份",
    "间", "栋", "条", "篇", "本", "门", "部", "起", "宗", "队", "岁", "年", "月", "周", "小时", "分钟",
    "亩", "公顷", "倍", "分", "星", "级", "吨",
  ]) {
    m[w] = { base: w, scale: 1 };
  }
  put(["公斤", "千克", "kg"], "公斤");
  put(["床位", "张床位"], "张");
  return m;
})();

/** Words for people, which all mean 人 when they are a denominator ("张/千名老人"). */
const PEOPLE_WORDS = new Set([
  "人", "老人", "老年人", "人口", "居民", "常住人口", "户籍人口", "户籍老人", "老年人口", "儿童", "城乡居民",
]);

/** Counts of things or people: they cannot be negative. */
const COUNT_BASES = new Set([
  "人", "个", "张", "户", "次", "人次", "户次", "台", "件", "项", "辆", "套", "批", "场", "期", "届", "支",
  "对", "例", "具", "册", "份", "间", "栋", "条", "篇", "本", "门", "部", "起", "宗", "队",
]);

const cache = new Map<string, ParsedUnit | null>();

/** Reads the scale prefix ("百万" → 1e6) and returns [scale, rest]. */
function splitScale(word: string): [number, string] {
  let scale = 1;
  let i = 0;
  while (i < word.length && SCALE_CHARS[word[i]] !== undefined) {
    scale *= SCALE_CHARS[word[i]];
    i++;
  }
  return [scale, word.slice(i)];
}

function parseNumerator(word: string): UnitPart | undefined {
  const whole = MEASURES[word];
  if (whole) return whole;
  const [scale, rest] = splitScale(word);
  if (scale === 1) return undefined;
  if (rest === "") return { base: "", scale };
  const m = MEASURES[rest];
  if (!m || m.base === "ratio" || m.base === "百分点") return undefined;
  return { base: m.base, scale: scale * m.scale };
}

function parseDenominator(word: string): UnitPart | undefined {
  let w = word.startsWith("每") ? word.slice(1) : word;
  const whole = MEASURES[w];
  if (whole && whole.base !== "ratio") return whole;
  const [scale, rest0] = splitScale(w);
  w = rest0;
  // "千名老人", "万个" — a classifier may sit between the scale and the noun.
  if (w.length > 1 && (w[0] === "名" || w[0] === "个")) w = w.slice(1);
  if (w === "") return undefined;
  if (PEOPLE_WORDS.has(w)) return { base: "人", scale };
  const m = MEASURES[w];
  if (m && m.base !== "ratio" && m.base !== "百分点") return { base: m.base, scale: scale * m.scale };
  // Any other short noun ("百户" is covered above; "万元GDP" is not a unit we know).
  return undefined;
}

function normaliseUnitText(unit: string): string {
  let s = toHalfWidth(unit).replace(/[\s\u00a0]+/g, "");
  // Brackets around a unit: "(张)", "（%）".
  if (s.length > 2 && s[0] === "(" && s[s.length - 1] === ")") s = s.slice(1, -1);
  return s;
}

/**
 * Parses a unit ("张", "%", "万人", "元/人/月", "张/千人"); undefined when it is not a unit
 * this project knows (the plan reports such a definition row as invalid).
 */
export function parseUnit(unit: string): ParsedUnit | undefined {
  const hit = cache.get(unit);
  if (hit !== undefined) return hit ?? undefined;
  const parsed = parseUncached(unit);
  if (cache.size > 2000) cache.clear();
  cache.set(unit, parsed ?? null);
  return parsed;
}

function parseUncached(unit: string): ParsedUnit | undefined {
  const text = normaliseUnitText(unit);
  if (text === "") return undefined;
  // "元/(人·月)": brackets only group the denominators.
  const parts = (text.includes("/") ? text.replace(/[()]/g, "") : text).split(/[/·]/);
  const numerator = parseNumerator(parts[0]);
  if (!numerator || numerator.base === "") {
    // A bare scale is a unit only when written alone ("2万"), never as a numerator of a rate.
    if (!numerator || parts.length > 1) return undefined;
  }
  const denominators: UnitPart[] = [];
  for (let i = 1; i < parts.length; i++) {
    const d = parseDenominator(parts[i]);
    if (!d) return undefined;
    denominators.push(d);
  }
  if (numerator.base === "ratio" && denominators.length > 0) return undefined;
  return { text, numerator, denominators };
}

/**
 * True when the project knows this unit word as an indicator's unit. A bare scale ("万") is
 * understood when written after a number (parseUnit accepts it) but is not an indicator unit.
 */
export function isKnownUnit(unit: string): boolean {
  const u = parseUnit(unit);
  return u !== undefined && u.numerator.base !== "";
}

/** What 100% is in a ratio unit: 100 in %, 1000 in ‰, 10000 in ‱; undefined for other units. */
export function hundredPercentIn(unit: string): number | undefined {
  const u = parseUnit(unit);
  return u !== undefined && u.numerator.base === "ratio" ? roundFactor(1 / u.numerator.scale) : undefined;
}

/** % or ‰ (or ‱): a rate stored as a proportion. */
export function isPercentUnit(unit: string): boolean {
  const u = parseUnit(unit);
  return u !== undefined && u.numerator.base === "ratio";
}

/**
 * A rate: a percentage or a per-unit ("张/千人", "元/人/月", "个/万人"). Rates are never summed
 * across districts.
 */
export function isRateUnit(unit: string): boolean {
  const u = parseUnit(unit);
  return u !== undefined && (u.numerator.base === "ratio" || u.denominators.length > 0);
}

/** A count of things or people (人, 个, 家, 张, 万人, 人次 …): it cannot be negative. */
export function isCountUnit(unit: string): boolean {
  const u = parseUnit(unit);
  return u !== undefined && u.denominators.length === 0 && COUNT_BASES.has(u.numerator.base);
}

function denominatorKey(ds: UnitPart[]): string {
  return ds
    .map((d) => d.base)
    .sort()
    .join("/");
}

function denominatorScale(ds: UnitPart[]): number {
  let s = 1;
  for (const d of ds) s *= d.scale;
  return s;
}

/**
 * The factor that turns a number written in unit `written` into the indicator's unit
 * (value in indicator unit = written number × factor), or undefined when the written unit does
 * not convert. "万人" → "人": 1e4; "人" → "万人": 1e-4; "亿元" → "万元": 1e4; "‰" → "%": 0.1;
 * "%" → "‰": 10; "张" → "张/千人": 1 (shorthand, see the module comment); "张" → "%": undefined.
 */
export function unitFactor(written: string, indicatorUnit: string): number | undefined {
  const key = `${written}\u0000${indicatorUnit}`;
  const hit = factorCache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const f = factorUncached(written, indicatorUnit);
  if (factorCache.size > 5000) factorCache.clear();
  factorCache.set(key, f ?? null);
  return f;
}

const factorCache = new Map<string, number | null>();

function factorUncached(written: string, indicatorUnit: string): number | undefined {
  const w = parseUnit(written);
  const t = parseUnit(indicatorUnit);
  if (!w || !t) {
    // An unknown unit converts only into the very same word.
    return normaliseUnitText(written) !== "" && normaliseUnitText(written) === normaliseUnitText(indicatorUnit)
      ? 1
      : undefined;
  }
  let wn = w.numerator;
  const tn = t.numerator;
  if (wn.base === "") {
    // A bare scale ("万") takes the indicator's measure, but not a ratio's.
    if (tn.base === "ratio" || tn.base === "") return undefined;
    wn = { base: tn.base, scale: wn.scale };
  }
  if (wn.base !== tn.base) return undefined;
  let factor = wn.scale / tn.scale;
  if (w.denominators.length > 0 && t.denominators.length > 0) {
    if (denominatorKey(w.denominators) !== denominatorKey(t.denominators)) return undefined;
    factor *= denominatorScale(t.denominators) / denominatorScale(w.denominators);
  }
  return roundFactor(factor);
}

/** Scale ratios such as 1e4 / 0.01 carry binary noise; factors are powers of ten times small integers. */
function roundFactor(f: number): number {
  return Number(f.toPrecision(12));
}
