/**
 * The unseen set (tests/fixtures/unseen, written by hand from the conventions alone, see its
 * make.js): `indicators validate` must find ≥ 95% of the planted defects in the right category
 * (overall and in every category), with false positives on ≤ 2% of the clean value and remark
 * cells; `indicators compile` must give the city values and statuses that make.js computed
 * independently (truth.json `expected`).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { main, type CliIO } from "../../src/cli/index";

const DIR = join(__dirname, "../fixtures/unseen");

type Defect = {
  file: string;
  sheet: string;
  cell: string | null;
  cells: string[];
  indicator: string | null;
  category: string;
  severity: string;
  written: string;
};
type Expected = {
  indicator: string;
  actual: number | null;
  progress: number | null;
  status: string;
  districtsUsed: string[] | null;
};
type Truth = {
  plan: string;
  files: string[];
  asOf: string;
  timeProgress: number;
  cleanValueCells: number;
  cleanRemarkCells: number;
  defects: Defect[];
  expected: Expected[];
};
type Finding = { file: string; sheet?: string; cell?: string; indicator?: string; category: string; severity: string; message: string };
type Row = { indicator: string; actual: number | null; progress: number | null; status: string; timeProgress: number; districtsUsed: string[]; districtsExcluded: { district: string; reason: string }[] };

const truth: Truth = JSON.parse(readFileSync(join(DIR, "truth.json"), "utf8"));
const inputs = ["--plan", join(DIR, truth.plan), ...truth.files.map((f) => join(DIR, f))];

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const io: CliIO = { out: (s) => void (out += s), err: () => undefined, isTTY: false };
  const code = await main(["node", "indicators", ...args], io);
  return { code, out };
}

/** A finding matches a defect on file, sheet and category, and on the cell (or, for something absent, the indicator). */
function matches(d: Defect, f: Finding): boolean {
  if (basename(f.file) !== d.file || f.sheet !== d.sheet || f.category !== d.category) return false;
  if (d.cell === null) return d.indicator === null || f.indicator === d.indicator;
  return f.cell !== undefined && d.cells.includes(f.cell);
}

describe("validate on the unseen set", () => {
  let findings: Finding[];
  let found: Map<Defect, Finding>;
  let falsePositives: Finding[];

  beforeAll(async () => {
    const { code, out } = await run(["validate", ...inputs, "--format", "json"]);
    expect(code).toBe(1);
    findings = JSON.parse(out).findings;
    found = new Map();
    const used = new Set<Finding>();
    for (const d of truth.defects) {
      const f = findings.find((x) => !used.has(x) && matches(d, x));
      if (f) {
        used.add(f);
        found.set(d, f);
      }
    }
    falsePositives = findings.filter((f) => !used.has(f));
  });

  test("finds ≥ 95% of the planted defects in the right category, overall and per category", () => {
    const missed = truth.defects.filter((d) => !found.has(d)).map((d) => `${d.file}/${d.sheet}/${d.cell ?? "-"} ${d.indicator ?? ""} ${d.category} “${d.written}”`);
    expect(found.size / truth.defects.length).toBeGreaterThanOrEqual(0.95);
    const categories = [...new Set(truth.defects.map((d) => d.category))];
    expect(categories.sort()).toEqual(
      ["duplicate", "inconsistent", "missing", "not-a-number", "out-of-range", "placeholder", "structure", "unit-mismatch", "unknown-indicator"],
    );
    for (const c of categories) {
      const planted = truth.defects.filter((d) => d.category === c);
      const recall = planted.filter((d) => found.has(d)).length / planted.length;
      expect({ category: c, recall, missed: recall < 0.95 ? missed : [] }).toEqual({ category: c, recall: expect.any(Number), missed: [] });
      expect(recall).toBeGreaterThanOrEqual(0.95);
    }
  });

  test("found defects carry section 6's default severity", () => {
    const wrong = [...found].filter(([d, f]) => d.severity !== f.severity).map(([d, f]) => `${d.file}/${d.sheet}/${d.cell} ${d.category}: ${f.severity}`);
    expect(wrong).toEqual([]);
  });

  test("false positives on ≤ 2% of the clean value and remark cells", () => {
    const clean = truth.cleanValueCells + truth.cleanRemarkCells;
    expect(clean).toBeGreaterThan(100);
    const fp = falsePositives.map((f) => `${basename(f.file)}/${f.sheet}/${f.cell ?? "-"} ${f.category}: ${f.message}`);
    expect(fp.length / clean <= 0.02 ? [] : fp).toEqual([]);
  });
});

describe("compile on the unseen set", () => {
  let rows: Row[];

  beforeAll(async () => {
    const { code, out } = await run(["compile", ...inputs, "--as-of", truth.asOf, "--format", "json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.asOf).toBe(truth.asOf);
    expect(json.timeProgress).toBeCloseTo(truth.timeProgress, 12);
    rows = json.rows;
  });

  test("one row per plan indicator, in plan order", () => {
    expect(rows.map((r) => r.indicator)).toEqual(truth.expected.map((e) => e.indicator));
  });

  test.each(truth.expected.map((e) => [e.indicator, e] as const))("%s: city value, progress, status and districts used", (code, e) => {
    const r = rows.find((x) => x.indicator === code)!;
    if (e.actual === null) expect(r.actual).toBeNull();
    else expect(r.actual).toBeCloseTo(e.actual, 6);
    if (e.progress === null) expect(r.progress).toBeNull();
    else expect(r.progress).toBeCloseTo(e.progress, 6);
    expect(r.status).toBe(e.status);
    if (e.districtsUsed !== null) expect(r.districtsUsed).toEqual(e.districtsUsed);
  });

  test("a district's unreadable extra sheet does not hide why its readable sheet's value was left out", () => {
    // 度假区 sent a readable sheet (D13 "x余万元" in SH-01) and a sheet 度假区(旧) whose 报告期 is "近期".
    const r = rows.find((x) => x.indicator === "SH-01")!;
    const reasons = r.districtsExcluded.filter((e) => e.district === "度假区").map((e) => e.reason);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain("占位符");
  });
});
