/**
 * Marked copies as LibreOffice opens them (needs soffice; `npm run test:libreoffice`): the
 * patched package of a LibreOffice-made workbook and of an .xlsm with an existing note,
 * converted to flat ODS, show every note (the existing one kept, the findings below it) and
 * the severity fills, and the values are those of the original.
 */
import { findingText } from "../../src/core/messages";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readConfirmations } from "../../src/core/confirmations";
import { makeFinding } from "../../src/core/findings";
import { CONFIRMATIONS_SHEET } from "../../src/core/sheets";
import { MARK_FILLS, markWorkbookBuffer } from "../../src/files/mark";
import { readWorkbookFile } from "../../src/files/read-node";
import { convert } from "./soffice";

jest.setTimeout(120_000);

const FIXTURES = join(__dirname, "..", "fixtures");
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lo-marks-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const findings = [
  makeFinding("not-a-number", { file: "f", sheet: "安吉县", cell: "D6" }, { name: "社会养老床位总数", text: "abc" }),
  makeFinding("truncated-year", { file: "f", sheet: "安吉县", cell: "Z40" }, { match: "到201年", context: "到201年底" }),
];

/** The text of each note of a flat ODS, markup removed. */
const notes = (fods: string) => [...fods.matchAll(/<office:annotation\b[^>]*>([\s\S]*?)<\/office:annotation>/g)].map((m) => m[1].replace(/<dc:date>[^<]*<\/dc:date>/, "").replace(/<[^>]+>/g, ""));

test.each([
  ["validate/clean.xlsx", "clean（已标记）.xlsx", []],
  ["reader/macro.xlsm", "macro（已标记）.xlsm", ["王五:", "含新建的两家养老院"]],
])("%s: LibreOffice shows the notes and fills, and reads the same values", async (source, marked, kept) => {
  const original = await readFile(join(FIXTURES, source));
  const path = join(dir, marked);
  await writeFile(path, await markWorkbookBuffer(original, findings));
  await convert(dir, path, "fods", join(dir, "out"));
  const fods = await readFile(join(dir, "out", marked.replace(/\.xls[xm]$/, ".fods")), "utf8");
  const texts = notes(fods);
  expect(texts).toHaveLength(2);
  for (const k of kept as string[]) expect(texts[0]).toContain(k);
  expect(texts[0]).toContain(`【错误】${findingText(findings[0], "zh")}`);
  expect(texts[1]).toContain(`【提示】${findingText(findings[1], "zh")}`);
  for (const argb of [MARK_FILLS.error, MARK_FILLS.warning]) expect(fods).toContain(`fo:background-color="#${argb.slice(2).toLowerCase()}"`);
  const before = await readWorkbookFile(join(FIXTURES, source));
  const after = await readWorkbookFile(path);
  expect(after.sheets.map((s) => s.rows)).toEqual(before.sheets.map((s) => s.rows));
});

test("the 情况属实 a marked copy carries survive LibreOffice saving it: the sheet stays very hidden, the reader reads them back", async () => {
  const original = await readFile(join(FIXTURES, "validate", "clean.xlsx"));
  const confirmations = [{ file: "clean.xlsx", sheet: "安吉县", cell: "Z40", kind: "truncated-year" as const, reason: "=原文如此，已核实", at: "2018-07-03T09:12:00.000Z" }];
  const path = join(dir, "clean.xlsx");
  await writeFile(path, await markWorkbookBuffer(original, findings, { confirmations }));
  // Opened and saved again as .xlsx by LibreOffice, as a clerk on LibreOffice would send it on.
  await convert(dir, path, "xlsx:Calc MS Excel 2007 XML", join(dir, "saved"));
  const saved = await readWorkbookFile(join(dir, "saved", "clean.xlsx"));
  expect(saved.sheets.find((s) => s.name === CONFIRMATIONS_SHEET)?.hidden).toBe(true);
  expect(readConfirmations(saved)).toEqual(confirmations);
});
