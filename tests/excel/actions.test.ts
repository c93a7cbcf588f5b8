import ExcelJS from "exceljs";
import { readConfirmations } from "../../src/core/confirmations";
import { CONFIRMATIONS_SHEET } from "../../src/core/sheets";
import {
  compileInWorkbook,
  confirmFinding,
  markFindings,
  readPlan,
  readWorkbookConfirmations,
  selectCell,
  unconfirmFinding,
  validateActiveWorkbook,
} from "../../src/excel/actions";
import { MARK_FILL } from "../../src/excel/marks";
import { AppError } from "../../src/core/errors";
import { readWorkbookBuffer } from "../../src/files/read";
import { RecordingExcel } from "./recording-mock";
import { DEFECT_ROWS, GOOD_ROWS, PLAN_ROWS, seedWorkbook } from "./workbook-fixture";

const options = (excel: RecordingExcel) => ({ host: excel.host, store: excel.settings });

test("without a 规划指标 sheet, validation stops with a Chinese reason", async () => {
  const excel = new RecordingExcel("1.18");
  excel.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
  await expect(validateActiveWorkbook(excel.run, options(excel))).rejects.toThrow(AppError);
  await expect(validateActiveWorkbook(excel.run, options(excel))).rejects.toThrow(/规划指标/);
});

test("compile writes the three result sheets and the chart, and writes again over its own", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel, { 吴兴区: GOOD_ROWS, 德清县: DEFECT_ROWS });
  const first = await compileInWorkbook(excel.run, options(excel));
  if (first.status !== "written") throw new Error(JSON.stringify(first));
  expect(first.sheets).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"]);
  expect(first.result.submissions.map((s) => s.district)).toEqual(["吴兴区", "德清县"]);
  // Numbers stay numbers: the consolidated 社会养老床位数 is the sum of the usable values.
  const row = excel.sheet("中期评估表");
  const actuals = [...row.cells.values()].map((c) => c.value);
  expect(actuals).toContain(12000);
  expect(excel.writes).toContainEqual(expect.objectContaining({ kind: "call", path: "charts.add", sheet: "进度对比图" }));

  const syncs = excel.syncs;
  const again = await compileInWorkbook(excel.run, options(excel));
  expect(again.status).toBe("written");
  expect(excel.syncs - syncs).toBe(6); // 3 to read; sheet names, every write, print setup and chart
  expect(excel.sheets.map((s) => s.name)).toEqual(["吴兴区", "德清县", "规划指标", "中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"]);
});

test("a 情况属实 confirmation is stored in the workbook, shown on the finding and in 问题清单", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel, { 吴兴区: DEFECT_ROWS });
  const { findings } = await validateActiveWorkbook(excel.run, { ...options(excel), mark: false });
  const warning = findings.find((f) => f.kind === "unknown-indicator");
  if (!warning) throw new Error("fixture has no unknown-indicator warning");
  await confirmFinding(excel.run, warning, "=本区自设指标，已报市局", options(excel));

  const record = excel.sheet(CONFIRMATIONS_SHEET);
  expect(record.visibility).toBe("VeryHidden");
  expect(excel.cell(CONFIRMATIONS_SHEET, "E2")).toMatchObject({ value: "=本区自设指标，已报市局", numberFormat: "@" });
  expect(await readWorkbookConfirmations(excel.run, options(excel))).toEqual([
    expect.objectContaining({ sheet: "吴兴区", cell: "A10", kind: "unknown-indicator", reason: "=本区自设指标，已报市局" }),
  ]);

  const again = await validateActiveWorkbook(excel.run, { ...options(excel), mark: false });
  expect(again.findings.find((f) => f.cell === "A10")?.confirmed).toMatchObject({ reason: "=本区自设指标，已报市局" });
  expect(again.report.counts.submissions).toBe(1); // the record sheet is not a submission

  const compiled = await compileInWorkbook(excel.run, options(excel));
  expect(compiled.status).toBe("written");
  const listed = [...excel.sheet("问题清单").cells.values()].map((c) => c.value);
  expect(listed).toContain("=本区自设指标，已报市局");

  await unconfirmFinding(excel.run, warning, options(excel));
  expect(await readWorkbookConfirmations(excel.run, options(excel))).toEqual([]);
});

test("the record sheet travels in the file: the .xlsx reader finds the confirmations", async () => {
  // What the add-in writes (a very hidden sheet of text cells), saved as a file.
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel, { 吴兴区: DEFECT_ROWS });
  const warning = (await validateActiveWorkbook(excel.run, { ...options(excel), mark: false })).findings.find((f) => f.kind === "placeholder-text");
  if (!warning) throw new Error("fixture has no placeholder-text warning");
  await confirmFinding(excel.run, warning, "指标口径说明", options(excel));
  const book = new ExcelJS.Workbook();
  for (const s of excel.sheets) {
    const ws = book.addWorksheet(s.name, { state: s.visibility === "VeryHidden" ? "veryHidden" : "visible" });
    for (const [k, c] of s.cells) ws.getCell(Math.floor(k / 16384) + 1, (k % 16384) + 1).value = c.value as string | number;
  }
  const model = await readWorkbookBuffer(new Uint8Array(await book.xlsx.writeBuffer()), "吴兴区.xlsx");
  expect(readConfirmations(model)).toEqual([
    expect.objectContaining({ file: "吴兴区.xlsx", sheet: "吴兴区", cell: "E7", kind: "placeholder-text", reason: "指标口径说明" }),
  ]);
});

test("selectCell activates the sheet and selects the finding's cell", async () => {
  const excel = new RecordingExcel("1.1");
  seedWorkbook(excel);
  await selectCell(excel.run, "吴兴区", "D6");
  expect(excel.writes.map((w) => [w.kind, w.sheet, w.address])).toEqual([
    ["activate", "吴兴区", undefined],
    ["select", "吴兴区", "D6"],
  ]);
});

test("markFindings marks the given findings without reading the workbook again: 3 syncs", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel);
  const { findings } = await validateActiveWorkbook(excel.run, { ...options(excel), mark: false });
  const syncs = excel.syncs;
  const out = await markFindings(excel.run, findings.filter((f) => f.cell === "D9"), options(excel));
  expect(excel.syncs - syncs).toBe(3); // sheet names; previous fills and notes; the writes
  expect(excel.cellsPerSync.slice(syncs)).toEqual([0, 0, 0]); // no cell values read
  expect(out).toMatchObject({ cells: 1, explanations: "note", notices: [] });
  expect(excel.writes.filter((w) => w.kind === "fill").map((w) => w.address)).toEqual(["D9"]);
});

test("a confirmed warning is not marked, by the ribbon's validation either; a confirmed error still is", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel);
  const { findings } = await validateActiveWorkbook(excel.run, { ...options(excel), mark: false });
  await confirmFinding(excel.run, findings.find((f) => f.cell === "A10")!, "本区自设指标", options(excel));
  await confirmFinding(excel.run, findings.find((f) => f.cell === "D6")!, "待核实", options(excel));
  const out = await validateActiveWorkbook(excel.run, options(excel));
  expect(out.findings.filter((f) => f.confirmed).map((f) => [f.cell, f.severity])).toEqual([
    ["D6", "error"],
    ["A10", "warning"],
  ]);
  expect(out.marks?.cells).toBe(3);
  expect(excel.cell("吴兴区", "A10")?.fill).toBeUndefined();
  expect(excel.cell("吴兴区", "D6")?.fill?.color).toBe(MARK_FILL.error);
  expect(excel.sheet("吴兴区").notes.get("D6")).toContain("已确认情况属实：待核实");
});

test("readPlan reads only the 规划指标 sheet (3 syncs) and loads its plan; without one, a Chinese reason", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel, { 吴兴区: GOOD_ROWS, 德清县: DEFECT_ROWS });
  const out = await readPlan(excel.run, options(excel));
  expect(excel.syncs).toBe(3);
  expect(excel.cellsPerSync).toEqual([0, 0, PLAN_ROWS.length * PLAN_ROWS[0].length]);
  expect(out.file).toBe("区县填报.xlsx");
  expect(out.plan.indicators.map((i) => i.code)).toEqual(["YL-01", "YL-02", "YL-03", "SH-01"]);
  expect(out.plan.units).toBeUndefined();
  expect(out.findings).toEqual([]);

  const none = new RecordingExcel("1.18");
  none.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
  await expect(readPlan(none.run, options(none))).rejects.toThrow(AppError);
});
