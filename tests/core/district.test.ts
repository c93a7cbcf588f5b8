/** 填报单位 as the district it stands for (src/core/district.ts). */
import fc from "fast-check";
import { districtName } from "../../src/core/district";
import { compile } from "../../src/core/compile";
import { loadPlanFromJson } from "../../src/core/plan";
import { validateWorkbook } from "../../src/core/validate";
import type { Cell, Sheet, WorkbookModel } from "../../src/core/model";

describe("districtName", () => {
  test.each([
    ["吴兴区", "吴兴区"],
    [" 吴 兴 区 ", "吴兴区"],
    ["吴兴区民政局", "吴兴区"],
    ["吴兴区民政局（盖章）", "吴兴区"],
    ["长兴县民政局(盖章)", "长兴县"],
    ["南浔区民政办公室", "南浔区"],
    ["织里镇民政办", "织里镇"],
    ["湖州市吴兴区民政局", "湖州市吴兴区"],
    // Not an area before the suffix: the office's own name stays.
    ["市民政局", "市民政局"],
    ["民政局", "民政局"],
    ["", ""],
  ])("%s → %s (no unit list)", (written, district) => {
    expect(districtName(written, undefined)).toBe(district);
  });

  const units = ["吴兴区", "南浔区", "德清县", "南太湖新区"];
  test.each([
    ["湖州市吴兴区民政局", "吴兴区"],
    ["吴兴区", "吴兴区"],
    ["德清县民政局", "德清县"],
    ["湖州南太湖新区民政局", "南太湖新区"],
    // Named by no listed unit: kept (compile then reports it beside the missing ones).
    ["安吉县民政局", "安吉县"],
  ])("%s → %s with the plan's unit list", (written, district) => {
    expect(districtName(written, units)).toBe(district);
  });

  test("a list of offices works too: the unit comes back as the list writes it", () => {
    const offices = ["吴兴区民政局", "南浔区民政局"];
    expect(districtName("吴兴区", offices)).toBe("吴兴区民政局");
    expect(districtName("吴兴区民政局（盖章）", offices)).toBe("吴兴区民政局");
    expect(districtName("湖州市南浔区民政局", offices)).toBe("南浔区民政局");
  });

  test("the longest listed unit contained wins; two of the same length leave the name as written", () => {
    expect(districtName("西湖区民政局", ["湖区", "西湖区"])).toBe("西湖区");
    expect(districtName("甲乙区丙丁区", ["甲乙区", "丙丁区"])).toBe("甲乙区丙丁区");
  });

  test("never throws, and a listed unit always resolves to itself", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string({ minLength: 1 }), { maxLength: 5 }), (written, list) => {
        expect(typeof districtName(written, list)).toBe("string");
      }),
    );
    for (const u of units) expect(districtName(u, units)).toBe(u);
  });
});

const cell = (value: string | number): Cell => ({ value, text: "" });
function submission(name: string, district: string, value: number): Sheet {
  return {
    name,
    rows: [
      [cell("填报单位"), cell(district)],
      [cell("报告期"), cell("2018年6月")],
      [cell("指标编码"), cell("指标名称"), cell("单位"), cell("本期值")],
      [cell("A-01"), cell("养老床位数"), cell("张"), cell(value)],
    ],
    merges: [],
    hiddenRows: [],
  };
}

test("two spellings of one district are one district in compile: the later sheet wins, no double sum", () => {
  const { plan } = loadPlanFromJson(
    { indicators: [{ code: "A-01", name: "养老床位数", unit: "张", targetYear: 2020, baseYear: 2015, baseline: 100, target: 300, aggregate: "求和" }], units: ["吴兴区", "南浔区"] },
    "plan.json",
  );
  const wb: WorkbookModel = {
    name: "合集.xlsx",
    sheets: [submission("一", "吴兴区", 120), submission("二", "湖州市吴兴区民政局（盖章）", 150), submission("三", "南浔区民政局", 80)],
  };
  const result = compile(plan, [validateWorkbook(plan, wb)]);
  expect(result.submissions.map((s) => s.district)).toEqual(["吴兴区", "南浔区"]);
  expect(result.completeness.missing).toEqual([]);
  expect(result.completeness.duplicates).toMatchObject([{ district: "吴兴区", kept: { sheet: "二" } }]);
  expect(result.evaluation.rows[0].actual).toBe(230);
});
