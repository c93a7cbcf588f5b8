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
 * - A clerk's 情况属实 (Finding.confirmed) comes with the findings (checkWorkbooks applies the
 *   stored and the session's confirmations). A confirmation never changes a finding's
 *   severity: an error still blocks its value.
 */
import type { Consolidation } from "./consolidate";
import { consolidate } from "./consolidate";
import type { Evaluation } from "./evaluate";
import { evaluate } from "./evaluate";
import type { Finding } from "./findings";
import { appError } from "./errors";
import { comparePeriods } from "./period";
import type { ReportPeriod } from "./period";
import type { Plan } from "./plan";
import type { DistrictValue, ExcludedValue, SubmissionInfo, ValidationSummary } from "./validate";

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
}

export interface CompileResult {
  plan: Plan;
  asOf: ReportPeriod;
  evaluation: Evaluation;
  consolidation: Consolidation;
  /** Findings of every file, except those of dropped duplicate submissions. */
  findings: Finding[];
  /** The submissions that count (one per 填报单位), in reading order. */
  submissions: SubmissionInfo[];
  /** Usable district values of the kept submissions. */
  values: DistrictValue[];
  /** Values of the kept submissions left out because of error findings. */
  excluded: ExcludedValue[];
  completeness: Completeness;
}

const sheetKey = (file: string, sheet: string | undefined): string => `${file}\u0000${sheet ?? ""}`;

const refOf = (s: SubmissionInfo): SubmissionRef => ({ file: s.file, sheet: s.sheet, period: s.period });

/** One submission per 填报单位: the later report period wins; same period, the later one read. */
export function resolveDuplicates<S extends SubmissionInfo>(submissions: readonly S[]): { kept: S[]; duplicates: DuplicateSubmission[] } {
  const byDistrict = new Map<string, S[]>();
  for (const s of submissions) {
    const group = byDistrict.get(s.district);
    if (group) group.push(s);
    else byDistrict.set(s.district, [s]);
  }
  const keptSet = new Set<S>();
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

/** Number of findings per indicator code. */
function countByIndicator(findings: readonly Finding[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of findings) if (f.indicator) counts[f.indicator] = (counts[f.indicator] ?? 0) + 1;
  return counts;
}

/**
 * Consolidates and evaluates the validation results of the district workbooks (one result
 * per workbook, in reading order, confirmations already applied to their findings) against
 * the plan. src/core/check.ts is the use-case every entry point calls; this is its last step.
 */
export function compile(plan: Plan, results: readonly ValidationSummary[], opts: CompileOptions = {}): CompileResult {
  const all = results.flatMap((r) => r.submissions);
  const { kept, duplicates } = resolveDuplicates(all);
  // Dropped submissions by result (the same file given twice must not drop the kept one too).
  const keptSet = new Set(kept);
  const droppedSheets = results.map((r) => new Set(r.submissions.filter((s) => !keptSet.has(s)).map((s) => sheetKey(s.file, s.sheet))));
  const pick = <T extends { file: string; sheet?: string }>(items: (r: ValidationSummary) => T[]): T[] =>
    results.flatMap((r, i) => items(r).filter((x) => !droppedSheets[i].has(sheetKey(x.file, x.sheet))));

  const values = pick((r) => r.values);
  // A sheet that could not be read (no 报告期 …) leaves its district's values out only when
  // that district has no readable submission: otherwise the readable one speaks for it.
  const keptSheets = new Set(kept.map((s) => sheetKey(s.file, s.sheet)));
  const keptDistricts = new Set(kept.map((s) => s.district));
  const excluded = pick((r) => r.excluded).filter(
    (e) => keptSheets.has(sheetKey(e.file, e.sheet)) || !keptDistricts.has(e.district),
  );
  const findings = pick((r) => r.findings);

  const asOf =
    opts.asOf ??
    kept.map((s) => s.period).reduce<ReportPeriod | undefined>((a, p) => (!a || comparePeriods(p, a) > 0 ? p : a), undefined);
  if (!asOf) {
    throw appError("no-as-of");
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
