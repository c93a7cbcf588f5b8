/**
 * The result tables as table models, built from the compile of the LibreOffice-made
 * fixtures (tests/fixtures/compile): what each sheet holds, its formats and styles.
 */
import { join } from "node:path";
import { compile, type CompileResult } from "../../src/core/compile";
import { loadPlanFromWorkbook } from "../../src/core/plan";
import type { Indicator } from "../../src/core/plan";
import type { TableCell, TableModel } from "../../src/core/table";
import { buildDistrictMatrix, buildFindingsList, buildMidtermTable, decimalsFor } from "../../src/core/tables";
import { validateWorkbook } from "../../src/core/validate";
import { readWorkbookFile } from "../../src/files/read-node";

const dir = join(__dirname, "../fixtures/compile");
let result: CompileResult;

beforeAll(async () => {
  const { plan } = loadPlanFromWorkbook(await readWorkbookFile(join(dir, "plan.xlsx")), "plan.xlsx");
  const results = [];
  for (const name of ["甲区.xlsx", "乙区.xlsx", "丙县.xlsx"]) results.push(validateWorkbook(plan, await readWorkbookFile(join(dir, name))));
  result = compile(plan, results);
  result.findings[0] = { ...result.findings[0], confirmed: { reason: "已核实，情况属实" } };
});

const values = (row: (TableCell | null)[]) => row.map((c) => c?.value ?? null);
/** The row whose cell at `col` holds `value`. */
function rowWith(table: TableModel, col: number, value: string): (TableCell | null)[] {
  const row = table.rows.find((r) => r[col]?.value === value);
  if (!row) throw new Error(`no row with ${value}`);
  return row;
}

describe("中期评估表", () => {
  let t: TableModel;
  beforeAll(() => {
    t = buildMidtermTable(result);
  });

  test("title, as-of subtitle, §5 header with one column per district and 备注", () => {
    expect(t.name).toBe("中期评估表");
    expect(t.rows[0][0]).toMatchObject({ value: "民政事业发展规划中期评估表", style: "title" });
    expect(t.rows[1][0]?.value).toContain("截至2018年6月");
    expect(t.rows[1][0]?.value).toContain("50.0%");
    expect(values(t.rows[2])).toEqual([
      "序号", "指标名称", "单位", "属性", "基期值", "目标值", "中期值", "目标完成进度", "时间进度", "评价",
      "甲区", "乙区", "丙县", "丁县（未报送）", "备注",
    ]);
    expect(t.rows[2][13]?.note).toBe("未报送");
    expect(t.headerRows).toBe(3);
    expect(t.print).toMatchObject({ landscape: true, fitToWidth: true });
    expect(t.print?.header).toContain("截至2018年6月");
  });

  test("rows grouped by 领域 with 一、二、三 headings, numbered through", () => {
    const groups = t.rows.filter((r) => r[0]?.style === "group").map((r) => r[0]?.value);
    expect(groups).toEqual(["一、养老服务", "二、社会救助", "三、基层治理"]);
    const numbers = t.rows.filter((r) => r.length > 10 && typeof r[0]?.value === "number").map((r) => r[0]?.value);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6]);
  });

  test("numbers stay numbers with the unit's decimals; progress columns are percent fractions", () => {
    const beds = rowWith(t, 1, "养老床位数");
    expect(beds[6]).toMatchObject({ value: 900, format: { kind: "integer" } });
    expect(beds[7]).toMatchObject({ format: { kind: "percent", decimals: 1 } });
    expect(beds[7]?.value).toBeCloseTo(-0.1, 12);
    expect(beds[8]).toMatchObject({ value: 0.5, format: { kind: "percent", decimals: 1 } });
    const ratio = rowWith(t, 1, "每千名老人拥有养老床位数");
    expect(ratio[6]?.format).toEqual({ kind: "number", decimals: 1 });
    const rate = rowWith(t, 1, "低保对象占户籍人口比例");
    expect(rate[4]).toMatchObject({ value: 2, format: { kind: "number", decimals: 1 } });
  });

  test("status cells styled by status; a 约束性 indicator behind is 重点关注", () => {
    expect(rowWith(t, 1, "救助站数")[9]).toMatchObject({ value: "已完成", style: "status-met" });
    expect(rowWith(t, 1, "养老床位数")[9]).toMatchObject({ value: "滞后", style: "status-behind" });
    expect(rowWith(t, 1, "低保对象占户籍人口比例")[9]).toMatchObject({ value: "符合进度", style: "status-on-track" });
    expect(rowWith(t, 1, "每千名老人拥有养老床位数")[9]).toMatchObject({ value: "滞后（重点关注）", style: "attention" });
  });

  test("district columns: values, an excluded district marked with its reason; 备注 counts findings and names it", () => {
    const beds = rowWith(t, 1, "养老床位数");
    expect(beds[10]?.value).toBe(400);
    expect(beds[11]).toMatchObject({ value: "未计入", style: "finding-error" });
    expect(beds[11]?.note).toContain("占位符");
    expect(beds[13]?.value).toBeNull(); // 丁县 did not submit
    expect(beds[14]?.value).toMatch(/^问题 \d+ 条；未计入：乙区$/);
  });

  test("notes under the table say who did not submit and which duplicate was used", () => {
    const notes = t.rows.filter((r) => r[0]?.style === "muted").map((r) => String(r[0]?.value));
    expect(notes.some((n) => n.includes("未报送单位：丁县"))).toBe(true);
    expect(notes.some((n) => n.includes("甲区重复报送") && n.includes("甲区（一季度）"))).toBe(true);
  });

  test("English headers and labels, Chinese sheet name", () => {
    const en = buildMidtermTable(result, { lang: "en" });
    expect(en.name).toBe("中期评估表");
    expect(en.rows[2][0]?.value).toBe("No.");
    expect(rowWith(en, 1, "每千名老人拥有养老床位数")[9]?.value).toBe("Behind (Needs attention)");
    expect(en.rows[1][0]?.value).toContain("June 2018");
  });
});

describe("分区数据", () => {
  test("district × indicator matrix; an excluded value shows what the clerk wrote, as text, explained", () => {
    const t = buildDistrictMatrix(result);
    expect(t.name).toBe("分区数据");
    expect(values(t.rows[2])).toEqual(["指标编码", "指标名称", "单位", "甲区", "乙区", "丙县", "丁县（未报送）", "汇总值"]);
    const beds = rowWith(t, 0, "A-01");
    expect(beds[4]).toMatchObject({ value: "x", style: "finding-error", format: { kind: "text" } });
    expect(beds[4]?.note).toContain("占位符");
    expect(beds[7]?.value).toBe(900);
    const rate = rowWith(t, 0, "B-01");
    expect(rate[4]).toMatchObject({ value: "=SUM(1)", style: "finding-error" });
    expect(rate[3]).toMatchObject({ value: 1.8 });
    expect(rate[3]?.style).toBeUndefined();
  });
});

describe("问题清单", () => {
  test("every finding with file, sheet, cell, Chinese category and the clerk's confirmation", () => {
    const t = buildFindingsList(result);
    expect(values(t.rows[2])).toEqual([
      "序号", "文件", "工作表", "单元格", "填报单位", "指标编码", "指标名称", "类别", "严重程度", "说明", "情况属实说明",
    ]);
    const body = t.rows.slice(3);
    expect(body).toHaveLength(result.findings.length);
    expect(body[0][10]?.value).toBe("已核实，情况属实");
    const placeholder = body.find((r) => r[5]?.value === "A-01" && r[4]?.value === "乙区");
    expect(placeholder && values(placeholder).slice(1, 9)).toEqual(["乙区.xlsx", "乙区", "D7", "乙区", "A-01", "养老床位数", "未填占位符", "错误"]);
    expect(placeholder?.[8]?.style).toBe("finding-error");
  });
});

describe("decimalsFor", () => {
  const ind = (unit: string, target: number, baseline?: number): Indicator => ({
    code: "X", name: "X", unit, type: "anticipatory", direction: "up", targetYear: 2020, target, baseline, aggregate: { kind: "sum" },
  });
  test.each([
    ["张", 2500, 2000, [2400, 2550], 0],
    ["家", 8.5, 6, [], 1],
    ["%", 70, 50, [68], 1],
    ["%", 94.55, 90, [], 2],
    ["‰", 1, 0.8, [], 1],
    ["张/千人", 50, 45, [], 1],
    ["家/万人", 8, 6, [], 1],
    ["万元", 50000, 40000, [2300, 1900], 0],
    ["万元", 50000, 40000, [10962.94, 1900], 2],
    ["元/人/月", 738, 600, [681, 738], 0],
    ["人", 3000, 2000, [1234.5678], 2],
  ])("%s, target %p, baseline %p, district values %p → %p decimals", (unit, target, baseline, observed, expected) => {
    expect(decimalsFor(ind(unit, target, baseline), observed)).toBe(expected);
  });
});

describe("an indicator that is not consolidated (不汇总)", () => {
  test("shows 无数据（不汇总） in grey, its districts' values, and why in 备注", async () => {
    const root = join(__dirname, "../../examples");
    const { plan } = loadPlanFromWorkbook(await readWorkbookFile(join(root, "plan.xlsx")), "plan.xlsx");
    const results = [];
    for (const name of ["吴兴区.xlsx", "安吉县.xlsx"]) {
      results.push(validateWorkbook(plan, await readWorkbookFile(join(root, "submissions", name))));
    }
    const t = buildMidtermTable(compile(plan, results));
    const header = t.rows[2].map((c) => c?.value);
    const row = rowWith(t, 1, "村（居）委会换届选举参选率");
    expect(row[header.indexOf("评价")]).toMatchObject({ value: "无数据（不汇总）", style: "status-no-data" });
    expect(row[header.indexOf("中期值")]?.value ?? null).toBeNull();
    expect(typeof row[header.indexOf("吴兴区")]?.value).toBe("number");
    expect(row[header.indexOf("备注")]?.note ?? row[header.indexOf("备注")]?.value).toContain("不汇总");
  });
});
