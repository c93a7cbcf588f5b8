/**
 * The reader on legal-but-unusual, damaged and hostile packages (tests/fixtures/reader, made
 * by make.js from the LibreOffice-made clean.xlsx, and date1904-true.xlsx made by LibreOffice),
 * and on one submission saved by LibreOffice in every format the reader takes
 * (tests/fixtures/formats). Each case is judged on what validation then says: a sheet that
 * cannot be read is a finding naming it and why, every other sheet is still read, and no value
 * is read other than as the file says.
 */
import { findingText } from "../../src/core/messages";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { hasErrors, type Finding } from "../../src/core/findings";
import { cellAt, type WorkbookModel } from "../../src/core/model";
import { validateWorkbook, type ValidationResult } from "../../src/core/validate";
import { readWorkbookBuffer, WorkbookReadError } from "../../src/files/read";
import { readWorkbookFile } from "../../src/files/read-node";
import { testPlan } from "../core/validate-helpers";

const READER = join(__dirname, "..", "fixtures", "reader");
const FORMATS = join(__dirname, "..", "fixtures", "formats");
const CLEAN = join(__dirname, "..", "fixtures", "validate", "clean.xlsx");
const plan = testPlan();

async function check(name: string): Promise<{ wb: WorkbookModel; result: ValidationResult }> {
  const wb = await readWorkbookFile(join(READER, name));
  return { wb, result: validateWorkbook(plan, wb) };
}

const brief = (f: Finding) => ({ sheet: f.sheet, cell: f.cell, kind: f.kind, severity: f.severity });
const valueOf = (r: ValidationResult, sheet: string, code: string) => r.values.find((v) => v.sheet === sheet && v.indicator === code)?.value;
/** The clean submission's 13 values, as the plan reads them. */
const CLEAN_VALUES = 13;

describe("one sheet that cannot be read leaves the others read, and says why", () => {
  test("a listed sheet whose part is missing: 工作表“金凤区”的数据部件缺失", async () => {
    const { wb, result } = await check("missing-part.xlsx");
    expect(wb.sheets.map((s) => s.name)).toEqual(["安吉县", "金凤区"]);
    expect(result.findings.map(brief)).toEqual([{ sheet: "金凤区", cell: undefined, kind: "sheet-part-missing", severity: "error" }]);
    expect(findingText(result.findings[0], "zh")).toMatch(/^工作表“金凤区”的数据部件缺失/);
    expect(result.findings[0].category).toBe("structure");
    expect(result.values.filter((v) => v.sheet === "安吉县")).toHaveLength(CLEAN_VALUES);
  });

  test("a sheet named [旧] O'Neil is read, with a warning about its name; the submission beside it counts", async () => {
    const { wb, result } = await check("odd-name.xlsx");
    expect(wb.sheets.map((s) => s.name)).toEqual(["安吉县", "[旧] O'Neil"]);
    expect(cellAt(wb.sheets[1], 0, 0)?.value).toBe("旧表，勿用");
    expect(result.findings.map(brief)).toEqual([{ sheet: "[旧] O'Neil", cell: undefined, kind: "sheet-name-unusual", severity: "warning" }]);
    expect(result.values).toHaveLength(CLEAN_VALUES);
  });

  test("XML that is not well-formed: that sheet is reported, the other read", async () => {
    const { result } = await check("bad-xml.xlsx");
    expect(result.findings.map(brief)).toEqual([{ sheet: "德清县", cell: undefined, kind: "sheet-damaged", severity: "error" }]);
    expect(result.values.filter((v) => v.district === "安吉县")).toHaveLength(CLEAN_VALUES);
  });

  test("a value beyond Excel's last row: 工作表超过 1048576 行上限", async () => {
    const { result } = await check("too-many-rows.xlsx");
    expect(result.findings.map(brief)).toEqual([{ sheet: "超大表", cell: undefined, kind: "sheet-too-large", severity: "error" }]);
    expect(findingText(result.findings[0], "zh")).toMatch(/1048576 行/);
    expect(result.values).toHaveLength(CLEAN_VALUES);
  });
});

describe("zip bombs are too large, not damaged, and are never inflated whole", () => {
  const rssGrowth = async (file: string) => {
    const before = process.memoryUsage().rss;
    const out = await readWorkbookFile(join(READER, file)).catch((e: unknown) => e);
    return { out, growth: process.memoryUsage().rss - before };
  };

  test.each(["bomb.xlsx", "bomb-lying.xlsx"])("%s: a sheet inflating to 300 MB is over the part bound; the other sheet is read", async (file) => {
    const { out, growth } = await rssGrowth(file);
    const wb = out as WorkbookModel;
    const result = validateWorkbook(plan, wb);
    expect(result.findings.map(brief)).toEqual([{ sheet: "炸弹", cell: undefined, kind: "sheet-too-large", severity: "error" }]);
    expect(findingText(result.findings[0], "zh")).toMatch(/解压后.*MB/);
    expect(result.values).toHaveLength(CLEAN_VALUES);
    expect(growth).toBeLessThan(200 * 1024 * 1024);
  });

  test("the browser's inflate (fflate) stops at the bound too: a lying size, with an 8 MB part bound", async () => {
    const bytes = new Uint8Array(readFileSync(join(READER, "bomb-lying.xlsx")));
    const before = process.memoryUsage().rss;
    const wb = await readWorkbookBuffer(bytes, "bomb-lying.xlsx", { limits: { partBytes: 8 * 1024 * 1024 } });
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(validateWorkbook(plan, wb).findings.map((f) => [f.sheet, f.kind, findingText(f, "zh")])).toEqual([["炸弹", "sheet-too-large", "工作表“炸弹”超过读取上限（解压后 8 MB），未读取"]]);
  });

  test("shared strings inflating to 300 MB, declared as 4 KB: the file is too large", async () => {
    const { out, growth } = await rssGrowth("bomb-strings.xlsx");
    expect(out).toBeInstanceOf(WorkbookReadError);
    expect((out as WorkbookReadError).reason).toBe("too-large");
    expect((out as WorkbookReadError).message).toMatch(/^文件过大/);
    expect(growth).toBeLessThan(200 * 1024 * 1024);
  });
});

describe("sheet parts are found through workbook.xml.rels", () => {
  test("a part not named sheetN.xml, two sheets with one sheetId, Sheet2.xml for sheet2.xml, an absolute target", async () => {
    const { wb, result } = await check("sheet-parts.xlsx");
    expect(wb.sheets.map((s) => s.name)).toEqual(["安吉县", "德清县", "长兴县"]);
    expect(result.submissions.map((s) => s.district)).toEqual(["安吉县", "德清县", "长兴县"]);
    expect(result.findings).toEqual([]);
    expect(result.values).toHaveLength(3 * CLEAN_VALUES);
  });

  test("Strict Open XML (purl.oclc.org namespaces, prefixed elements) reads as the transitional original", async () => {
    const strict = await readWorkbookFile(join(READER, "strict.xlsx"));
    const clean = await readWorkbookFile(CLEAN);
    expect({ ...strict, name: "" }).toEqual({ ...clean, name: "" });
  });

  test("inline strings and no shared-strings part read as the original", async () => {
    const inline = await readWorkbookFile(join(READER, "inline-strings.xlsx"));
    const clean = await readWorkbookFile(CLEAN);
    expect({ ...inline, name: "" }).toEqual({ ...clean, name: "" });
  });
});

describe("values to the letter of the format", () => {
  test("t=\"d\" ISO dates are dates: 报告期 2018-06-30 is June 2018, a date in a value cell is not 2023", async () => {
    const { wb, result } = await check("date-cells.xlsx");
    expect((cellAt(wb.sheets[0], 1, 1)?.value as Date).toISOString()).toBe("2018-06-30T00:00:00.000Z");
    expect(result.submissions[0].period).toMatchObject({ year: 2018, month: 6 });
    expect(valueOf(result, "安吉县", "T-13")).toBeUndefined();
    expect(result.findings.map(brief)).toEqual([{ sheet: "安吉县", cell: "D18", kind: "not-a-number", severity: "error" }]);
  });

  test.each(["date1904-1.xlsx", "date1904-true.xlsx"])("%s: the 1904 date system in either spelling", async (file) => {
    const { wb, result } = await check(file);
    expect((cellAt(wb.sheets[0], 1, 1)?.value as Date).toISOString()).toBe("2018-06-30T00:00:00.000Z");
    expect(result.submissions[0].period).toMatchObject({ year: 2018, month: 6 });
    expect(result.findings).toEqual([]);
  });

  test("a cell stored twice with two values: an error on that cell, neither value counts", async () => {
    const { result } = await check("duplicate-cell.xlsx");
    expect(result.findings.map(brief)).toEqual([{ sheet: "安吉县", cell: "D6", kind: "cell-duplicate", severity: "error" }]);
    expect(findingText(result.findings[0], "zh")).toMatch(/9400.*9900/);
    expect(valueOf(result, "安吉县", "T-01")).toBeUndefined();
    expect(result.excluded.map((e) => e.indicator)).toEqual(["T-01"]);
    expect(result.values).toHaveLength(CLEAN_VALUES - 1);
  });

  test("a row stored twice: an error on the cell whose two values differ, neither counts", async () => {
    const { result } = await check("duplicate-row.xlsx");
    expect(result.findings.map(brief)).toEqual([{ sheet: "安吉县", cell: "D7", kind: "row-duplicate", severity: "error" }]);
    expect(findingText(result.findings[0], "zh")).toMatch(/第 7 行.*5000.*5600/);
    expect(valueOf(result, "安吉县", "T-02")).toBeUndefined();
    expect(result.values).toHaveLength(CLEAN_VALUES - 1);
  });

  test("one shared-string index out of range: that cell, not the file", async () => {
    const { result } = await check("bad-shared-string.xlsx");
    expect(result.findings.map(brief)).toEqual([{ sheet: "安吉县", cell: "D7", kind: "cell-shared-string", severity: "error" }]);
    expect(findingText(result.findings[0], "zh")).toMatch(/9999/);
    expect(result.values).toHaveLength(CLEAN_VALUES - 1);
  });

  test("1e999 and NaN are never read as numbers", async () => {
    const { wb, result } = await check("non-finite.xlsx");
    expect(cellAt(wb.sheets[0], 5, 3)).toBeUndefined();
    expect(cellAt(wb.sheets[0], 6, 3)).toBeUndefined();
    expect(result.findings.map(brief)).toEqual([
      { sheet: "安吉县", cell: "D6", kind: "cell-non-finite", severity: "error" },
      { sheet: "安吉县", cell: "D7", kind: "cell-non-finite", severity: "error" },
    ]);
    expect(result.values.every((v) => Number.isFinite(v.value))).toBe(true);
    expect(result.values).toHaveLength(CLEAN_VALUES - 2);
  });
});

describe("XML without DTDs: entities are never expanded", () => {
  const text = (wb: WorkbookModel) => JSON.stringify(wb);

  test("an external entity (XXE) in the shared strings: nothing of the local file is read", async () => {
    const out = await readWorkbookFile(join(READER, "xxe.xlsx")).catch((e: unknown) => e);
    if (out instanceof WorkbookReadError) expect(out.message).toMatch(/xxe\.xlsx$/);
    else expect(text(out as WorkbookModel)).not.toMatch(/root:/);
    expect(out).toBeInstanceOf(WorkbookReadError);
  });

  test("billion laughs in a sheet: that sheet is reported, and nothing is expanded (a hang would time the test out)", async () => {
    const { wb, result } = await check("billion-laughs.xlsx");
    expect(text(wb)).not.toMatch(/lollol/);
    expect(result.findings.map(brief)).toEqual([{ sheet: "安吉县", cell: undefined, kind: "sheet-damaged", severity: "error" }]);
  });
});

describe("one submission saved by LibreOffice as .xlsx, .xls, .ods (and .xls bytes named .et)", () => {
  let xlsx: WorkbookModel;
  beforeAll(async () => {
    xlsx = await readWorkbookFile(join(FORMATS, "金凤区.xlsx"));
  });

  test("the .xlsx: merged title, date 报告期, formats, formula, hidden row and sheet", () => {
    const sheet = xlsx.sheets[0];
    expect(xlsx.sheets.map((s) => [s.name, s.hidden === true])).toEqual([
      ["金凤区", false],
      ["说明", true],
      ["附表", false],
    ]);
    expect(sheet.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 4 }]);
    expect((cellAt(sheet, 2, 1)?.value as Date).toISOString()).toBe("2018-06-30T00:00:00.000Z");
    expect(cellAt(sheet, 4, 3)).toEqual({ value: 9400, text: "", formula: "D6+4400" });
    expect(cellAt(sheet, 6, 3)).toEqual({ value: 0.455, text: "", numFmt: "0.0%" });
    expect(sheet.hiddenRows).toEqual([8]);
  });

  /** The model with each format's quoted literals written as \-escapes ("年" → \年): one format written two ways. */
  const escapedFormats = (wb: WorkbookModel): WorkbookModel =>
    structuredClone({
      ...wb,
      name: "",
      sheets: wb.sheets.map((s) => ({
        ...s,
        rows: s.rows.map((row) =>
          row.map((c) => (c?.numFmt ? { ...c, numFmt: c.numFmt.replace(/"([^"]*)"/g, (_, lit: string) => [...lit].map((ch) => `\\${ch}`).join("")) } : c)),
        ),
      })),
    });

  test.each(["金凤区.xls", "金凤区.ods"])("%s gives the same workbook model and the same findings", async (file) => {
    const other = await readWorkbookFile(join(FORMATS, file));
    expect(escapedFormats(other)).toEqual(escapedFormats(xlsx));
    const a = validateWorkbook(plan, xlsx).findings.map((f) => ({ ...f, file: "" }));
    const b = validateWorkbook(plan, other).findings.map((f) => ({ ...f, file: "" }));
    expect(b).toEqual(a);
    expect(hasErrors(a)).toBe(true);
  });

  test(".et (WPS): read by content, as the compound file it is", async () => {
    const bytes = new Uint8Array(readFileSync(join(FORMATS, "金凤区.xls")));
    const et = await readWorkbookBuffer(bytes, "金凤区.et");
    expect({ ...et, name: "金凤区.xlsx" }).toEqual(xlsx);
  });
});
