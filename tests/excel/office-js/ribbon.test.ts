/**
 * @jest-environment jsdom
 */
/* The ribbon's function file (src/commands/commands.ts) in its own runtime — this test's
 * window, with Microsoft's Excel library and Office from the host — beside the task pane's
 * runtime: separate settings copies, Office's start-up, the web's dialog quirks, the ribbon's
 * time limit (issue 11, defects 1 and 7). */
import { createExcelWorkspace } from "../../../src/taskpane/excel-workspace";
import { MARK_FILL } from "../../../src/excel/marks";
import { DEFECT_ROWS, seedWorkbook } from "../workbook-fixture";
import { fillOf, hostInfo } from "./harness";
import { OfficeHost, type Runtime } from "./runtime";
import { DESKTOP, type Profile, WEB } from "./stand-in";

type Commands = typeof import("../../../src/commands/commands");

const CLERK_BLUE = { color: "#00B0F0", pattern: "Solid" };

function setUp(profile: Profile) {
  const host = new OfficeHost(profile);
  seedWorkbook(host.excel, { 吴兴区: DEFECT_ROWS, 德清县: DEFECT_ROWS });
  host.excel.setCell("吴兴区", "D6", { value: "x", fill: CLERK_BLUE });
  host.excel.active = "吴兴区";
  const ribbon = host.start({ name: "ribbon", window, url: "/commands.html" });
  let commands: Commands | undefined;
  jest.isolateModules(() => {
    commands = require("../../../src/commands/commands") as Commands;
  });
  return { host, ribbon, commands: commands as Commands };
}

function paneWorkspace(p: Runtime) {
  return createExcelWorkspace(hostInfo(p), () => Promise.reject(new Error("no files in this test")), { run: p.run, store: p.store });
}

const shown = (host: OfficeHost) =>
  host.dialogs.map((d) => new URL(d.url).searchParams.getAll("line").join("\n") || (new URL(d.url).searchParams.get("notice") ?? ""));

afterEach(() => {
  for (const k of ["validate", "compile", "clearMarks"]) delete (window as unknown as Record<string, unknown>)[k];
});

test("defect 1: pane open, ribbon 校验本表, pane 标记, 清除标记 — the clerk's fill comes back", async () => {
  const { host, ribbon } = setUp(DESKTOP);
  const p = host.start({ name: "pane" });
  const workspace = paneWorkspace(p);
  const clicked = await host.click(ribbon, "validate");
  expect(clicked).toMatchObject({ invoked: true, completed: true });
  expect(fillOf(host.excel.cell("吴兴区", "D6"))?.color).toBe(MARK_FILL.error);

  const findings = await workspace.validate("workbook");
  await workspace.markFindings(findings, "zh");
  await workspace.clearMarks();
  expect(fillOf(host.excel.cell("吴兴区", "D6"))).toEqual(CLERK_BLUE);
  expect(fillOf(host.excel.cell("德清县", "D6"))).toBeNull();
  expect(host.excel.sheet("吴兴区").notes.size + host.excel.sheet("德清县").notes.size).toBe(0);
});

test("defect 1: the pane's clearing after the ribbon marked, with no pane action in between", async () => {
  const { host, ribbon } = setUp(DESKTOP);
  const p = host.start({ name: "pane" });
  await host.click(ribbon, "validate");
  await paneWorkspace(p).clearMarks();
  expect(fillOf(host.excel.cell("吴兴区", "D6"))).toEqual(CLERK_BLUE);
  expect(host.excel.sheet("吴兴区").notes.size).toBe(0);
});

test("defect 7: 校验本表 checks and marks the active sheet only, as its name says", async () => {
  const { host, ribbon } = setUp(DESKTOP);
  host.excel.active = "德清县";
  await host.click(ribbon, "validate");
  expect(fillOf(host.excel.cell("德清县", "D6"))?.color).toBe(MARK_FILL.error);
  expect(fillOf(host.excel.cell("吴兴区", "D6"))).toEqual(CLERK_BLUE);
  expect(shown(host)[0]).toMatch(/^校验完成：1 张填报表/);
});

test("defect 7: on the web an outcome of several lines still shows its dialog (office-js#2762)", async () => {
  const { host, ribbon } = setUp(WEB);
  host.excel.sheet("吴兴区").notes.set("A10", { content: "本区自设指标", author: "统计员" });
  const out = await host.click(ribbon, "validate");
  expect(out).toMatchObject({ invoked: true, completed: true });
  expect(host.dialogs).toHaveLength(1);
  expect(shown(host)[0]).toContain("\n• 1 个单元格原来已有备注或批注");
});

test("defect 7: work that would outlast Office's 5-minute limit stops in time, says so, and leaves nothing half-done", async () => {
  const { host, ribbon, commands } = setUp(WEB);
  // A request takes a second: the work must stop a request's time before the limit.
  Object.assign(commands.RIBBON_TIME, { limitMs: 3000, dialogMs: 300, marginMs: 1200, closeMs: 100 });
  host.excel.latencyMs = 1000;
  const out = await host.click(ribbon, "validate", { waitMs: 8000 });
  expect(out.completed).toBe(true);
  expect(out.ms).toBeLessThan(3000);
  expect(shown(host)[0]).toMatch(/^未能完成：.*时限/);
  host.excel.latencyMs = 0;
  const p = host.start({ name: "pane" });
  await paneWorkspace(p).clearMarks();
  expect(fillOf(host.excel.cell("吴兴区", "D6"))).toEqual(CLERK_BLUE);
});

test("校验本表 on Office 2016 (ExcelApi 1.1): marks the fills, reports in a dialog with the host's notice, completes", async () => {
  const { host, ribbon } = setUp({ ...DESKTOP, name: "1.1", excelApi: "1.1" });
  const out = await host.click(ribbon, "validate");
  expect(out).toMatchObject({ invoked: true, completed: true });
  expect(shown(host)[0]).toMatch(/^校验完成：1 张填报表，4 个问题（错误 2，提示 2；/);
  expect(shown(host)[0]).toContain("只标记了单元格底色");
  expect(fillOf(host.excel.cell("吴兴区", "D6"))?.color).toBe(MARK_FILL.error);
});

test("清除标记 and 汇总评估 complete too; an error is reported, not thrown", async () => {
  const { host, ribbon } = setUp(DESKTOP);
  await host.click(ribbon, "validate");
  await host.click(ribbon, "clearMarks");
  expect(shown(host)[1]).toBe("已清除标记：恢复了 4 个单元格的底色，删除了 4 条说明。");
  await host.click(ribbon, "compile");
  expect(shown(host)[2]).toMatch(
    /^汇总完成（评估时点 2018年6月，2 个填报单位）：已写入 中期评估表、评估要点、分区数据、问题清单、进度对比图。/,
  );
  host.excel.sheets.splice(host.excel.sheets.indexOf(host.excel.sheet("规划指标")), 1);
  const out = await host.click(ribbon, "compile");
  expect(out.completed).toBe(true);
  expect(shown(host)[3]).toMatch(/^未能完成：本工作簿中没有“规划指标”工作表/);
});

test("without the Dialog API the command still completes", async () => {
  const { host, ribbon } = setUp(DESKTOP);
  host.dialogApi = false;
  const out = await host.click(ribbon, "validate");
  expect(out).toMatchObject({ invoked: true, completed: true });
  expect(host.dialogs).toEqual([]);
});
