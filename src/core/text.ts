/**
 * Text helpers shared by the value reader, the text scanner and the plan/submission matchers:
 * full-width → half-width, and the normal form of an indicator name (reporting-conventions §2).
 */

/**
 * Full-width forms (Ｕ+FF01–FF5E: digits, Latin letters, ％ ， ． （ ） ： …) become their
 * ASCII twins, the ideographic space becomes a space. Everything else (Chinese punctuation
 * such as 、。“” 《》, which has no ASCII twin) is left as it is.
 */
export function toHalfWidth(s: string): string {
  let i = 0;
  const n = s.length;
  // Fast path: most strings hold nothing to convert.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000) out += " ";
    else if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else out += s[i];
  }
  return out;
}

/** Whitespace, punctuation, symbols and invisible format characters (zero-width space, BOM). */
const NAME_NOISE = /[\s\p{P}\p{S}\p{Cf}]+/gu;

/**
 * The form in which indicator names are compared: half-width, without any whitespace,
 * punctuation or symbol (、，。“”（）《》：·% …), Latin letters in lower case.
 * "每千名老人拥有社会养老床位数（张）" and "每千名老人拥有社会养老床位数 张" differ only by the
 * parenthesis, so both normalise to "每千名老人拥有社会养老床位数张".
 */
export function normaliseName(s: string): string {
  return toHalfWidth(s).replace(NAME_NOISE, "").toLowerCase();
}

/**
 * Every dash a code may be written with: hyphen, non-breaking hyphen, figure dash, en and em
 * dashes, horizontal bar, minus sign, small and full-width hyphen-minus, the two- and three-em
 * dashes, the hyphen bullet and the soft hyphen. Word and WPS turn "-" into some of them on
 * their own ("YL‐03" with U+2010 is YL-03).
 */
const CODE_DASHES = /[\u00ad\u2010-\u2015\u2043\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g;

/** Whitespace of any kind, including the no-break and ideographic spaces, and invisible format characters. */
const CODE_SPACES = /[\s\u200b-\u200d\u2060\ufeff]+/g;

/**
 * A code as the plan's references and submission rows are compared by it (one normaliser for
 * both): half-width, every dash variant as "-", no whitespace, upper case. "ｙｌ－０３",
 * "YL‐03", "YL – 03" and " yl-03 " are YL-03.
 */
export function normaliseCode(code: string): string {
  return toHalfWidth(code).replace(CODE_SPACES, "").replace(CODE_DASHES, "-").toUpperCase();
}

/** A literal string for use inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
