/**
 * Compile (汇总评估): the use-case behind `indicators compile` and the pane's 汇总评估. From
 * the plan and the validation results of the district workbooks, it resolves completeness
 * (units that did not submit, units that submitted twice), consolidates, evaluates as of a
 * report period, and hands back everything the result tables need.
 *
 * Decisions:
 * - Two submissions for one 填报单位 (two sheets, or two files): the later report period wins;
 *   for the same period, the one read last (the later file on the command line, the later
 *   sheet in a workbook). The other's values, exclusions and findings are dropped before
 *   consolidation, and `completeness.duplicates` says which was kept and which dropped.
 * - asOf defaults to the latest report period among the kept submissions; without any
 *   submission it must be given (CompileError "no-as-of").
 * - A clerk's 情况属实 (Finding.confirmation) is kept as it comes from the reader; further
 *   confirmations may be passed in and are matched to findings by file, sheet, cell and kind.
 *   A confirmation never changes a finding's severity: an error still blocks its value.
 */
import type { Confirmation } from "./confirmations";
import type { Consolidation } from "./consolidate";
import { consolidate } from "./consolidate";
import type { Evaluation, Status } from "./evaluate";
import { evaluate } from "./evaluate";
import type { Finding } from "./findings";
import { comparePeriods } from "./period";
import type { ReportPeriod } from "./period";
import type { Plan } from "./plan";
import type { Submission } from "./submission";
import type { DistrictValue, ExcludedValue, ValidationResult } from "./validate";

/** Where a submission came from. */
export interface SubmissionRef {
  file: string;
  sheet: string;
  period: ReportPeriod;
}

/** One 填报单位 that submitted more than once: which submission counts, which were dropped. */
export interface DuplicateSubmission {
  district: string;
  kept: SubmissionRef;
  dropped: SubmissionRef[];
}

export interface Completeness {
  /** Units of the plan's list (plan.units) that sent nothing (no sheet naming them), in the plan's order. */
  missing: string[];
  duplicates: DuplicateSubmission[];
}

export interface CompileOptions {
  /** The report period to evaluate as of; default: the latest among the submissions. */
  asOf?: ReportPeriod;
  confirmations?: Confirmation[];
}

export interface CompileResult {
  plan: Plan;
  asOf: ReportPeriod;
  evaluation: Evaluation;
  consolidation: Consolidation;
  /** Findings of every file, except those of dropped duplicate submissions. */
  findings: Finding[];
  /** The submissions that count (one per 填报单位), in reading order. */
  submissions: Submission[];
  /** Usable district values of the kept submissions. */
  values: DistrictValue[];
  /** Values of the kept submissions left out because of error findings. */
  excluded: ExcludedValue[];
  completeness: Completeness;
}

/** Why compile cannot run, in Chinese and English. */
export class CompileError extends Error {
  readonly messageEn: string;
  constructor(
    readonly reason: "no-as-of",
    zh: string,
    en: string,
  ) {
    super(zh);
    this.name = "CompileError";
    this.messageEn = en;
  }
}

const sheetKey = (file: string, sheet: string | undefined): string => `${file}\u0000${sheet ?? ""}`;

const refOf = (s: Submission): SubmissionRef => ({ file: s.file, sheet: s.sheet, period: s.period });

/** One submission per 填报单位: the later report period wins; same period, the later one read. */
export function resolveDuplicates(submissions: readonly Submission[]): { kept: Submission[]; duplicates: DuplicateSubmission[] } {
  const byDistrict = new Map<string, Submission[]>();
  for (const s of submissions) {
    const group = byDistrict.get(s.district);
    if (group) group.push(s);
    else byDistrict.set(s.district, [s]);
  }
  const keptSet = new Set<Submission>();
  const duplicates: DuplicateSubmission[] = [];
  for (const [district, group] of byDistrict) {
    const winner = group.reduce((best, s) => (comparePeriods(s.period, best.period) >= 0 ? s : best));
    keptSet.add(winner);
    if (group.length > 1) {
      duplicates.push({ district, kept: refOf(winner), dropped: group.filter((s) => s !== winner).map(refOf) });
    }
  }
  return { kept: submissions.filter((s) => keptSet.has(s)), duplicates };
}

/** The findings with the matching confirmations' reasons attached (a new array; findings are not mutated). */
export function applyConfirmations(findings: readonly Finding[], confirmations: readonly Confirmation[]): Finding[] {
  if (confirmations.length === 0) return [...findings];
  return findings.map((f) => {
    const c = confirmations.find(
      (c) =>
        (c.file === undefined || c.file === f.file) &&
        c.sheet === f.sheet &&
        (c.cell ?? "") === (f.cell ?? "") &&
        (c.kind === undefined || c.kind === f.kind),
    );
    return c ? { ...f, confirmation: c.reason } : f;
  });
}

/** Number of findings per indicator code. */
function countByIndicator(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) if (f.indicator) counts[f.indicator] = (counts[f.indicator] ?? 0) + 1;
  return counts;
}

/**
 * Consolidates and evaluates the validation results of the district workbooks (one result
 * per workbook, in reading order) against the plan.
 */
export function compile(plan: Plan, results: readonly ValidationResult[], opts: CompileOptions = {}): CompileResult {
  const all = results.flatMap((r) => r.submissions);
  const { kept, duplicates } = resolveDuplicates(all);
  // Dropped submissions by result (the same file given twice must not drop the kept one too).
  const keptSet = new Set(kept);
  const droppedSheets = results.map((r) => new Set(r.submissions.filter((s) => !keptSet.has(s)).map((s) => sheetKey(s.file, s.sheet))));
  const pick = <T extends { file: string; sheet?: string }>(items: (r: ValidationResult) => T[]): T[] =>
    results.flatMap((r, i) => items(r).filter((x) => !droppedSheets[i].has(sheetKey(x.file, x.sheet))));

  const values = pick((r) => r.values);
  // A sheet that could not be read (no 报告期 …) leaves its district's values out only when
  // that district has no readable submission: otherwise the readable one speaks for it.
  const keptSheets = new Set(kept.map((s) => sheetKey(s.file, s.sheet)));
  const keptDistricts = new Set(kept.map((s) => s.district));
  const excluded = pick((r) => r.excluded).filter(
    (e) => keptSheets.has(sheetKey(e.file, e.sheet)) || !keptDistricts.has(e.district),
  );
  const findings = applyConfirmations(pick((r) => r.findings), opts.confirmations ?? []);

  const asOf =
    opts.asOf ??
    kept.map((s) => s.period).reduce<ReportPeriod | undefined>((a, p) => (!a || comparePeriods(p, a) > 0 ? p : a), undefined);
  if (!asOf) {
    throw new CompileError(
      "no-as-of",
      "没有可用的填报表，无法确定评估时点，请指定报告期（如 --as-of 2018-06）",
      "No usable submission to take the evaluation date from: give the report period (e.g. --as-of 2018-06)",
    );
  }

  // A unit whose sheet could not be read (no 报告期 …) did send something: not "missing".
  const submitted = new Set<string>([
    ...kept.map((s) => s.district),
    ...excluded.map((e) => e.district),
    ...findings.flatMap((f) => (f.district ? [f.district] : [])),
  ]);
  const missing = (plan.units ?? []).filter((u) => !submitted.has(u));

  const consolidation = consolidate(plan, values, excluded);
  const evaluation = evaluate(plan, consolidation, asOf, countByIndicator(findings));
  return { plan, asOf, evaluation, consolidation, findings, submissions: kept, values, excluded, completeness: { missing, duplicates } };
}

/** A report period as "2018-06". */
export function periodKey(p: Pick<ReportPeriod, "year" | "month">): string {
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}

/** One row of the compile JSON (`indicators compile --format json`). */
export interface EvaluationJsonRow {
  indicator: string;
  name: string;
  unit: string;
  type: "binding" | "anticipatory";
  baseline: number | null;
  target: number;
  actual: number | null;
  /** Fractions: 0.5, not "50%". */
  progress: number | null;
  timeProgress: number;
  status: Status;
  districtsUsed: string[];
  districtsExcluded: { district: string; reason: string }[];
}

export interface EvaluationJson {
  asOf: string;
  timeProgress: number;
  rows: EvaluationJsonRow[];
  completeness: {
    missing: string[];
    duplicates: { district: string; kept: { file: string; sheet: string; period: string }; dropped: { file: string; sheet: string; period: string }[] }[];
  };
}

const refJson = (s: SubmissionRef) => ({ file: s.file, sheet: s.sheet, period: periodKey(s.period) });

/** The compile result in the JSON shape of the command line; reasons in the language asked. */
export function evaluationJson(result: CompileResult, lang: "zh" | "en" = "zh"): EvaluationJson {
  return {
    asOf: periodKey(result.asOf),
    timeProgress: result.evaluation.timeProgress,
    rows: result.evaluation.rows.map((r) => ({
      indicator: r.indicator.code,
      name: r.indicator.name,
      unit: r.indicator.unit,
      type: r.indicator.type,
      baseline: r.indicator.baseline ?? null,
      target: r.indicator.target,
      actual: r.actual,
      progress: r.progress,
      timeProgress: r.timeProgress,
      status: r.status,
      districtsUsed: r.used,
      districtsExcluded: r.excluded.map((e) => ({ district: e.district, reason: lang === "en" ? e.reasonEn : e.reason })),
    })),
    completeness: {
      missing: result.completeness.missing,
      duplicates: result.completeness.duplicates.map((d) => ({ district: d.district, kept: refJson(d.kept), dropped: d.dropped.map(refJson) })),
    },
  };
}
