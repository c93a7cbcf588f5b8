/**
 * Printing findings for the terminal: a Chinese (or English) table grouped by file and
 * sheet, a summary line, and the JSON shape of `validate --format json`.
 */
import { CATEGORY_INFO, SEVERITY_INFO, findingMessage, type Finding, type Lang } from "../core/findings";

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

const HEADERS: Record<Lang, string[]> = {
  zh: ["文件", "工作表", "单元格", "指标", "类别", "严重程度", "说明"],
  en: ["File", "Sheet", "Cell", "Indicator", "Category", "Severity", "Message"],
};

/**
 * The findings as a table grouped by file and sheet, in the order given (the engine reports
 * them file by file, sheet by sheet). A file or sheet name is written on the first row of its
 * group only, so the groups stand out.
 */
export function formatFindingsTable(findings: readonly Finding[], lang: Lang): string {
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
    return [
      sameFile ? "" : f.file,
      sameGroup ? "" : (f.sheet ?? ""),
      f.cell ?? "",
      f.indicator ?? "",
      CATEGORY_INFO[f.category][lang],
      SEVERITY_INFO[f.severity][lang],
      findingMessage(f, lang),
    ];
  });
  return formatTable(HEADERS[lang], rows);
}

/** "共 N 个问题：错误 X，提示 Y" (or the English line). */
export function formatSummary(findings: readonly Finding[], lang: Lang): string {
  const errors = findings.filter((f) => f.severity === "error").length;
  const warnings = findings.length - errors;
  return lang === "en"
    ? `${findings.length} finding(s): ${errors} error(s), ${warnings} warning(s)`
    : `共 ${findings.length} 个问题：错误 ${errors}，提示 ${warnings}`;
}

/** One finding as `validate --format json` prints it; absent parts are null. */
export interface FindingJson {
  file: string;
  sheet: string | null;
  cell: string | null;
  indicator: string | null;
  category: string;
  severity: string;
  message: string;
}

export function findingsJson(findings: readonly Finding[], lang: Lang): { findings: FindingJson[] } {
  return {
    findings: findings.map((f) => ({
      file: f.file,
      sheet: f.sheet ?? null,
      cell: f.cell ?? null,
      indicator: f.indicator ?? null,
      category: f.category,
      severity: f.severity,
      message: findingMessage(f, lang),
    })),
  };
}
