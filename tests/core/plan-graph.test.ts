/**
 * The plan as a graph (tests/fixtures/graph, made by LibreOffice from the .fods beside them): a
 * 包含于 cycle, a 比值 whose numerator is the indicator itself and a 加权平均 weighted by itself are
 * structure findings on their rows, and codes written with another dash match the plan's.
 */
import { join } from "node:path";
import { compileWorkbooks, checkWorkbooks } from "../../src/core/check";
import { findingText } from "../../src/core/messages";
import { loadPlanFromJson, loadPlanFromWorkbook, type PlanLoad } from "../../src/core/plan";
import { normaliseCode } from "../../src/core/text";
import type { WorkbookModel } from "../../src/core/model";
import { readWorkbookFile } from "../../src/files/read-node";

const DIR = join(__dirname, "..", "fixtures", "graph");

let plan: PlanLoad;
let districts: WorkbookModel[];
beforeAll(async () => {
  plan = loadPlanFromWorkbook(await readWorkbookFile(join(DIR, "plan.xlsx")));
  districts = [await readWorkbookFile(join(DIR, "甲区.xlsx")), await readWorkbookFile(join(DIR, "乙区.xlsx"))];
});

const planFinding = (code: string) => plan.findings.find((f) => f.indicator === code);

describe("a 包含于 cycle", () => {
  it("is a structure error on each row of the cycle, at its 包含于 cell, naming the cycle", () => {
    for (const [code, cycle] of [
      ["YL-02", "YL-02 → YL-03 → YL-02"],
      ["YL-03", "YL-03 → YL-02 → YL-03"],
    ]) {
      const f = planFinding(code);
      expect(f).toMatchObject({ category: "structure", severity: "error", sheet: "规划指标", cell: expect.stringMatching(/^N\d+$/) });
      expect(findingText(f!, "zh")).toContain(cycle);
    }
    expect(plan.plan.indicators.map((i) => i.code)).not.toEqual(expect.arrayContaining(["YL-02"]));
    expect(plan.plan.indicators.map((i) => i.code)).not.toEqual(expect.arrayContaining(["YL-03"]));
  });

  it("gives no 其中项 error on a clean submission", () => {
    const report = checkWorkbooks({ plan, workbooks: districts });
    expect(report.findings.filter((f) => f.kind === "part-exceeds-total")).toEqual([]);
  });

  it("is found in a longer cycle and in a JSON plan too, and a chain into a cycle is not itself a cycle", () => {
    const row = (code: string, partOf?: string) => ({
      code,
      name: `指标${code}`,
      unit: "个",
      targetYear: 2020,
      target: 1,
      ...(partOf ? { partOf } : {}),
    });
    const load = loadPlanFromJson(
      JSON.stringify([row("A", "B"), row("B", "C"), row("C", "A"), row("D", "A"), row("E"), row("F", "E")]),
      "plan.json",
    );
    const cycles = load.findings.filter((f) => findingText(f, "en").includes("cycle"));
    expect(cycles.map((f) => f.indicator)).toEqual(["A", "B", "C"]);
    expect(findingText(cycles[0], "en")).toContain("A → B → C → A");
    // D is a part of A, which is dropped: D's reference names no valid indicator any more.
    expect(
      findingText(
        load.findings.find((f) => f.indicator === "D")!,
        "en",
      ),
    ).toContain("names no valid indicator");
    expect(load.plan.indicators.map((i) => i.code)).toEqual(["E", "F"]);
  });
});

describe("比值 and 加权平均 that refer to the indicator itself", () => {
  it("are structure errors on their 汇总方式 cells", () => {
    expect(findingText(planFinding("YL-05")!, "zh")).toContain("比值的分子不能是指标自身");
    expect(planFinding("YL-05")).toMatchObject({ category: "structure", cell: expect.stringMatching(/^M\d+$/) });
    expect(findingText(planFinding("YL-06")!, "zh")).toContain("加权平均不能以指标自身为权重");
    const den = loadPlanFromJson(
      JSON.stringify([
        { code: "P", name: "人口", unit: "人", targetYear: 2020, target: 1 },
        { code: "R", name: "比率", unit: "%", targetYear: 2020, target: 1, aggregate: "比值:P/r×100" },
      ]),
      "plan.json",
    );
    expect(findingText(den.findings[0], "zh")).toContain("比值的分母不能是指标自身");
  });

  it("never give a city value computed from the districts' rates", () => {
    const { result } = compileWorkbooks({ plan, workbooks: districts, lang: "zh" });
    expect(result.evaluation.rows.find((r) => r.indicator.code === "YL-05")).toBeUndefined();
    expect(result.findings.some((f) => f.indicator === "YL-05" && f.category === "structure")).toBe(true);
  });
});

describe("one code normaliser for the plan and the submissions", () => {
  it("folds width, case, spaces and every dash variant", () => {
    for (const code of [
      "YL-03",
      "YL‐03",
      "YL‑03",
      "YL‒03",
      "YL–03",
      "YL—03",
      "YL―03",
      "YL−03",
      "YL﹣03",
      "ＹＬ－０３",
      " yl - 03 ",
      "YL\u00a0-\u300003",
    ]) {
      expect(normaliseCode(code)).toBe("YL-03");
    }
    expect(normaliseCode("YL-03")).not.toBe(normaliseCode("YL-30"));
  });

  it("matches a submission row written YL‐07 (U+2010) or YL—07 to the plan's YL-07, and a 包含于 written with U+2010", () => {
    const report = checkWorkbooks({ plan, workbooks: districts });
    const yl07 = report.findings.filter((f) => f.indicator === "YL-07" || JSON.stringify(f.params).includes("07"));
    expect(yl07).toEqual([]);
    expect(report.findings.filter((f) => f.kind === "missing-row")).toEqual([]);
    expect(plan.plan.indicators.find((i) => i.code === "YL-07")?.partOf).toBe("YL-01");
  });
});
