/**
 * Marked copies of district workbooks (standalone download): fills and notes on the findings'
 * cells, every value, formula, number format, merge and hidden row of the original unchanged.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { readConfirmations } from "../../src/core/confirmations";
import { findingsToMark, makeFinding, type Finding } from "../../src/core/findings";
import { findingText } from "../../src/core/messages";
import { CONFIRMATIONS_SHEET } from "../../src/core/sheets";
import { a1 } from "../../src/core/model";
import { readWorkbookBuffer } from "../../src/files/read";
import { MARK_FILLS, markWorkbookBuffer } from "../../src/files/mark";

const SUBMISSIONS = path.join(__dirname, "..", "..", "examples", "submissions");
const files = readdirSync(SUBMISSIONS).filter((f) => f.endsWith(".xlsx"));

async function excel(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Findings on a spread of cells of every sheet: filled and empty, first and last, errors and warnings. */
async function findingsFor(file: string, bytes: Uint8Array): Promise<Finding[]> {
  const model = await readWorkbookBuffer(bytes, file);
  const out: Finding[] = [];
  for (const sheet of model.sheets) {
    const rows = Math.max(sheet.rows.length, 1);
    const cols = Math.max(...sheet.rows.map((r) => r?.length ?? 0), 1);
    const cells = [a1(0, 0), a1(rows - 1, cols - 1), a1(Math.floor(rows / 2), Math.min(3, cols - 1)), a1(rows + 2, cols + 1)];
    cells.forEach((cell, i) =>
      out.push(
        i % 2 === 0
          ? makeFinding("not-a-number", { file, sheet: sheet.name, cell }, { name: "测试指标", text: "abc" })
          : makeFinding("truncated-year", { file, sheet: sheet.name, cell }, { match: "到201年", context: "到201年底" }),
      ),
    );
  }
  // Two findings on one cell, one of them confirmed; a finding without a cell changes nothing.
  const first = model.sheets[0].name;
  out.push({ ...makeFinding("missing-number", { file, sheet: first, cell: "A1" }, { match: "建成家", context: "建成家" }), confirmed: { reason: "已核实" } });
  out.push(makeFinding("no-submission", { file }));
  return out;
}

describe.each(files)("markWorkbookBuffer on %s", (file) => {
  let original: Uint8Array;
  let marked: Uint8Array;
  let findings: Finding[];

  beforeAll(async () => {
    original = new Uint8Array(readFileSync(path.join(SUBMISSIONS, file)));
    findings = await findingsFor(file, original);
    marked = await markWorkbookBuffer(original, findings);
  });

  test("every value, formula, number format, merge and hidden row is unchanged", async () => {
    const before = await readWorkbookBuffer(original, file);
    const after = await readWorkbookBuffer(marked, file);
    expect(after).toEqual(before);
  });

  test("each finding's cell carries the severity fill and the messages as a note; other cells keep their fill", async () => {
    const before = await excel(original);
    const after = await excel(marked);
    const flagged = new Map<string, Finding[]>();
    for (const f of findingsToMark(findings)) if (f.sheet && f.cell) flagged.set(`${f.sheet}!${f.cell}`, [...(flagged.get(`${f.sheet}!${f.cell}`) ?? []), f]);

    for (const [key, onCell] of flagged) {
      const [sheet, address] = key.split("!");
      const cell = after.getWorksheet(sheet)!.getCell(address);
      const severity = onCell.some((f) => f.severity === "error") ? "error" : "warning";
      expect(cell.fill).toMatchObject({ type: "pattern", pattern: "solid", fgColor: { argb: MARK_FILLS[severity] } });
      const note = typeof cell.note === "string" ? cell.note : (cell.note?.texts ?? []).map((t) => t.text).join("");
      expect(note.startsWith("【指标校验】")).toBe(true);
      for (const f of onCell) expect(note).toContain(findingText(f, "zh"));
      for (const f of onCell) if (f.confirmed) expect(note).toContain(`情况属实：${f.confirmed.reason}`);
    }
    // The confirmed warning (情况属实) on A1 is not marked: its message is not in A1's note.
    const confirmed = findings.find((f) => f.confirmed !== undefined)!;
    const a1Cell = after.getWorksheet(confirmed.sheet!)!.getCell(confirmed.cell!);
    const a1Note = typeof a1Cell.note === "string" ? a1Cell.note : (a1Cell.note?.texts ?? []).map((t) => t.text).join("");
    expect(a1Note).not.toContain(findingText(confirmed, "zh"));
    before.eachSheet((ws) => {
      const marked2 = after.getWorksheet(ws.name)!;
      ws.eachRow({ includeEmpty: false }, (row) =>
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (flagged.has(`${ws.name}!${cell.address}`)) return;
          expect(marked2.getCell(cell.address).fill).toEqual(cell.fill);
          expect(marked2.getCell(cell.address).note).toEqual(cell.note);
        }),
      );
    });
  });
});

test("the copy carries the session's confirmations in its very hidden _indicators sheet, which the reader reads back", async () => {
  const file = files[0];
  const original = new Uint8Array(readFileSync(path.join(SUBMISSIONS, file)));
  const confirmations = [
    { file, sheet: "吴兴区", cell: "E7", kind: "placeholder-text" as const, reason: "=待竣工后填报", at: "2018-07-03T09:12:00.000Z" },
  ];
  const marked = await markWorkbookBuffer(original, [], { confirmations });
  const model = await readWorkbookBuffer(marked, file);
  const record = model.sheets.find((s) => s.name === CONFIRMATIONS_SHEET)!;
  expect(record.hidden).toBe(true);
  expect((await excel(marked)).getWorksheet(CONFIRMATIONS_SHEET)!.state).toBe("veryHidden");
  // Bound to the file again when read, the reason text as typed (never a formula).
  expect(readConfirmations(model)).toEqual(confirmations);
  // Withdrawn in the session: the copy's record is emptied, not left as it was.
  const again = await readWorkbookBuffer(await markWorkbookBuffer(marked, [], { confirmations: [] }), file);
  expect(readConfirmations(again)).toEqual([]);
});
