import type { TableModel } from "../../src/core/table";
import { render } from "../../src/core/messages";
import { rowHeight } from "../../src/core/table-style";
import { freeName, numberFormatOf, rectangles, removeResultSheets, writeTables } from "../../src/excel/write";
import { RecordingExcel } from "./recording-mock";

const INJECTIONS = ["=1+1", "+86 572 1234567", "-待核实", "@SUM(A1:A3)", "=HYPERLINK(\"http://x\",\"点我\")"];

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

describe("writeTables", () => {
  test("text stays text: formula-like strings, dates and percents written as strings are not converted", async () => {
    const excel = new RecordingExcel("1.18");
    const out = await writeTables(excel.context, [table()], { host: excel.host, store: excel.settings });
    expect(out).toMatchObject({ status: "written", sheets: ["问题清单"] });
    INJECTIONS.forEach((text, i) => {
      const cell = excel.cell("问题清单", `B${i + 3}`);
      expect(cell).toMatchObject({ value: text, numberFormat: "@" });
      expect(cell?.formula).toBeUndefined();
    });
    expect(excel.cell("问题清单", "A8")).toMatchObject({ value: "2018-06" });
    expect(excel.cell("问题清单", "B8")).toMatchObject({ value: "50%" });
    expect(excel.cell("问题清单", "D8")).toMatchObject({ value: "00123" });
    // Numbers stay numbers, with their formats.
    expect(excel.cell("问题清单", "C3")).toMatchObject({ value: 0.5, numberFormat: "0.0%" });
    expect(excel.cell("问题清单", "A3")).toMatchObject({ value: 1, numberFormat: "General" });
    // One values and one numberFormat assignment for the table, the format first.
    const kinds = excel.writes.filter((w) => w.kind === "values" || w.kind === "numberFormat").map((w) => w.kind);
    expect(kinds).toEqual(["numberFormat", "values"]);
    expect(excel.syncs).toBe(3); // sheet names; every write; print setup
  });

  test("styles go to rectangles of cells, not cell by cell; merges, freeze, notes, print where supported", async () => {
    const excel = new RecordingExcel("1.18");
    await writeTables(excel.context, [table()], { host: excel.host, store: excel.settings });
    const fills = excel.writes.filter((w) => w.kind === "fill");
    expect(fills).toContainEqual(expect.objectContaining({ address: "A2:D2", value: "#D9E1F2" })); // the header row at once
    expect(fills.filter((w) => w.value === "#C6EFCE").map((w) => w.address)).toEqual(["D3", "D5", "D7"]);
    expect(excel.writes).toContainEqual(expect.objectContaining({ kind: "merge", address: "A1:D1" }));
    expect(excel.writes).toContainEqual(expect.objectContaining({ kind: "call", path: "freezePanes.freezeRows", value: [2] }));
    expect(excel.writes).toContainEqual(expect.objectContaining({ kind: "format", path: "pageLayout.orientation", value: "Landscape" }));
    expect(excel.sheet("问题清单").notes.get("B3")).toBe("公式样的文字按文字写入");
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
    const excel = new RecordingExcel("1.18");
    await writeTables(excel.context, [t], { host: excel.host, store: excel.settings });
    const heights = excel.writes.filter((w) => w.kind === "format" && w.path === "format.rowHeight").map((w) => [w.address, w.value]);
    expect(heights).toEqual([
      ["A1", 30],
      ["A2", rowHeight(t.rows[1], t.columns)],
      ["A5:A6", rowHeight(t.rows[4], t.columns)],
    ]);
    expect(rowHeight(t.rows[4], t.columns)).toBeGreaterThan(rowHeight(t.rows[1], t.columns)!);
  });

  test("on ExcelApi 1.1 the sheet is written plainer, with a notice, and no newer API is called", async () => {
    const excel = new RecordingExcel("1.1");
    const out = await writeTables(excel.context, [table()], { host: excel.host, store: excel.settings });
    if (out.status !== "written") throw new Error("not written");
    expect(out.notices.map((n) => n.kind)).toEqual(["formatting-reduced"]);
    expect(render(out.notices[0], "zh")).toMatch(/合并单元格.*列宽.*冻结表头.*打印设置.*批注/);
    expect(excel.cell("问题清单", "B3")).toMatchObject({ value: "=1+1" });
    expect(excel.writes.some((w) => w.kind === "merge" || w.kind === "note-add")).toBe(false);
  });

  test("replaces the add-in's own sheets, never a user's sheet of the same name without asking", async () => {
    const excel = new RecordingExcel("1.18");
    excel.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
    const user = excel.addSheet("中期评估表", [["我自己的表"]]);
    const opts = { host: excel.host, store: excel.settings };

    const asked = await writeTables(excel.context, [table("中期评估表"), table("问题清单")], opts);
    expect(asked).toEqual({ status: "conflict", conflicts: [{ name: "中期评估表", suggested: "中期评估表 (2)" }] });
    expect(excel.writes).toEqual([]);

    const renamed = await writeTables(excel.context, [table("中期评估表"), table("问题清单")], { ...opts, onConflict: "rename" });
    expect(renamed).toMatchObject({ status: "written", sheets: ["中期评估表 (2)", "问题清单"] });
    expect(excel.sheet("中期评估表")).toBe(user);
    expect(excel.cell("中期评估表", "A1")?.value).toBe("我自己的表");

    // Written again: the add-in's own sheets are deleted and written anew, the user's stays.
    excel.writes.length = 0;
    const again = await writeTables(excel.context, [table("中期评估表"), table("问题清单")], { ...opts, onConflict: "rename" });
    expect(again).toMatchObject({ status: "written", sheets: ["中期评估表 (2)", "问题清单"] });
    expect(excel.writes.filter((w) => w.kind === "sheet-delete").map((w) => w.sheet)).toEqual(["中期评估表 (2)", "问题清单"]);
    expect(excel.sheets.map((s) => s.name)).toEqual(["吴兴区", "中期评估表", "中期评估表 (2)", "问题清单"]);

    const removed = await removeResultSheets(excel.context, { store: excel.settings });
    expect(removed.removed).toEqual(["中期评估表 (2)", "问题清单"]);
    expect(excel.sheets.map((s) => s.name)).toEqual(["吴兴区", "中期评估表"]);
  });

  test("a user's sheet is replaced only when the user said so", async () => {
    const excel = new RecordingExcel("1.18");
    excel.addSheet("问题清单", [["旧的"]]);
    await writeTables(excel.context, [table()], { host: excel.host, store: excel.settings, onConflict: "replace" });
    expect(excel.cell("问题清单", "A1")?.value).toBe("填报问题清单");
  });

  test("sheets written as the user's (a template) are not recorded as the add-in's", async () => {
    const excel = new RecordingExcel("1.18");
    await writeTables(excel.context, [table("吴兴区")], { host: excel.host, store: excel.settings, results: false });
    const removed = await removeResultSheets(excel.context, { store: excel.settings });
    expect(removed.removed).toEqual([]);
    expect(excel.sheets.map((s) => s.name)).toEqual(["吴兴区"]);
  });

  test("a chart spec becomes a sheet with its data block and a native clustered bar chart", async () => {
    const excel = new RecordingExcel("1.1");
    await writeTables(excel.context, [table("中期评估表")], {
      host: excel.host,
      store: excel.settings,
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
    expect(excel.cell("进度对比图", "A2")).toMatchObject({ value: "=养老床位", numberFormat: "@" });
    expect(excel.cell("进度对比图", "B2")).toMatchObject({ value: 0.6, numberFormat: "0.0%" });
    expect(excel.writes).toContainEqual(expect.objectContaining({ kind: "call", path: "charts.add", sheet: "进度对比图" }));
    const add = excel.writes.find((w) => w.path === "charts.add");
    expect((add?.value as unknown[]).slice(0, 1)).toEqual(["BarClustered"]);
  });
});

test("a host refusing the chart still gets the result sheets, and a notice", async () => {
  const excel = new RecordingExcel("1.18");
  excel.failing.add("charts.add");
  const out = await writeTables(excel.context, [table("中期评估表")], {
    host: excel.host,
    store: excel.settings,
    chart: { sheet: "进度对比图", title: "t", categoryHeader: "指标名称", categories: ["a"], series: [{ name: "s", values: [0.5] }], format: "0%" },
  });
  expect(out).toMatchObject({ status: "written", sheets: ["中期评估表", "进度对比图"] });
  if (out.status === "written") expect(out.notices.map((n) => n.kind)).toEqual(["extras-failed"]);
  expect(excel.cell("中期评估表", "B3")?.value).toBe("=1+1");
});

describe("helpers", () => {
  test("freeName finds the first free “name (k)” within 31 characters", () => {
    expect(freeName("中期评估表", new Set(["中期评估表", "中期评估表 (2)"]))).toBe("中期评估表 (3)");
    expect(freeName("x".repeat(31), new Set())).toBe(`${"x".repeat(27)} (2)`);
  });

  test("numberFormatOf: every string is Text, numbers keep their format", () => {
    expect(numberFormatOf({ value: "=1" })).toBe("@");
    expect(numberFormatOf({ value: 3, format: { kind: "number", decimals: 2 } })).toBe("0.00");
    expect(numberFormatOf({ value: 3 })).toBe("General");
    expect(numberFormatOf(null)).toBe("General");
  });

  test("rectangles joins runs of equal keys across rows", () => {
    const keys = [
      ["a", "a", "b"],
      ["a", "a", "b"],
      ["c", null, "b"],
    ];
    const rects = rectangles(3, 3, (r, c) => keys[r][c]);
    expect(Object.fromEntries(rects)).toEqual({
      a: [{ top: 0, left: 0, bottom: 1, right: 1 }],
      b: [{ top: 0, left: 2, bottom: 2, right: 2 }],
      c: [{ top: 2, left: 0, bottom: 2, right: 0 }],
    });
  });
});
