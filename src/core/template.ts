/**
 * The district reporting template (填报模板), reporting-conventions §2, built from the plan:
 * the district sheet (header block, indicator table with input cells and data validation,
 * 填报说明) and a hidden, protected 规划指标 sheet carrying the plan (§1 columns), so that a
 * clerk can check the sheet with the same rules the bureau uses.
 *
 * Decisions:
 * - The template is Chinese only: its labels (填报单位, 报告期, 本期值 …) are what the
 *   submission reader looks for and what every clerk's sheet uses.
 * - Inputs: 本期值 (a number within 下限/上限; a % rate at most 100 unless the plan says
 *   otherwise), 备注, 填报人, 联系电话, and 报告期 when no period is given. Everything else is
 *   protected without a password (审阅 › 撤销工作表保护 lifts it).
 * - The 填报说明 block sits under the table, starting with a 填报说明 row: the submission
 *   reader stops there, so the instructions are never read as indicator rows.
 * - A % rate is typed as the number of percent (78 for 78%): the cell's data validation
 *   compares the typed number with the bounds, and Excel stores "78%" typed as 0.78.
 */
import { formatPeriod } from "./format";
import type { ReportPeriod } from "./period";
import { PLAN_COLUMNS, type Indicator, type Plan } from "./plan";
import { PLAN_SHEET } from "./sheets";
import type { InputValidation, TableCell, TableModel } from "./table";

/** The plan as a 规划指标 sheet (§1 columns, Chinese headers); hidden and protected in a template. */
export function buildPlanSheet(plan: Plan, opts: { hidden?: boolean } = {}): TableModel {
  const hidden = opts.hidden ?? false;
  return {
    name: PLAN_SHEET,
    columns: PLAN_COLUMNS.map((c) => ({ width: c.width })),
    rows: [
      PLAN_COLUMNS.map((c): TableCell => ({ value: c.header, style: "header" })),
      ...plan.indicators.map((ind) => PLAN_COLUMNS.map((c): TableCell => ({ value: c.write(ind) }))),
    ],
    headerRows: 1,
    ...(hidden ? { hidden: true, protect: true } : {}),
  };
}

/** The upper bound of an indicator's input: the plan's 上限, else 100 for a % rate. */
function upperBound(ind: Indicator): number | undefined {
  return ind.max ?? (ind.unit.trim() === "%" ? 100 : undefined);
}

function valuePrompt(ind: Indicator, min: number | undefined, max: number | undefined): string {
  const range =
    min !== undefined && max !== undefined
      ? `，范围 ${min}～${max}`
      : min !== undefined
        ? `，不小于 ${min}`
        : max !== undefined
          ? `，不大于 ${max}`
          : "";
  const percent = ind.unit.trim() === "%" ? "；百分比请填百分数的数字，如 78 表示 78%" : "";
  return `请填写数值（单位：${ind.unit}）${range}${percent}。`;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\ . */
export function sheetNameFor(district: string): string {
  const clean = district.replace(/[[\]:*?/\\]/g, "").trim();
  return (clean || "填报表").slice(0, 31);
}

export interface TemplateOptions {
  /** 填报单位. */
  district: string;
  /** 报告期; absent: the clerk fills it in. */
  period?: ReportPeriod;
}

/** Column of the indicator table: 指标编码 | 指标名称 | 单位 | 本期值 | 备注. */
const COL = { code: 0, name: 1, unit: 2, value: 3, remark: 4 } as const;

const INSTRUCTIONS = [
  "1. 请在浅黄色单元格中填写：本期值、备注、填报人和联系电话；其余单元格已保护（无密码）。",
  "2. 本期值只填数字，不带单位；百分比指标填百分数的数字，如 78 表示 78%。",
  "3. 数值应在规划规定的合理范围内，选中单元格可见提示，超出范围时 Excel 会拒绝输入。",
  "4. 情况特殊或数值变化较大的，请在“备注”中写明原因。",
  "5. 本工作簿带有隐藏的“规划指标”表，报送前可用加载项按市局相同的规则自查。",
];

/**
 * The district template: the district sheet and the hidden 规划指标 sheet. Filled with
 * valid numbers it validates with zero findings.
 */
export function buildTemplate(plan: Plan, opts: TemplateOptions): TableModel[] {
  const width = 5;
  const inputs: InputValidation[] = [];
  const input = (row: number, col: number, v: Omit<InputValidation, "row" | "col">): TableCell => {
    inputs.push({ row, col, ...v });
    return { value: null, style: "input" };
  };
  const label = (value: string): TableCell => ({ value, style: "header" });

  const rows: (TableCell | null)[][] = [];
  rows.push([{ value: `${opts.district}民政事业发展规划指标填报表`, style: "title", colSpan: width }]);
  rows.push([
    label("填报单位"),
    { value: opts.district },
    label("报告期"),
    opts.period
      ? { value: formatPeriod(opts.period) }
      : input(1, 3, { kind: "text", title: "报告期", prompt: "请填写报告期，如 2018年6月。" }),
    null,
  ]);
  rows.push([
    label("填报人"),
    input(2, 1, { kind: "text", title: "填报人", prompt: "请填写填报人姓名。" }),
    label("联系电话"),
    input(2, 3, { kind: "text", title: "联系电话", prompt: "请填写联系电话。" }),
    null,
  ]);
  rows.push([]);
  const headerRow = rows.length;
  rows.push(["指标编码", "指标名称", "单位", "本期值", "备注"].map(label));

  for (const ind of plan.indicators) {
    const r = rows.length;
    const min = ind.min;
    const max = upperBound(ind);
    rows.push([
      { value: ind.code },
      { value: ind.name },
      { value: ind.unit, align: "center" },
      input(r, COL.value, { kind: "decimal", min, max, title: ind.code, prompt: valuePrompt(ind, min, max) }),
      input(r, COL.remark, { kind: "text", title: "备注", prompt: "情况特殊时请写明原因。" }),
    ]);
  }

  rows.push([]);
  rows.push([{ value: "填报说明", style: "muted", colSpan: width }]);
  for (const line of INSTRUCTIONS) rows.push([{ value: line, style: "muted", colSpan: width }]);

  const sheet: TableModel = {
    name: sheetNameFor(opts.district),
    columns: [12, 40, 10, 14, 32].map((w) => ({ width: w })),
    rows,
    headerRows: headerRow + 1,
    print: { landscape: false, fitToWidth: true, header: `${opts.district}民政事业发展规划指标填报表` },
    inputs,
    protect: true,
  };
  return [sheet, buildPlanSheet(plan, { hidden: true })];
}
