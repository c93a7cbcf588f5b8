import { clearMarks, validateActiveWorkbook } from "../../src/excel/actions";
import { render } from "../../src/core/messages";
import { MARK_FILL } from "../../src/excel/marks";
import { RECORD_KEY } from "../../src/excel/record";
import { MemorySettings, RecordingExcel, type MockCell } from "./recording-mock";
import { seedWorkbook } from "./workbook-fixture";

/** Cells of the defect fixture with findings: D6 (error), E7 (warning), D9 (error), A10 (warning). */
const FLAGGED = ["D6", "E7", "D9", "A10"];

function snapshotValues(excel: RecordingExcel): Record<string, { value: unknown; formula?: string }> {
  const out: Record<string, { value: unknown; formula?: string }> = {};
  for (const s of excel.sheets) for (const [k, c] of s.cells) out[`${s.name}:${k}`] = { value: c.value, formula: c.formula };
  return out;
}

function fillOf(cell: MockCell | undefined): MockCell["fill"] | null {
  return cell?.fill ?? null;
}

async function validate(excel: RecordingExcel) {
  return validateActiveWorkbook(excel.run, { host: excel.host, store: excel.settings });
}

describe("marks (ExcelApi 1.18: notes)", () => {
  test("mark then clear restores every recorded fill exactly and removes only the add-in's notes", async () => {
    const excel = new RecordingExcel("1.18");
    seedWorkbook(excel);
    const sheet = excel.sheet("吴兴区");
    // D6 had a blue fill, D9 a white solid fill, E7 and A10 none; A10 carries the clerk's own note.
    excel.cell("吴兴区", "D6")!.fill = { color: "#00B0F0", pattern: "Solid" };
    excel.cell("吴兴区", "D9")!.fill = { color: "#FFFFFF", pattern: "Solid" };
    sheet.notes.set("A10", "本区自设指标");
    const before = Object.fromEntries(FLAGGED.map((c) => [c, fillOf(excel.cell("吴兴区", c))]));
    const values = snapshotValues(excel);

    const out = await validate(excel);
    expect(out.findings.filter((f) => f.cell).map((f) => f.cell)).toEqual(FLAGGED);
    expect(fillOf(excel.cell("吴兴区", "D6"))).toEqual({ color: MARK_FILL.error, pattern: "Solid" });
    expect(fillOf(excel.cell("吴兴区", "E7"))).toEqual({ color: MARK_FILL.warning, pattern: "Solid" });
    expect([...sheet.notes.keys()].sort()).toEqual(["A10", "D6", "D9", "E7"]);
    expect(sheet.notes.get("A10")).toBe("本区自设指标");
    expect(sheet.notes.get("D6")).toContain("占位符");
    expect(out.marks).toMatchObject({ cells: 4, explanations: "note" });
    expect(out.notices.map((n) => n.kind)).toEqual(["cells-had-notes"]);

    const cleared = await clearMarks(excel.run, { host: excel.host, store: excel.settings });
    expect(cleared).toMatchObject({ restored: 4, removed: 3 });
    expect(Object.fromEntries(FLAGGED.map((c) => [c, fillOf(excel.cell("吴兴区", c))]))).toEqual(before);
    expect([...sheet.notes.entries()]).toEqual([["A10", "本区自设指标"]]);
    expect(excel.settings.data.has(RECORD_KEY)).toBe(false);
    // Neither marking nor clearing wrote a value or a formula anywhere.
    expect(snapshotValues(excel)).toEqual(values);
    expect(excel.writes.filter((w) => ["values", "formulas", "clear", "numberFormat"].includes(w.kind))).toEqual([]);
  });

  test("marking twice records the clerk's fills, not the add-in's own", async () => {
    const excel = new RecordingExcel("1.18");
    seedWorkbook(excel);
    excel.cell("吴兴区", "D6")!.fill = { color: "#92D050", pattern: "Solid" };
    await validate(excel);
    await validate(excel);
    expect(excel.sheet("吴兴区").notes.size).toBe(4);
    await clearMarks(excel.run, { host: excel.host, store: excel.settings });
    expect(fillOf(excel.cell("吴兴区", "D6"))).toEqual({ color: "#92D050", pattern: "Solid" });
    expect(fillOf(excel.cell("吴兴区", "E7"))).toBeNull();
    expect(excel.sheet("吴兴区").notes.size).toBe(0);
  });

  test("the record lives in the workbook's settings: clearing works after save and reopen", async () => {
    const excel = new RecordingExcel("1.18");
    seedWorkbook(excel);
    await validate(excel);
    expect(excel.settings.saves).toBeGreaterThan(0);
    // Reopened: a new settings object holding what was saved, a new session.
    const reopened = new MemorySettings();
    for (const [k, v] of excel.settings.data) reopened.set(k, v);
    const syncsBefore = excel.syncs;
    await clearMarks(excel.run, { host: excel.host, store: reopened });
    expect(excel.syncs - syncsBefore).toBe(3); // sheets, our notes still there?, restore
    expect(FLAGGED.map((c) => fillOf(excel.cell("吴兴区", c)))).toEqual([null, null, null, null]);
    expect(excel.sheet("吴兴区").notes.size).toBe(0);
  });

  test("a damaged record is reported and not trusted", async () => {
    const excel = new RecordingExcel("1.18");
    seedWorkbook(excel);
    excel.settings.set(RECORD_KEY, { version: 1, marks: [{ sheet: "吴兴区" }] });
    const out = await clearMarks(excel.run, { host: excel.host, store: excel.settings });
    expect(out.notices.map((n) => n.kind)).toEqual(["record-damaged"]);
    expect(excel.writes).toEqual([]);
  });

  test("a protected sheet is left unmarked, with a notice", async () => {
    const excel = new RecordingExcel("1.18");
    seedWorkbook(excel);
    excel.sheet("吴兴区").protected = true;
    const out = await validate(excel);
    expect(out.notices.map((n) => n.kind)).toContain("protected-sheets");
    expect(excel.writes.filter((w) => w.sheet === "吴兴区")).toEqual([]);
  });
});

describe("older hosts", () => {
  test("ExcelApi 1.1 only: validates and marks fills, without notes or comments, and says so", async () => {
    const excel = new RecordingExcel("1.1");
    seedWorkbook(excel);
    excel.cell("吴兴区", "D6")!.fill = { color: "#00B0F0", pattern: "Solid" };
    const values = snapshotValues(excel);
    const out = await validate(excel);
    expect(out.findings.filter((f) => f.cell)).toHaveLength(4);
    expect(out.marks?.explanations).toBe("none");
    expect(out.notices.map((n) => n.kind)).toEqual(["explanations-unsupported"]);
    expect(render(out.notices[0], "zh")).toContain("只标记了单元格底色");
    expect(FLAGGED.map((c) => fillOf(excel.cell("吴兴区", c))?.color)).toEqual([MARK_FILL.error, MARK_FILL.warning, MARK_FILL.error, MARK_FILL.warning]);
    expect(excel.writes.map((w) => w.kind).filter((k) => k !== "fill")).toEqual([]);

    await clearMarks(excel.run, { host: excel.host, store: excel.settings });
    expect(fillOf(excel.cell("吴兴区", "D6"))?.color).toBe("#00B0F0");
    expect(fillOf(excel.cell("吴兴区", "E7"))).toBeNull();
    expect(snapshotValues(excel)).toEqual(values);
  });

  test("ExcelApi 1.10: threaded comments, the clerk's own comment kept", async () => {
    const excel = new RecordingExcel("1.10");
    seedWorkbook(excel);
    excel.comments.push({ id: "clerk-1", sheet: "吴兴区", cell: "D9", content: "数据待核实" });
    const out = await validate(excel);
    expect(out.marks?.explanations).toBe("comment");
    expect(excel.comments.map((c) => c.cell).sort()).toEqual(["A10", "D6", "D9", "E7"]);
    expect(out.notices.map((n) => n.kind)).toEqual(["cells-had-notes"]);
    await clearMarks(excel.run, { host: excel.host, store: excel.settings });
    expect(excel.comments).toEqual([{ id: "clerk-1", sheet: "吴兴区", cell: "D9", content: "数据待核实" }]);
    expect(FLAGGED.map((c) => fillOf(excel.cell("吴兴区", c)))).toEqual([null, null, null, null]);
  });

  test("without ExcelApi 1.9 a white fill reads as no fill and is cleared", async () => {
    const excel = new RecordingExcel("1.8");
    seedWorkbook(excel);
    excel.cell("吴兴区", "D6")!.fill = { color: "#FFFFFF", pattern: "Solid" };
    excel.cell("吴兴区", "D9")!.fill = { color: "#FFFF00", pattern: "Solid" };
    await validate(excel);
    await clearMarks(excel.run, { host: excel.host, store: excel.settings });
    expect(fillOf(excel.cell("吴兴区", "D6"))).toBeNull();
    expect(fillOf(excel.cell("吴兴区", "D9"))?.color).toBe("#FFFF00");
  });
});

test("marks on a sheet deleted since are skipped when clearing", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel, { 吴兴区: [["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "x", null]], 德清县: [["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "xx", null]] });
  await validate(excel);
  excel.sheets.splice(excel.sheets.findIndex((s) => s.name === "德清县"), 1);
  const out = await clearMarks(excel.run, { host: excel.host, store: excel.settings });
  expect(out).toMatchObject({ restored: 1, removed: 1 });
  expect(out.notices.map((n) => n.kind)).toEqual(["marks-gone"]);
  expect(excel.cell("吴兴区", "D6")?.fill).toBeUndefined();
});
