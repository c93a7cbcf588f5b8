/* Marks and 清除标记 through Microsoft's Excel library against the Excel stand-in:
 * what the add-in records, when, and what clearing may touch (issue 11, defects 2, 3, 6), on
 * every kind of host. */
import { clearMarks, validateActiveWorkbook } from "../../../src/excel/actions";
import { isMarkNote } from "../../../src/core/mark-note";
import { render } from "../../../src/core/messages";
import { MARK_FILL } from "../../../src/excel/marks";
import { LEGACY_RECORD_KEY, RECORD_SHEET } from "../../../src/excel/record";
import { seedWorkbook } from "../workbook-fixture";
import { fillOf, optionsOf, pane, snapshotValues } from "./harness";
import { OfficeHost } from "./runtime";
import { DESKTOP, OFFICE_2016, OFFICE_2021, type Profile, WEB } from "./stand-in";

/** Cells of the defect fixture with findings: D6 (error), E7 (warning), D9 (error), A10 (warning). */
const FLAGGED = ["D6", "E7", "D9", "A10"];
const CLERK_BLUE = { color: "#00B0F0", pattern: "Solid" };

function workbook(profile: Profile) {
  const host = new OfficeHost(profile);
  seedWorkbook(host.excel);
  host.excel.setCell("吴兴区", "D6", { value: "x", fill: CLERK_BLUE });
  return host;
}

const fills = (host: OfficeHost) => FLAGGED.map((c) => fillOf(host.excel.cell("吴兴区", c)));

describe("mark and clear restore exactly what was there", () => {
  test.each([WEB, DESKTOP, OFFICE_2021, OFFICE_2016])("$name", async (profile) => {
    const host = workbook(profile);
    const before = fills(host);
    const values = snapshotValues(host);
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.cells).toBe(4);
    expect(fills(host).map((f) => f?.color)).toEqual([MARK_FILL.error, MARK_FILL.warning, MARK_FILL.error, MARK_FILL.warning]);
    const cleared = await clearMarks(p.run, optionsOf(p));
    expect(cleared.restored).toBe(4);
    expect(fills(host)).toEqual(before);
    expect(host.excel.sheet("吴兴区").notes.size).toBe(0);
    expect(host.excel.threads).toEqual([]);
    expect(snapshotValues(host)).toEqual(values);
  });
});

describe("defect 2: a mark never exists without its record", () => {
  test("threaded comments refused by the host (office-js#1847): the cells are still marked, and clearing restores them", async () => {
    const host = workbook(OFFICE_2021);
    host.excel.failOn.set("CommentCollection.add", "GeneralException");
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.explanations).toBe("none");
    expect(out.notices.map((n) => n.kind)).toContain("comments-failed");
    expect(fills(host)[0]?.color).toBe(MARK_FILL.error);
    await clearMarks(p.run, optionsOf(p));
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
  });

  test("the settings cannot be saved (record too large for them): clearing after reopening still restores", async () => {
    const host = workbook(DESKTOP);
    host.settingsLimit = 10;
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.notices).toEqual([]);
    const reopened = host.start({ name: "reopened" });
    await clearMarks(reopened.run, optionsOf(reopened));
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
  });

  test.each([1, 2, 3, 4, 5])(
    "the runtime is ended by Office after %i request(s) of the marking: what was marked is cleared by the next runtime",
    async (n) => {
      const host = workbook(WEB);
      const ribbon = host.start({ name: "ribbon" });
      host.killAfter("ribbon", 3 + n); // after reading the workbook (3), n requests into the marking
      void validateActiveWorkbook(ribbon.run, optionsOf(ribbon));
      await new Promise((r) => setTimeout(r, 300));
      expect(host.isKilled("ribbon")).toBe(true);
      const p = pane(host);
      await clearMarks(p.run, optionsOf(p));
      expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
      expect([...host.excel.sheet("吴兴区").notes.values()].filter((n) => isMarkNote(n.content))).toEqual([]);
    },
  );
});

describe("defect 3: 清除标记 takes away only what the add-in added and nobody changed since", () => {
  test("a note the clerk edited stays; a clerk's own note at a marked cell stays", async () => {
    const host = workbook(DESKTOP);
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    const notes = host.excel.sheet("吴兴区").notes;
    const ours = notes.get("D6")!.content;
    notes.set("D6", { content: `${ours}\n已与街道核实，月底补报。`, author: "统计员" });
    notes.delete("D9");
    notes.set("D9", { content: "低保标准按市里文件填写", author: "统计员" });
    const cleared = await clearMarks(p.run, optionsOf(p));
    expect(notes.get("D6")?.content).toBe(`${ours}\n已与街道核实，月底补报。`);
    expect(notes.get("D9")?.content).toBe("低保标准按市里文件填写");
    expect([...notes.keys()].sort()).toEqual(["D6", "D9"]);
    expect(cleared.notices.map((n) => n.kind)).toContain("explanations-kept");
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
  });

  test("a comment thread with a reply stays, with every reply", async () => {
    const host = workbook(OFFICE_2021);
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    const thread = host.excel.threadAt("吴兴区", "D6")!;
    thread.replies.push({ id: "{reply-1}", content: "已核实：该项本期确实没有数据。" });
    const cleared = await clearMarks(p.run, optionsOf(p));
    expect(host.excel.threads.map((t) => t.cell)).toEqual(["D6"]);
    expect(host.excel.threadAt("吴兴区", "D6")!.replies).toHaveLength(1);
    expect(cleared.notices.map((n) => n.kind)).toContain("explanations-kept");
    expect(cleared.removed).toBe(3);
  });

  test("a fill the clerk set on a marked cell since is kept, not replaced by the recorded one", async () => {
    const host = workbook(WEB);
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    const green = { color: "#92D050", pattern: "Solid" };
    host.excel.cell("吴兴区", "D6")!.fill = green;
    const cleared = await clearMarks(p.run, optionsOf(p));
    expect(fills(host)).toEqual([green, null, null, null]);
    expect(cleared.notices.map((n) => n.kind)).toContain("fills-changed");
  });

  test("a patterned fill comes back with its pattern colour (ExcelApi 1.9)", async () => {
    const host = workbook(DESKTOP);
    const hatched = { color: "#FFFF00", pattern: "LightUp", patternColor: "#FF0000" };
    host.excel.cell("吴兴区", "D9")!.fill = hatched;
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    expect(fillOf(host.excel.cell("吴兴区", "D9"))?.color).toBe(MARK_FILL.error);
    await clearMarks(p.run, optionsOf(p));
    expect(fillOf(host.excel.cell("吴兴区", "D9"))).toEqual(hatched);
  });
});

describe("defect 6: the template's protected sheet is marked; a user's password-protected sheet is not touched", () => {
  const templateProtection = { allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" };

  test("protection without a password is lifted, the cells marked, and the same protection put back", async () => {
    const host = workbook(WEB);
    host.excel.sheet("吴兴区").protection = { protected: true, options: { ...templateProtection } };
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.cells).toBe(4);
    expect(out.notices.map((n) => n.kind)).not.toContain("protected-sheets");
    expect(fills(host)[1]?.color).toBe(MARK_FILL.warning);
    expect(host.excel.sheet("吴兴区").notes.size).toBe(4);
    expect(host.excel.sheet("吴兴区").protection).toEqual({ protected: true, options: expect.objectContaining(templateProtection) });
    await clearMarks(p.run, optionsOf(p));
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
    expect(host.excel.sheet("吴兴区").protection).toEqual({ protected: true, options: expect.objectContaining(templateProtection) });
  });

  test("a sheet protected with a password is reported and left exactly as it was", async () => {
    const host = workbook(DESKTOP);
    host.excel.sheet("吴兴区").protection = { protected: true, options: { allowFormatCells: false }, password: "区局2018" };
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.cells).toBe(0);
    expect(out.notices.map((n) => n.kind)).toContain("protected-sheets");
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
    expect(host.excel.sheet("吴兴区").protection).toEqual({ protected: true, options: { allowFormatCells: false }, password: "区局2018" });
  });
});

describe("the record", () => {
  test("marking twice records the clerk's fills, not the add-in's own", async () => {
    const host = workbook(DESKTOP);
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    await validateActiveWorkbook(p.run, optionsOf(p));
    expect(host.excel.sheet("吴兴区").notes.size).toBe(4);
    await clearMarks(p.run, optionsOf(p));
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
    expect(host.excel.sheet("吴兴区").notes.size).toBe(0);
  });

  test("the marks follow their sheet when it is renamed", async () => {
    const host = workbook(WEB);
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    host.excel.sheet("吴兴区").name = "吴兴区（6月）";
    const cleared = await clearMarks(p.run, optionsOf(p));
    expect(cleared).toMatchObject({ restored: 4, removed: 4 });
    expect(FLAGGED.map((c) => fillOf(host.excel.cell("吴兴区（6月）", c)))).toEqual([CLERK_BLUE, null, null, null]);
  });

  test("marks on a sheet deleted since are skipped when clearing, with a notice", async () => {
    const host = new OfficeHost(DESKTOP);
    seedWorkbook(host.excel, {
      吴兴区: [["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "x", null]],
      德清县: [["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "xx", null]],
    });
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    host.excel.sheets.splice(host.excel.sheets.indexOf(host.excel.sheet("德清县")), 1);
    const out = await clearMarks(p.run, optionsOf(p));
    expect(out).toMatchObject({ restored: 1, removed: 1 });
    expect(out.notices.map((n) => n.kind)).toEqual(["marks-gone"]);
    expect(host.excel.cell("吴兴区", "D6")?.fill).toBeUndefined();
  });

  test("a record row that does not parse is reported and never trusted", async () => {
    const host = workbook(DESKTOP);
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    host.excel.setCell(RECORD_SHEET, "F2", { value: "蓝色", numberFormat: "@" }); // the previous fill of D6, damaged
    const out = await clearMarks(p.run, optionsOf(p));
    expect(out.notices.map((n) => n.kind)).toEqual(["record-damaged"]);
    expect(out.restored).toBe(3);
    expect(fillOf(host.excel.cell("吴兴区", "D6"))?.color).toBe(MARK_FILL.error); // left as it is
  });

  test("a record an earlier version kept in the document settings is moved into the workbook and cleared from there", async () => {
    const host = workbook(DESKTOP);
    for (const [cell, color] of [
      ["D6", MARK_FILL.error],
      ["E7", MARK_FILL.warning],
    ] as const)
      host.excel.cell("吴兴区", cell)!.fill = { color, pattern: "Solid" };
    host.excel.sheet("吴兴区").notes.set("D6", { content: "【指标校验】占位符", author: "统计员" });
    host.excel.settings = {
      [LEGACY_RECORD_KEY]: {
        version: 1,
        marks: [
          { sheet: "吴兴区", cell: "D6", fill: { color: "#00b0f0" }, explanation: "note" },
          { sheet: "吴兴区", cell: "E7", fill: null, explanation: null },
        ],
        sheets: [],
      },
    };
    const p = pane(host);
    const out = await clearMarks(p.run, optionsOf(p));
    expect(out).toMatchObject({ restored: 2, removed: 1 });
    expect(fills(host).slice(0, 2)).toEqual([CLERK_BLUE, null]);
    expect(host.excel.sheet("吴兴区").notes.size).toBe(0);
    expect(host.excel.settings).toEqual({});
  });
});

describe("older hosts", () => {
  const v = (excelApi: string): Profile => ({ ...DESKTOP, name: `ExcelApi ${excelApi}`, excelApi });

  test("ExcelApi 1.1: fills only, no notes or comments, and says so", async () => {
    const host = workbook(v("1.1"));
    const p = pane(host);
    const values = snapshotValues(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.explanations).toBe("none");
    expect(out.notices.map((n) => n.kind)).toEqual(["explanations-unsupported"]);
    expect(render(out.notices[0], "zh")).toContain("只标记了单元格底色");
    await clearMarks(p.run, optionsOf(p));
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
    expect(snapshotValues(host)).toEqual(values);
  });

  test("ExcelApi 1.10: threaded comments; the clerk's own comment is kept", async () => {
    const host = workbook(v("1.10"));
    host.excel.addThread("吴兴区", "D9", "数据待核实");
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.explanations).toBe("comment");
    expect(out.notices.map((n) => n.kind)).toEqual(["cells-had-notes"]);
    expect(host.excel.threads.map((t) => t.cell).sort()).toEqual(["A10", "D6", "D9", "E7"]);
    await clearMarks(p.run, optionsOf(p));
    expect(host.excel.threads.map((t) => [t.cell, t.content])).toEqual([["D9", "数据待核实"]]);
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
  });

  test("without ExcelApi 1.9 a white fill reads as no fill and is cleared", async () => {
    const host = workbook(v("1.8"));
    host.excel.cell("吴兴区", "D9")!.fill = { color: "#FFFFFF", pattern: "Solid" };
    host.excel.cell("吴兴区", "E7")!.fill = { color: "#FFFF00", pattern: "Solid" };
    const p = pane(host);
    await validateActiveWorkbook(p.run, optionsOf(p));
    await clearMarks(p.run, optionsOf(p));
    expect(fillOf(host.excel.cell("吴兴区", "D9"))).toBeNull();
    expect(fillOf(host.excel.cell("吴兴区", "E7"))?.color).toBe("#FFFF00");
  });
});

describe("protection on older hosts", () => {
  const v = (excelApi: string): Profile => ({ ...DESKTOP, name: `ExcelApi ${excelApi}`, excelApi });
  const templates = { allowFormatColumns: true, allowFormatRows: true };

  test("ExcelApi 1.2–1.6: the template's protection is lifted and put back; another one, whose selection mode cannot be read, is left alone", async () => {
    const host = workbook(v("1.2"));
    host.excel.sheet("吴兴区").protection = { protected: true, options: { ...templates } };
    const p = pane(host);
    const out = await validateActiveWorkbook(p.run, optionsOf(p));
    expect(out.marks?.cells).toBe(4);
    expect(host.excel.sheet("吴兴区").protection).toEqual({ protected: true, options: templates });

    const other = workbook(v("1.2"));
    other.excel.sheet("吴兴区").protection = { protected: true, options: { allowFormatCells: true, selectionMode: "Unlocked" } };
    const q = pane(other);
    const refused = await validateActiveWorkbook(q.run, optionsOf(q));
    expect(refused.marks?.cells).toBe(0);
    expect(refused.notices.map((n) => n.kind)).toContain("protected-sheets");
    expect(other.excel.sheet("吴兴区").protection).toEqual({
      protected: true,
      options: { allowFormatCells: true, selectionMode: "Unlocked" },
    });
  });

  test("ExcelApi 1.1 cannot lift a protection: the clerk is told what to do, and nothing is half-marked", async () => {
    const host = workbook(v("1.1"));
    host.excel.sheet("吴兴区").protection = { protected: true, options: { ...templates } };
    const p = pane(host);
    await expect(validateActiveWorkbook(p.run, optionsOf(p))).rejects.toThrow(/撤销工作表保护/);
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
    host.excel.sheet("吴兴区").protection = { protected: false, options: {} };
    await clearMarks(p.run, optionsOf(p));
    expect(fills(host)).toEqual([CLERK_BLUE, null, null, null]);
  });
});
