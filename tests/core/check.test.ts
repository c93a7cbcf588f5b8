/**
 * The use-case layer (src/core/check.ts) on the validation fixtures: the plan's findings first,
 * stored confirmations read from the workbook and the session's decisions over them, counts,
 * the "carried" plan, and the accumulator keeping only what the report and compile need.
 */
import { readFileSync } from "node:fs";
import { checkWorkbooks, compileWorkbooks, WorkbookCheck } from "../../src/core/check";
import { loadPlanFromJson, type PlanLoad } from "../../src/core/plan";
import type { Sheet, WorkbookModel } from "../../src/core/model";
import { CONFIRMATIONS_SHEET } from "../../src/core/sheets";
import { fixture, readFixture } from "./validate-helpers";

let rules: WorkbookModel;
let plan: PlanLoad;

/** A record sheet holding rows of text, as the add-in writes it. */
function recordSheet(rows: string[][]): Sheet {
  return {
    name: CONFIRMATIONS_SHEET,
    rows: rows.map((r) => r.map((v) => ({ value: v, text: v }))),
    merges: [],
    hiddenRows: [],
    hidden: true,
  };
}

const withRecord = (wb: WorkbookModel, rows: string[][]): WorkbookModel => ({ ...wb, sheets: [...wb.sheets, recordSheet(rows)] });

const HEADER = ["记录", "工作表", "单元格", "问题种类", "原因", "时间"];

beforeAll(async () => {
  rules = await readFixture("rules.xlsx");
  plan = loadPlanFromJson(readFileSync(fixture("plan.json"), "utf8"), "plan.json");
});

test("counts and findings in reading order, without a plan finding for a clean plan", () => {
  const r = checkWorkbooks({ plan, workbooks: [rules] });
  expect(r.planFindings).toEqual([]);
  expect(r.counts).toEqual({ files: 1, submissions: 1, findings: 15, errors: 10, warnings: 5, confirmed: 0 });
  expect(r.files.map((f) => [f.file, f.findings.length])).toEqual([["rules.xlsx", 15]]);
});

test("a plan's definition findings come first", () => {
  const bad = loadPlanFromJson(JSON.stringify([{ code: "X", name: "x", unit: "张", targetYear: 2020, target: "待定" }]), "bad.json");
  const r = checkWorkbooks({ plan: { plan: plan.plan, findings: bad.findings }, workbooks: [rules] });
  expect(r.findings[0]).toMatchObject({ file: "bad.json", kind: "plan-row-invalid" });
  expect(r.counts.findings).toBe(16);
});

test("a confirmation stored in the workbook is applied; the session's decisions replace or withdraw it", () => {
  const stored = withRecord(rules, [HEADER, ["情况属实", "测试区", "a19", "unknown-indicator", "自设指标", "2018-07-01T00:00:00.000Z"]]);
  const r = checkWorkbooks({ plan, workbooks: [stored] });
  expect(r.findings.filter((f) => f.confirmed)).toEqual([
    expect.objectContaining({ cell: "A19", confirmed: { reason: "自设指标", at: "2018-07-01T00:00:00.000Z" } }),
  ]);
  expect(r.counts.confirmed).toBe(1);
  expect(r.confirmations).toEqual([
    { file: "rules.xlsx", sheet: "测试区", cell: "A19", kind: "unknown-indicator", reason: "自设指标", at: "2018-07-01T00:00:00.000Z" },
  ]);

  const target = { file: "rules.xlsx", sheet: "测试区", cell: "A19", kind: "unknown-indicator" as const };
  const replaced = checkWorkbooks({ plan, workbooks: [stored], sessionConfirmations: [{ ...target, reason: "已核实" }] });
  expect(replaced.findings.find((f) => f.cell === "A19")?.confirmed).toEqual({ reason: "已核实" });
  expect(replaced.confirmations).toHaveLength(1);

  const withdrawn = checkWorkbooks({ plan, workbooks: [stored], sessionConfirmations: [{ ...target, withdrawn: true }] });
  expect(withdrawn.counts.confirmed).toBe(0);
  expect(withdrawn.files[0].confirmations).toEqual([]);

  // A decision about another file changes nothing here.
  const other = checkWorkbooks({ plan, workbooks: [stored], sessionConfirmations: [{ ...target, file: "别的.xlsx", withdrawn: true }] });
  expect(other.counts.confirmed).toBe(1);
});

test("plan 'carried': each workbook against the plan it carries; one that carries none is an error naming it", () => {
  expect(() => checkWorkbooks({ plan: "carried", workbooks: [rules] })).toThrow(/rules\.xlsx/);
});

test("the accumulator keeps submissions without their rows, and compiles with the plan's findings in 问题清单", async () => {
  const check = new WorkbookCheck({ plan });
  const file = check.add(rules);
  expect(file.submissions).toEqual([
    { file: "rules.xlsx", sheet: "测试区", district: "测试区", period: expect.objectContaining({ year: 2018 }) },
  ]);
  const out = check.compile({ lang: "en" });
  expect(out.result.submissions[0]).not.toHaveProperty("rows");
  expect(out.tables.map((t) => t.name)).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单"]);
  expect(out.tables[0].rows[0][0]?.value).toBe("Mid-term evaluation of the civil-affairs development plan");
  expect(out.views.json.asOf).toMatch(/^\d{4}-\d\d$/);
  expect(out.views.summary.findings).toHaveLength(15);
  expect(compileWorkbooks({ plan, workbooks: [rules], lang: "en" }).views).toEqual(out.views);
});
