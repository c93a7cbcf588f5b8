/**
 * compile: duplicates (the later report period wins), completeness, asOf, confirmations and
 * the JSON shape — first on results built in memory (each rule in isolation), then end to
 * end on the LibreOffice-made workbooks of tests/fixtures/compile.
 */
import { join } from "node:path";
import { compile, resolveDuplicates } from "../../src/core/compile";
import { applyConfirmations } from "../../src/core/confirmations";
import { AppError } from "../../src/core/errors";
import { findingMessage, makeFinding } from "../../src/core/findings";
import { msg } from "../../src/core/messages";
import { evaluationJson } from "../../src/core/views";
import type { Indicator, Plan } from "../../src/core/plan";
import { loadPlanFromWorkbook } from "../../src/core/plan";
import type { Submission } from "../../src/core/submission";
import { validateWorkbook, type ValidationResult } from "../../src/core/validate";
import { readWorkbookFile } from "../../src/files/read-node";

const ind = (code: string, extra: Partial<Indicator> = {}): Indicator => ({
  code,
  name: `指标${code}`,
  unit: "个",
  type: "anticipatory",
  direction: "up",
  baseYear: 2015,
  baseline: 0,
  targetYear: 2020,
  target: 100,
  aggregate: { kind: "sum" },
  ...extra,
});

const P = (year: number, month: number) => ({ year, month, label: `${year}年${month}月` });

function result(file: string, sheet: string, district: string, period: ReturnType<typeof P>, value: number): ValidationResult {
  const submission: Submission = { file, sheet, district, period, rows: [], texts: [] };
  return {
    submissions: [submission],
    findings: [makeFinding("unknown-indicator", { file, sheet, district, cell: "A9" }, { text: "某指标" })],
    values: [{ district, indicator: "A", value, period, file, sheet, cell: "D7" }],
    excluded: [],
  };
}

describe("compile on results in memory", () => {
  const plan: Plan = { indicators: [ind("A")], units: ["甲区", "乙区", "丙县"] };

  test("two submissions of one district: the later report period wins and is said", () => {
    const early = result("甲区.xlsx", "一季度", "甲区", P(2018, 3), 10);
    const late = result("甲区-6月.xlsx", "甲区", "甲区", P(2018, 6), 30);
    const other = result("乙区.xlsx", "乙区", "乙区", P(2018, 6), 5);
    // The later period wins whatever the order the files come in.
    for (const results of [
      [early, late, other],
      [late, early, other],
    ]) {
      const r = compile(plan, results);
      expect(r.evaluation.rows[0].actual).toBe(35);
      expect(r.evaluation.rows[0].perDistrict).toEqual({ 甲区: 30, 乙区: 5 });
      expect(r.completeness.duplicates).toEqual([
        {
          district: "甲区",
          kept: { file: "甲区-6月.xlsx", sheet: "甲区", period: P(2018, 6) },
          dropped: [{ file: "甲区.xlsx", sheet: "一季度", period: P(2018, 3) }],
        },
      ]);
      // The dropped sheet's findings go with it.
      expect(r.findings.map((f) => f.sheet).sort()).toEqual(["乙区", "甲区"]);
      expect(r.submissions.map((s) => s.sheet).sort()).toEqual(["乙区", "甲区"]);
    }
  });

  test("an unreadable sheet of a district that also sent a readable one excludes nothing", () => {
    const readable = result("甲区.xlsx", "甲区", "甲区", P(2018, 6), 30);
    const noPeriod = makeFinding("no-period", { file: "甲区.xlsx", sheet: "甲区(旧)", district: "甲区" }, { text: "近期" });
    const unreadable: ValidationResult = {
      submissions: [],
      findings: [noPeriod],
      values: [],
      excluded: [{ district: "甲区", indicator: "A", reason: findingMessage(noPeriod), file: "甲区.xlsx", sheet: "甲区(旧)" }],
    };
    const r = compile(plan, [readable, unreadable]);
    expect(r.evaluation.rows[0].actual).toBe(30);
    expect(r.evaluation.rows[0].excluded).toEqual([]);
    expect(r.findings.map((f) => f.kind)).toContain("no-period");
    // Alone, the unreadable sheet does leave the district out, with its reason.
    const alone = compile(plan, [unreadable, result("乙区.xlsx", "乙区", "乙区", P(2018, 6), 5)]);
    expect(alone.evaluation.rows[0].excluded.map((e) => e.district)).toEqual(["甲区"]);
  });

  test("the same period twice: the one read last counts", () => {
    const { kept, duplicates } = resolveDuplicates([
      result("a.xlsx", "甲区", "甲区", P(2018, 6), 1).submissions[0],
      result("b.xlsx", "甲区", "甲区", P(2018, 6), 2).submissions[0],
    ]);
    expect(kept.map((s) => s.file)).toEqual(["b.xlsx"]);
    expect(duplicates[0].dropped.map((s) => s.file)).toEqual(["a.xlsx"]);
  });

  test("the same file given twice keeps one copy of its values", () => {
    const once = result("甲区.xlsx", "甲区", "甲区", P(2018, 6), 30);
    const r = compile(plan, [once, result("甲区.xlsx", "甲区", "甲区", P(2018, 6), 30)]);
    expect(r.evaluation.rows[0].actual).toBe(30);
    expect(r.completeness.duplicates).toHaveLength(1);
  });

  test("units of the plan that sent nothing are missing; asOf defaults to the latest period", () => {
    const r = compile(plan, [result("甲区.xlsx", "甲区", "甲区", P(2018, 3), 1), result("乙区.xlsx", "乙区", "乙区", P(2018, 6), 1)]);
    expect(r.completeness.missing).toEqual(["丙县"]);
    expect(r.asOf).toMatchObject({ year: 2018, month: 6 });
    expect(r.evaluation.timeProgress).toBe(0.5);
  });

  test("a unit whose sheet could not be read is not missing", () => {
    const unreadable: ValidationResult = {
      submissions: [],
      findings: [makeFinding("no-period", { file: "丙县.xlsx", sheet: "丙县", district: "丙县" }, { text: "" })],
      values: [],
      excluded: [{ district: "丙县", indicator: "A", reason: msg("category.structure"), file: "丙县.xlsx", sheet: "丙县" }],
    };
    const r = compile(plan, [result("甲区.xlsx", "甲区", "甲区", P(2018, 6), 1), unreadable]);
    expect(r.completeness.missing).toEqual(["乙区"]);
    expect(r.evaluation.rows[0].excluded.map((e) => e.district)).toEqual(["丙县"]);
  });

  test("an explicit asOf wins; without submissions it is required", () => {
    const r = compile(plan, [result("甲区.xlsx", "甲区", "甲区", P(2018, 6), 1)], { asOf: P(2017, 12) });
    expect(r.evaluation.timeProgress).toBe(0.4);
    expect(() => compile(plan, [])).toThrow(AppError);
    expect(compile(plan, [], { asOf: P(2018, 6) }).evaluation.rows[0].status).toBe("no-data");
  });

  test("confirmations attach the clerk's reason to the matching finding only", () => {
    const f1 = makeFinding("placeholder-text", { file: "a.xlsx", sheet: "甲区", cell: "E7" }, { match: "x", context: "x" });
    const f2 = makeFinding("placeholder-text", { file: "a.xlsx", sheet: "甲区", cell: "E8" }, { match: "x", context: "x" });
    const out = applyConfirmations([f1, f2], [{ sheet: "甲区", cell: "E8", reason: "确为0家，已核实" }]);
    expect(out.map((f) => f.confirmed)).toEqual([undefined, { reason: "确为0家，已核实" }]);
    expect(f2.confirmed).toBeUndefined(); // not mutated
    expect(out[1].severity).toBe("warning");
  });

  test("the JSON shape: numbers as numbers, fractions, status words, asOf as yyyy-mm", () => {
    const r = compile(plan, [result("甲区.xlsx", "甲区", "甲区", P(2018, 6), 50)]);
    const json = JSON.parse(JSON.stringify(evaluationJson(r, "zh")));
    expect(json).toEqual({
      asOf: "2018-06",
      timeProgress: 0.5,
      rows: [
        {
          indicator: "A",
          name: "指标A",
          unit: "个",
          type: "anticipatory",
          baseline: 0,
          target: 100,
          actual: 50,
          progress: 0.5,
          timeProgress: 0.5,
          status: "on-track",
          districtsUsed: ["甲区"],
          districtsExcluded: [],
        },
      ],
      completeness: { missing: ["乙区", "丙县"], duplicates: [] },
    });
  });
});

describe("compile on the LibreOffice-made fixtures", () => {
  const dir = join(__dirname, "../fixtures/compile");
  let r: ReturnType<typeof compile>;
  beforeAll(async () => {
    const { plan, findings } = loadPlanFromWorkbook(await readWorkbookFile(join(dir, "plan.xlsx")), "plan.xlsx");
    expect(findings).toEqual([]);
    const results: ValidationResult[] = [];
    for (const name of ["甲区.xlsx", "乙区.xlsx", "丙县.xlsx"]) results.push(validateWorkbook(plan, await readWorkbookFile(join(dir, name))));
    r = compile(plan, results);
  });

  const row = (code: string) => {
    const found = r.evaluation.rows.find((x) => x.indicator.code === code);
    if (!found) throw new Error(code);
    return found;
  };

  test("the June sheet of 甲区 replaces its March sheet", () => {
    expect(r.completeness.duplicates).toEqual([
      {
        district: "甲区",
        kept: expect.objectContaining({ file: "甲区.xlsx", sheet: "甲区", period: expect.objectContaining({ month: 6 }) }),
        dropped: [expect.objectContaining({ file: "甲区.xlsx", sheet: "甲区（一季度）" })],
      },
    ]);
    expect(row("A-01").perDistrict["甲区"]).toBe(400);
  });

  test("丁县 did not submit; asOf is June 2018 (2018年上半年 included)", () => {
    expect(r.completeness.missing).toEqual(["丁县"]);
    expect(r.asOf).toMatchObject({ year: 2018, month: 6 });
    expect(r.evaluation.timeProgress).toBe(0.5);
  });

  test("values and statuses match an independent computation", () => {
    // 乙区's A-01 is a placeholder "x" and its B-01 the text "=SUM(1)": both left out.
    expect(row("A-01")).toMatchObject({ actual: 400 + 500, status: "behind", attention: false });
    expect(row("A-01").progress).toBeCloseTo((900 - 1000) / (2000 - 1000), 12);
    expect(row("A-01").excluded.map((e) => e.district)).toEqual(["乙区"]);
    expect(row("A-02")).toMatchObject({ actual: 16000 + 20000 + 14000, progress: 0, status: "behind" });
    // Ratio over the districts with both parts: (400 + 500) / (16000 + 14000) × 1000 = 30.
    expect(row("A-03").actual).toBeCloseTo(30, 10);
    expect(row("A-03").progress).toBeCloseTo((30 - 20) / (50 - 20), 12);
    expect(row("A-03")).toMatchObject({ status: "behind", attention: true });
    // 逆向 mean of 1.8 and 1.6.
    expect(row("B-01").actual).toBeCloseTo(1.7, 12);
    expect(row("B-01").progress).toBeCloseTo((1.7 - 2) / (1.5 - 2), 12);
    expect(row("B-01").status).toBe("on-track");
    expect(row("B-02")).toMatchObject({ actual: 11, status: "met" });
    // 最小 without a baseline: 60 / 90.
    expect(row("C-01")).toMatchObject({ actual: 60, status: "on-track" });
    expect(row("C-01").progress).toBeCloseTo(60 / 90, 12);
  });

  test("findings behind the rows are counted, without those of the dropped sheet", () => {
    expect(r.findings.some((f) => f.sheet === "甲区（一季度）")).toBe(false);
    expect(row("A-01").findingCount).toBeGreaterThanOrEqual(1);
    expect(r.findings.filter((f) => f.indicator === "B-01" && f.severity === "error").map((f) => f.district)).toEqual(["乙区"]);
  });
});
