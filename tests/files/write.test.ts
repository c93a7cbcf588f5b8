/**
 * The .xlsx writer: what ExcelJS (and so Excel) reads back from the bytes it writes, the raw
 * XML of string cells (no formula injection), and the atomic file replacement.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { TableModel } from "../../src/core/table";
import { formatCode } from "../../src/core/table-style";
import { renderWorkbook } from "../../src/files/write";
import { writeFileAtomic, writeWorkbookFile } from "../../src/files/write-node";

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const INJECTIONS = ["=1+1", "+1", "-1", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "-2+3"];

const sample: TableModel = {
  name: "样表",
  columns: [{ width: 6 }, { width: 20 }, { width: 10 }, { width: 12 }],
  rows: [
    [{ value: "标题", style: "title", colSpan: 4 }],
    [{ value: "副标题", style: "subtitle", colSpan: 4 }],
    ["序号", "名称", "值", "评价"].map((v) => ({ value: v, style: "header" as const })),
    [
      { value: 1, format: { kind: "integer" } },
      { value: "床位数" },
      { value: 59.123, format: { kind: "number", decimals: 1 } },
      { value: "已完成", style: "status-met" },
    ],
    [
      { value: 2, format: { kind: "integer" } },
      { value: "护理型床位占比" },
      { value: 0.4321, format: { kind: "percent", decimals: 1 } },
      { value: "滞后（重点关注）", style: "attention", note: "约束性指标滞后" },
    ],
    ...INJECTIONS.map((s, i) => [{ value: 3 + i, format: { kind: "integer" as const } }, { value: s }, null, { value: null, style: "finding-error" as const }]),
  ],
  headerRows: 3,
  frozenColumns: 2,
  print: { landscape: true, fitToWidth: true, header: "标题 & 截至2018年6月" },
};

describe("renderWorkbook", () => {
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  beforeAll(async () => {
    wb = await load(await renderWorkbook([sample]));
    ws = wb.getWorksheet("样表")!;
  });

  it("keeps numbers as numbers with their number formats", () => {
    expect(ws.getCell("C4").value).toBe(59.123);
    expect(ws.getCell("C4").numFmt).toBe("0.0");
    expect(ws.getCell("C5").value).toBe(0.4321);
    expect(ws.getCell("C5").numFmt).toBe("0.0%");
    expect(ws.getCell("A4").value).toBe(1);
    expect(ws.getCell("A4").numFmt).toBe("0");
  });

  it("styles cells by meaning: fills, bold headers, borders inside the grid only", () => {
    const fill = (addr: string) => (ws.getCell(addr).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect(fill("D4")).toBe("FFC6EFCE"); // met: green
    expect(fill("D5")).toBe("FFFFC7CE"); // attention: red
    expect(fill("D6")).toBe("FFFFC7CE"); // finding-error, even on an empty cell
    expect(ws.getCell("A3").font.bold).toBe(true);
    expect(ws.getCell("B4").border?.left?.style).toBe("thin");
    expect(ws.getCell("A1").border?.left).toBeUndefined();
  });

  it("merges a cell's colSpan and writes notes", () => {
    expect(ws.getCell("D1").isMerged).toBe(true);
    expect(ws.getCell("D1").master.address).toBe("A1");
    expect(ws.getCell("A1").value).toBe("标题");
    const note = ws.getCell("D5").note;
    const text = typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("");
    expect(text).toBe("约束性指标滞后");
  });

  it("freezes the header rows and columns, sets widths and A4 landscape print", () => {
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3, xSplit: 2 });
    expect(ws.getColumn(2).width).toBe(20);
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    expect(ws.pageSetup.printTitlesRow?.replace(/\$/g, "")).toBe("1:3");
    expect(ws.headerFooter.oddHeader).toBe("&C标题 && 截至2018年6月");
  });

  it("writes strings that look like formulas as text, never as formulas", async () => {
    const bytes = await renderWorkbook([sample]);
    for (let i = 0; i < INJECTIONS.length; i++) {
      const cell = ws.getCell(6 + i, 2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(INJECTIONS[i]);
      expect(cell.formula).toBeUndefined();
    }
    // The raw XML: no <f> element anywhere, and each of those cells a shared or inline string.
    const zip = await JSZip.loadAsync(bytes);
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheetXml).not.toMatch(/<f[ >]/);
    for (let i = 0; i < INJECTIONS.length; i++) {
      const m = new RegExp(`<c r="B${6 + i}"[^>]*>`).exec(sheetXml);
      expect(m?.[0]).toMatch(/t="(s|inlineStr)"/);
    }
    const shared = await zip.file("xl/sharedStrings.xml")!.async("string");
    expect(shared).toContain("<t>=1+1</t>");
    expect(shared).toContain("<t>@SUM(A1)</t>");
  });
});

describe("inputs, protection and hidden sheets", () => {
  const form: TableModel = {
    name: "吴兴区",
    columns: [{ width: 10 }, { width: 10 }],
    rows: [
      [{ value: "本期值", style: "header" }, { value: "备注", style: "header" }],
      [{ value: null, style: "input" }, { value: null, style: "input" }],
      [{ value: null, style: "input" }, { value: "锁定" }],
    ],
    headerRows: 1,
    inputs: [
      { row: 1, col: 0, kind: "decimal", min: 0, max: 100, title: "YL-04", prompt: "请填写数值（单位：%），范围 0～100。" },
      { row: 1, col: 1, kind: "text", title: "备注", prompt: "情况特殊时请写明原因。" },
      { row: 2, col: 0, kind: "decimal", min: 0, prompt: "不小于 0" },
    ],
    protect: true,
  };
  const plan: TableModel = { name: "规划指标", columns: [{ width: 8 }], rows: [[{ value: "指标编码" }]], headerRows: 1, hidden: true, protect: true };

  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await load(await renderWorkbook([form, plan]));
  });

  it("puts decimal validation with a Chinese message on value inputs", () => {
    const dv = wb.getWorksheet("吴兴区")!.getCell("A2").dataValidation;
    expect(dv).toMatchObject({ type: "decimal", operator: "between", showErrorMessage: true, allowBlank: true });
    expect(dv.formulae.map(Number)).toEqual([0, 100]);
    expect(dv.error).toBe("请填写数值（单位：%），范围 0～100。");
    const lower = wb.getWorksheet("吴兴区")!.getCell("A3").dataValidation;
    expect(lower).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual" });
    expect(lower.formulae.map(Number)).toEqual([0]);
  });

  it("unlocks exactly the inputs and protects the sheet without a password", () => {
    const ws = wb.getWorksheet("吴兴区")!;
    expect(ws.getCell("A2").protection?.locked).toBe(false);
    expect(ws.getCell("B2").protection?.locked).toBe(false);
    expect(ws.getCell("B3").protection?.locked).not.toBe(false);
    expect(ws.getCell("A1").protection?.locked).not.toBe(false);
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
    expect(protection.sheet).toBe(true);
    expect(protection.hashValue).toBeUndefined();
  });

  it("hides the plan sheet and keeps the visible sheet active", () => {
    expect(wb.getWorksheet("规划指标")!.state).toBe("hidden");
    expect(wb.getWorksheet("吴兴区")!.state).toBe("visible");
    expect(wb.views[0].activeTab).toBe(0);
  });
});

describe("formatCode", () => {
  it("maps number formats to Excel codes", () => {
    expect(formatCode({ kind: "integer" })).toBe("0");
    expect(formatCode({ kind: "number", decimals: 2 })).toBe("0.00");
    expect(formatCode({ kind: "number", decimals: 0 })).toBe("0");
    expect(formatCode({ kind: "percent", decimals: 1 })).toBe("0.0%");
    expect(formatCode({ kind: "text" })).toBe("@");
  });
});

describe("writeWorkbookFile", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "write-test-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const sha = async (p: string) => createHash("sha256").update(await readFile(p)).digest("hex");

  it("replaces an existing file with the complete workbook and leaves no temporary file", async () => {
    const target = join(dir, "midterm.xlsx");
    await writeFile(target, "old content");
    await writeWorkbookFile({ path: target }, [sample]);
    const wb = await load(await readFile(target));
    expect(wb.getWorksheet("样表")!.getCell("C4").value).toBe(59.123);
    expect(await readdir(dir)).toEqual(["midterm.xlsx"]);
  });

  it("leaves the existing file untouched when writing fails", async () => {
    const target = join(dir, "midterm.xlsx");
    await writeFile(target, "old content");
    const before = await sha(target);
    // A table that ExcelJS refuses (an invalid sheet name) fails while rendering, before any rename.
    await expect(writeWorkbookFile({ path: target }, [{ ...sample, name: "bad:name?" }])).rejects.toThrow();
    expect(await sha(target)).toBe(before);
    expect(await readdir(dir)).toEqual(["midterm.xlsx"]);
  });

  it("removes its temporary file when the target cannot be replaced", async () => {
    const target = join(dir, "sub"); // a folder: rename over it fails
    await writeFile(join(dir, "keep.txt"), "x");
    const { mkdir } = await import("node:fs/promises");
    await mkdir(target);
    await writeFile(join(target, "inside.txt"), "y");
    await expect(writeFileAtomic(target, new Uint8Array([1, 2, 3]))).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(["keep.txt", "sub"]);
  });
});
