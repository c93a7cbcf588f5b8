/**
 * Printing findings for the terminal: a Chinese (or English) table grouped by file and
 * sheet, and a summary line. (The JSON shape of `validate --format json` is a view of the
 * use-case layer: src/core/views.ts.)
 */
import type { Counts } from "../core/check";
import type { Finding } from "../core/findings";
import { findingText, messages, type Lang } from "../core/messages";

/** Columns of a terminal occupied by a character: CJK and full-width forms take two. */
function charWidth(code: number): number {
  if (code < 0x1100) return 1;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Display width of a string in a terminal. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

function pad(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}

/**
 * A plain text table: a header, a rule, and the rows, columns aligned by display width.
 * The last column is not padded (long messages do not push trailing spaces).
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((s, c) => (c === cells.length - 1 ? s : pad(s, widths[c])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

/**
 * The findings as a table grouped by file and sheet, in the order given (the engine reports
 * them file by file, sheet by sheet). A file or sheet name is written on the first row of its
 * group only, so the groups stand out. A finding the clerk confirmed says so, with the reason.
 */
export function formatFindingsTable(findings: readonly Finding[], lang: Lang): string {
  const m = messages(lang);
  const order = new Map<string, number>();
  const groupKey = (f: Finding) => `${f.file}\u0000${f.sheet ?? ""}`;
  for (const f of findings) if (!order.has(groupKey(f))) order.set(groupKey(f), order.size);
  const sorted = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => order.get(groupKey(a.f))! - order.get(groupKey(b.f))! || a.i - b.i)
    .map((x) => x.f);
  let lastFile: string | undefined;
  let lastGroup: string | undefined;
  const rows = sorted.map((f) => {
    const sameFile = f.file === lastFile;
    const sameGroup = groupKey(f) === lastGroup;
    lastFile = f.file;
    lastGroup = groupKey(f);
    const message = findingText(f, lang);
    return [
      sameFile ? "" : f.file,
      sameGroup ? "" : (f.sheet ?? ""),
      f.cell ?? "",
      f.indicator ?? "",
      m.category[f.category],
      m.severity[f.severity],
      f.confirmed ? m.cli.confirmedMessage({ message, reason: f.confirmed.reason }) : message,
    ];
  });
  return formatTable([...m.cli.headers], rows);
}

/** "共 N 个问题：错误 X，提示 Y" (and how many the clerks confirmed), or the English line. */
export function formatSummary(counts: Omit<Counts, "files" | "submissions">, lang: Lang): string {
  return messages(lang).cli.summary({ total: counts.findings, errors: counts.errors, warnings: counts.warnings, confirmed: counts.confirmed });
}
