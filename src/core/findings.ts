/**
 * Findings (问题): the closed set of categories of reporting-conventions §6, and one table
 * of finding kinds, each with its category, default severity and the parameters of its
 * message. Rules only pick a kind and fill its parameters; the words are in the message
 * catalogue (src/core/messages), one per language, rendered where the finding is shown.
 */
import type { MessageData, Param } from "./messages/types";
import { a1, parseA1, type Sheet } from "./model";

export const CATEGORIES = [
  "placeholder",
  "missing",
  "not-a-number",
  "out-of-range",
  "unit-mismatch",
  "inconsistent",
  "unknown-indicator",
  "duplicate",
  "structure",
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Severity = "error" | "warning";

interface KindDef<P extends readonly string[] = readonly string[]> {
  category: Category;
  severity: Severity;
  /** The parameters every language's message of this kind takes. */
  params: P;
}

const kind = <const P extends readonly string[]>(category: Category, severity: Severity, ...params: P): KindDef<P> => ({
  category,
  severity,
  params,
});

/**
 * Every kind of finding the engine can report: its category, default severity and the
 * parameters of its message. The messages themselves are in the catalogue, one entry per
 * kind and language (src/core/messages/zh.ts, en.ts); a test checks that every kind has a
 * message in every language that uses exactly these parameters.
 *
 * Adding a kind: one entry here, one in each language's `finding` section.
 * Common parameters: indicator (code), name (indicator name), text (cell text), unit.
 */
export const FINDING_KINDS = {
  "placeholder-value": kind("placeholder", "error", "name", "text"),
  "placeholder-text": kind("placeholder", "warning", "match", "context"),
  "missing-number": kind("placeholder", "warning", "match", "context"),
  "truncated-year": kind("placeholder", "warning", "match", "context"),
  "zero-placeholder": kind("placeholder", "error", "name"),
  "missing-row": kind("missing", "error", "indicator", "name"),
  "missing-value": kind("missing", "error", "name"),
  "not-a-number": kind("not-a-number", "error", "name", "text"),
  "below-min": kind("out-of-range", "error", "name", "value", "min"),
  "above-max": kind("out-of-range", "error", "name", "value", "max"),
  "unit-mismatch": kind("unit-mismatch", "error", "name", "text", "written", "unit"),
  "part-exceeds-total": kind("inconsistent", "error", "name", "value", "totalName", "total"),
  "unknown-indicator": kind("unknown-indicator", "warning", "text"),
  "duplicate-same": kind("duplicate", "warning", "name", "other"),
  "duplicate-different": kind("duplicate", "error", "name", "value", "otherValue", "other"),
  "no-district": kind("structure", "error"),
  "no-period": kind("structure", "error", "text"),
  "no-table": kind("structure", "error"),
  "no-submission": kind("structure", "error"),
  /** reason: a message of the catalogue's `reason` section. */
  "plan-row-invalid": kind("structure", "error", "row", "column", "reason"),
  "plan-column-missing": kind("structure", "error", "column", "alias"),
  "plan-no-header": kind("structure", "error", "sheet"),
  "plan-no-sheet": kind("structure", "error"),
  /** reason: a message of the catalogue's `reason` section. */
  "plan-invalid-file": kind("structure", "error", "reason"),
  "plan-empty": kind("structure", "error"),
  // What the reader could not read (model.ts ReadProblem): a whole sheet, or one cell.
  "sheet-part-missing": kind("structure", "error", "sheet", "part"),
  /** detail: a message of the catalogue's `readDetail` section. */
  "sheet-damaged": kind("structure", "error", "sheet", "detail"),
  /** limit: a message of the catalogue's `readLimit` section. */
  "sheet-too-large": kind("structure", "error", "sheet", "limit"),
  "sheet-name-duplicate": kind("structure", "error", "sheet"),
  /** why: a message of the catalogue's `sheetName` section. */
  "sheet-name-unusual": kind("structure", "warning", "sheet", "why"),
  "cell-duplicate": kind("structure", "error", "first", "second"),
  "row-duplicate": kind("structure", "error", "row", "first", "second"),
  "cell-shared-string": kind("structure", "error", "index", "count"),
  "cell-non-finite": kind("structure", "error", "text"),
  "cell-date": kind("structure", "error", "text"),
  "cell-type": kind("structure", "error", "type", "text"),
} satisfies Record<string, KindDef>;

/** The finding kinds of read problems (model.ts), which the reader attaches to sheets. */
export const READ_PROBLEM_KINDS = [
  "sheet-part-missing",
  "sheet-damaged",
  "sheet-too-large",
  "sheet-name-duplicate",
  "sheet-name-unusual",
  "cell-duplicate",
  "row-duplicate",
  "cell-shared-string",
  "cell-non-finite",
  "cell-date",
  "cell-type",
] as const satisfies readonly (keyof typeof FINDING_KINDS)[];
export type ReadProblemKind = (typeof READ_PROBLEM_KINDS)[number];

export type FindingKind = keyof typeof FINDING_KINDS;

/** The parameter names of a kind's message. */
export type FindingParamName<K extends FindingKind> = (typeof FINDING_KINDS)[K]["params"][number];

/** The parameters a finding of kind K carries. */
export type FindingParams<K extends FindingKind = FindingKind> = Readonly<Record<FindingParamName<K>, Param>>;

/** A clerk's 情况属实 of a finding: the reason, and when it was given when known (ISO date-time). */
export interface Confirmed {
  reason: string;
  at?: string;
}

/**
 * A finding (问题): where, what kind, and the parameters of its message. No text: the
 * message is rendered at the edge in the user's language (findingText in src/core/messages).
 */
export interface Finding {
  /** File (workbook) name. */
  file: string;
  /** Sheet name; absent for a finding about a whole file. */
  sheet?: string;
  /** A1 address of the cell holding the problem; absent when the problem is an absence. */
  cell?: string;
  /** Indicator code, when known. */
  indicator?: string;
  /** 填报单位 of the submission, when known. */
  district?: string;
  kind: FindingKind;
  category: Category;
  severity: Severity;
  params: Readonly<Record<string, Param>>;
  /** The clerk's 情况属实 of this finding, when there is one. */
  confirmed?: Confirmed;
  /**
   * A finding that stands for many of its kind in one sheet (collapseFindings): how many, and
   * the range they lie in. Its place and parameters are those of the first of them.
   */
  repeat?: Repeat;
}

/** How many findings of one kind a collapsed finding stands for, and the range of their cells ("A29:A200000"). */
export interface Repeat {
  count: number;
  /** The smallest range holding their cells; absent when none of them has a cell (missing rows). */
  range?: string;
}

/** Where a finding sits. */
export interface FindingPlace {
  file: string;
  sheet?: string;
  cell?: string;
  indicator?: string;
  district?: string;
}

/** The longest text a finding's message echoes from a cell; longer text is cut, with "…". */
export const EXCERPT_LENGTH = 40;

/** A cell's text as a message echoes it: at most EXCERPT_LENGTH characters (code points). */
export function excerpt(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  const chars = Array.from(text);
  return chars.length <= EXCERPT_LENGTH ? text : `${chars.slice(0, EXCERPT_LENGTH - 1).join("")}…`;
}

/** The parameters with every text cut to an excerpt: a 32,767-character remark is never echoed whole. */
function excerpts(params: Readonly<Record<string, Param>>): Readonly<Record<string, Param>> {
  let out: Record<string, Param> | undefined;
  for (const [k, v] of Object.entries(params)) {
    if (typeof v !== "string" || v.length <= EXCERPT_LENGTH) continue;
    out ??= { ...params };
    out[k] = excerpt(v);
  }
  return out ?? params;
}

/** Builds a finding of a kind: category and default severity from FINDING_KINDS; texts cut to an excerpt. */
export function makeFinding<K extends FindingKind>(
  kind: K,
  where: FindingPlace,
  ...params: [FindingParamName<K>] extends [never] ? [] : [FindingParams<K>]
): Finding {
  const def: KindDef = FINDING_KINDS[kind];
  const f: Finding = { file: where.file, kind, category: def.category, severity: def.severity, params: excerpts(params[0] ?? {}) };
  if (where.sheet !== undefined) f.sheet = where.sheet;
  if (where.cell !== undefined) f.cell = where.cell;
  if (where.indicator !== undefined) f.indicator = where.indicator;
  if (where.district !== undefined) f.district = where.district;
  return f;
}

/** The findings of a sheet's read problems (model.ts), each named after the sheet. */
export function readProblemFindings(sheet: Sheet, file: string, district?: string): Finding[] {
  return (sheet.problems ?? []).map((p) =>
    makeFinding<FindingKind>(p.kind, { file, sheet: sheet.name, cell: p.cell, district }, { ...p.params, sheet: sheet.name } as FindingParams),
  );
}

/**
 * The finding as a message of the catalogue (key finding.KIND); a collapsed one as the count,
 * the category and the range around the first one's message (repeat.findings).
 */
export function findingMessage(f: Pick<Finding, "kind" | "params"> & { repeat?: Repeat }): MessageData {
  const one: MessageData = { key: `finding.${f.kind}`, params: f.params };
  if (!f.repeat) return one;
  const category: MessageData = { key: `category.${FINDING_KINDS[f.kind].category}` };
  const params = { count: f.repeat.count, category, message: one };
  return f.repeat.range === undefined ? { key: "repeat.noRange", params } : { key: "repeat.findings", params: { ...params, range: f.repeat.range } };
}

/**
 * More findings of one kind in one sheet than this are collapsed into one (collapseFindings).
 * A clerk reads a few dozen findings; thousands of one kind are one problem (a pasted block
 * of unknown rows, a remark of 32,767 x's), and listing each one makes the output unusable.
 */
export const COLLAPSE_ABOVE = 50;

/**
 * Findings that repeat, collapsed: where one sheet of one file has more than COLLAPSE_ABOVE
 * findings of one kind, they become one finding — the first of them, in its place, with its
 * message — carrying their count and the range that holds their cells ("199,972 处未知指标
 * （A29:A200000），首处：…"). Order is kept (the collapsed one stands where the first stood);
 * findings of other kinds, and kinds at or below the bound, are untouched. A collapsed finding
 * marks its first cell only, with the count and range in the note. Pure; the same in the CLI,
 * the page and Excel, since it runs inside validation.
 */
export function collapseFindings(findings: Finding[]): Finding[] {
  if (findings.length <= COLLAPSE_ABOVE) return findings;
  const groups = new Map<string, number>();
  const keys = findings.map((f) => `${f.file}\u0000${f.sheet ?? ""}\u0000${f.kind}`);
  for (const key of keys) groups.set(key, (groups.get(key) ?? 0) + 1);
  if (![...groups.values()].some((n) => n > COLLAPSE_ABOVE)) return findings;
  const boxes = new Map<string, { first: Finding; at: number; count: number; top: number; left: number; bottom: number; right: number }>();
  const out: Finding[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const key = keys[i];
    if (groups.get(key)! <= COLLAPSE_ABOVE) {
      out.push(f);
      continue;
    }
    let box = boxes.get(key);
    if (!box) {
      box = { first: f, at: out.length, count: 0, top: Infinity, left: Infinity, bottom: -1, right: -1 };
      boxes.set(key, box);
      out.push(f); // replaced by the collapsed finding below
    }
    box.count += f.repeat?.count ?? 1;
    if (f.cell) {
      const { row, col } = parseA1(f.cell);
      box.top = Math.min(box.top, row);
      box.left = Math.min(box.left, col);
      box.bottom = Math.max(box.bottom, row);
      box.right = Math.max(box.right, col);
    }
  }
  for (const box of boxes.values()) {
    const range =
      box.bottom < 0 ? undefined : box.top === box.bottom && box.left === box.right ? a1(box.top, box.left) : `${a1(box.top, box.left)}:${a1(box.bottom, box.right)}`;
    const collapsed: Finding = { ...box.first, repeat: range === undefined ? { count: box.count } : { count: box.count, range } };
    out[box.at] = collapsed;
  }
  return out;
}

/**
 * The findings whose cells get a mark (in the open workbook and on marked copies): a warning
 * the clerk confirmed (情况属实) gets none; a confirmed error is still marked, since a
 * confirmation never lifts an error.
 */
export function findingsToMark(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !(f.confirmed !== undefined && f.severity === "warning"));
}

/** How many findings, errors, warnings and confirmed findings a list holds. */
export interface FindingCounts {
  findings: number;
  errors: number;
  warnings: number;
  /** Findings the clerk confirmed (情况属实). */
  confirmed: number;
}

/** Counts of a list of findings; a collapsed finding counts as the findings it stands for. */
export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c = { findings: 0, errors: 0, warnings: 0, confirmed: 0 };
  for (const f of findings) {
    const n = f.repeat?.count ?? 1;
    c.findings += n;
    if (f.severity === "error") c.errors += n;
    else c.warnings += n;
    if (f.confirmed !== undefined) c.confirmed += n;
  }
  return c;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
