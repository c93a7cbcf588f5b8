/**
 * Marked copies patch the original package: the parts before and after, entry by entry. Only
 * the styles, the flagged sheets, their notes (comments and VML drawing), their relationships
 * and, when a part is added, [Content_Types].xml change; every other entry is copied as stored,
 * byte for byte — the macros of an .xlsm, a chart sheet, a pivot cache, the 1904 date system.
 */
import { findingText } from "../../src/core/messages";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { makeFinding, type Finding } from "../../src/core/findings";
import { readWorkbookBuffer } from "../../src/files/read";
import { MARK_FILLS, markWorkbookBuffer, MarkError } from "../../src/files/mark";
import { inflateBounded } from "../../src/files/inflate";
import { extractEntry, readCentralDirectory, type ZipEntry } from "../../src/files/zip";

const READER = join(__dirname, "..", "fixtures", "reader");
const CLEAN = join(__dirname, "..", "fixtures", "validate", "clean.xlsx");

interface Part {
  entry: ZipEntry;
  stored: Buffer;
  text: string;
}

/** Every entry of a zip: its directory record, its stored bytes, its inflated text. */
function parts(bytes: Uint8Array): Map<string, Part> {
  const out = new Map<string, Part>();
  for (const entry of readCentralDirectory(bytes)) {
    const start = entry.localOffset + 30 + (bytes[entry.localOffset + 26] | (bytes[entry.localOffset + 27] << 8)) + (bytes[entry.localOffset + 28] | (bytes[entry.localOffset + 29] << 8));
    const stored = Buffer.from(bytes.subarray(start, start + entry.compressedSize));
    out.set(entry.name, { entry, stored, text: Buffer.from(extractEntry(bytes, entry, inflateBounded, 1 << 28)).toString("utf8") });
  }
  return out;
}

const error = (sheet: string, cell: string): Finding => makeFinding("not-a-number", { file: "f", sheet, cell }, { name: "社会养老床位总数", text: "abc" });
const warning = (sheet: string, cell: string): Finding => makeFinding("truncated-year", { file: "f", sheet, cell }, { match: "到201年", context: "到201年底" });

/** The entries that differ between two packages, and those only in the second. */
function compare(before: Map<string, Part>, after: Map<string, Part>) {
  const changed: string[] = [];
  for (const [name, part] of before) {
    const now = after.get(name);
    expect(now).toBeDefined();
    if (!now!.stored.equals(part.stored) || now!.entry.crc !== part.entry.crc) changed.push(name);
    else expect(now!.entry.method).toBe(part.entry.method);
  }
  return { changed: changed.sort(), added: [...after.keys()].filter((n) => !before.has(n)).sort() };
}

async function excel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const noteText = (note: ExcelJS.Cell["note"]) => (typeof note === "string" ? note : (note?.texts ?? []).map((t) => t.text).join(""));

describe("an .xlsm with macros, a chart sheet, a pivot cache, 1904 dates and a note", () => {
  const original = new Uint8Array(readFileSync(join(READER, "macro.xlsm")));
  const findings = [error("安吉县", "D6"), warning("安吉县", "D7"), error("安吉县", "H30")];
  let marked: Uint8Array;
  beforeAll(async () => {
    marked = await markWorkbookBuffer(original, findings);
  });

  test("only the styles, the flagged sheet and its notes change; every other entry is copied as stored", () => {
    const before = parts(original);
    const after = parts(marked);
    expect([...after.keys()]).toEqual([...before.keys()]);
    expect(compare(before, after)).toEqual({
      changed: ["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/styles.xml", "xl/worksheets/sheet1.xml"],
      added: [],
    });
    for (const kept of ["xl/vbaProject.bin", "xl/workbook.xml", "xl/charts/chart1.xml", "xl/chartsheets/sheet1.xml", "xl/pivotCache/pivotCacheRecords1.xml", "xl/worksheets/sheet2.xml", "[Content_Types].xml"]) {
      expect(after.get(kept)!.stored.equals(before.get(kept)!.stored)).toBe(true);
    }
    expect(after.get("xl/workbook.xml")!.text).toContain('date1904="1"');
  });

  test("the values read the same; the marked cells carry the fills; the existing note is kept, the findings below it", async () => {
    expect(await readWorkbookBuffer(marked, "macro.xlsm")).toEqual(await readWorkbookBuffer(original, "macro.xlsm"));
    const wb = await excel(marked);
    const ws = wb.getWorksheet("安吉县")!;
    expect(ws.getCell("D6").fill).toMatchObject({ pattern: "solid", fgColor: { argb: MARK_FILLS.error } });
    expect(ws.getCell("D7").fill).toMatchObject({ pattern: "solid", fgColor: { argb: MARK_FILLS.warning } });
    expect(ws.getCell("H30").fill).toMatchObject({ pattern: "solid", fgColor: { argb: MARK_FILLS.error } });
    expect(ws.getCell("D5").fill).toEqual((await excel(original)).getWorksheet("安吉县")!.getCell("D5").fill);
    const d6 = noteText(ws.getCell("D6").note);
    expect(d6).toMatch(/^王五:\n含新建的两家养老院\n【指标校验】【错误】“社会养老床位总数”的本期值“abc”不是数值$/);
    expect(noteText(ws.getCell("D7").note)).toBe(`【指标校验】【提示】${findingText(findings[1], "zh")}`);
    expect(noteText(ws.getCell("H30").note)).toBe(`【指标校验】【错误】${findingText(findings[2], "zh")}`);
  });

  test("the note drawing gains one hidden note shape per new note, after the existing one", () => {
    const vml = parts(marked).get("xl/drawings/vmlDrawing1.vml")!.text;
    expect([...vml.matchAll(/<v:shape id="(_x0000_s\d+)"/g)].map((m) => m[1])).toEqual(["_x0000_s1025", "_x0000_s1026", "_x0000_s1027"]);
    expect(vml).toContain("<x:Row>29</x:Row><x:Column>7</x:Column>");
  });
});

describe("a workbook without notes (LibreOffice-made)", () => {
  const original = new Uint8Array(readFileSync(CLEAN));
  let marked: Uint8Array;
  beforeAll(async () => {
    marked = await markWorkbookBuffer(original, [error("安吉县", "D6"), warning("安吉县", "Z40"), error("安吉县", "A4")]);
  });

  test("the notes' parts are added with their relationships and content types; nothing else changes", () => {
    const before = parts(original);
    const after = parts(marked);
    expect(compare(before, after)).toEqual({
      changed: ["[Content_Types].xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"],
      added: ["xl/comments1.xml", "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet1.xml.rels"],
    });
    const types = after.get("[Content_Types].xml")!.text;
    expect(types).toContain('<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>');
    expect(types).toContain('<Default Extension="vml"');
    const sheet = after.get("xl/worksheets/sheet1.xml")!.text;
    expect(sheet).toMatch(/<legacyDrawing r:id="rId\d+"\/><\/worksheet>$/);
    // Row 4 was empty (no row element): it is added between rows 3 and 5; row 40 at the end.
    expect(sheet).toMatch(/<\/row><row r="4"><c r="A4" s="\d+"\/><\/row><row r="5"/);
    expect(sheet).toMatch(/<row r="40"><c r="Z40" s="\d+"\/><\/row><\/sheetData>/);
  });

  test("ExcelJS reads the fills and notes; the values are unchanged", async () => {
    expect(await readWorkbookBuffer(marked, "clean.xlsx")).toEqual(await readWorkbookBuffer(original, "clean.xlsx"));
    const ws = (await excel(marked)).getWorksheet("安吉县")!;
    expect(ws.getCell("Z40").fill).toMatchObject({ fgColor: { argb: MARK_FILLS.warning } });
    expect(noteText(ws.getCell("A4").note)).toMatch(/^【指标校验】【错误】/);
  });
});

describe("packages the reader reads oddly are marked all the same", () => {
  test("Strict Open XML: the notes are in the Strict namespaces, the values unchanged", async () => {
    const original = new Uint8Array(readFileSync(join(READER, "strict.xlsx")));
    const marked = await markWorkbookBuffer(original, [error("安吉县", "D6")]);
    const after = parts(marked);
    expect(after.get("xl/comments1.xml")!.text).toContain('xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"');
    expect(after.get("xl/worksheets/_rels/sheet1.xml.rels")!.text).toContain('Type="http://purl.oclc.org/ooxml/officeDocument/relationships/comments"');
    expect(after.get("xl/worksheets/sheet1.xml")!.text).toMatch(/<x:legacyDrawing r:id="rId\d+"\/><\/x:worksheet>$/);
    expect(await readWorkbookBuffer(marked, "s.xlsx")).toEqual(await readWorkbookBuffer(original, "s.xlsx"));
  });

  test("a listed sheet without its part, and an odd sheet name: the readable sheet is marked, the rest copied", async () => {
    for (const file of ["missing-part.xlsx", "odd-name.xlsx"]) {
      const original = new Uint8Array(readFileSync(join(READER, file)));
      const marked = await markWorkbookBuffer(original, [error("安吉县", "D6"), error("金凤区", "A1"), warning("[旧] O'Neil", "A1")]);
      const { changed } = compare(parts(original), parts(marked));
      expect(changed).toEqual(file === "odd-name.xlsx" ? ["[Content_Types].xml", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] : ["[Content_Types].xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]);
    }
  });

  test("no finding with a cell: the copy is the original", async () => {
    const original = new Uint8Array(readFileSync(CLEAN));
    expect(Buffer.from(await markWorkbookBuffer(original, [makeFinding("no-submission", { file: "f" })])).equals(Buffer.from(original))).toBe(true);
  });

  test("an .xls or .ods cannot be patched: a clear error, no copy", async () => {
    for (const file of ["金凤区.xls", "金凤区.ods"]) {
      const bytes = new Uint8Array(readFileSync(join(__dirname, "..", "fixtures", "formats", file)));
      await expect(markWorkbookBuffer(bytes, [error("金凤区", "D6")])).rejects.toThrow(MarkError);
      await expect(markWorkbookBuffer(bytes, [error("金凤区", "D6")])).rejects.toThrow(/只能为 \.xlsx \/ \.xlsm 工作簿生成标记副本/);
    }
  });
});
