/**
 * Mid-term evaluation (中期评估), reporting-conventions §5: time progress, target progress
 * and status of every indicator, from the consolidation and the as-of report period.
 *
 * Decisions where §5 is silent or needs reading:
 * - Time progress counts whole calendar months, not days. A report period always ends on the
 *   last day of its month, so R − start is a whole number of months: t = months elapsed /
 *   months in the plan period. Huzhou (as of 2018-06, plan 2016–2020) gives 30/60 = 0.5 exactly,
 *   the "时间过半" evaluators mean; counting days would give 0.4997… A bare year (month 12)
 *   gives 36/60 = 0.6. t is clamped to [0, 1].
 * - An indicator without 基期年 is taken to run over the five years ending at its 目标年
 *   (B = G − 5: a five-year plan).
 * - Target progress is not clamped: over-fulfilment gives p > 1, going backwards p < 0.
 * - Whenever the progress formula's denominator is 0 (g = b; without a baseline, g = 0 for 正向
 *   or a = 0 for 逆向), p is 1 if a meets the target, else 0 — §5's rule for g = b. So a 逆向
 *   indicator without a baseline whose actual is 0 (the best possible) has p = 1 when g ≥ 0.
 * - Comparisons (a against g, p against t) allow a relative float error of 1e-9, so that a
 *   value equal to the target up to binary rounding (0.1 + 0.2, 3.28 × 10⁴) counts as equal.
 *   No value is rounded.
 * - An indicator whose 汇总方式 is 不汇总 (none) has no city value, so its status is §5's
 *   `no-data`; its label says why ("无数据（不汇总）", see statusText), and it is never 重点关注.
 * - The evaluation's headline time progress is that of the plan's most common
 *   (基期年, 目标年) pair (ties: the first in plan order); an empty plan gives 0.
 */
import type { CityValue, Consolidation, ExcludedDistrict } from "./consolidate";
import { messages, type Lang, type MessageData } from "./messages";
import type { ReportPeriod } from "./period";
import type { Indicator, Plan } from "./plan";
import type { CellStyle } from "./table";

export type Status = "met" | "on-track" | "behind" | "no-data";

/** The statuses in the order tables and the pane count them. */
export const STATUSES: readonly Status[] = ["met", "on-track", "behind", "no-data"];

/**
 * The rendering style of each status (评价); its label is the catalogue's status.STATUS.
 * Adding a status: here, in Status, and one entry in each catalogue's `status` section.
 */
export const STATUS_STYLE: Record<Status, CellStyle> = {
  met: "status-met",
  "on-track": "status-on-track",
  behind: "status-behind",
  "no-data": "status-no-data",
};

/** The status as shown: 无数据 of an indicator that is not consolidated (不汇总) says so. */
export function statusText(status: Status, notConsolidated: boolean, lang: Lang): string {
  const m = messages(lang);
  const label = m.status[status];
  return status === "no-data" && notConsolidated ? m.evaluation.notConsolidated({ status: label }) : label;
}

/** An indicator whose 汇总方式 is 不汇总: no city value by design. */
export function isNotConsolidated(ind: Indicator): boolean {
  return ind.aggregate.kind === "none";
}

const RELATIVE_TOLERANCE = 1e-9;
/** x ≥ y, allowing float rounding error. */
function atLeast(x: number, y: number): boolean {
  return x >= y - RELATIVE_TOLERANCE * Math.max(1, Math.abs(x), Math.abs(y));
}

/** The plan period's first year (基期年 + 1); without 基期年, the five years ending at 目标年. */
function firstYear(ind: Pick<Indicator, "baseYear" | "targetYear">): number {
  return (ind.baseYear ?? ind.targetYear - 5) + 1;
}

/**
 * 时间进度: the share of the plan period (1 January of 基期年 + 1 to 31 December of 目标年)
 * elapsed at the end of the as-of month, counted in whole months, within [0, 1].
 */
export function timeProgress(ind: Pick<Indicator, "baseYear" | "targetYear">, asOf: ReportPeriod): number {
  const start = firstYear(ind);
  const total = (ind.targetYear - start + 1) * 12;
  const elapsed = (asOf.year - start) * 12 + asOf.month;
  if (total <= 0) return elapsed > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, elapsed / total));
}

/** Whether the actual meets the target in the indicator's direction (a ≥ g for 正向, a ≤ g for 逆向). */
export function meetsTarget(ind: Indicator, actual: number): boolean {
  return ind.direction === "up" ? atLeast(actual, ind.target) : atLeast(ind.target, actual);
}

/**
 * 目标完成进度 p = (a − b) / (g − b) for both directions; without a baseline a / g (正向) or
 * g / a (逆向). A zero denominator gives 1 when the target is met, else 0. Null without an actual.
 */
export function targetProgress(ind: Indicator, actual: number | null): number | null {
  if (actual === null) return null;
  const g = ind.target;
  const b = ind.baseline;
  const [num, den] = b !== undefined ? [actual - b, g - b] : ind.direction === "up" ? [actual, g] : [g, actual];
  if (den === 0) return meetsTarget(ind, actual) ? 1 : 0;
  return num / den;
}

/** 评价 of one indicator from its actual, target progress p and time progress t. */
export function status(ind: Indicator, actual: number | null, p: number | null, t: number): Status {
  if (actual === null || p === null) return "no-data";
  if (meetsTarget(ind, actual)) return "met";
  return atLeast(p, t) ? "on-track" : "behind";
}

export interface EvaluationRow {
  indicator: Indicator;
  /** 中期值: the city value. */
  actual: number | null;
  /** 目标完成进度 as a fraction (0.5, not 50). */
  progress: number | null;
  /** 时间进度 of this indicator's plan period, as a fraction. */
  timeProgress: number;
  status: Status;
  /** 重点关注: 约束性 and 滞后. */
  attention: boolean;
  used: string[];
  excluded: ExcludedDistrict[];
  perDistrict: Record<string, number | null>;
  note?: MessageData;
  /** Findings about this indicator (the note column counts them). */
  findingCount: number;
}

export interface Evaluation {
  asOf: ReportPeriod;
  /** Time progress of the plan's most common plan period. */
  timeProgress: number;
  /** Districts in column order. */
  districts: string[];
  /** Grouped by 领域 (first-appearance order), then plan order. */
  rows: EvaluationRow[];
}

/** The plan's most common (基期年, 目标年) pair; ties go to the first in plan order. */
function commonPeriod(plan: Plan): Pick<Indicator, "baseYear" | "targetYear"> | undefined {
  const counts = new Map<string, { period: Pick<Indicator, "baseYear" | "targetYear">; n: number }>();
  for (const ind of plan.indicators) {
    const period = { baseYear: firstYear(ind) - 1, targetYear: ind.targetYear };
    const key = `${period.baseYear}-${period.targetYear}`;
    const entry = counts.get(key) ?? { period, n: 0 };
    entry.n += 1;
    counts.set(key, entry);
  }
  let best: { period: Pick<Indicator, "baseYear" | "targetYear">; n: number } | undefined;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.period;
}

/** Indicators grouped by 领域 in first-appearance order, plan order within a group. */
function byDomain(indicators: Indicator[]): Indicator[] {
  const groups = new Map<string, Indicator[]>();
  for (const ind of indicators) {
    const key = ind.domain ?? "";
    const group = groups.get(key);
    if (group) group.push(ind);
    else groups.set(key, [ind]);
  }
  return [...groups.values()].flat();
}

export function evaluate(
  plan: Plan,
  consolidation: Consolidation,
  asOf: ReportPeriod,
  findingsByIndicator: Record<string, number> = {},
): Evaluation {
  const cityValues = new Map<string, CityValue>(consolidation.cityValues.map((c) => [c.indicator, c]));
  const rows = byDomain(plan.indicators).map((ind): EvaluationRow => {
    const city = cityValues.get(ind.code);
    if (!city) throw new Error(`The consolidation has no city value for indicator ${ind.code}`);
    const t = timeProgress(ind, asOf);
    const progress = targetProgress(ind, city.value);
    const s = status(ind, city.value, progress, t);
    return {
      indicator: ind,
      actual: city.value,
      progress,
      timeProgress: t,
      status: s,
      attention: ind.type === "binding" && s === "behind",
      used: city.used,
      excluded: city.excluded,
      perDistrict: city.perDistrict,
      ...(city.note ? { note: city.note } : {}),
      findingCount: findingsByIndicator[ind.code] ?? 0,
    };
  });
  const period = commonPeriod(plan);
  return {
    asOf,
    timeProgress: period ? timeProgress(period, asOf) : 0,
    districts: consolidation.districts,
    rows,
  };
}
