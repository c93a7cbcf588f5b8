/**
 * Finding and reading district submissions (reporting-conventions §2) on LibreOffice-made
 * workbooks: tests/fixtures/validate/detect.fods → detect.xlsx.
 */
import { findingText } from "../../src/core/messages";
import type { WorkbookModel } from "../../src/core/model";
import type { Plan } from "../../src/core/plan";
import { findSubmissions, matchIndicator, planIndex, type Detection, type Submission } from "../../src/core/submission";
import { readFixture, testPlan } from "./validate-helpers";

let plan: Plan;
let wb: WorkbookModel;
let detection: Detection;

beforeAll(async () => {
  plan = testPlan();
  wb = await readFixture("detect.xlsx");
  detection = findSubmissions(wb, plan, "detect.xlsx");
});

function submission(sheet: string): Submission {
  const s = detection.submissions.find((x) => x.sheet === sheet);
  if (!s) throw new Error(`no submission on sheet ${sheet}`);
  return s;
}

const numbers = (s: Submission) =>
  s.rows.map((r) => [r.indicator, r.valueCell, r.reading.kind === "number" ? r.reading.value : r.reading.kind]);

test("reads exactly the submission sheets, in sheet order", () => {
  expect(detection.submissions.map((s) => s.sheet)).toEqual(["吴兴区", "南浔区", "德清县", "市本级", "表尾式", "同义表头"]);
  expect(detection.submissions.every((s) => s.file === "detect.xlsx")).toBe(true);
});

test("labels with their values in the next cell; a hidden row is still read", () => {
  const s = submission("吴兴区");
  expect(s.district).toBe("吴兴区");
  expect(s.period).toMatchObject({ year: 2018, month: 6 });
  expect(numbers(s)).toEqual([
    ["T-01", "D6", 9400],
    ["T-02", "D7", 5000], // row 7 is hidden in the sheet
    ["T-03", "D8", 45],
  ]);
  expect(wb.sheets.find((x) => x.name === "吴兴区")!.hiddenRows).toEqual([6]);
});

test("label and value in one cell (full-width colon, two labels in a cell); reordered columns, match by name and by code in any case", () => {
  const s = submission("南浔区");
  expect(s.district).toBe("南浔区");
  expect(s.period).toMatchObject({ year: 2018, month: 6 });
  expect(numbers(s)).toEqual([
    ["T-01", "B6", 9000],
    ["T-02", "B7", 4000], // "养老机构床位数（张）", no code: matched by name
    ["T-03", "B8", 50], // code written "t-03"
  ]);
  expect(s.rows[1].code).toBeUndefined();
  expect(s.rows[1].labelCell).toBe("A7");
  // The extra column 数据来源 is text the placeholder scan reads; code, name and unit are not.
  expect(s.texts.map((t) => [t.cell, t.text, t.indicator])).toEqual([
    ["D6", "统计年报", "T-01"],
    ["D7", "统计年报", "T-02"],
  ]);
});

test("merged, spaced labels, a date-typed 报告期, English header aliases, a group heading and a notes block", () => {
  const s = submission("德清县");
  expect(s.district).toBe("德清县");
  expect(s.period).toMatchObject({ year: 2018, month: 6 });
  // 一、养老服务 is a heading; the row after 填报说明 is not read.
  expect(numbers(s)).toEqual([
    ["T-01", "D6", 9400],
    ["T-02", "D7", 5000],
    ["T-03", "D8", 45],
  ]);
});

test("a bracketed label, a bare year as a number, header words with * and a bracketed note", () => {
  const s = submission("市本级");
  expect(s.district).toBe("湖州市本级");
  expect(s.period).toMatchObject({ year: 2018, month: 12 });
  expect(numbers(s)).toEqual([["T-01", "D5", 30000]]);
});

test("填报单位 and 报告期 in a footer under the table", () => {
  const s = submission("表尾式");
  expect(s.district).toBe("南太湖新区");
  expect(s.period).toMatchObject({ year: 2018, month: 6 });
  // The footer ends the table: its rows are not indicator rows.
  expect(numbers(s)).toEqual([["T-01", "D2", 8000]]);
});

test("a form not made from the template: 指标 | 计量单位 | 目标值 | 完成值, 填报单位 written as the office", () => {
  const s = submission("同义表头");
  expect(s.district).toBe("南浔区"); // 南浔区民政局, after a 填报单位（盖章） label
  expect(s.period).toMatchObject({ year: 2018, month: 6 }); // 2018年上半年
  // 完成值 is the value column, not 目标值; rows matched by name under 指标.
  expect(numbers(s)).toEqual([
    ["T-01", "E5", 8800],
    ["T-02", "E6", 4100],
  ]);
  expect(s.rows[0].remark).toEqual({ text: "统计年报", cell: "F5" });
});

test("本期值 wins over a synonym in the same header row, wherever it stands", () => {
  const cell = (value: string | number) => ({ value, text: "" });
  const sheet = {
    name: "两列",
    rows: [
      [cell("填报单位"), cell("吴兴区")],
      [cell("报告期"), cell("2018-06")],
      [cell("指标编码"), cell("完成值"), cell("本期值")],
      [cell("T-01"), cell(1), cell(2)],
    ],
    merges: [],
    hiddenRows: [],
  };
  const found = findSubmissions({ name: "x.xlsx", sheets: [sheet] }, plan);
  expect(numbers(found.submissions[0])).toEqual([["T-01", "C4", 2]]);
});

test("structure findings: table without 填报单位, 填报单位 without table, missing and unreadable 报告期", () => {
  const got = detection.findings.map((f) => ({
    sheet: f.sheet,
    kind: f.kind,
    category: f.category,
    severity: f.severity,
    cell: f.cell,
    district: f.district,
  }));
  expect(got).toEqual([
    { sheet: "汇总草稿", kind: "no-district", category: "structure", severity: "error", cell: undefined, district: undefined },
    { sheet: "封面", kind: "no-table", category: "structure", severity: "error", cell: undefined, district: "安吉县" },
    { sheet: "长兴县", kind: "no-period", category: "structure", severity: "error", cell: undefined, district: "长兴县" },
    { sheet: "安吉县", kind: "no-period", category: "structure", severity: "error", cell: "B2", district: "安吉县" },
  ]);
  expect(findingText(detection.findings[3], "zh")).toContain("明年");
  expect(detection.findings.every((f) => f.file === "detect.xlsx")).toBe(true);
});

test("the 规划指标 sheet, hidden sheets and sheets of plain text are not looked at", () => {
  const sheets = new Set([...detection.submissions.map((s) => s.sheet), ...detection.findings.map((f) => f.sheet)]);
  for (const name of ["规划指标", "隐藏表", "说明"]) expect(sheets.has(name)).toBe(false);
});

test("matching: code first (half-width, case-insensitive), then the normalised name", () => {
  const index = planIndex(plan);
  expect(planIndex(plan)).toBe(index);
  expect(matchIndicator(index, "ｔ－０１", undefined)?.code).toBe("T-01");
  expect(matchIndicator(index, " t-05 ", "社会养老床位总数")?.code).toBe("T-05");
  expect(matchIndicator(index, "Q-404", "社会养老床位总数")?.code).toBe("T-01");
  expect(matchIndicator(index, undefined, "每万人拥有　社会组织数")?.code).toBe("T-13");
  expect(matchIndicator(index, undefined, "每万人拥有社会组织数（家）")?.code).toBe("T-13");
  expect(matchIndicator(index, undefined, "社会组织")).toBeUndefined();
});
