/**
 * Validation (校验): confronting a workbook's submissions with the plan, §2, §3 and §6.
 * findSubmissions (submission.ts) finds and reads the district sheets; the rules (rules.ts)
 * run on each; what is left without an error finding becomes a DistrictValue for
 * consolidation, and every indicator × district left out becomes an ExcludedValue with its
 * reason. Pure and linear in the number of rows.
 */
import { collapseFindings, findingMessage, makeFinding, READ_PROBLEM_KINDS, type Finding, type FindingKind, type FindingParams } from "./findings";
import { msg, type MessageData } from "./messages";
import type { ReportPeriod } from "./period";
import type { Indicator, Plan } from "./plan";
import type { Qualifier, ValueReading } from "./values";
import { findSubmissions, type Submission, type SubmissionRow } from "./submission";
import { RULES, type SubmissionContext } from "./rules";
import { parseA1, type WorkbookModel } from "./model";

/** One district's usable value of one indicator: what consolidation takes in. */
export interface DistrictValue {
  /** 填报单位. */
  district: string;
  /** Indicator code. */
  indicator: string;
  /** In the indicator's unit. */
  value: number;
  qualifier?: Qualifier;
  period: ReportPeriod;
  file: string;
  sheet: string;
  cell: string;
}

/** A district's value left out of consolidation because of an error finding. */
export interface ExcludedValue {
  district: string;
  indicator: string;
  /** Why: the category and the message of the finding that blocks the value. */
  reason: MessageData;
  file: string;
  sheet: string;
  cell?: string;
  /** What the clerk wrote in the value cell, as read (a placeholder, the words, a number with its unit); absent for a missing row. */
  written?: string | number;
}

/** A submission without its rows: which file and sheet, which 填报单位, which report period. */
export type SubmissionInfo = Pick<Submission, "file" | "sheet" | "district" | "period">;

/**
 * What compile needs of a workbook's validation: its findings, the usable and the excluded
 * values, and its submissions without their rows. A check that streams workbooks keeps this
 * much of each (summarise) and drops the rest.
 */
export interface ValidationSummary {
  submissions: SubmissionInfo[];
  findings: Finding[];
  values: DistrictValue[];
  excluded: ExcludedValue[];
}

/** A validation result without the submissions' rows and texts. */
export function summarise(r: ValidationSummary): ValidationSummary {
  return {
    submissions: r.submissions.map(({ file, sheet, district, period }) => ({ file, sheet, district, period })),
    findings: r.findings,
    values: r.values,
    excluded: r.excluded,
  };
}

export interface ValidationResult {
  submissions: Submission[];
  findings: Finding[];
  /** Values that carry no error finding. */
  values: DistrictValue[];
  /** Values (or absent values) blocked by an error finding. */
  excluded: ExcludedValue[];
}

export interface ValidateOptions {
  /** The file name findings carry; default: the workbook's name. */
  file?: string;
}

/** Indicators by code, built once per plan. */
const byCodeCache = new WeakMap<Plan, Map<string, Indicator>>();

function indicatorsByCode(plan: Plan): Map<string, Indicator> {
  let map = byCodeCache.get(plan);
  if (!map) {
    map = new Map(plan.indicators.map((i) => [i.code, i]));
    byCodeCache.set(plan, map);
  }
  return map;
}

const READ_KINDS: ReadonlySet<FindingKind> = new Set(READ_PROBLEM_KINDS);
const isReadProblem = (kind: FindingKind) => READ_KINDS.has(kind);

function reasonOf(f: Finding): { reason: MessageData } {
  return { reason: msg("reason.excluded", { category: msg(`category.${f.category}`), message: findingMessage(f) }) };
}

/** Sort key of a finding inside its sheet: by row, then column; findings without a cell last. */
function position(f: Finding): number {
  if (!f.cell) return Number.MAX_SAFE_INTEGER;
  const { row, col } = parseA1(f.cell);
  return row * 20000 + col;
}

/**
 * Validates one workbook against the plan: its submissions, every finding (sheet by sheet in
 * workbook order, by cell inside a sheet, findings without a cell last; more than
 * COLLAPSE_ABOVE of one kind in a sheet collapsed into one with their count and range), the
 * usable values and the excluded ones.
 */
export function validateWorkbook(plan: Plan, wb: WorkbookModel, opts: ValidateOptions = {}): ValidationResult {
  const file = opts.file ?? wb.name;
  const detection = findSubmissions(wb, plan, file);
  const indicators = indicatorsByCode(plan);
  const result = emptyValidation();
  result.submissions = detection.submissions;

  for (const rule of RULES) {
    if (rule.scope === "workbook") result.findings.push(...rule.run({ file, workbook: wb, detection }));
  }
  // A sheet whose 填报单位 is known but that could not be read leaves all its values out.
  for (const f of result.findings) {
    if (f.kind !== "no-period" || !f.district || !f.sheet) continue;
    for (const ind of plan.indicators) {
      result.excluded.push({ district: f.district, indicator: ind.code, ...reasonOf(f), file, sheet: f.sheet });
    }
  }
  // The reader's errors on cells, by sheet: those cells' values never count.
  const unread = new Map<string, Map<string, Finding>>();
  for (const f of result.findings) {
    if (!f.sheet || !f.cell || f.severity !== "error" || !isReadProblem(f.kind)) continue;
    const cells = unread.get(f.sheet) ?? new Map<string, Finding>();
    if (!cells.has(f.cell)) cells.set(f.cell, f);
    unread.set(f.sheet, cells);
  }
  for (const submission of detection.submissions) {
    validateSubmission(plan, indicators, submission, result, unread.get(submission.sheet));
  }
  // Findings in workbook order: a file-level finding first, then sheet by sheet (stable).
  const sheetIndex = new Map(wb.sheets.map((s, i) => [s.name, i]));
  const order = (f: Finding) => (f.sheet === undefined ? -1 : (sheetIndex.get(f.sheet) ?? -1));
  result.findings = collapseFindings(
    result.findings
      .map((f, i) => ({ f, i, o: order(f) }))
      .sort((a, b) => a.o - b.o || a.i - b.i)
      .map((x) => x.f),
  );
  return result;
}

/** A result with nothing in it, to merge into. */
export function emptyValidation(): ValidationResult {
  return { submissions: [], findings: [], values: [], excluded: [] };
}

/** Appends one result to another (in place), keeping the order. */
export function mergeValidation(into: ValidationResult, r: ValidationResult): ValidationResult {
  for (const s of r.submissions) into.submissions.push(s);
  for (const f of r.findings) into.findings.push(f);
  for (const v of r.values) into.values.push(v);
  for (const e of r.excluded) into.excluded.push(e);
  return into;
}

/** validateWorkbook over several workbooks, results merged in order. */
export function validateWorkbooks(plan: Plan, wbs: readonly WorkbookModel[]): ValidationResult {
  const all = emptyValidation();
  for (const wb of wbs) mergeValidation(all, validateWorkbook(plan, wb));
  return all;
}

/** What the clerk wrote in a value cell, as the reader saw it; undefined for a blank cell. */
function writtenValue(r: ValueReading): string | number | undefined {
  switch (r.kind) {
    case "number":
      return r.value;
    case "blank":
      return undefined;
    case "placeholder":
      return r.token;
    case "unit-mismatch":
      return `${r.value}${r.writtenUnit}`;
    case "not-a-number":
      return r.text;
  }
}

function validateSubmission(
  plan: Plan,
  indicators: Map<string, Indicator>,
  submission: Submission,
  result: ValidationResult,
  unread: ReadonlyMap<string, Finding> = new Map(),
): void {
  const { file, sheet, district } = submission;
  const rowsByIndicator = new Map<string, SubmissionRow[]>();
  const matched: { row: SubmissionRow; ind: Indicator }[] = [];
  for (const row of submission.rows) {
    const ind = row.indicator === undefined ? undefined : indicators.get(row.indicator);
    if (!ind) continue;
    matched.push({ row, ind });
    const list = rowsByIndicator.get(ind.code);
    if (list) list.push(row);
    else rowsByIndicator.set(ind.code, [row]);
  }
  const findings: Finding[] = [];
  /** The first error finding on each cell (the reader's first); the missing-row finding of each absent indicator. */
  const errors = new Map<string, Finding>(unread);
  const missingRows = new Map<string, Finding>();
  const usable = (code: string) => {
    const rows = rowsByIndicator.get(code);
    if (!rows || rows.some((r) => errors.has(r.valueCell))) return undefined;
    const first = rows[0];
    return first.reading.kind === "number" ? { value: first.reading.value, row: first } : undefined;
  };
  const ctx: SubmissionContext = {
    plan,
    submission,
    indicators,
    rowsByIndicator,
    matched,
    usable,
    blocked: (cell) => errors.has(cell),
    unread: (cell) => unread.has(cell),
    finding: <K extends FindingKind>(kind: K, at: { cell?: string; indicator?: string }, params: FindingParams<K>) =>
      makeFinding<FindingKind>(kind, { file, sheet, district, cell: at.cell, indicator: at.indicator }, params),
  };
  for (const rule of RULES) {
    if (rule.scope !== "submission") continue;
    for (const f of rule.run(ctx)) {
      findings.push(f);
      if (f.severity === "error" && f.cell && !errors.has(f.cell)) errors.set(f.cell, f);
      if (f.kind === "missing-row" && f.indicator) missingRows.set(f.indicator, f);
    }
  }
  const keyed = findings.map((f, i) => ({ f, i, p: position(f) }));
  keyed.sort((a, b) => a.p - b.p || a.i - b.i);
  for (const { f } of keyed) result.findings.push(f);

  for (const ind of plan.indicators) {
    const rows = rowsByIndicator.get(ind.code);
    const value = usable(ind.code);
    if (value && value.row.reading.kind === "number") {
      const dv: DistrictValue = {
        district,
        indicator: ind.code,
        value: value.value,
        period: submission.period,
        file,
        sheet,
        cell: value.row.valueCell,
      };
      if (value.row.reading.qualifier) dv.qualifier = value.row.reading.qualifier;
      result.values.push(dv);
      continue;
    }
    // Left out: the first error on the indicator's rows, or its missing-row finding.
    const blocking = rows
      ? rows.map((r) => errors.get(r.valueCell)).find((f) => f !== undefined)
      : missingRows.get(ind.code);
    if (!blocking) continue;
    const ev: ExcludedValue = { district, indicator: ind.code, ...reasonOf(blocking), file, sheet };
    if (blocking.cell) ev.cell = blocking.cell;
    const written = rows ? writtenValue(rows[0].reading) : undefined;
    if (written !== undefined) ev.written = written;
    result.excluded.push(ev);
  }
}
