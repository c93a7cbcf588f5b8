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
import type { Lang } from "./findings";
import type { Indicator } from "./plan";

/** Number text with d decimals, no "-0". */
function fixed(x: number, d: number): string {
  const s = x.toFixed(d);
  return /^-0(?:\.0+)?$/.test(s) ? s.slice(1) : s;
}

const pct = (x: number): string => `${fixed(x * 100, 1)}%`;

/** The unit as prose writes it after a number (see the file comment). */
function proseUnit(ind: Indicator): string {
  const m = /^([^/]+)\/(?:[千万百]人|[千万百]户|[千万百]名\S*)$/.exec(ind.unit.trim());
  return m && ind.name.startsWith("每") ? m[1] : ind.unit.trim();
}

/** The unit of a difference of two values. */
function differenceUnit(ind: Indicator, lang: Lang): string {
  const unit = ind.unit.trim();
  if (unit === "%") return lang === "zh" ? "个百分点" : " percentage points";
  if (unit === "‰") return lang === "zh" ? "个千分点" : " per mille points";
  return proseUnit(ind);
}

/** What the sentences of one indicator need: its numbers as text. */
function figures(row: EvaluationRow, decimals: number, lang: Lang) {
  const ind = row.indicator;
  const unit = proseUnit(ind);
  const value = (x: number) => `${fixed(x, decimals)}${unit}`;
  const diff = (x: number) => `${fixed(Math.abs(x), decimals)}${differenceUnit(ind, lang)}`;
  return { value, diff };
}

const T = {
  zh: {
    none: (name: string) => `${name}不汇总，各区县数值见“分区数据”。`,
    noData: (name: string) => `${name}没有可用的区县数值，无法评价。`,
    leftOut: (names: string) => `${names}的数值有问题，未计入汇总。`,
    attention: "该指标为约束性指标，需重点关注。",
  },
  en: {
    none: (name: string) => `${name} is not consolidated; see 分区数据 for the districts' values.`,
    noData: (name: string) => `${name} has no usable district value and cannot be evaluated.`,
    leftOut: (names: string) => `The values of ${names} had errors and were left out.`,
    attention: "A binding indicator: needs attention.",
  },
};

/**
 * The draft sentence(s) of one indicator's row. `decimals`: the table's decimals for the
 * indicator (decimalsFor), so that prose and table show the same figures.
 */
export function indicatorStatement(row: EvaluationRow, decimals: number, lang: Lang): string {
  const ind = row.indicator;
  const zh = lang === "zh";
  const t = T[lang];
  const sep = zh ? "" : " ";
  const leftOut = [...new Set(row.excluded.map((e) => e.district))];
  const left = leftOut.length > 0 ? sep + t.leftOut(leftOut.join(zh ? "、" : ", ")) : "";
  if (isNotConsolidated(ind)) return t.none(ind.name);
  const a = row.actual;
  const p = row.progress;
  if (a === null || p === null) return t.noData(ind.name) + left;

  const { value, diff } = figures(row, decimals, lang);
  const g = ind.target;
  const up = ind.direction === "up";
  const early = row.timeProgress < 1;
  const gap = up ? g - a : a - g;
  const same = fixed(a, decimals) === fixed(g, decimals);
  let s: string;
  if (row.status === "met") {
    if (zh) {
      const beyond = same ? "达到目标值" : `${up ? "超过" : "低于"}目标值（${value(g)}）${diff(a - g)}`;
      s = `${ind.name}${up ? "达到" : "为"}${value(a)}，${beyond}，${early ? "已提前完成" : "已完成"}规划目标。`;
    } else {
      const beyond = same ? "reaching its target" : `${diff(a - g)} ${up ? "above" : "below"} its target of ${value(g)}`;
      s = `${ind.name}: ${value(a)}, ${beyond}; the plan target is met${early ? " ahead of time" : ""}.`;
    }
  } else {
    const backwards =
      p < 0 && ind.baseline !== undefined
        ? zh
          ? `，较基期值（${value(ind.baseline)}）${up ? "不升反降" : "不降反升"}`
          : `, ${up ? "below" : "above"} its baseline of ${value(ind.baseline)}`
        : "";
    const rest = zh
      ? `距目标值（${value(g)}）尚${up ? "差" : "需降低"}${diff(gap)}`
      : `${diff(gap)} ${up ? "short of" : "above"} its target of ${value(g)}`;
    if (row.status === "on-track") {
      s = zh
        ? `${ind.name}为${value(a)}，目标完成进度${pct(p)}，不低于时间进度（${pct(row.timeProgress)}），符合进度；${rest}。`
        : `${ind.name}: ${value(a)}, target progress ${pct(p)}, not below time progress (${pct(row.timeProgress)}): on track; ${rest}.`;
    } else {
      const behind = fixed((row.timeProgress - p) * 100, 1);
      s = zh
        ? `${ind.name}为${value(a)}${backwards}，目标完成进度${pct(p)}，落后时间进度${behind}个百分点，滞后；${rest}。`
        : `${ind.name}: ${value(a)}${backwards}, target progress ${pct(p)}, ${behind} points behind time progress: behind; ${rest}.`;
      if (row.attention) s += sep + t.attention;
    }
  }
  return s + left;
}

/** The draft paragraph on the whole table: time elapsed, counts per status, what needs attention. */
export function overallStatement(evaluation: Evaluation, asOfText: string, lang: Lang): string {
  const rows = evaluation.rows;
  const zh = lang === "zh";
  const count = (f: (r: EvaluationRow) => boolean) => rows.filter(f).length;
  const met = rows.filter((r) => r.status === "met");
  const onTrack = count((r) => r.status === "on-track");
  const behind = count((r) => r.status === "behind");
  const noData = count((r) => r.status === "no-data");
  const attention = rows.filter((r) => r.attention).map((r) => r.indicator.name);
  const t = pct(evaluation.timeProgress);
  const early = evaluation.timeProgress < 1;
  const names = (list: readonly string[]) => list.join(zh ? "、" : ", ");
  const parts: string[] = [];
  if (zh) {
    parts.push(`截至${asOfText}，规划期时间进度${t}。纳入评估的${rows.length}项指标中，已完成${met.length}项，符合进度${onTrack}项，滞后${behind}项，无数据${noData}项。`);
    if (met.length > 0) parts.push(`${early ? "已提前完成" : "已完成"}的指标：${names(met.map((r) => r.indicator.name))}。`);
    if (attention.length > 0) parts.push(`约束性指标中有${attention.length}项滞后，需重点关注：${names(attention)}。`);
  } else {
    parts.push(`As of ${asOfText}, ${t} of the plan period has elapsed. Of the ${rows.length} indicators evaluated, ${met.length} are met, ${onTrack} on track, ${behind} behind and ${noData} without data.`);
    if (met.length > 0) parts.push(`Met${early ? " ahead of time" : ""}: ${names(met.map((r) => r.indicator.name))}.`);
    if (attention.length > 0) parts.push(`${attention.length} binding indicator(s) behind need attention: ${names(attention)}.`);
  }
  return parts.join(zh ? "" : " ");
}
