/**
 * Views of the use-case layer's results (src/core/check.ts): the shapes the command line
 * prints as JSON and the rows the pane shows. They are projections of one Report or one
 * CompileResult, so that `validate --format json`, the pane's list and its summary cannot
 * say different things.
 */
import type { CompileResult, SubmissionRef } from "./compile";
import { isNotConsolidated, type Status } from "./evaluate";
import type { Category, Finding, Severity } from "./findings";
import { periodKey } from "./format";
import { findingText, LANGS, render, type Lang } from "./messages";
import type { ReportPeriod } from "./period";
import { overallStatement } from "./statements";

/** One finding as `validate --format json` prints it; absent parts are null. */
export interface FindingJson {
  file: string;
  sheet: string | null;
  cell: string | null;
  indicator: string | null;
  category: Category;
  severity: Severity;
  message: string;
  /** The clerk's 情况属实: the reason, and when (ISO date-time; null when the record does not say). */
  confirmed: { reason: string; at: string | null } | null;
  /** Only on a collapsed finding (findings.ts collapseFindings): how many it stands for. */
  count?: number;
  /** Only on a collapsed finding: the range of their cells ("A29:A200000"), null when they have none. */
  range?: string | null;
}

export function findingJson(f: Finding, lang: Lang): FindingJson {
  return {
    file: f.file,
    sheet: f.sheet ?? null,
    cell: f.cell ?? null,
    indicator: f.indicator ?? null,
    category: f.category,
    severity: f.severity,
    message: findingText(f, lang),
    confirmed: f.confirmed ? { reason: f.confirmed.reason, at: f.confirmed.at ?? null } : null,
    ...(f.repeat ? { count: f.repeat.count, range: f.repeat.range ?? null } : {}),
  };
}

/** `validate --format json`: the findings, plan findings first. */
export function findingsJson(findings: readonly Finding[], lang: Lang): { findings: FindingJson[] } {
  return { findings: findings.map((f) => findingJson(f, lang)) };
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
    duplicates: {
      district: string;
      kept: { file: string; sheet: string; period: string };
      dropped: { file: string; sheet: string; period: string }[];
    }[];
  };
}

const refJson = (s: SubmissionRef) => ({ file: s.file, sheet: s.sheet, period: periodKey(s.period) });

/** The compile result in the JSON shape of the command line; reasons in the language asked. */
export function evaluationJson(result: CompileResult, lang: Lang): EvaluationJson {
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
      districtsExcluded: r.excluded.map((e) => ({ district: e.district, reason: render(e.reason, lang) })),
    })),
    completeness: {
      missing: result.completeness.missing,
      duplicates: result.completeness.duplicates.map((d) => ({
        district: d.district,
        kept: refJson(d.kept),
        dropped: d.dropped.map(refJson),
      })),
    },
  };
}

/** One row of the mid-term summary the pane shows. */
export interface MidtermRow {
  indicator: string;
  name: string;
  domain?: string;
  unit: string;
  /** 约束性 / 预期性. */
  binding: boolean;
  /** 目标值, in the indicator's unit. */
  target: number;
  actual: number | null;
  /** Target progress as a fraction (0.5 = 50%), null when there is no value. */
  progress: number | null;
  status: Status;
  /** 汇总方式 不汇总: no city value by design (its status is 无数据). */
  notConsolidated?: boolean;
  /** 约束性 and 滞后: 重点关注. */
  attention: boolean;
}

/** What the pane shows after 汇总 (both inside Excel and on files). */
export interface MidtermSummary {
  /** The report period the table is computed as of. */
  asOf: Pick<ReportPeriod, "year" | "month">;
  /** Time progress as a fraction. */
  timeProgress: number;
  /** The draft paragraph on the whole (评估要点) in every language: the pane may switch after compiling. */
  statement: Record<Lang, string>;
  /** Submissions that count (one per 填报单位). */
  submissions: number;
  rows: MidtermRow[];
  /** Findings behind the table (the plan's first, then every submission's). */
  findings: Finding[];
}

export function midtermSummary(result: CompileResult): MidtermSummary {
  return {
    asOf: { year: result.asOf.year, month: result.asOf.month },
    timeProgress: result.evaluation.timeProgress,
    statement: Object.fromEntries(LANGS.map((lang) => [lang, overallStatement(result.evaluation, lang)])) as Record<Lang, string>,
    submissions: result.submissions.length,
    rows: result.evaluation.rows.map((r) => ({
      indicator: r.indicator.code,
      name: r.indicator.name,
      ...(r.indicator.domain !== undefined ? { domain: r.indicator.domain } : {}),
      unit: r.indicator.unit,
      binding: r.indicator.type === "binding",
      target: r.indicator.target,
      actual: r.actual,
      progress: r.progress,
      status: r.status,
      ...(isNotConsolidated(r.indicator) ? { notConsolidated: true } : {}),
      attention: r.attention,
    })),
    findings: result.findings,
  };
}
