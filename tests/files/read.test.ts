import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { cellAt, type Sheet, type WorkbookModel } from "../../src/core/model";
import { readWorkbookBuffer, WorkbookReadError, type WorkbookReadReason } from "../../src/files/read";
import { readWorkbookFile } from "../../src/files/read-node";

const FIXTURES = join(__dirname, "..", "fixtures", "files");
const CELLS = join(FIXTURES, "cells.xlsx");

/** The cell under test in cells.xlsx: column B of the row whose column A says `label`. */
function caseCell(sheet: Sheet, label: string) {
  const r = sheet.rows.findIndex((row) => row[0]?.value === label);
  if (r < 0) throw new Error(`no row ${label} in the fixture`);
  return { row: r, cell: cellAt(sheet, r, 1) };
}

async function readError(p: Promise<unknown>): Promise<WorkbookReadError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkbookReadError) return e;
    throw e;
  }
  throw new Error("expected a WorkbookReadError");
}

describe("reading cells.xlsx (made by LibreOffice from cells.fods)", () => {
  let model: WorkbookModel;
  let sheet: Sheet;
  beforeAll(async () => {
    model = await readWorkbookFile(CELLS);
    sheet = model.sheets[0];
  });

  test("names the workbook after the file and keeps sheet order, hidden sheets marked", () => {
    expect(model.name).toBe("cells.xlsx");
    expect(model.sheets.map((s) => s.name)).toEqual(["单元格", "隐藏表", "空表"]);
    expect(model.sheets.map((s) => s.hidden === true)).toEqual([false, true, false]);
    expect(model.sheets[1].rows[0][0]?.value).toBe("隐藏的工作表");
  });

  test("an empty sheet has no rows", () => {
    expect(model.sheets[2].rows).toEqual([]);
  });

  test("strings keep their text as written, full-width and all", () => {
    expect(caseCell(sheet, "文本").cell).toEqual({ value: "吴兴区", text: "吴兴区" });
    expect(caseCell(sheet, "全角文字").cell).toEqual({ value: "７８％", text: "７８％" });
    expect(caseCell(sheet, "文本型数字").cell).toEqual({ value: "50", text: "50" });
  });

  test("text that begins with = stays text, never a formula", () => {
    const { cell } = caseCell(sheet, "等号开头的文字");
    expect(cell).toEqual({ value: "=1+1", text: "=1+1" });
  });

  test("numbers are raw numbers with their number format; General is left out", () => {
    expect(caseCell(sheet, "数字").cell).toEqual({ value: 59, text: "" });
    expect(caseCell(sheet, "百分比").cell).toEqual({ value: 0.78, text: "", numFmt: "0%" });
    expect(caseCell(sheet, "一位小数百分比").cell).toEqual({ value: 0.955, text: "", numFmt: "0.0%" });
    expect(caseCell(sheet, "千分位").cell).toEqual({ value: 10962.94, text: "", numFmt: "#,##0.00" });
  });

  test("a LibreOffice custom format is read as its format code", () => {
    const { cell } = caseCell(sheet, "自定义格式");
    expect(cell?.value).toBe(59.5);
    expect(cell?.numFmt).toMatch(/^0\.00\\?张$/);
  });

  test("formulas give their cached result and their text, a 0 result included", () => {
    expect(caseCell(sheet, "公式").cell).toEqual({ value: 118, text: "", formula: "B5*2" });
    expect(caseCell(sheet, "公式结果为零").cell).toEqual({ value: 0, text: "", formula: "B5-59" });
    expect(caseCell(sheet, "公式文字").cell).toEqual({ value: "约59张", text: "约59张", formula: '"约"&B5&"张"' });
    expect(caseCell(sheet, "公式百分比").cell).toEqual({ value: 0.78, text: "", numFmt: "0%", formula: "B6" });
  });

  test("error values become their text", () => {
    expect(caseCell(sheet, "错误值").cell).toEqual({ value: "#N/A", text: "#N/A", formula: "NA()" });
    expect(caseCell(sheet, "除以零").cell).toMatchObject({ value: "#DIV/0!", text: "#DIV/0!" });
  });

  test("dates become Date values (midnight UTC) with the date format", () => {
    const { cell } = caseCell(sheet, "日期");
    expect(cell?.value).toBeInstanceOf(Date);
    expect((cell?.value as Date).toISOString()).toBe("2018-06-30T00:00:00.000Z");
    expect(cell?.numFmt).toMatch(/yyyy.*年.*m.*月/);
  });

  test("booleans, rich text and hyperlinks", () => {
    expect(caseCell(sheet, "布尔").cell?.value).toBe(true);
    expect(caseCell(sheet, "富文本").cell).toEqual({ value: "完成考核目标的x%", text: "完成考核目标的x%" });
    expect(caseCell(sheet, "超链接").cell).toEqual({ value: "湖州市民政局", text: "湖州市民政局" });
  });

  test("merged cells: only the top-left cell holds the value, and the ranges are listed", () => {
    expect(sheet.rows[0][0]?.value).toBe("单元格读取测试");
    expect(sheet.rows[0][1]).toBeUndefined();
    expect(sheet.rows[0][2]).toBeUndefined();
    const vertical = caseCell(sheet, "合并两行");
    expect(cellAt(sheet, vertical.row + 1, 0)).toBeUndefined();
    expect(cellAt(sheet, vertical.row + 1, 1)?.value).toBe(2);
    expect(sheet.merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 0, right: 2 },
        { top: vertical.row, left: 0, bottom: vertical.row + 1, right: 0 },
      ]),
    );
    expect(sheet.merges).toHaveLength(2);
  });

  test("hidden rows are listed, and their cells are still read", () => {
    const hidden = caseCell(sheet, "隐藏行");
    expect(sheet.hiddenRows).toEqual([hidden.row]);
    expect(hidden.cell?.value).toBe(12);
  });

  test("rows are arrays even where the sheet is empty; far cells keep their column", () => {
    const far = sheet.rows.findIndex((row) => row[4]?.value === "远处");
    expect(far).toBeGreaterThan(0);
    expect(Array.isArray(sheet.rows[far - 1])).toBe(true);
    expect(sheet.rows[far - 1]).toHaveLength(0);
    expect(sheet.rows[far].slice(0, 4).every((c) => c === undefined)).toBe(true);
  });

  test("the model is plain data: it survives structured cloning (a Web Worker's postMessage)", () => {
    const copy = structuredClone(model);
    expect(copy).toEqual(model);
  });

  test("bytes (Uint8Array or ArrayBuffer) read the same as the file", async () => {
    const bytes = new Uint8Array(readFileSync(CELLS));
    const fromBytes = await readWorkbookBuffer(bytes, "cells.xlsx");
    const copy = bytes.slice().buffer;
    const fromArrayBuffer = await readWorkbookBuffer(copy, "cells.xlsx");
    expect(fromBytes).toEqual(model);
    expect(fromArrayBuffer).toEqual(model);
  });
});

describe("shared formulas (written by ExcelJS: LibreOffice does not write them)", () => {
  test("every cell sharing a formula gets its own translated formula and cached result", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表");
    ws.getCell("A1").value = 1;
    ws.getCell("A2").value = 2;
    ws.getCell("A3").value = 0;
    // The master of a shared formula; ExcelJS's typings do not list shareType and ref.
    ws.getCell("B1").value = { formula: "A1*10", result: 10, shareType: "shared", ref: "B1:B3" } as ExcelJS.CellFormulaValue;
    ws.getCell("B2").value = { sharedFormula: "B1", result: 20 };
    ws.getCell("B3").value = { sharedFormula: "B1", result: 0 };
    const bytes = await wb.xlsx.writeBuffer();
    const model = await readWorkbookBuffer(bytes as ArrayBuffer, "shared.xlsx");
    const b = model.sheets[0].rows.map((row) => row[1]);
    expect(b).toEqual([
      { value: 10, text: "", formula: "A1*10" },
      { value: 20, text: "", formula: "A2*10" },
      { value: 0, text: "", formula: "A3*10" },
    ]);
  });
});

describe("files that are not readable workbooks give a typed, one-line Chinese error", () => {
  const cells = () => new Uint8Array(readFileSync(CELLS));

  async function expectReason(data: Uint8Array, reason: WorkbookReadReason, zh: RegExp) {
    const e = await readError(readWorkbookBuffer(data, "坏文件.xlsx"));
    expect(e.reason).toBe(reason);
    expect(e.file).toBe("坏文件.xlsx");
    expect(e.message).toMatch(zh);
    expect(e.message).toMatch(/：坏文件\.xlsx$/);
    expect(e.message).not.toMatch(/\n/);
    expect(e.text("en")).toMatch(/: 坏文件\.xlsx$/);
    expect(e.text("en").replace("坏文件", "")).not.toMatch(/[\u4e00-\u9fff]/);
  }

  test("a missing file", async () => {
    const e = await readError(readWorkbookFile(join(FIXTURES, "没有这个文件.xlsx")));
    expect(e.reason).toBe("not-found");
    expect(e.message).toBe(`找不到文件：${join(FIXTURES, "没有这个文件.xlsx")}`);
  });

  test("a folder", async () => {
    const e = await readError(readWorkbookFile(FIXTURES));
    expect(e.reason).toBe("not-found");
    expect(e.message).toMatch(/文件夹/);
  });

  test("a text file is not a zip", async () => {
    await expectReason(new TextEncoder().encode("指标编码,指标名称\nYL-01,床位\n"), "not-a-workbook", /^不是可读取的工作簿（不是 \.xlsx、\.xlsm、\.xls 或 \.ods 文件）/);
  });

  test("an old .xls made by LibreOffice is read (an OLE2 compound file, through SheetJS)", async () => {
    const model = await readWorkbookFile(join(FIXTURES, "legacy.xls"));
    expect(model.sheets.map((s) => s.name)).toEqual(["吴兴区"]);
    expect(model.sheets[0].rows[0].map((c) => c?.value)).toEqual(["填报单位:", "吴兴区"]);
  });

  test("a password-protected workbook (an OLE2 compound file holding EncryptionInfo)", async () => {
    const e = await readError(readWorkbookFile(join(__dirname, "..", "fixtures", "reader", "encrypted.xlsx")));
    expect(e.reason).toBe("encrypted");
    expect(e.message).toBe("文件已加密（设有打开密码），请另存为未加密的工作簿：encrypted.xlsx");
  });

  test.each([0.1, 0.5, 0.9, 0.999])("a file cut at %p of its length is truncated", async (share) => {
    const bytes = cells();
    await expectReason(bytes.subarray(0, Math.floor(bytes.length * share)), "truncated", /^文件不完整/);
  });

  test("a zip that holds no workbook", async () => {
    // Rename the workbook part inside the zip (same length, so the zip stays well formed).
    const bytes = Buffer.from(cells());
    let renamed = 0;
    for (let at = bytes.indexOf("xl/workbook.xml"); at >= 0; at = bytes.indexOf("xl/workbook.xml", at + 1)) {
      bytes.write("xl/workbook.xmZ", at);
      renamed++;
    }
    expect(renamed).toBeGreaterThanOrEqual(2); // local header + central directory
    await expectReason(bytes, "not-a-workbook", /没有 Excel 工作簿/);
  });

  test("a zero-byte file", async () => {
    await expectReason(new Uint8Array(0), "empty", /^文件是空的（0 字节）/);
  });

  test("a workbook without any sheet", async () => {
    const bytes = await new ExcelJS.Workbook().xlsx.writeBuffer();
    await expectReason(new Uint8Array(bytes as ArrayBuffer), "empty", /没有工作表/);
  });

  test("damaged bytes inside the zip give an error or a result, never a crash or a hang", async () => {
    for (let k = 0; k < 10; k++) {
      const bytes = cells();
      const at = Math.floor((bytes.length * (k + 0.5)) / 10);
      bytes.fill(0x41, at, at + 300);
      try {
        const model = await readWorkbookBuffer(bytes, "damaged.xlsx");
        expect(Array.isArray(model.sheets)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(WorkbookReadError);
        expect((e as WorkbookReadError).message).toMatch(/damaged\.xlsx$/);
      }
    }
  });
});

describe("a sheet of 200,000 rows", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "read-big-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("reads completely without a crash", async () => {
    const path = join(dir, "大表.xlsx");
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = writer.addWorksheet("吴兴区");
    for (let i = 1; i <= 200_000; i++) ws.addRow([`YL-${i}`, i, i % 7 === 0 ? "待填" : i / 2]).commit();
    ws.commit();
    await writer.commit();
    const model = await readWorkbookFile(path);
    const rows = model.sheets[0].rows;
    expect(rows).toHaveLength(200_000);
    expect(rows[199_999].map((c) => c?.value)).toEqual(["YL-200000", 200_000, 100_000]);
    expect(rows[6][2]?.value).toBe("待填");
  }, 60_000);
});

describe("module boundaries", () => {
  const SRC = join(__dirname, "..", "..", "src");
  /** Every module read.ts reaches (static and lazy imports; type-only imports load nothing), with the outside packages it imports. */
  function reach(from: string, seen = new Map<string, string[]>()): Map<string, string[]> {
    if (seen.has(from)) return seen;
    const file = existsSync(`${from}.ts`) ? `${from}.ts` : join(from, "index.ts");
    const source = readFileSync(file, "utf8");
    const specs = [...source.matchAll(/(?:^(?:import|export)\s(?!type\s)[^;]*?from\s+|import\()"([^"]+)"/gm)].map((m) => m[1]);
    seen.set(from, specs.filter((s) => !s.startsWith(".")));
    for (const s of specs.filter((s) => s.startsWith("."))) reach(join(dirname(file), s), seen);
    return seen;
  }

  test("the reader stays browser-safe: no fs, path or node: module, and no ExcelJS, anywhere it reaches", () => {
    const reached = reach(join(SRC, "files", "read"));
    const outside = [...new Set([...reached.values()].flat())].sort();
    expect(outside).toEqual(["@e965/xlsx", "fflate"]);
    expect([...reached.keys()].map((p) => p.slice(SRC.length + 1)).sort()).toEqual(
      expect.arrayContaining(["files/read", "files/xlsx-read", "files/legacy-read", "files/zip", "files/xml"]),
    );
  });

  test("SheetJS is only imported lazily (import()), by the .xls/.ods module alone", () => {
    const read = readFileSync(join(SRC, "files", "read.ts"), "utf8");
    expect(read).not.toMatch(/from\s+"\.\/legacy-read"/);
    expect(read).toMatch(/await import\("\.\/legacy-read"\)/);
    const legacy = readFileSync(join(SRC, "files", "legacy-read.ts"), "utf8");
    expect(legacy).toMatch(/await import\("@e965\/xlsx"\)/);
    expect(legacy).not.toMatch(/^import [^t].*"@e965\/xlsx"/m);
  });
});
