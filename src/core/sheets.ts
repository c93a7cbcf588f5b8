/**
 * The sheet names the project knows (工作表名称), in one module that every other imports:
 * the plan (§1) and its unit list, the clerks' confirmation record, and the result sheets
 * compile writes. Sheet names stay Chinese in every language: they are what users look for.
 */
import { normaliseName } from "./text";

/** The plan sheet (§1); a template carries it hidden. */
export const PLAN_SHEET = "规划指标";

/** The optional sheet listing the reporting units a plan expects, one per row. */
export const UNITS_SHEET = "填报单位";

/** The very hidden sheet that carries the clerks' 情况属实 (src/core/confirmations.ts). */
export const CONFIRMATIONS_SHEET = "_indicators";

/** The result sheets of compile, in the order of the mid-term workbook. */
export const SHEET_NAMES = { midterm: "中期评估表", statements: "评估要点", districts: "分区数据", findings: "问题清单" } as const;

/** The sheet of the native progress chart the add-in adds beside the result sheets. */
export const CHART_SHEET = "进度对比图";

const RESERVED = new Set([PLAN_SHEET, UNITS_SHEET, ...Object.values(SHEET_NAMES)].map(normaliseName));

/** Sheets that are never submissions: the plan, its unit list and the sheets compile writes. */
export function isReservedSheet(name: string): boolean {
  return RESERVED.has(normaliseName(name));
}
