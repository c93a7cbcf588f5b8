/**
 * The bundled samples (examples/) and the generator of unseen sets (scripts/gen-submissions.js)
 * against their own ground truth: every planted defect sits where the truth says, with the
 * content its category means, and the generator is deterministic. (Whether the validator
 * finds them is measured by `npm run measure` and tested with the validator.)
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readWorkbookFile } from "../../src/files/read-node";
import { cellAt, parseA1, type Sheet, type WorkbookModel } from "../../src/core/model";

const { generate } = require("../../scripts/gen-submissions") as {
  generate(o: { indicators: number; districts: number; seed: number; defectRate: number; out: string; engine: string }): Promise<Truth>;
};

interface Defect {
  file: string;
  sheet: string;
  cell: string | null;
  indicator: string | null;
  category: string;
  severity: string;
  related?: string;
}
interface Truth {
  defects: Defect[];
  cleanCells: number;
  files: string[];
  writeSeconds?: number;
}

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

function textOf(sheet: Sheet, address: string): string {
  const { row, col } = parseA1(address);
  const c = cellAt(sheet, row, col);
  if (!c || c.value === null) return "";
  return c.text !== "" ? c.text : String(c.value);
}

/** Every 指标编码-looking cell of a sheet. */
function codesOf(sheet: Sheet): string[] {
  return sheet.rows.flatMap((r) => (r ?? []).map((c) => (c && typeof c.value === "string" ? c.value.trim() : ""))).filter((s) => /^[A-Z]+\d*-[A-Z0-9]+$/.test(s));
}

/** The row of a cell holds the given indicator code somewhere. */
function rowHasCode(sheet: Sheet, address: string, code: string): boolean {
  const { row } = parseA1(address);
  return (sheet.rows[row] ?? []).some((c) => c && String(c.value).trim() === code);
}

/** Checks that each planted defect is where and what the truth says. */
function checkTruth(defects: Defect[], books: Map<string, WorkbookModel>, planCodes: Set<string>): void {
  for (const d of defects) {
    const wb = books.get(d.file);
    expect(wb).toBeDefined();
    const sheet = wb!.sheets.find((s) => s.name === d.sheet);
    expect(sheet).toBeDefined();
    const s = sheet!;
    const where = `${d.file} ${d.sheet} ${d.cell ?? "-"} ${d.category}`;
    if (d.cell === null) {
      if (d.category === "missing") expect({ where, codes: codesOf(s).includes(d.indicator!) }).toEqual({ where, codes: false });
      else {
        expect(d.category).toBe("structure");
        const labels = s.rows.flatMap((r) => (r ?? []).map((c) => (c ? String(c.value) : "")));
        expect({ where, hasDistrict: labels.some((t) => t.includes("填报单位")) }).toEqual({ where, hasDistrict: false });
        expect(labels).toContain("本期值");
      }
      continue;
    }
    const text = textOf(s, d.cell);
    switch (d.category) {
      case "missing":
        expect({ where, text }).toEqual({ where, text: "" });
        break;
      case "unknown-indicator":
        expect(text).not.toBe("");
        expect({ where, known: planCodes.has(text) }).toEqual({ where, known: false });
        break;
      case "duplicate":
        expect(rowHasCode(s, d.cell, d.indicator!)).toBe(true);
        if (d.related) expect(rowHasCode(s, d.related, d.indicator!)).toBe(true);
        break;
      default:
        expect({ where, empty: text === "" }).toEqual({ where, empty: false });
        if (d.indicator) expect({ where, inRow: rowHasCode(s, d.cell, d.indicator) }).toEqual({ where, inRow: true });
    }
  }
}

describe("examples/ (bundled samples)", () => {
  const expected = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "expected-findings.json"), "utf8")) as {
    submissions: string[];
    findings: Defect[];
    readings: { file: string; sheet: string; cell: string; indicator: string; text: string; value: number }[];
  };
  const plan = JSON.parse(fs.readFileSync(path.join(EXAMPLES, "plan.json"), "utf8")) as { indicators: { code: string }[]; units: string[] };
  const books = new Map<string, WorkbookModel>();

  beforeAll(async () => {
    for (const f of expected.submissions) books.set(f, await readWorkbookFile(path.join(EXAMPLES, "submissions", f)));
  });

  test("every planted defect is where expected-findings.json says", () => {
    checkTruth(expected.findings, books, new Set(plan.indicators.map((i) => i.code)));
  });

  test("covers every finding category and both severities", () => {
    const cats = new Set(expected.findings.map((f) => f.category));
    expect([...cats].sort()).toEqual(
      ["duplicate", "inconsistent", "missing", "not-a-number", "out-of-range", "placeholder", "structure", "unit-mismatch", "unknown-indicator"],
    );
    expect(new Set(expected.findings.map((f) => f.severity))).toEqual(new Set(["error", "warning"]));
  });

  test("valid notations are in place: percent-formatted cells, formulas with their result", () => {
    const pct = expected.readings.filter((r) => /百分比格式/.test(r.text));
    expect(pct.length).toBeGreaterThanOrEqual(2);
    for (const r of pct) {
      const { row, col } = parseA1(r.cell);
      const c = cellAt(books.get(r.file)!.sheets.find((s) => s.name === r.sheet)!, row, col)!;
      expect(c.numFmt).toMatch(/%/);
      expect(c.value).toBeCloseTo(r.value / 100, 6);
    }
    const formula = expected.readings.find((r) => r.text.startsWith("="))!;
    const { row, col } = parseA1(formula.cell);
    const c = cellAt(books.get(formula.file)!.sheets.find((s) => s.name === formula.sheet)!, row, col)!;
    expect(c.formula).toBeDefined();
    expect(c.value).toBe(formula.value);
  });

  test("the plan lists five reporting units and one of them submits twice", () => {
    expect(plan.units).toHaveLength(5);
    const districts = expected.submissions.map((f) => f.replace(/（.*）|\.xlsx$/g, ""));
    expect(new Set(districts)).toEqual(new Set(plan.units));
    expect(districts.length).toBe(plan.units.length + 1);
  });
});

describe("scripts/gen-submissions.js", () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "gen-test-"));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  test("is deterministic for a seed and plants every category where its truth says", async () => {
    const opts = { indicators: 45, districts: 8, seed: 11, defectRate: 0.3, engine: "exceljs" };
    const a = await generate({ ...opts, out: tmp() });
    const outB = tmp();
    const b = await generate({ ...opts, out: outB });
    const c = await generate({ ...opts, seed: 12, out: tmp() });
    const strip = (t: Truth) => ({ ...t, writeSeconds: 0 });
    expect(strip(b)).toEqual(strip(a));
    expect(c.defects).not.toEqual(a.defects);

    const cats = new Set(b.defects.map((d) => d.category));
    for (const cat of ["placeholder", "missing", "not-a-number", "out-of-range", "unit-mismatch", "inconsistent", "unknown-indicator", "duplicate", "structure"]) {
      expect({ cat, planted: cats.has(cat) }).toEqual({ cat, planted: true });
    }
    expect(b.cleanCells).toBeGreaterThan(b.defects.length);

    const books = new Map<string, WorkbookModel>();
    for (const f of b.files) books.set(f, await readWorkbookFile(path.join(outB, f)));
    const planJson = JSON.parse(fs.readFileSync(path.join(outB, "plan.json"), "utf8")) as { indicators: { code: string }[] };
    checkTruth(b.defects, books, new Set(planJson.indicators.map((i) => i.code)));
  });
});
