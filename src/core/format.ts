/**
 * Numbers, percentages and report periods as text (格式), the one place that writes them:
 * the result tables, the draft statements, the command line and the pane all call these.
 * Intl does the work (no grouping separators, so figures read as the tables show them, and
 * no "-0"); a report period is a year-month: 2018年6月 / June 2018, and 2018-06 in JSON.
 */
import type { Lang } from "./messages/types";
import type { ReportPeriod } from "./period";

const LOCALES: Record<Lang, string> = { zh: "zh-CN", en: "en-US" };

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(lang: Lang, style: "decimal" | "percent", decimals: number): Intl.NumberFormat {
  const key = `${lang}:${style}:${decimals}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[lang], {
      style,
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: false,
      // "negative" (ES2023, every current engine): no "-0.0" for a value that rounds to zero.
      signDisplay: "negative" as Intl.NumberFormatOptions["signDisplay"],
    });
    numberFormats.set(key, f);
  }
  return f;
}

/** A number with exactly `decimals` decimals ("58.9", "-3.0"; never "-0"). */
export function formatFixed(x: number, decimals: number): string {
  return numberFormat("zh", "decimal", decimals).format(x);
}

/** A count with grouping, as prose writes a large one: 199,972. */
export function formatCount(n: number, lang: Lang = "zh"): string {
  return n.toLocaleString(LOCALES[lang], { maximumFractionDigits: 0 });
}

/** A fraction as a percentage with `decimals` decimals: 0.5 → "50.0%". */
export function formatPercent(x: number, lang: Lang = "zh", decimals = 1): string {
  return numberFormat(lang, "percent", decimals).format(x);
}

const periodFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A report period as the language writes a month: "2018年6月", "June 2018". */
export function formatPeriod(p: Pick<ReportPeriod, "year" | "month">, lang: Lang = "zh"): string {
  let f = periodFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { year: "numeric", month: "long", timeZone: "UTC" });
    periodFormats.set(lang, f);
  }
  return f.format(Date.UTC(p.year, p.month - 1, 1));
}

/** A report period as "2018-06" (JSON, file names). */
export function periodKey(p: Pick<ReportPeriod, "year" | "month">): string {
  return `${p.year}-${String(p.month).padStart(2, "0")}`;
}
