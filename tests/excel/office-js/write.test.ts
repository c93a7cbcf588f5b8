/* Result sheets and templates written through Microsoft's Excel library into the Excel
 * stand-in: text stays text, styles by rectangles, conflicts with a user's sheets, the record
 * of the add-in's sheets, hosts that lack features or refuse the chart. */
import { render } from "../../../src/core/messages";
import type { TableModel } from "../../../src/core/table";
import { rowHeight } from "../../../src/core/table-style";
import { removeResultSheets, writeTables, type WriteOptions } from "../../../src/excel/write";
import { hostInfo, pane } from "./harness";
import { OfficeHost } from "./runtime";
import { DESKTOP, type Profile } from "./stand-in";

const INJECTIONS = ["=1+1", "+86 572 1234567", "-待核实", "@SUM(A1:A3)", '=HYPERLINK("http://x","点我")'];

function table(name = "问题清单"): TableModel {
  return {
    name,
    columns: [{ width: 6 }, { width: 20 }, { width: 12 }, { width: 10 }],
    headerRows: 2,
    rows: [
      [{ value: "填报问题清单", style: "title", colSpan: 4 }, null, null, null],
      [
        { value: "序号", style: "header" },
        { value: "说明", style: "header" },
        { value: "进度", style: "header" },
        { value: "评价", style: "header" },
      ],
      ...INJECTIONS.map((text, i) => [
        { value: i + 1 },
        { value: text, note: i === 0 ? "公式样的文字按文字写入" : undefined },
        { value: 0.5 + i / 10, format: { kind: "percent", decimals: 1 } as const },
        { value: i % 2 ? "滞后" : "已完成", style: i % 2 ? ("status-behind" as const) : ("status-met" as const) },
      ]),
      [{ value: "2018-06" }, { value: "50%" }, { value: null }, { value: "00123" }],
    ],
    print: { landscape: true, fitToWidth: true, header: "填报问题清单" },
  };
}

function setUp(profile: Profile = DESKTOP) {
  const host = new OfficeHost(profile);
  const p = pane(host);
  const write = (tables: TableModel[], options: Partial<WriteOptions> = {}) =>
    p.run((context) => writeTables(context, tables, { host: hostInfo(p), store: p.store, ...options }));
  const remove = () => p.run((context) => removeResultSheets(context, { host: hostInfo(p), store: p.store }));
  return { host, p, write, remove };
}

const fill = (host: OfficeHost, sheet: string, cell: string) => host.excel.cell(sheet, cell)?.fill?.color;
const visible = (host: OfficeHost) => host.excel.sheets.filter((s) => s.visibility !== "VeryHidden").map((s) => s.name);

test("text stays text: formula-like strings, dates and percents written as strings are not converted; numbers keep their formats", async () => {
  const { host, write } = setUp();
  const out = await write([table()]);
  expect(out).toMatchObject({ status: "written", sheets: ["问题清单"] });
  INJECTIONS.forEach((text, i) => {
    const cell = host.excel.cell("问题清单", `B${i + 3}`);
    expect(cell).toMatchObject({ value: text, numberFormat: "@" });
    expect(cell?.formula).toBeUndefined();
  });
  expect(host.excel.cell("问题清单", "A8")).toMatchObject({ value: "2018-06" });
  expect(host.excel.cell("问题清单", "B8")).toMatchObject({ value: "50%" });
  expect(host.excel.cell("问题清单", "D8")).toMatchObject({ value: "00123" });
  expect(host.excel.cell("问题清单", "C3")).toMatchObject({ value: 0.5, numberFormat: "0.0%" });
  expect(host.excel.cell("问题清单", "A3")).toMatchObject({ value: 1, numberFormat: "General" });
  // The sheets (1, no record yet), the sheet recorded and added (1), its content (1), print setup (1).
  expect(host.excel.requests.filter((r) => !r.cleanup)).toHaveLength(4);
});

test("styles go to rectangles of cells, not cell by cell; merges, freeze, notes, print where supported", async () => {
  const { host, write } = setUp();
  await write([table()]);
  expect(["A2", "B2", "C2", "D2"].map((c) => fill(host, "问题清单", c))).toEqual(Array(4).fill("#D9E1F2"));
  expect(["D3", "D4", "D5", "D6", "D7"].map((c) => fill(host, "问题清单", c))).toEqual([
    "#C6EFCE",
    expect.any(String),
    "#C6EFCE",
    expect.any(String),
    "#C6EFCE",
  ]);
  expect(host.excel.formats.filter((f) => f.path === "format.fill.color")).toEqual([]); // fills are simulated, not recorded
  expect(host.excel.sheet("问题清单").merges).toEqual(["A1:D1"]);
  expect(host.excel.formats).toContainEqual(expect.objectContaining({ path: "freezePanes.freezeRows()", value: [2] }));
  expect(host.excel.formats).toContainEqual(expect.objectContaining({ path: "pageLayout.orientation", value: "Landscape" }));
  expect(host.excel.sheet("问题清单").notes.get("B3")?.content).toBe("公式样的文字按文字写入");
  // Borders: one write per rectangle and edge, never per cell.
  const borders = host.excel.formats.filter((f) => f.path.endsWith(".style") && f.path.includes("borders"));
  expect(borders.length).toBeLessThan(6 * 10);
});

test("row heights as the .xlsx writer sets them (wrapped and merged text), one write per run of equal rows", async () => {
  const long = "截至2018年6月，规划期时间进度50.0%。".repeat(6);
  const t: TableModel = {
    name: "评估要点",
    columns: [{ width: 6 }, { width: 20 }],
    headerRows: 1,
    rows: [
      [{ value: "民政事业发展规划中期评估要点", style: "title", colSpan: 2 }, null],
      [{ value: long, colSpan: 2 }, null],
      [{ value: 1 }, { value: "短" }],
      [{ value: 2 }, { value: "短" }],
      [{ value: 3 }, { value: long }],
      [{ value: 4 }, { value: long }],
    ],
  };
  const { host, write } = setUp();
  await write([t]);
  const heights = host.excel.formats.filter((f) => f.path === "format.rowHeight").map((f) => [f.address, f.value]);
  expect(heights).toEqual([
    ["A1", 30],
    ["A2", rowHeight(t.rows[1], t.columns)],
    ["A5:A6", rowHeight(t.rows[4], t.columns)],
  ]);
});

test("on ExcelApi 1.1 the sheet is written plainer, with a notice, and no newer API is called", async () => {
  const { host, write } = setUp({ ...DESKTOP, name: "1.1", excelApi: "1.1" });
  const out = await write([table()]);
  if (out.status !== "written") throw new Error("not written");
  expect(out.notices.map((n) => n.kind)).toEqual(["formatting-reduced"]);
  expect(render(out.notices[0], "zh")).toMatch(/合并单元格.*列宽.*冻结表头.*打印设置.*批注/);
  expect(host.excel.cell("问题清单", "B3")).toMatchObject({ value: "=1+1" });
  expect(host.excel.sheet("问题清单").merges).toEqual([]);
  expect(host.excel.requests.filter((r) => r.error)).toEqual([]);
});

test("replaces the add-in's own sheets, never a user's sheet of the same name without asking", async () => {
  const { host, write, remove } = setUp();
  host.excel.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
  host.excel.addSheet("中期评估表", [["我自己的表"]]);

  const asked = await write([table("中期评估表"), table("问题清单")]);
  expect(asked).toEqual({ status: "conflict", conflicts: [{ name: "中期评估表", suggested: "中期评估表 (2)" }] });
  expect(visible(host)).toEqual(["吴兴区", "中期评估表"]);

  const renamed = await write([table("中期评估表"), table("问题清单")], { onConflict: "rename" });
  expect(renamed).toMatchObject({ status: "written", sheets: ["中期评估表 (2)", "问题清单"] });
  expect(host.excel.cell("中期评估表", "A1")?.value).toBe("我自己的表");

  // Written again: the add-in's own sheets are replaced, the user's stays.
  const ids = ["中期评估表 (2)", "问题清单"].map((n) => host.excel.sheet(n).id);
  const again = await write([table("中期评估表"), table("问题清单")], { onConflict: "rename" });
  expect(again).toMatchObject({ status: "written", sheets: ["中期评估表 (2)", "问题清单"] });
  expect(["中期评估表 (2)", "问题清单"].map((n) => host.excel.sheet(n).id)).not.toEqual(ids);
  expect(visible(host)).toEqual(["吴兴区", "中期评估表", "中期评估表 (2)", "问题清单"]);

  // The user renames one of the add-in's sheets: it is the user's now.
  host.excel.sheet("问题清单").name = "问题清单（存档）";
  const removed = await remove();
  expect(removed.removed).toEqual(["中期评估表 (2)"]);
  expect(visible(host)).toEqual(["吴兴区", "中期评估表", "问题清单（存档）"]);
});

test("a user's sheet that took the name of a deleted result sheet is never taken for it", async () => {
  const { host, write, remove } = setUp();
  await write([table("问题清单")]);
  host.excel.sheets.splice(host.excel.sheets.indexOf(host.excel.sheet("问题清单")), 1);
  host.excel.addSheet("问题清单", [["我的问题清单"]]);
  expect((await remove()).removed).toEqual([]);
  expect(host.excel.cell("问题清单", "A1")?.value).toBe("我的问题清单");
  expect(await write([table("问题清单")])).toMatchObject({ status: "conflict" });
});

test("a user's sheet is replaced only when the user said so", async () => {
  const { host, write } = setUp();
  host.excel.addSheet("问题清单", [["旧的"]]);
  await write([table()], { onConflict: "replace" });
  expect(host.excel.cell("问题清单", "A1")?.value).toBe("填报问题清单");
});

test("sheets written as the user's (a template) are not recorded as the add-in's", async () => {
  const { host, write, remove } = setUp();
  await write([table("吴兴区")], { results: false });
  expect((await remove()).removed).toEqual([]);
  expect(visible(host)).toEqual(["吴兴区"]);
});

test("a chart spec becomes a sheet with its data block and a native clustered bar chart", async () => {
  const { host, write } = setUp({ ...DESKTOP, name: "1.1", excelApi: "1.1" });
  await write([table("中期评估表")], {
    chart: {
      sheet: "进度对比图",
      title: "目标完成进度与时间进度对比",
      categoryHeader: "指标名称",
      categories: ["=养老床位", "低保标准"],
      series: [
        { name: "目标完成进度", values: [0.6, null] },
        { name: "时间进度", values: [0.5, 0.5] },
      ],
      format: "0.0%",
    },
  });
  expect(host.excel.cell("进度对比图", "A2")).toMatchObject({ value: "=养老床位", numberFormat: "@" });
  expect(host.excel.cell("进度对比图", "B2")).toMatchObject({ value: 0.6, numberFormat: "0.0%" });
  const add = host.excel.formats.find((f) => f.path === "charts.add()");
  expect(add).toMatchObject({ sheet: "进度对比图", value: ["BarClustered", "A1:C3", "Columns"] });
});

test("a host refusing the chart still gets the result sheets, and a notice", async () => {
  const { host, write } = setUp();
  host.excel.failOn.set("Recorder(charts).add", "GeneralException");
  const out = await write([table("中期评估表")], {
    chart: {
      sheet: "进度对比图",
      title: "t",
      categoryHeader: "指标名称",
      categories: ["a"],
      series: [{ name: "s", values: [0.5] }],
      format: "0%",
    },
  });
  expect(out).toMatchObject({ status: "written", sheets: ["中期评估表", "进度对比图"] });
  if (out.status === "written") expect(out.notices.map((n) => n.kind)).toEqual(["extras-failed"]);
  expect(host.excel.cell("中期评估表", "B3")?.value).toBe("=1+1");
});

test("a write that fails half-way leaves no half-written sheet, and says so", async () => {
  const { host, write } = setUp();
  host.excel.failOn.set("Range.merge", "GeneralException");
  await expect(write([table("中期评估表")])).rejects.toThrow(/未写完的工作表已删除/);
  expect(visible(host)).toEqual([]);
  expect(host.excel.failOn.delete("Range.merge")).toBe(true);
  expect(await write([table("中期评估表")])).toMatchObject({ status: "written" });
});
