/** The mid-term summary the pane shows, from a compile result (both modes), and the as-of input. */
import { periodKey, type CompileResult } from "../core/compile";
import { isNotConsolidated } from "../core/evaluate";
import { formatPeriod, parsePeriod, type ReportPeriod } from "../core/period";
import { overallStatement } from "../core/statements";
import type { MidtermSummary } from "./workspace";

export function summarise(result: CompileResult): MidtermSummary {
  return {
    asOf: formatPeriod(result.asOf),
    asOfKey: periodKey(result.asOf),
    timeProgress: result.evaluation.timeProgress,
    statement: {
      zh: overallStatement(result.evaluation, formatPeriod(result.asOf), "zh"),
      en: overallStatement(result.evaluation, periodKey(result.asOf), "en"),
    },
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

/** The as-of period typed in the pane ("2018-06", any form of §2); undefined when empty; a Chinese error otherwise. */
export function asOfPeriod(text: string | undefined): ReportPeriod | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const p = parsePeriod(text.trim());
  if (!p) throw new Error(`“${text.trim()}”不是可识别的报告期，请写成 2018-06 这样的形式。`);
  return p;
}
