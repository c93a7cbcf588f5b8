/**
 * Validation rules and the validate use-case (reporting-conventions §6) on LibreOffice-made
 * workbooks (tests/fixtures/validate/*.fods → .xlsx) and on the samples in examples/.
 */
import { findingText, render } from "../../src/core/messages";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CATEGORIES, FINDING_KINDS, type FindingKind } from "../../src/core/findings";
import type { Plan } from "../../src/core/plan";
import { loadPlanFromWorkbook } from "../../src/core/plan";
import { RULES } from "../../src/core/rules";
import { validateWorkbook, validateWorkbooks, type ValidationResult } from "../../src/core/validate";
import { readWorkbookFile } from "../../src/files/read-node";
import { readFixture, testPlan } from "./validate-helpers";

let plan: Plan;
// Loaded lazily: the examples block below uses its own plan.
const fixturesPlan = () => (plan ??= testPlan());

describe("rules.xlsx: one submission with a defect of every category", () => {
  let result: ValidationResult;
  beforeAll(async () => {
    result = validateWorkbook(fixturesPlan(), await readFixture("rules.xlsx"));
  });

  test("every finding, in cell order, with its category, severity and indicator", () => {
    const got = result.findings.map((f) => [f.cell ?? null, f.indicator ?? null, f.kind, f.category, f.severity]);
    expect(got).toEqual([
      ["D8", "T-02", "part-exceeds-total", "inconsistent", "error"],
      ["D9", "T-03", "placeholder-value", "placeholder", "error"],
      ["D10", "T-04", "zero-placeholder", "placeholder", "error"],
      ["D11", "T-05", "below-min", "out-of-range", "error"],
      ["D12", "T-06", "unit-mismatch", "unit-mismatch", "error"],
      ["D13", "T-08", "missing-value", "missing", "error"],
      ["D14", "T-09", "above-max", "out-of-range", "error"],
      ["E15", "T-10", "placeholder-text", "placeholder", "warning"],
      ["D16", "T-10", "duplicate-same", "duplicate", "warning"],
      ["D18", "T-11", "duplicate-different", "duplicate", "error"],
      ["A19", null, "unknown-indicator", "unknown-indicator", "warning"],
      ["D20", "T-12", "not-a-number", "not-a-number", "error"],
      ["E21", null, "missing-number", "placeholder", "warning"],
      ["E22", "T-13", "truncated-year", "placeholder", "warning"],
      [null, "T-07", "missing-row", "missing", "error"],
    ]);
  });

  test("every finding carries file, sheet and district; messages in Chinese and English", () => {
    for (const f of result.findings) {
      expect(f).toMatchObject({ file: "rules.xlsx", sheet: "测试区", district: "测试区" });
      expect(findingText(f, "zh")).not.toMatch(/\{\w+\}/);
      expect(findingText(f, "en")).not.toMatch(/\{\w+\}/);
    }
    const byKind = (k: FindingKind) => result.findings.find((f) => f.kind === k)!;
    expect(findingText(byKind("part-exceeds-total"), "zh")).toBe("其中项“养老机构床位数”(9500) 大于其合计“社会养老床位总数”(9400)");
    expect(findingText(byKind("above-max"), "zh")).toContain("105");
    expect(findingText(byKind("below-min"), "zh")).toContain("下限 0");
    expect(findingText(byKind("duplicate-different"), "zh")).toContain("120 与 100");
    expect(findingText(byKind("duplicate-different"), "zh")).toContain("D17");
    expect(findingText(byKind("unit-mismatch"), "zh")).toContain("“张”");
    expect(findingText(byKind("placeholder-text"), "zh")).toContain("x%");
    expect(findingText(byKind("unknown-indicator"), "zh")).toContain("Z-99 不存在的指标");
  });

  test("values: usable numbers only; a warning does not block its value; equal duplicates count once", () => {
    expect(result.values.map((v) => [v.indicator, v.value, v.cell])).toEqual([
      ["T-01", 9400, "D7"],
      ["T-10", 95, "D15"],
      ["T-13", 8.5, "D22"],
    ]);
    expect(result.values[0]).toMatchObject({ district: "测试区", file: "rules.xlsx", sheet: "测试区", period: { year: 2018, month: 6 } });
  });

  test("excluded: every other indicator, with the reason of its first error", () => {
    const excluded = Object.fromEntries(result.excluded.map((e) => [e.indicator, e]));
    expect(Object.keys(excluded).sort()).toEqual(["T-02", "T-03", "T-04", "T-05", "T-06", "T-07", "T-08", "T-09", "T-11", "T-12"]);
    expect(render(excluded["T-02"].reason, "zh")).toMatch(/^前后矛盾：/);
    expect(render(excluded["T-07"].reason, "zh")).toMatch(/^缺报：/);
    expect(render(excluded["T-07"].reason, "en")).toMatch(/^Missing: /);
    expect(excluded["T-07"].cell).toBeUndefined();
    // duplicate-different: neither value counts; the reason is the duplicate finding.
    expect(excluded["T-11"].cell).toBe("D18");
    expect(render(excluded["T-11"].reason, "zh")).toMatch(/^重复填报：/);
  });
});

test("clean.xlsx: valid values in every form give no finding and all count", async () => {
  const r = validateWorkbook(fixturesPlan(), await readFixture("clean.xlsx"));
  expect(r.findings).toEqual([]);
  expect(r.excluded).toEqual([]);
  expect(r.values).toHaveLength(plan.indicators.length);
  const v = Object.fromEntries(r.values.map((x) => [x.indicator, x]));
  expect(v["T-03"].value).toBeCloseTo(45);
  expect(v["T-11"]).toMatchObject({ value: 5000, qualifier: "approx" });
});

test("detect.xlsx: findings in workbook order; a no-period sheet leaves its district's values out", async () => {
  const wb = await readFixture("detect.xlsx");
  const r = validateWorkbook(fixturesPlan(), wb, { file: "其他名称.xlsx" });
  expect(r.findings.filter((f) => f.category === "structure").map((f) => f.sheet)).toEqual(["汇总草稿", "封面", "长兴县", "安吉县"]);
  const sheetOrder = r.findings.map((f) => wb.sheets.findIndex((s) => s.name === f.sheet));
  expect(sheetOrder).toEqual([...sheetOrder].sort((a, b) => a - b));
  expect(r.findings.every((f) => f.file === "其他名称.xlsx")).toBe(true);
  const changxing = r.excluded.filter((e) => e.district === "长兴县");
  expect(changxing).toHaveLength(plan.indicators.length);
  expect(render(changxing[0].reason, "zh")).toMatch(/^结构问题：缺少报告期/);
});

test("a workbook without any submission gives one no-submission finding", async () => {
  const wb = await readFixture("detect.xlsx");
  wb.sheets = wb.sheets.filter((s) => s.name === "说明" || s.name === "规划指标");
  const r = validateWorkbook(fixturesPlan(), wb);
  expect(r.findings.map((f) => [f.kind, f.sheet, f.cell])).toEqual([["no-submission", undefined, undefined]]);
});

test("validateWorkbooks merges in order", async () => {
  const r = validateWorkbooks(fixturesPlan(), [await readFixture("clean.xlsx"), await readFixture("rules.xlsx")]);
  expect(r.submissions.map((s) => s.district)).toEqual(["安吉县", "测试区"]);
  expect(r.values).toHaveLength(plan.indicators.length + 3);
});

test("the rule registry covers every category; each finding kind has one rule", () => {
  expect(new Set(RULES.map((r) => r.category))).toEqual(new Set(CATEGORIES));
  const kinds = RULES.flatMap((r) => r.kinds);
  expect(new Set(kinds).size).toBe(kinds.length);
  // The plan-* kinds come from the plan loader, not from a rule.
  const all = Object.keys(FINDING_KINDS).filter((k) => !k.startsWith("plan-"));
  expect(new Set(kinds)).toEqual(new Set(all));
  for (const r of RULES) {
    expect(r.id).toMatch(/^[a-z-]+$/);
    for (const k of r.kinds) expect(FINDING_KINDS[k].category).toBe(r.category);
  }
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
});

describe("the samples in examples/ against examples/expected-findings.json", () => {
  const root = join(__dirname, "..", "..", "examples");
  const expected = JSON.parse(readFileSync(join(root, "expected-findings.json"), "utf8")) as {
    submissions: string[];
    findings: { file: string; sheet: string | null; cell: string | null; indicator: string | null; category: string; severity: string }[];
    readings: { file: string; sheet: string; cell: string; indicator: string; value: number }[];
  };
  let result: ValidationResult;
  beforeAll(async () => {
    const loaded = loadPlanFromWorkbook(await readWorkbookFile(join(root, "plan.xlsx")), "plan.xlsx");
    expect(loaded.findings).toEqual([]);
    const wbs = [];
    for (const f of expected.submissions) wbs.push(await readWorkbookFile(join(root, "submissions", f)));
    result = validateWorkbooks(loaded.plan, wbs);
  });

  test("exactly the planted findings, in the right category and severity", () => {
    const key = (f: { file: string; sheet?: string | null; cell?: string | null; indicator?: string | null; category: string; severity: string }) =>
      [f.file, f.sheet ?? null, f.cell ?? null, f.indicator ?? null, f.category, f.severity].join(" | ");
    expect(result.findings.map(key).sort()).toEqual(expected.findings.map(key).sort());
  });

  test("valid but unusual readings are read, not reported", () => {
    for (const r of expected.readings) {
      const v = result.values.find((x) => x.file === r.file && x.sheet === r.sheet && x.cell === r.cell);
      expect({ ...r, got: v?.value }).toEqual({ ...r, got: expect.closeTo(r.value, 6) });
    }
  });
});
