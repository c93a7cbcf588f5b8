import { OfficeMockObject } from "office-addin-mock";
import { validateActiveWorkbook } from "../../src/excel/actions";
import { parseAreas, planBlocks, readWorkbook } from "../../src/excel/read";
import { RecordingExcel } from "./recording-mock";
import { GOOD_ROWS, seedWorkbook } from "./workbook-fixture";

/** A sheet that is not a submission: `rows` × 2 columns, a number and a text. */
function addDump(excel: RecordingExcel, rows: number): void {
  const data: (string | number)[][] = [];
  for (let r = 0; r < rows; r++) data.push([r * 2.5, `明细${r}`]);
  excel.addSheet("明细", data);
}

describe("readWorkbook with office-addin-mock (ExcelApi 1.1 host)", () => {
  test("fills the model from the used range: values, displayed text, formats, formulas, hidden sheets", async () => {
    const block = {
      values: [["填报单位", "吴兴区"], ["完成率", 0.78], ["合计", 12]],
      text: [["填报单位", "吴兴区"], ["完成率", "78%"], ["合计", "12"]],
      numberFormat: [["General", "General"], ["General", "0%"], ["General", "0"]],
      formulas: [["填报单位", "吴兴区"], ["完成率", 0.78], ["合计", "=SUM(B4:B5)"]],
    };
    const sheet = (name: string, visibility: string) => ({
      name,
      visibility,
      getUsedRange: () => track(new OfficeMockObject({ rowIndex: 1, columnIndex: 0, rowCount: 3, columnCount: 2 })),
      getRange: (address: string) => {
        requested.push(`${name}!${address}`);
        return track(new OfficeMockObject(block));
      },
    });
    const requested: string[] = [];
    // Ranges the code asks for are mock objects of their own: the context's sync loads them.
    const pending: OfficeMockObject[] = [];
    const track = (o: OfficeMockObject) => (pending.push(o), o);
    const mock = new OfficeMockObject({
      context: {
        workbook: { worksheets: { load: () => undefined } },
      },
    });
    // The mock does not model collections (it turns arrays into mock objects): the loaded
    // items are set as a plain array, and load is a no-op on the collection.
    mock.context.workbook.worksheets.items = [sheet("吴兴区", "Visible"), sheet("模板", "VeryHidden")];
    const context = mock.context as unknown as Excel.RequestContext;
    const sync = jest.spyOn(mock.context, "sync").mockImplementation(async () => {
      for (const o of pending.splice(0)) await o.sync();
    });
    const host = new RecordingExcel("1.1").host;
    const model = await readWorkbook(context, { host, name: "吴兴区.xlsx" });

    // Three rows of each sheet sampled (the text only), then every cell.
    expect(requested).toEqual(["吴兴区!A2:B2", "吴兴区!A3:B3", "吴兴区!A4:B4", "模板!A2:B2", "模板!A3:B3", "模板!A4:B4", "吴兴区!A2:B4", "模板!A2:B4"]);
    expect(sync).toHaveBeenCalledTimes(4);
    expect(model.name).toBe("吴兴区.xlsx");
    const [wx, hidden] = model.sheets;
    expect(wx.rows[0]).toEqual([]); // row 1 is above the used range
    expect(wx.rows[1][1]).toEqual({ value: "吴兴区", text: "吴兴区" });
    expect(wx.rows[2][1]).toEqual({ value: 0.78, text: "78%", numFmt: "0%" });
    expect(wx.rows[3][1]).toEqual({ value: 12, text: "12", numFmt: "0", formula: "SUM(B4:B5)" });
    expect(wx.hidden).toBeUndefined();
    expect(hidden.hidden).toBe(true);
    expect(wx.merges).toEqual([]);
    expect(wx.hiddenRows).toEqual([]);
  });
});

describe("readWorkbook with the recording mock", () => {
  test("reads merges (ExcelApi 1.13) and hidden rows (ExcelApi 1.9) where the host has them", async () => {
    const excel = new RecordingExcel("1.13");
    const s = excel.addSheet("吴兴区", [["填报单位", "吴兴区", null], ["a", 1, 2], ["b", 3, 4], ["c", 5, 6]]);
    s.merges.push("B1:C1");
    s.hiddenRows.add(2);
    const model = await readWorkbook(excel.context, { host: excel.host });
    expect(model.sheets[0].merges).toEqual([{ top: 0, left: 1, bottom: 0, right: 2 }]);
    expect(model.sheets[0].hiddenRows).toEqual([2]);
    expect(model.name).toBe(excel.workbookName);

    const old = new RecordingExcel("1.1");
    const t = old.addSheet("吴兴区", [["填报单位", "吴兴区", null], ["a", 1, 2]]);
    t.merges.push("B1:C1");
    t.hiddenRows.add(1);
    const plain = await readWorkbook(old.context, { host: old.host, name: "x.xlsx" });
    expect(plain.sheets[0].merges).toEqual([]);
    expect(plain.sheets[0].hiddenRows).toEqual([]);
    expect(plain.sheets[0].rows[1][2]).toEqual({ value: 2, text: "2" });
  });

  test("reading a 10-row and a 50,000-row sheet takes the same number of syncs (desktop)", async () => {
    const counts: number[] = [];
    for (const rows of [10, 50_000]) {
      const excel = new RecordingExcel("1.18", "PC");
      seedWorkbook(excel, { 吴兴区: GOOD_ROWS });
      addDump(excel, rows);
      const out = await validateActiveWorkbook(excel.run, { host: excel.host, store: excel.settings, mark: false });
      expect(out.findings).toEqual([]);
      expect(out.report.counts.submissions).toBe(1);
      counts.push(excel.syncs);
    }
    // Sheets, used ranges, a few rows of each, the cells (16 MB a request on desktop).
    expect(counts).toEqual([4, 4]);
  });

  test("the active-sheet scope reads only the active sheet with the plan", async () => {
    const excel = new RecordingExcel("1.18");
    seedWorkbook(excel, { 吴兴区: GOOD_ROWS, 德清县: GOOD_ROWS });
    excel.active = "德清县";
    const out = await validateActiveWorkbook(excel.run, { host: excel.host, store: excel.settings, scope: "activeSheet", mark: false });
    expect(out.report.files[0].submissions.map((s) => s.district)).toEqual(["德清县"]);
  });
});

describe("planBlocks", () => {
  test("cuts used ranges into row blocks and packs them into syncs within the budget", () => {
    const plan = planBlocks([{ row: 0, col: 0, rows: 25, cols: 4 }, null, { row: 3, col: 2, rows: 10, cols: 10 }], 60, 40);
    expect(plan).toEqual([
      [{ sheet: 0, row: 0, rows: 10 }, { sheet: 0, row: 10, rows: 5 }],
      [{ sheet: 0, row: 15, rows: 10 }, { sheet: 2, row: 3, rows: 2 }],
      [{ sheet: 2, row: 5, rows: 4 }, { sheet: 2, row: 9, rows: 2 }],
      [{ sheet: 2, row: 11, rows: 2 }],
    ]);
    for (const sync of plan) {
      const cells = sync.reduce((n, b) => n + b.rows * (b.sheet === 0 ? 4 : 10), 0);
      expect(cells).toBeLessThanOrEqual(60);
    }
  });

  test("sheets whose cells weigh more get fewer cells in a request", () => {
    const areas = [{ row: 0, col: 0, rows: 10, cols: 10 }, { row: 0, col: 0, rows: 10, cols: 10 }];
    expect(planBlocks(areas, 1000, 1000, [10, 100]).map((sync) => sync.map((b) => [b.sheet, b.rows]))).toEqual([[[0, 10]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]], [[1, 1]]]);
  });

  test("a row wider than the budget still gets read, alone", () => {
    expect(planBlocks([{ row: 0, col: 0, rows: 2, cols: 100 }], 50, 50)).toEqual([[{ sheet: 0, row: 0, rows: 1 }], [{ sheet: 0, row: 1, rows: 1 }]]);
  });
});

test("parseAreas reads RangeAreas addresses, quoted sheet names included", () => {
  expect(parseAreas("'吴兴区, 二'!A1:B2,'吴兴区, 二'!$D$4")).toEqual([
    { top: 0, left: 0, bottom: 1, right: 1 },
    { top: 3, left: 3, bottom: 3, right: 3 },
  ]);
});
