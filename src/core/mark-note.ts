/**
 * The note on a marked cell (标记说明), one rule for every place a finding's cell is marked:
 * the open workbook (src/excel/marks.ts), a marked copy (src/files/mark.ts) and 分区数据. One
 * line per finding — severity and message, and the clerk's 情况属实 reason when there is one —
 * the same line once only. What the add-in writes into a clerk's workbook begins with the
 * catalogue's `mark.prefix`, so that it can be told from the clerk's own notes: by its digest
 * (markNoteDigest, which the open workbook's record keeps for every note the add-in wrote, so
 * that a note the clerk has edited since is the clerk's), or, where no digest was kept, by the
 * prefix of any language (isMarkNote).
 */
import type { Finding } from "./findings";
import { findingText, LANGS, messages, type Lang } from "./messages";

/** The lines of the findings on one cell. */
export function markLines(findings: readonly Finding[], lang: Lang): string {
  const m = messages(lang).mark;
  const lines: string[] = [];
  for (const f of findings) {
    const line = m.line({ severity: messages(lang).severity[f.severity], message: findingText(f, lang) });
    const text = f.confirmed ? m.confirmed({ line, reason: f.confirmed.reason }) : line;
    if (!lines.includes(text)) lines.push(text);
  }
  return lines.join("\n");
}

/** The note the add-in (or a marked copy) writes on a cell: the prefix, then the lines. */
export function markNote(findings: readonly Finding[], lang: Lang): string {
  return messages(lang).mark.prefix + markLines(findings, lang);
}

/** Whether a note's text begins as the add-in's notes do, in any language of the catalogue. */
export function isMarkNote(text: string): boolean {
  return LANGS.some((lang) => text.startsWith(messages(lang).mark.prefix));
}

/**
 * A short digest of a note's text (FNV-1a, 32 bits, 8 hex digits), line ends made equal: the
 * note is still the one markNote made while its text has the digest taken when it was written.
 */
export function markNoteDigest(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}
