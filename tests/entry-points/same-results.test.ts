/**
 * Same inputs, same results, whichever door: the command line's main(), the page's worker
 * handler and the add-in's use-cases (through Microsoft's Excel library, against the Excel
 * stand-in of tests/excel/office-js) are fed one plan with
 * a bad definition row and one district workbook holding findings of every category of §6 and a
 * clerk's 情况属实 stored in its `_indicators` sheet, and a second district whose 60 unknown rows
 * collapse into one finding. Their findings (with the confirmation and the collapsed one), the
 * confirmations and the rows of 问题清单 must be identical.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/index";
import { CATEGORIES } from "../../src/core/findings";
import { a1, type Sheet, type WorkbookModel } from "../../src/core/model";
import { loadPlanFromJson } from "../../src/core/plan";
import { CONFIRMATIONS_SHEET, SHEET_NAMES } from "../../src/core/sheets";
import { findingJson, type FindingJson } from "../../src/core/views";
import { compileInWorkbook, validateActiveWorkbook } from "../../src/excel/actions";
import { markWorkbookBuffer } from "../../src/files/mark";
import { readWorkbookBuffer } from "../../src/files/read";
import { readWorkbookFile } from "../../src/files/read-node";
import { handleRequest } from "../../src/taskpane/worker-handler";
import { optionsOf, pane } from "../excel/office-js/harness";
import { OfficeHost } from "../excel/office-js/runtime";
import { DESKTOP } from "../excel/office-js/stand-in";
import { fixture } from "../core/validate-helpers";

const FILE = "测试区.xlsx";
const CONFIRMED = {
  sheet: "测试区",
  cell: "A19",
  kind: "unknown-indicator" as const,
  reason: "本区自设指标，已报市局",
  at: "2018-07-03T09:12:00.000Z",
};

let dir: string;
let planPath: string;
let planText: string;
let filePath: string;
let model: WorkbookModel;

/** The CLI's stdout for the arguments. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["node", "indicators", ...args], { out: (s) => void (out += s), err: (s) => void (err += s), isTTY: false });
  return { code, out, err };
}

/** The open workbook of the add-in: every sheet of the model, values, number formats and visibility as in the file. */
function excelWith(wb: WorkbookModel): OfficeHost {
  const host = new OfficeHost(DESKTOP);
  const excel = host.excel;
  excel.workbookName = wb.name;
  for (const s of wb.sheets) {
    const sheet = excel.addSheet(
      s.name,
      s.rows.map((row) => Array.from(row ?? [], (c) => (c === undefined || c.value === null || c.value instanceof Date ? null : c.value))),
      s.name === CONFIRMATIONS_SHEET ? "VeryHidden" : s.hidden ? "Hidden" : "Visible",
    );
    s.rows.forEach((row, r) =>
      (row ?? []).forEach((c, col) => {
        const cell = c?.numFmt ? excel.cell(s.name, a1(r, col)) : undefined;
        if (cell && c?.numFmt) cell.numberFormat = c.numFmt;
      }),
    );
    for (const r of s.hiddenRows) sheet.hiddenRows.add(r);
  }
  excel.active = wb.sheets[0].name;
  return host;
}

/** The values of a sheet's rows, as strings and numbers, from the model of a written .xlsx. */
const rowsOf = (sheet: Sheet): (string | number | null)[][] =>
  sheet.rows.map((row) => Array.from(row ?? [], (c) => (c === undefined || c.value === null ? null : (c.value as string | number))));

/** The same rows of a sheet the add-in wrote into the open workbook. */
function excelRows(host: OfficeHost, name: string, rows: number, cols: number): (string | number | null)[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const v = host.excel.cell(name, a1(r, c))?.value;
      return v === undefined || v === "" ? null : (v as string | number);
    }),
  );
}

/** Rows without trailing empty cells, to compare grids written by different renderers. */
const trim = (rows: (string | number | null)[][]) =>
  rows.map((r) => {
    const out = [...r];
    while (out.length > 0 && out[out.length - 1] === null) out.pop();
    return out;
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "indicators-same-"));
  // The plan: the test plan and one definition row that is wrong (a target that is not a number).
  const doc = JSON.parse(readFileSync(fixture("plan.json"), "utf8"));
  const rows = Array.isArray(doc) ? doc : doc.indicators;
  rows.push({ code: "BAD-01", name: "坏的定义行", unit: "张", targetYear: 2020, target: "待定" });
  planText = JSON.stringify(doc);
  planPath = join(dir, "plan.json");
  writeFileSync(planPath, planText);

  // The district workbook: rules.xlsx (eight categories), a draft sheet with a table but no
  // 填报单位 (structure), and a clerk's 情况属实 in the very hidden record sheet.
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(fixture("rules.xlsx")) as unknown as ArrayBuffer);
  const draft = book.addWorksheet("汇总草稿");
  draft.addRow(["指标编码", "指标名称", "本期值"]);
  draft.addRow(["T-01", "草稿行", 1]);
  // A second district whose table is a pasted block of 60 rows the plan does not know: collapsed into one finding.
  const pasted = book.addWorksheet("测试二区");
  pasted.addRow(["填报单位", "测试二区"]);
  pasted.addRow(["报告期", "2018年6月"]);
  pasted.addRow([]);
  pasted.addRow(["指标编码", "指标名称", "单位", "本期值"]);
  for (let i = 1; i <= 60; i++) pasted.addRow([`ZZ-${i}`, `自设指标${i}`, "个", i]);
  const withDraft = new Uint8Array(await book.xlsx.writeBuffer());
  const bytes = await markWorkbookBuffer(withDraft, [], { confirmations: [CONFIRMED] });
  filePath = join(dir, FILE);
  writeFileSync(filePath, bytes);
  model = await readWorkbookFile(filePath);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the command line, the page's worker and the add-in report the same findings, confirmations and 问题清单", async () => {
  // --- the command line
  const validated = await cli(["validate", "--plan", planPath, filePath, "--format", "json"]);
  expect(validated.code).toBe(1);
  const cliFindings: FindingJson[] = JSON.parse(validated.out).findings;
  const compiled = await cli(["compile", "--plan", planPath, filePath, "-o", join(dir, "midterm.xlsx")]);
  expect(compiled.code).toBe(0);
  const cliList = (await readWorkbookFile(join(dir, "midterm.xlsx"))).sheets.find((s) => s.name === SHEET_NAMES.findings)!;

  // --- the page's worker
  const plan = { kind: "json" as const, name: "plan.json", text: planText };
  const workerValidate = await handleRequest({ type: "validate", plan, workbooks: [model], decisions: [] }, () => undefined);
  if (workerValidate.type !== "validate") throw new Error(workerValidate.type);
  const workerCompile = await handleRequest({ type: "compile", plan, workbooks: [model], decisions: [], lang: "zh" }, () => undefined);
  if (workerCompile.type !== "compile") throw new Error(workerCompile.type);
  const workerList = (await readWorkbookBuffer(workerCompile.bytes, "midterm.xlsx")).sheets.find((s) => s.name === SHEET_NAMES.findings)!;

  // --- the add-in, the plan picked as a file in the pane (its definition findings kept)
  const excel = excelWith(model);
  const runtime = pane(excel);
  const options = optionsOf(runtime, { lang: "zh" as const, plan: loadPlanFromJson(planText, "plan.json") });
  const excelValidate = await validateActiveWorkbook(runtime.run, { ...options, mark: false });
  const excelCompile = await compileInWorkbook(runtime.run, options);
  expect(excelCompile.status).toBe("written");

  // Findings: the plan's bad row first, every category, the confirmed one with reason and time.
  const pageFindings = workerValidate.report.findings.map((f) => findingJson(f, "zh"));
  const addinFindings = excelValidate.findings.map((f) => findingJson(f, "zh"));
  expect(pageFindings).toEqual(cliFindings);
  expect(addinFindings).toEqual(cliFindings);
  expect(cliFindings[0]).toMatchObject({ file: "plan.json", category: "structure", message: expect.stringContaining("“待定”不是数字") });
  expect([...new Set(cliFindings.map((f) => f.category))].sort()).toEqual([...CATEGORIES].sort());
  expect(cliFindings.filter((f) => f.confirmed)).toEqual([
    expect.objectContaining({
      sheet: "测试区",
      cell: "A19",
      category: "unknown-indicator",
      confirmed: { reason: CONFIRMED.reason, at: CONFIRMED.at },
    }),
  ]);

  // Findings that repeat: one, with their count and range, alike in the three.
  expect(cliFindings.filter((f) => f.count !== undefined)).toEqual([
    expect.objectContaining({ sheet: "测试二区", cell: "A5", count: 60, range: "A5:A64", message: expect.stringMatching(/^60 处未知指标（A5:A64），首处：/) }),
  ]);

  // The table output says so too, with the reason; in English as well.
  const table = await cli(["validate", "--plan", planPath, filePath]);
  expect(table.out).toMatch(/A19\s+.*未知指标\s+提示\s+.*（已确认：本区自设指标，已报市局）/);
  expect(table.out.trim().split("\n").pop()).toMatch(/（其中 1 个已确认情况属实）$/);
  const english = await cli(["validate", "--plan", planPath, filePath, "--lang", "en"]);
  expect(english.out).toContain("(confirmed: 本区自设指标，已报市局)");

  // Confirmations: what the workbook carries, bound to its file.
  expect(workerValidate.report.confirmations).toEqual([{ ...CONFIRMED, file: FILE }]);
  expect(excelValidate.report.confirmations).toEqual(workerValidate.report.confirmations);

  // 问题清单: the same rows, the plan's finding and the clerk's reason among them.
  const expected = trim(rowsOf(cliList));
  expect(trim(rowsOf(workerList))).toEqual(expected);
  expect(trim(excelRows(excel, SHEET_NAMES.findings, expected.length, 11))).toEqual(expected);
  expect(expected.some((r) => r.includes("plan.json"))).toBe(true);
  expect(expected.some((r) => r.includes(CONFIRMED.reason))).toBe(true);
});
