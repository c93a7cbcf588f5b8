/**
 * The reader on mutated real files (fast-check): bytes of the zip or compound file changed,
 * and the XML inside a package cut, repeated or spiked with hostile markup, then packed again.
 * Whatever comes in, the reader gives a workbook model (which validation then takes) or a
 * WorkbookReadError — never another exception, never a hang, never memory beyond its bounds.
 * Small limits keep each case fast; the runs are few enough for CI (a few seconds).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { deflateSync } from "fflate";
import { validateWorkbook } from "../../src/core/validate";
import { inflateBounded } from "../../src/files/inflate";
import { readWorkbookBuffer, WorkbookReadError, type ReadLimits } from "../../src/files/read";
import { crc32, extractEntry, readCentralDirectory, writeZip } from "../../src/files/zip";
import { testPlan } from "../core/validate-helpers";

const FIXTURES = join(__dirname, "..", "fixtures");
const ZIPS = ["validate/clean.xlsx", "reader/macro.xlsm", "formats/金凤区.xlsx", "reader/sheet-parts.xlsx"].map((f) => new Uint8Array(readFileSync(join(FIXTURES, f))));
const BINARIES = ["formats/金凤区.xls", "formats/金凤区.ods"].map((f) => new Uint8Array(readFileSync(join(FIXTURES, f))));
const LIMITS: Partial<ReadLimits> = { partBytes: 2 * 1024 * 1024, totalBytes: 4 * 1024 * 1024, cells: 50_000, sharedStrings: 10_000 };
const plan = testPlan();

/** Reads, then validates what was read; only a WorkbookReadError may come out. */
async function readOrRefuse(bytes: Uint8Array): Promise<void> {
  let wb;
  try {
    wb = await readWorkbookBuffer(bytes, "fuzz.xlsx", { limits: LIMITS });
  } catch (e) {
    if (e instanceof WorkbookReadError) {
      expect(e.message).toMatch(/：fuzz\.xlsx$/);
      expect(e.message).not.toMatch(/\n/);
      return;
    }
    throw e;
  }
  for (const sheet of wb.sheets) {
    expect(typeof sheet.name).toBe("string");
    expect(Array.isArray(sheet.rows)).toBe(true);
    for (const row of sheet.rows) for (const cell of row) if (cell && typeof cell.value === "number") expect(Number.isFinite(cell.value)).toBe(true);
  }
  expect(structuredClone(wb)).toEqual(wb);
  validateWorkbook(plan, wb);
}

const byteEdits = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 12 });

function withEdits(source: Uint8Array, edits: { at: number; byte: number }[]): Uint8Array {
  const bytes = source.slice();
  for (const { at, byte } of edits) bytes[at % bytes.length] = byte;
  return bytes;
}

const HOSTILE = [
  "<",
  ">",
  "&",
  "&#0;",
  "&bogus;",
  '"',
  "</row>",
  "<row>",
  '<row r="0">',
  '<row r="99999999999">',
  '<c r="XFE1"><v>1</v></c>',
  '<c r="A1048577"><v>1</v></c>',
  '<c r="B2" t="d"><v>2023-02-30</v></c>',
  '<c r="B2" t="s"><v>-1</v></c>',
  '<c r="B2"><v>1e999</v></c>',
  '<c r="B2" t="b"><v>2</v></c>',
  '<c r="B2" t="zz"><v>1</v></c>',
  '<c r="B2"><f t="shared" si="7"/><v>3</v></c>',
  "<![CDATA[",
  "]]>",
  "<!--",
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>',
  "<?pi ?>",
  '<mergeCell ref="A1:XFD1048576"/>',
  '<sheet name="新表" sheetId="9" r:id="rId99"/>',
  '<Relationship Id="rId2" Type="x/worksheet" Target="../../../etc/passwd"/>',
  '<si><t>x</t></si>',
  '<xf numFmtId="14"/>',
  "\u0000",
  "\uFFFF",
];

type XmlEdit = { kind: "cut"; at: number; length: number } | { kind: "repeat"; at: number; length: number } | { kind: "insert"; at: number; what: string };

/** A mutation of one XML text: cut a range, repeat a range, or put hostile markup somewhere. */
const xmlEdit: fc.Arbitrary<XmlEdit> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("repeat" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), what: fc.constantFrom(...HOSTILE) }),
);

function editXml(text: string, edits: XmlEdit[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    if (e.kind === "cut") out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.kind === "repeat") out = out.slice(0, at + e.length) + out.slice(at, at + e.length) + out.slice(at + e.length);
    else if (e.kind === "insert") out = out.slice(0, at) + e.what + out.slice(at);
  }
  return out;
}

/** The package with one of its XML parts mutated, packed again. */
function withXmlEdits(source: Uint8Array, pick: number, edits: XmlEdit[]): Uint8Array {
  const entries = readCentralDirectory(source);
  const xml = entries.filter((e) => /\.(xml|rels)$/.test(e.name));
  const target = xml[pick % xml.length];
  const encoder = new TextEncoder();
  return writeZip(
    entries.map((e) => {
      const data = extractEntry(source, e, inflateBounded, 1 << 24);
      const content = e === target ? encoder.encode(editXml(new TextDecoder().decode(data), edits)) : data;
      return { name: e.name, method: 8, crc: crc32(content), size: content.length, modified: e.modified, stored: deflateSync(content) };
    }),
  );
}

describe("the reader on mutated files: a model or a WorkbookReadError, nothing else", () => {
  const memoryBefore = process.memoryUsage().rss;
  afterAll(() => {
    // The bounds above hold whatever the mutations did: no case kept more than they allow.
    expect(process.memoryUsage().rss - memoryBefore).toBeLessThan(400 * 1024 * 1024);
  });

  test("bytes of .xlsx/.xlsm packages changed", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(ZIPS.length - 1), byteEdits, (i, edits) => readOrRefuse(withEdits(ZIPS[i], edits))),
      { numRuns: 150, seed: 20261204 },
    );
  }, 60_000);

  test("packages cut short anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(ZIPS.length - 1), fc.double({ min: 0, max: 1, noNaN: true }), (i, share) => readOrRefuse(ZIPS[i].subarray(0, Math.floor(ZIPS[i].length * share)))),
      { numRuns: 60, seed: 20261204 },
    );
  }, 60_000);

  test("the XML inside a package cut, repeated or spiked with hostile markup", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(ZIPS.length - 1), fc.nat(), fc.array(xmlEdit, { minLength: 1, maxLength: 6 }), (i, pick, edits) => readOrRefuse(withXmlEdits(ZIPS[i], pick, edits))),
      { numRuns: 200, seed: 20261204 },
    );
  }, 60_000);

  test("bytes of .xls and .ods files changed (SheetJS behind the reader)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(BINARIES.length - 1), byteEdits, (i, edits) => readOrRefuse(withEdits(BINARIES[i], edits))),
      { numRuns: 80, seed: 20261204 },
    );
  }, 60_000);
});
