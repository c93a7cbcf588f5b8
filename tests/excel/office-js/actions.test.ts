/* The use-cases of src/excel/actions.ts on Microsoft's Excel library, against the Excel
 * stand-in: plan, validation, confirmations (情况属实), compile, selection. */
import ExcelJS from "exceljs";
import { readConfirmations } from "../../../src/core/confirmations";
import { AppError } from "../../../src/core/errors";
import { CONFIRMATIONS_SHEET } from "../../../src/core/sheets";
import {
  compileInWorkbook,
  confirmFinding,
  markFindings,
  readPlan,
  readWorkbookConfirmations,
  removeResults,
  selectCell,
  unconfirmFinding,
  validateActiveWorkbook,
} from "../../../src/excel/actions";
import { MARK_FILL } from "../../../src/excel/marks";
import { readWorkbookBuffer } from "../../../src/files/read";
import { DEFECT_ROWS, GOOD_ROWS, seedWorkbook } from "../workbook-fixture";
import { optionsOf, pane } from "./harness";
import { OfficeHost } from "./runtime";
import { DESKTOP, WEB } from "./stand-in";

function setUp(districts?: Parameters<typeof seedWorkbook>[1], profile = DESKTOP) {
  const host = new OfficeHost(profile);
  seedWorkbook(host.excel, districts);
  const p = pane(host);
  return { host, p, o: optionsOf(p) };
}

test("without a 规划指标 sheet, validation stops with a Chinese reason", async () => {
  const host = new OfficeHost(DESKTOP);
  host.excel.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
  const p = pane(host);
  await expect(validateActiveWorkbook(p.run, optionsOf(p))).rejects.toThrow(AppError);
  await expect(validateActiveWorkbook(p.run, optionsOf(p))).rejects.toThrow(/规划指标/);
});

test("compile writes the result sheets and the chart, writes again over its own, and 删除结果工作表 takes them out", async () => {
  const { host, p, o } = setUp({ 吴兴区: GOOD_ROWS, 德清县: DEFECT_ROWS }, WEB);
  const first = await compileInWorkbook(p.run, o);
  if (first.status !== "written") throw new Error(JSON.stringify(first));
  expect(first.sheets).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"]);
  expect(first.result.submissions.map((s) => s.district)).toEqual(["吴兴区", "德清县"]);
  // Numbers stay numbers: the consolidated 社会养老床位数 is the sum of the usable values.
  expect([...host.excel.sheet("中期评估表").cells.values()].map((c) => c.value)).toContain(12000);
  expect(host.excel.formats).toContainEqual(expect.objectContaining({ sheet: "进度对比图", path: "charts.add()" }));

  const before = host.excel.requestsOf("pane").filter((r) => !r.cleanup).length;
  const again = await compileInWorkbook(p.run, o);
  expect(again.status).toBe("written");
  // Read: sheets, used ranges, samples, cells (4); write: the record (2), the sheets recorded and added (1), their content (1), print and chart (1).
  expect(host.excel.requestsOf("pane").filter((r) => !r.cleanup).length - before).toBe(9);
  expect(host.excel.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name)).toEqual([
    "吴兴区",
    "德清县",
    "规划指标",
    "中期评估表",
    "评估要点",
    "分区数据",
    "问题清单",
    "进度对比图",
  ]);

  const removed = await removeResults(p.run, o);
  expect(removed.removed).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"]);
  expect(host.excel.sheets.filter((s) => s.visibility === "Visible").map((s) => s.name)).toEqual(["吴兴区", "德清县", "规划指标"]);
});

test("a 情况属实 confirmation is stored in the workbook, shown on the finding and in 问题清单", async () => {
  const { host, p, o } = setUp({ 吴兴区: DEFECT_ROWS });
  const { findings } = await validateActiveWorkbook(p.run, { ...o, mark: false });
  const warning = findings.find((f) => f.kind === "unknown-indicator")!;
  await confirmFinding(p.run, warning, "=本区自设指标，已报市局", o);
  expect(host.excel.sheet(CONFIRMATIONS_SHEET).visibility).toBe("VeryHidden");
  expect(host.excel.cell(CONFIRMATIONS_SHEET, "E2")).toMatchObject({ value: "=本区自设指标，已报市局", numberFormat: "@" });
  expect(await readWorkbookConfirmations(p.run, o)).toEqual([
    expect.objectContaining({ sheet: "吴兴区", cell: "A10", kind: "unknown-indicator", reason: "=本区自设指标，已报市局" }),
  ]);

  const again = await validateActiveWorkbook(p.run, { ...o, mark: false });
  expect(again.findings.find((f) => f.cell === "A10")?.confirmed).toMatchObject({ reason: "=本区自设指标，已报市局" });
  expect(again.report.counts.submissions).toBe(1); // the record sheets are not submissions
  expect((await compileInWorkbook(p.run, o)).status).toBe("written");
  expect([...host.excel.sheet("问题清单").cells.values()].map((c) => c.value)).toContain("=本区自设指标，已报市局");

  await unconfirmFinding(p.run, warning, o);
  expect(await readWorkbookConfirmations(p.run, o)).toEqual([]);
});

test("the confirmations travel in the file: the .xlsx reader finds them", async () => {
  const { host, p, o } = setUp({ 吴兴区: DEFECT_ROWS });
  const warning = (await validateActiveWorkbook(p.run, { ...o, mark: false })).findings.find((f) => f.kind === "placeholder-text")!;
  await confirmFinding(p.run, warning, "指标口径说明", o);
  const book = new ExcelJS.Workbook();
  for (const s of host.excel.sheets) {
    const ws = book.addWorksheet(s.name, { state: s.visibility === "VeryHidden" ? "veryHidden" : "visible" });
    for (const [k, c] of s.cells) ws.getCell(Math.floor(k / 16384) + 1, (k % 16384) + 1).value = c.value as string | number;
  }
  const model = await readWorkbookBuffer(new Uint8Array(await book.xlsx.writeBuffer()), "吴兴区.xlsx");
  expect(readConfirmations(model)).toEqual([
    expect.objectContaining({ file: "吴兴区.xlsx", sheet: "吴兴区", cell: "E7", kind: "placeholder-text", reason: "指标口径说明" }),
  ]);
});

test("selectCell activates the sheet and selects the finding's cell", async () => {
  const { host, p } = setUp({ 吴兴区: DEFECT_ROWS, 德清县: GOOD_ROWS });
  await selectCell(p.run, "德清县", "D6");
  expect(host.excel.active).toBe("德清县");
});

test("markFindings marks the given findings without reading the workbook again", async () => {
  const { host, p, o } = setUp();
  const { findings } = await validateActiveWorkbook(p.run, { ...o, mark: false });
  const before = host.excel.requests.length;
  const out = await markFindings(
    p.run,
    findings.filter((f) => f.cell === "D9"),
    o,
  );
  const requests = host.excel.requests.slice(before).filter((r) => !r.cleanup);
  // The sheets (no record yet) (1), protections (1), the cell's fill and note (1), the record row and the mark (1).
  expect(requests).toHaveLength(4);
  expect(requests.flatMap((r) => r.cellsOf)).toEqual([]); // no cell values read
  expect(out).toMatchObject({ cells: 1, explanations: "note", notices: [] });
  expect(host.excel.cell("吴兴区", "D9")?.fill?.color).toBe(MARK_FILL.error);
  expect(host.excel.cell("吴兴区", "D6")?.fill).toBeUndefined();
});

test("a confirmed warning is not marked, by the ribbon's validation either; a confirmed error still is", async () => {
  const { host, p, o } = setUp();
  const { findings } = await validateActiveWorkbook(p.run, { ...o, mark: false });
  await confirmFinding(
    p.run,
    findings.find((f) => f.cell === "A10")!,
    "本区自设指标",
    o,
  );
  await confirmFinding(
    p.run,
    findings.find((f) => f.cell === "D6")!,
    "待核实",
    o,
  );
  const out = await validateActiveWorkbook(p.run, o);
  expect(out.findings.filter((f) => f.confirmed).map((f) => [f.cell, f.severity])).toEqual([
    ["D6", "error"],
    ["A10", "warning"],
  ]);
  expect(out.marks?.cells).toBe(3);
  expect(host.excel.cell("吴兴区", "A10")?.fill).toBeUndefined();
  expect(host.excel.cell("吴兴区", "D6")?.fill?.color).toBe(MARK_FILL.error);
  expect(host.excel.sheet("吴兴区").notes.get("D6")?.content).toContain("已确认情况属实：待核实");
});

test("readPlan reads only the 规划指标 sheet and loads its plan; without one, a Chinese reason", async () => {
  const { host, p, o } = setUp({ 吴兴区: GOOD_ROWS, 德清县: DEFECT_ROWS });
  const out = await readPlan(p.run, o);
  expect(host.excel.requests.filter((r) => !r.cleanup)).toHaveLength(4); // sheets, used range, sample, cells
  expect(out.file).toBe("区县填报.xlsx");
  expect(out.plan.indicators.map((i) => i.code)).toEqual(["YL-01", "YL-02", "YL-03", "SH-01"]);
  expect(out.findings).toEqual([]);

  const none = new OfficeHost(DESKTOP);
  none.excel.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
  const q = pane(none);
  await expect(readPlan(q.run, optionsOf(q))).rejects.toThrow(AppError);
});
