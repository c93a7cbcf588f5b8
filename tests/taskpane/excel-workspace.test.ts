/**
 * The pane's workspace inside Excel (src/taskpane/excel-workspace.ts), on Microsoft's Excel
 * library in the pane's runtime, against the Excel stand-in: what the pane's buttons do to
 * the workbook.
 */
import { render } from "../../src/core/messages";
import { MARK_FILL } from "../../src/excel/marks";
import { RECORD_SHEET } from "../../src/excel/record";
import { createExcelWorkspace } from "../../src/taskpane/excel-workspace";
import type { CompileRequest } from "../../src/taskpane/workspace";
import { hostInfo, pane, snapshotValues } from "../excel/office-js/harness";
import { OfficeHost } from "../excel/office-js/runtime";
import { DESKTOP } from "../excel/office-js/stand-in";
import { GOOD_ROWS, PLAN_ROWS, districtRows, seedWorkbook } from "../excel/workbook-fixture";

/** The pane's workspace over a workbook; no district files are picked in these tests, so no worker. */
function workspaceOf(host: OfficeHost) {
  const noWorker = () => Promise.reject(new Error("no worker: these tests pick no files"));
  const p = pane(host);
  return createExcelWorkspace(hostInfo(p), noWorker, { run: p.run, store: p.store });
}

function workbook(districts?: Parameters<typeof seedWorkbook>[1]): OfficeHost {
  const host = new OfficeHost(DESKTOP);
  seedWorkbook(host.excel, districts);
  return host;
}

/** Cells of the defect fixture with findings: D6 (error), E7 (warning), D9 (error), A10 (warning). */
const FLAGGED = ["D6", "E7", "D9", "A10"];
const fills = (host: OfficeHost, sheet = "吴兴区") => FLAGGED.map((c) => host.excel.cell(sheet, c)?.fill ?? null);
/** The sheets a user sees (the add-in's record sheets are very hidden). */
const visible = (host: OfficeHost) => host.excel.sheets.filter((s) => s.visibility !== "VeryHidden").map((s) => s.name);
/** Entries left in the add-in's record (rows below the header with anything in them). */
const recorded = (host: OfficeHost) => [...(host.excel.findSheet(RECORD_SHEET)?.cells ?? new Map()).entries()].filter(([k, c]) => k >= 16384 && c.value !== "").length;

describe("marks", () => {
  test("validate → markFindings → clearMarks restores the clerk's fills exactly, values untouched", async () => {
    const excel = workbook();
    excel.excel.cell("吴兴区", "D6")!.fill = { color: "#00B0F0", pattern: "Solid" };
    excel.excel.cell("吴兴区", "D9")!.fill = { color: "#FFFFFF", pattern: "Solid" };
    const before = fills(excel);
    const cells = snapshotValues(excel);
    const ws = workspaceOf(excel);

    const findings = await ws.validate("workbook");
    expect(findings.filter((f) => f.cell).map((f) => f.cell)).toEqual(FLAGGED);
    expect(fills(excel)).toEqual(before); // validating marks nothing

    const marked = await ws.markFindings(findings, "zh");
    expect(marked).toEqual({ marked: 4, notes: true, notices: [] });
    expect(fills(excel).map((f) => f?.color)).toEqual([MARK_FILL.error, MARK_FILL.warning, MARK_FILL.error, MARK_FILL.warning]);
    expect([...excel.excel.sheet("吴兴区").notes.keys()].sort()).toEqual(["A10", "D6", "D9", "E7"]);

    expect(await ws.clearMarks()).toEqual([]);
    expect(fills(excel)).toEqual(before);
    expect(excel.excel.sheet("吴兴区").notes.size).toBe(0);
    expect(recorded(excel)).toBe(0);
    expect(snapshotValues(excel)).toEqual(cells);
  });

  test("marks exactly the findings given, and leaves a confirmed warning unmarked", async () => {
    const excel = workbook();
    const ws = workspaceOf(excel);
    const findings = await ws.validate("workbook");

    // The pane filtered to errors: only D6 and D9.
    const errors = findings.filter((f) => f.severity === "error");
    expect((await ws.markFindings(errors, "zh")).marked).toBe(2);
    expect(fills(excel).map((f) => f?.color ?? null)).toEqual([MARK_FILL.error, null, MARK_FILL.error, null]);

    // The clerk confirms the A10 warning (情况属实); all findings marked: the earlier marks
    // are replaced, A10 gets neither fill nor note.
    const a10 = findings.find((f) => f.cell === "A10" && f.severity === "warning")!;
    await ws.confirm(a10, "本区自设指标，已报市局");
    const again = await ws.validate("workbook");
    expect(again.find((f) => f.cell === "A10")?.confirmed?.reason).toBe("本区自设指标，已报市局");
    expect((await ws.markFindings(again, "zh")).marked).toBe(3);
    expect(fills(excel).map((f) => f?.color ?? null)).toEqual([MARK_FILL.error, MARK_FILL.warning, MARK_FILL.error, null]);
    expect([...excel.excel.sheet("吴兴区").notes.keys()].sort()).toEqual(["D6", "D9", "E7"]);

    await ws.clearMarks();
    expect(fills(excel)).toEqual([null, null, null, null]);
  });

  test("findings on a sheet deleted since validating are skipped, with a notice", async () => {
    const excel = workbook({
      吴兴区: [["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "x", null]],
      德清县: [["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "xx", null]],
    });
    const ws = workspaceOf(excel);
    const findings = await ws.validate("workbook");
    expect(findings.filter((f) => f.cell).map((f) => `${f.sheet}!${f.cell}`)).toEqual(["吴兴区!D6", "德清县!D6"]);
    excel.excel.sheets.splice(excel.excel.sheets.indexOf(excel.excel.sheet("德清县")), 1);

    const out = await ws.markFindings(findings, "zh");
    expect(out.marked).toBe(1);
    expect(out.notices.map((n) => render(n, "zh"))).toEqual([expect.stringContaining("工作表“德清县”已不存在")]);
    expect(excel.excel.cell("吴兴区", "D6")?.fill?.color).toBe(MARK_FILL.error);
  });
});

describe("the plan", () => {
  test("loadPlan reads only the 规划指标 and 填报单位 sheets and returns their plan", async () => {
    const excel = workbook();
    excel.excel.addSheet("填报单位", [["填报单位"], ["吴兴区"], ["南浔区"]]);
    const view = await workspaceOf(excel).loadPlan();
    expect(view.source).toBe("规划指标");
    expect(view.indicators.map((i) => i.code)).toEqual(["YL-01", "YL-02", "YL-03", "SH-01"]);
    expect(view.indicators[1]).toMatchObject({ name: "社会养老床位数", type: "binding", target: 30000, targetYear: 2020 });
    expect(view.errors).toEqual([]);
    // Sheets, used ranges, samples, cells: of 规划指标 and 填报单位 only, no district sheet read.
    const requests = excel.excel.requests.filter((r) => !r.cleanup);
    expect(requests).toHaveLength(4);
    expect([...new Set(requests.flatMap((r) => r.cellsOf))]).toEqual(["规划指标", "填报单位"]);
  });

  test("a definition error is returned with its cell; without a 规划指标 sheet, a Chinese reason", async () => {
    const excel = new OfficeHost(DESKTOP);
    excel.excel.addSheet("规划指标", [...PLAN_ROWS, ["SH-02", "低保标准增幅", "社会救助", "%", "预期性", "正向", 2015, 5, 2020, "较高", 0, 100, "平均"]]);
    const view = await workspaceOf(excel).loadPlan();
    expect(view.indicators.map((i) => i.code)).toEqual(["YL-01", "YL-02", "YL-03", "SH-01"]);
    expect(view.errors).toEqual([expect.objectContaining({ kind: "plan-row-invalid", sheet: "规划指标", cell: "J6" })]);

    const empty = new OfficeHost(DESKTOP);
    empty.excel.addSheet("吴兴区", districtRows("吴兴区", GOOD_ROWS));
    await expect(workspaceOf(empty).loadPlan()).rejects.toThrow(/规划指标/);
  });

  test("createTemplate takes the plan of the 规划指标 sheet", async () => {
    const excel = workbook();
    const written = await workspaceOf(excel).createTemplate("南浔区", "2018-06");
    expect(written.sheets).toEqual(["南浔区"]);
    const text = [...excel.excel.sheet("南浔区").cells.values()].map((c) => c.value);
    expect(text).toEqual(expect.arrayContaining(["YL-01", "SH-01", "南浔区"]));
  });
});

describe("compile and a user's sheet named like a result sheet", () => {
  const request: CompileRequest = { plan: { kind: "sheet" }, useWorkbookSheets: true, files: [] };
  const RESULTS = ["评估要点", "分区数据", "问题清单", "进度对比图"];

  function withUserSheet() {
    const excel = workbook({ 吴兴区: GOOD_ROWS });
    excel.excel.addSheet("中期评估表", [["我的中期评估草稿", 2018]]);
    return excel;
  }

  test("asking: the conflict comes back with the summary, and nothing is written", async () => {
    const excel = withUserSheet();
    const out = await workspaceOf(excel).compile(request);
    expect(out.conflicts).toEqual([{ name: "中期评估表", suggested: "中期评估表 (2)" }]);
    expect(out.sheets).toBeUndefined();
    expect(out.rows.map((r) => r.indicator)).toEqual(["YL-01", "YL-02", "YL-03", "SH-01"]);
    expect(excel.excel.sheets.map((s) => s.name)).toEqual(["吴兴区", "规划指标", "中期评估表"]);
    expect(excel.excel.cell("中期评估表", "A1")?.value).toBe("我的中期评估草稿");
  });

  test("rename: the results go beside the user's sheet, and there again next time", async () => {
    const excel = withUserSheet();
    const ws = workspaceOf(excel);
    const out = await ws.compile({ ...request, onConflict: "rename" });
    expect(out.conflicts).toBeUndefined();
    expect(out.sheets).toEqual(["中期评估表 (2)", ...RESULTS]);
    expect(out.notices?.map((n) => render(n, "zh"))).toContainEqual(expect.stringContaining("结果写入了“中期评估表 (2)”"));
    expect(excel.excel.cell("中期评估表", "A1")?.value).toBe("我的中期评估草稿");
    expect(excel.excel.sheet("中期评估表").cells.size).toBe(2);

    // Asking again: the add-in's own "中期评估表 (2)" is replaced, no question.
    const again = await ws.compile(request);
    expect(again.conflicts).toBeUndefined();
    expect(again.sheets).toEqual(["中期评估表 (2)", ...RESULTS]);
    expect(visible(excel)).toEqual(["吴兴区", "规划指标", "中期评估表", "中期评估表 (2)", ...RESULTS]);
  });

  test("replace: the user's sheet gives way to the result, which is the add-in's from then on", async () => {
    const excel = withUserSheet();
    const ws = workspaceOf(excel);
    const users = excel.excel.sheet("中期评估表").id;
    const out = await ws.compile({ ...request, onConflict: "replace" });
    expect(out.sheets).toEqual(["中期评估表", ...RESULTS]);
    expect(excel.excel.sheet("中期评估表").id).not.toBe(users);
    const contents = [...excel.excel.sheet("中期评估表").cells.values()].map((c) => c.value);
    expect(contents).not.toContain("我的中期评估草稿");
    expect(contents).toContain("每千名老人拥有社会养老床位数");

    const again = await ws.compile(request);
    expect(again.conflicts).toBeUndefined();
    expect(again.sheets).toEqual(["中期评估表", ...RESULTS]);
  });

  test("删除结果工作表 deletes exactly the add-in's result sheets; the user's sheet beside them stays", async () => {
    const excel = withUserSheet();
    const ws = workspaceOf(excel);
    await ws.compile({ ...request, onConflict: "rename" });
    expect(await ws.removeResults()).toEqual(["中期评估表 (2)", ...RESULTS]);
    expect(visible(excel)).toEqual(["吴兴区", "规划指标", "中期评估表"]);
    expect(excel.excel.cell("中期评估表", "A1")?.value).toBe("我的中期评估草稿");
    // Nothing of the add-in's left: a second time removes nothing.
    expect(await ws.removeResults()).toEqual([]);
  });
});
