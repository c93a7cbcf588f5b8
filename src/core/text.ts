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

/** A code as plan references and submission rows are matched by it: half-width, trimmed, upper case. */
export function normaliseCode(code: string): string {
  return toHalfWidth(code).trim().toUpperCase();
}

/** A literal string for use inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
