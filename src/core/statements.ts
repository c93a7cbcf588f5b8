/**
 * 评估表述: the sentences an evaluator writes from the mid-term table, drafted from it — one
 * per indicator and one on the whole — in the manner of seeds/003 ("每千名老人拥有社会养老床位
 * 约59张(超额9张)", "多项指标已提前完成"). A draft to edit, never a new figure: every number
 * in it is one of the table's (中期值, 目标值, 基期值, the two progresses) or a difference of
 * two of them, shown with the table's decimals.
 *
 * Wording:
 * - A per-head unit reads as its count word after a name that already says "per": 每千名老人
 *   拥有社会养老床位数 58.9张 (not 58.9张/千人). Other units are written as the plan writes them.
 * - Differences of a % indicator are 个百分点, of a ‰ indicator 个千分点.
 * - 已提前完成 while the plan period runs (time progress below 100%), 已完成 after it.
 * - An indicator that moved away from its target since the baseline (progress below 0) says so
 *   (较基期值不升反降 / 不降反升).
 */
import type { Evaluation, EvaluationRow } from "./evaluate";
import { isNotConsolidated } from "./evaluate";
import { formatFixed, formatPercent, formatPeriod } from "./format";
import { list, messages, type Lang } from "./messages";
import type { Indicator } from "./plan";

/** The unit as prose writes it after a number (see the file comment). */
function proseUnit(ind: Indicator): string {
  const m = /^([^/]+)\/(?:[千万百]人|[千万百]户|[千万百]名\S*)$/.exec(ind.unit.trim());
  return m && ind.name.startsWith("每") ? m[1] : ind.unit.trim();
}

/** The unit of a difference of two values. */
function differenceUnit(ind: Indicator, lang: Lang): string {
  const unit = ind.unit.trim();
  if (unit === "%") return messages(lang).statement.percentPoints;
  if (unit === "‰") return messages(lang).statement.perMillePoints;
  return proseUnit(ind);
}

/**
 * The draft sentence(s) of one indicator's row. `decimals`: the table's decimals for the
 * indicator (decimalsFor), so that prose and table show the same figures.
 */
export function indicatorStatement(row: EvaluationRow, decimals: number, lang: Lang): string {
  const m = messages(lang);
  const t = m.statement;
  const ind = row.indicator;
  const leftOut = [...new Set(row.excluded.map((e) => e.district))];
  const left = leftOut.length > 0 ? m.sep.sentences + t.leftOut({ districts: list(leftOut, lang) }) : "";
  if (isNotConsolidated(ind)) return t.none({ name: ind.name });
  const a = row.actual;
  const p = row.progress;
  if (a === null || p === null) return t.noData({ name: ind.name }) + left;

  const unit = proseUnit(ind);
  const value = (x: number) => `${formatFixed(x, decimals)}${unit}`;
  const diff = (x: number) => `${formatFixed(Math.abs(x), decimals)}${differenceUnit(ind, lang)}`;
  const pct = (x: number) => formatPercent(x, lang);
  const g = ind.target;
  const up = ind.direction === "up";
  const gap = up ? g - a : a - g;
  let s: string;
  if (row.status === "met") {
    const same = formatFixed(a, decimals) === formatFixed(g, decimals);
    s = t.met({ name: ind.name, actual: value(a), target: value(g), diff: diff(a - g), up, same, early: row.timeProgress < 1 });
  } else {
    const rest = t.rest({ target: value(g), gap: diff(gap), up });
    if (row.status === "on-track") {
      s = t.onTrack({ name: ind.name, actual: value(a), progress: pct(p), time: pct(row.timeProgress), rest });
    } else {
      const backwards = p < 0 && ind.baseline !== undefined ? t.backwards({ baseline: value(ind.baseline), up }) : "";
      const points = formatFixed((row.timeProgress - p) * 100, 1);
      s = t.behind({ name: ind.name, actual: value(a), backwards, progress: pct(p), points, rest });
      if (row.attention) s += m.sep.sentences + t.attention;
    }
  }
  return s + left;
}

/** The draft paragraph on the whole table: time elapsed, counts per status, what needs attention. */
export function overallStatement(evaluation: Evaluation, lang: Lang): string {
  const m = messages(lang);
  const t = m.statement;
  const rows = evaluation.rows;
  const count = (f: (r: EvaluationRow) => boolean) => rows.filter(f).length;
  const met = rows.filter((r) => r.status === "met");
  const attention = rows.filter((r) => r.attention).map((r) => r.indicator.name);
  const parts = [
    t.overall({
      asOf: formatPeriod(evaluation.asOf, lang),
      time: formatPercent(evaluation.timeProgress, lang),
      total: rows.length,
      met: met.length,
      onTrack: count((r) => r.status === "on-track"),
      behind: count((r) => r.status === "behind"),
      noData: count((r) => r.status === "no-data"),
    }),
  ];
  if (met.length > 0) parts.push(t.overallMet({ names: list(met.map((r) => r.indicator.name), lang), early: evaluation.timeProgress < 1 }));
  if (attention.length > 0) parts.push(t.overallAttention({ count: attention.length, names: list(attention, lang) }));
  return parts.join(m.sep.sentences);
}
