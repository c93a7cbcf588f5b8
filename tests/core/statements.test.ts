/**
 * 评估表述 (src/core/statements.ts) and the 评估要点 table: the draft sentence of every kind
 * of row, from a compile of district sheets written for each case, and the figures in them
 * checked against the mid-term table's.
 */
import { compile, type CompileResult } from "../../src/core/compile";
import type { Cell, Sheet } from "../../src/core/model";
import { parsePeriod } from "../../src/core/period";
import { loadPlanFromJson } from "../../src/core/plan";
import { indicatorStatement, overallStatement } from "../../src/core/statements";
import { buildMidtermTable, buildStatementsTable, decimalsFor } from "../../src/core/tables";
import { validateWorkbook } from "../../src/core/validate";

const cell = (value: string | number): Cell => ({ value, text: "" });

/** A district sheet as §2 lays it out, reported in 2018-06 (or the period given). */
function district(name: string, values: Record<string, string | number>, period = "2018年6月"): Sheet {
  return {
    name,
    rows: [
      [cell("填报单位"), cell(name)],
      [cell("报告期"), cell(period)],
      [cell("指标编码"), cell("本期值")],
      ...Object.entries(values).map(([code, v]) => [cell(code), cell(v)]),
    ],
    merges: [],
    hiddenRows: [],
  };
}

const base = { domain: "养老服务", baseYear: 2015, targetYear: 2020, aggregate: "求和" };
const PLAN = {
  indicators: [
    { ...base, code: "BEDS", name: "社会养老床位总数", unit: "张", baseline: 28000, target: 33500 },
    { ...base, code: "PER", name: "每千名老人拥有社会养老床位数", unit: "张/千人", baseline: 45, target: 50, aggregate: "比值:BEDS/OLD×1000" },
    { ...base, code: "OLD", name: "60周岁以上老年人口数", unit: "人", baseline: 620000, target: 660000, type: "预期性" },
    { ...base, code: "EXACT", name: "示范社区数", unit: "个", baseline: 10, target: 20 },
    { ...base, domain: "社会救助", code: "POOR", name: "低保对象人数", unit: "人", direction: "逆向", baseline: 36000, target: 34000 },
    { ...base, domain: "社会救助", code: "RATE", name: "低保对象占户籍人口比例", unit: "%", direction: "逆向", baseline: 1.4, target: 1.2, aggregate: "平均" },
    { ...base, domain: "社会救助", code: "STD", name: "城乡低保标准", unit: "元/人/月", type: "约束性", baseline: 600, target: 800, aggregate: "平均" },
    { ...base, domain: "社会救助", code: "FUND", name: "抚恤补助金发放额", unit: "万元", baseline: 9000, target: 11000 },
    { ...base, domain: "社会事务", code: "SG", name: "社会工作专业人才占户籍人口比例", unit: "‰", baseline: 0.27, target: 0.55, aggregate: "平均" },
    { ...base, domain: "社会事务", code: "VOTE", name: "换届选举参选率", unit: "%", baseline: 97, target: 98, aggregate: "不汇总" },
    { ...base, domain: "社会事务", code: "NONE", name: "避灾安置场所数", unit: "个", baseline: 900, target: 1200 },
  ],
};

function compiled(asOf?: string): CompileResult {
  const { plan, findings } = loadPlanFromJson(PLAN, "plan.json");
  expect(findings).toEqual([]);
  const wb = {
    name: "合集.xlsx",
    sheets: [
      district("甲区", { BEDS: 20000, OLD: 340000, EXACT: 12, POOR: 16000, RATE: "1.25%", STD: 660, FUND: 4000, SG: "0.40‰", VOTE: 99, NONE: "待填" }),
      district("乙区", { BEDS: 19467, OLD: 330000, EXACT: 8, POOR: 16800, RATE: "1.23%", STD: "x", FUND: 4300, SG: "0.62‰", VOTE: 98, NONE: "xx" }),
    ],
  };
  return compile(plan, [validateWorkbook(plan, wb)], asOf ? { asOf: parsePeriod(asOf)! } : {});
}

describe("indicatorStatement", () => {
  let result: CompileResult;
  const say = (code: string, lang: "zh" | "en" = "zh") => {
    const row = result.evaluation.rows.find((r) => r.indicator.code === code)!;
    return indicatorStatement(row, decimalsFor(row.indicator, Object.values(row.perDistrict)), lang);
  };
  beforeAll(() => {
    result = compiled();
  });

  test("met, higher is better: the value, the target and the excess, 已提前完成 while the plan runs", () => {
    expect(say("BEDS")).toBe("社会养老床位总数达到39467张，超过目标值（33500张）5967张，已提前完成规划目标。");
  });

  test("a per-head unit reads as its count word after a name that says 每", () => {
    // 39467 / 670000 × 1000 = 58.9
    expect(say("PER")).toBe("每千名老人拥有社会养老床位数达到58.9张，超过目标值（50.0张）8.9张，已提前完成规划目标。");
  });

  test("met exactly at the target", () => {
    expect(say("EXACT")).toBe("示范社区数达到20个，达到目标值，已提前完成规划目标。");
  });

  test("met, lower is better: below the target by so much", () => {
    expect(say("POOR")).toBe("低保对象人数为32800人，低于目标值（34000人）1200人，已提前完成规划目标。");
  });

  test("on track, lower is better: % differences are 个百分点, and what is still to come down", () => {
    // mean 1.24; p = (1.24 − 1.4) / (1.2 − 1.4) = 80%
    expect(say("RATE")).toBe(
      "低保对象占户籍人口比例为1.24%，目标完成进度80.0%，不低于时间进度（50.0%），符合进度；距目标值（1.20%）尚需降低0.04个百分点。",
    );
  });

  test("behind and binding: how far behind time, the gap, 重点关注, and the district left out", () => {
    // 甲区 660 alone (乙区 wrote x): p = 60 / 200 = 30%
    expect(say("STD")).toBe(
      "城乡低保标准为660元/人/月，目标完成进度30.0%，落后时间进度20.0个百分点，滞后；距目标值（800元/人/月）尚差140元/人/月。该指标为约束性指标，需重点关注。乙区的数值有问题，未计入汇总。",
    );
  });

  test("behind and gone backwards since the baseline: 不升反降", () => {
    expect(say("FUND")).toBe(
      "抚恤补助金发放额为8300万元，较基期值（9000万元）不升反降，目标完成进度-35.0%，落后时间进度85.0个百分点，滞后；距目标值（11000万元）尚差2700万元。",
    );
  });

  test("‰ differences are 个千分点", () => {
    // mean 0.51; p = (0.51 − 0.27) / 0.28 = 85.7%
    expect(say("SG")).toBe(
      "社会工作专业人才占户籍人口比例为0.51‰，目标完成进度85.7%，不低于时间进度（50.0%），符合进度；距目标值（0.55‰）尚差0.04个千分点。",
    );
  });

  test("不汇总 and no usable value", () => {
    expect(say("VOTE")).toBe("换届选举参选率不汇总，各区县数值见“分区数据”。");
    expect(say("NONE")).toBe("避灾安置场所数没有可用的区县数值，无法评价。甲区、乙区的数值有问题，未计入汇总。");
  });

  test("English drafts", () => {
    expect(say("BEDS", "en")).toBe("社会养老床位总数: 39467张, 5967张 above its target of 33500张; the plan target is met ahead of time.");
    expect(say("RATE", "en")).toBe(
      "低保对象占户籍人口比例: 1.24%, target progress 80.0%, not below time progress (50.0%): on track; 0.04 percentage points above its target of 1.20%.",
    );
  });

  test("after the plan period a met target is 已完成, not 提前", () => {
    const late = compiled("2021-06");
    const row = late.evaluation.rows.find((r) => r.indicator.code === "BEDS")!;
    expect(indicatorStatement(row, 0, "zh")).toBe("社会养老床位总数达到39467张，超过目标值（33500张）5967张，已完成规划目标。");
    expect(overallStatement(late.evaluation, "zh")).toContain("已完成的指标：");
  });
});

describe("the whole and the 评估要点 sheet", () => {
  let result: CompileResult;
  beforeAll(() => {
    result = compiled();
  });

  test("overallStatement: time progress, counts per status, the met and the binding ones behind", () => {
    expect(overallStatement(result.evaluation, "zh")).toBe(
      "截至2018年6月，规划期时间进度50.0%。纳入评估的11项指标中，已完成5项，符合进度2项，滞后2项，无数据2项。" +
        "已提前完成的指标：社会养老床位总数、每千名老人拥有社会养老床位数、60周岁以上老年人口数、示范社区数、低保对象人数。" +
        "约束性指标中有1项滞后，需重点关注：城乡低保标准。",
    );
  });

  test("the sheet: title, the paragraph, then one statement per row of 中期评估表, grouped and numbered alike", () => {
    const t = buildStatementsTable(result);
    expect(t.name).toBe("评估要点");
    expect(t.rows[0][0]).toMatchObject({ value: "民政事业发展规划中期评估要点", style: "title" });
    expect(t.rows[2].map((c) => c?.value)).toEqual(["序号", "指标名称", "评价", "评估表述（草稿）"]);
    expect(t.rows[4][0]?.value).toBe(overallStatement(result.evaluation, "zh"));
    const midterm = buildMidtermTable(result);
    const groups = (rows: typeof t.rows) => rows.filter((r) => r[0]?.style === "group").map((r) => r[0]?.value);
    expect(groups(t.rows)).toEqual(["总体情况", ...groups(midterm.rows)]);
    const numbered = (rows: typeof t.rows) => rows.filter((r) => typeof r[0]?.value === "number").map((r) => [r[0]?.value, r[1]?.value, r[9]?.value]);
    const ours = t.rows.filter((r) => typeof r[0]?.value === "number");
    expect(ours.map((r) => [r[0]?.value, r[1]?.value, r[2]?.value])).toEqual(numbered(midterm.rows));
    // Every statement is text (never a formula) and names its indicator.
    for (const r of ours) {
      expect(typeof r[3]?.value).toBe("string");
      expect(String(r[3]?.value).startsWith(String(r[1]?.value))).toBe(true);
    }
  });
});
