/**
 * Findings (问题): the closed set of categories of reporting-conventions §6, and one table
 * of finding kinds, each with its category, default severity and the parameters of its
 * message. Rules only pick a kind and fill its parameters; the words are in the message
 * catalogue (src/core/messages), one per language, rendered where the finding is shown.
 */
import type { MessageData, Param } from "./messages/types";
import type { Sheet } from "./model";

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
}

/** Where a finding sits. */
export interface FindingPlace {
  file: string;
  sheet?: string;
  cell?: string;
  indicator?: string;
  district?: string;
}

/** Builds a finding of a kind: category and default severity from FINDING_KINDS. */
export function makeFinding<K extends FindingKind>(
  kind: K,
  where: FindingPlace,
  ...params: [FindingParamName<K>] extends [never] ? [] : [FindingParams<K>]
): Finding {
  const def: KindDef = FINDING_KINDS[kind];
  const f: Finding = { file: where.file, kind, category: def.category, severity: def.severity, params: params[0] ?? {} };
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

/** The finding as a message of the catalogue (key finding.KIND). */
export function findingMessage(f: Pick<Finding, "kind" | "params">): MessageData {
  return { key: `finding.${f.kind}`, params: f.params };
}

/**
 * The findings whose cells get a mark (in the open workbook and on marked copies): a warning
 * the clerk confirmed (情况属实) gets none; a confirmed error is still marked, since a
 * confirmation never lifts an error.
 */
export function findingsToMark(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !(f.confirmed !== undefined && f.severity === "warning"));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
