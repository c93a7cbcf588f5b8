/**
 * Findings that repeat are collapsed with their count and range, and a message echoes no more
 * than an excerpt of a cell: the hand-made packages of tests/fixtures/reader/make.js (a
 * 32,767-character remark of placeholders; 199,972 rows the plan does not know, made in memory).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../cli/run-cli";
import { checkWorkbooks, reportJson } from "../../src/core/check";
import { collapseFindings, COLLAPSE_ABOVE, EXCERPT_LENGTH, makeFinding, type Finding } from "../../src/core/findings";
import { findingText } from "../../src/core/messages";
import { loadPlanFromJson } from "../../src/core/plan";
import { readWorkbookFile } from "../../src/files/read-node";

const { fixtureBytes } = require("../fixtures/reader/make.js") as { fixtureBytes: (name: string) => Buffer };

const READER = join(__dirname, "..", "fixtures", "reader");
const PLAN_PATH = join(__dirname, "..", "fixtures", "validate", "plan.json");

const run = runCli;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "collapse-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a 32,767-character remark of placeholders (long-remark.xlsx)", () => {
  it("is one finding with its count, on its cell, echoing an excerpt; the JSON is a few KB, not 3.7 MB", async () => {
    const plan = loadPlanFromJson(await readFile(PLAN_PATH, "utf8"), "plan.json");
    const report = checkWorkbooks({ plan, workbooks: [await readWorkbookFile(join(READER, "long-remark.xlsx"))] });
    expect(report.findings).toHaveLength(1);
    const [f] = report.findings;
    expect(f).toMatchObject({ kind: "placeholder-text", cell: "E6", repeat: { count: 10922, range: "E6" } });
    expect(report.counts.findings).toBe(10922);
    expect(findingText(f, "zh")).toMatch(/^10,922 处未填占位符（E6），首处：/);
    const json = JSON.stringify(reportJson(report, "zh"));
    expect(json.length).toBeLessThan(2000);
    expect(JSON.parse(json).findings[0]).toMatchObject({ count: 10922, range: "E6", cell: "E6" });
  });

  it("validate prints one line for it", async () => {
    const r = await run(["validate", "--plan", PLAN_PATH, join(READER, "long-remark.xlsx")]);
    expect(r.out).toContain("10,922 处未填占位符（E6）");
    expect(r.out.length).toBeLessThan(2000);
    expect(r.out).toContain("共 10922 个问题");
  });
});

describe("199,972 rows the plan does not know (unknown-rows.xlsx)", () => {
  it("are one finding: 199,972 处未知指标（A29:A200000）, and JSON output of a few KB, not 57 MB", async () => {
    const path = join(dir, "unknown-rows.xlsx");
    await writeFile(path, fixtureBytes("unknown-rows.xlsx"));
    const r = await run(["validate", "--plan", PLAN_PATH, "--format", "json", path]);
    expect(r.code).toBe(0);
    expect(r.out.length).toBeLessThan(2000);
    const { findings } = JSON.parse(r.out) as { findings: { cell: string; message: string; count?: number; range?: string }[] };
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ cell: "A29", count: 199972, range: "A29:A200000" });
    expect(findings[0].message).toMatch(/^199,972 处未知指标（A29:A200000），首处：/);
    const en = {
      ...makeFinding("unknown-indicator", { file: "a.xlsx", cell: "A29" }, { text: "ZZ-29" }),
      repeat: { count: 199972, range: "A29:A200000" },
    };
    expect(findingText(en, "en")).toMatch(/^199,972 × Unknown indicator \(A29:A200000\), the first: /);
  }, 60_000);
});

describe("collapseFindings", () => {
  const at = (cell: string | undefined, kind: "missing-row" | "unknown-indicator" = "unknown-indicator", sheet = "甲区"): Finding =>
    kind === "missing-row"
      ? makeFinding("missing-row", { file: "a.xlsx", sheet }, { indicator: "X", name: "x" })
      : makeFinding("unknown-indicator", { file: "a.xlsx", sheet, cell }, { text: `row ${cell}` });

  it("leaves a kind at or below the bound alone, and other kinds and sheets in place", () => {
    const few = Array.from({ length: COLLAPSE_ABOVE }, (_, i) => at(`A${i + 1}`));
    expect(collapseFindings(few)).toBe(few);
    const many = Array.from({ length: COLLAPSE_ABOVE + 1 }, (_, i) => at(`B${i + 10}`));
    const other = at("C3", "unknown-indicator", "乙区");
    const missing = Array.from({ length: COLLAPSE_ABOVE + 5 }, () => at(undefined, "missing-row"));
    const out = collapseFindings([other, ...many, ...missing]);
    expect(out).toHaveLength(3);
    expect(out[0]).toBe(other);
    expect(out[1]).toMatchObject({ cell: "B10", repeat: { count: COLLAPSE_ABOVE + 1, range: `B10:B${COLLAPSE_ABOVE + 10}` } });
    expect(out[2].repeat).toEqual({ count: COLLAPSE_ABOVE + 5 });
    expect(findingText(out[2], "zh")).toMatch(/^55 处缺报，首处：/);
  });

  it("cuts a text a message echoes to an excerpt", () => {
    const f = makeFinding("not-a-number", { file: "a.xlsx" }, { name: "床位数", text: "很".repeat(5000) });
    expect(Array.from(String(f.params.text))).toHaveLength(EXCERPT_LENGTH);
    expect(String(f.params.text).endsWith("…")).toBe(true);
  });
});
