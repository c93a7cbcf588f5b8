/**
 * `indicators compile` on the LibreOffice-made fixtures: the JSON shape, the exit codes, and
 * the written workbook read back with ExcelJS, sheet by sheet (what Excel users open). Inputs
 * are hashed before and after: writing never touches them.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main, type CliIO } from "../../src/cli/index";
import { confirmationRows } from "../../src/core/confirmations";
import { CONFIRMATIONS_SHEET } from "../../src/core/sheets";

const FIXTURES = join(__dirname, "../fixtures/compile");
const INPUTS = ["plan.xlsx", "甲区.xlsx", "乙区.xlsx", "丙县.xlsx"];

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: "", stderr: "", isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

let dir: string;
const path = (name: string) => join(dir, name);
const sha = async (p: string) => createHash("sha256").update(await readFile(p)).digest("hex");

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await main(["node", "indicators", "compile", ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "compile-cli-"));
  for (const name of INPUTS) await copyFile(join(FIXTURES, name), path(name));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const submissions = () => ["甲区.xlsx", "乙区.xlsx", "丙县.xlsx"].map(path);

describe("compile --format json", () => {
  test("prints the evaluation with numbers as numbers and fractions, and exits 0 despite findings", async () => {
    const { code, stdout } = await run(["--plan", path("plan.xlsx"), ...submissions(), "--format", "json"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.asOf).toBe("2018-06");
    expect(json.timeProgress).toBe(0.5);
    expect(json.rows.map((r: { indicator: string }) => r.indicator)).toEqual(["A-01", "A-02", "A-03", "B-01", "B-02", "C-01"]);
    const beds = json.rows[0];
    expect(Object.keys(beds).sort()).toEqual(
      ["indicator", "name", "unit", "type", "baseline", "target", "actual", "progress", "timeProgress", "status", "districtsUsed", "districtsExcluded"].sort(),
    );
    expect(beds).toMatchObject({ name: "养老床位数", unit: "张", type: "anticipatory", baseline: 1000, target: 2000, actual: 900, status: "behind", timeProgress: 0.5 });
    expect(beds.progress).toBeCloseTo(-0.1, 12);
    expect(beds.districtsUsed).toEqual(["甲区", "丙县"]);
    expect(beds.districtsExcluded).toEqual([{ district: "乙区", reason: expect.stringContaining("占位符") }]);
    expect(json.rows.map((r: { status: string }) => r.status)).toEqual(["behind", "behind", "behind", "on-track", "met", "on-track"]);
    expect(json.completeness.missing).toEqual(["丁县"]);
  });

  test("--as-of changes the time progress; an unreadable --as-of exits 2", async () => {
    const dec = await run(["--plan", path("plan.xlsx"), ...submissions(), "--format", "json", "--as-of", "2017年12月"]);
    expect(JSON.parse(dec.stdout)).toMatchObject({ asOf: "2017-12", timeProgress: 0.4 });
    const bad = await run(["--plan", path("plan.xlsx"), ...submissions(), "--as-of", "去年"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("无法识别评估时点");
  });

  test("a missing input exits 2 with one Chinese line; the output may not be an input", async () => {
    const missing = await run(["--plan", path("plan.xlsx"), path("无此文件.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/找不到文件/);
    const clobber = await run(["--plan", path("plan.xlsx"), ...submissions(), "-o", path("乙区.xlsx")]);
    expect(clobber.code).toBe(2);
    expect(clobber.stderr).toContain("输出文件不能是输入文件");
  });
});

describe("compile -o: the workbook read back", () => {
  let wb: ExcelJS.Workbook;
  let before: string[];
  let stdout: string;
  beforeAll(async () => {
    before = await Promise.all(INPUTS.map((n) => sha(path(n))));
    await writeFile(path("midterm.xlsx"), "an older file in the way");
    const r = await run(["--plan", path("plan.xlsx"), ...submissions(), "-o", path("midterm.xlsx")]);
    expect(r.code).toBe(0);
    stdout = r.stdout;
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(path("midterm.xlsx"))) as unknown as ArrayBuffer);
  });

  test("inputs untouched, the old output replaced, no temporary file left", async () => {
    expect(await Promise.all(INPUTS.map((n) => sha(path(n))))).toEqual(before);
    expect((await readdir(dir)).filter((n) => n.includes("midterm"))).toEqual(["midterm.xlsx"]);
    expect(stdout).toContain("已写出中期评估工作簿");
    expect(stdout).toContain("未报送：丁县");
    expect(stdout).toMatch(/评估要点：截至2018年6月，规划期时间进度50\.0%。纳入评估的\d+项指标中，已完成\d+项/);
  });

  test("评估要点: the draft paragraph and a statement per indicator, as text", () => {
    const ws = wb.getWorksheet("评估要点")!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" && texts.push(c.value))));
    expect(texts).toContain("评估表述（草稿）");
    expect(texts.some((t) => t.startsWith("截至2018年6月，规划期时间进度50.0%。"))).toBe(true);
    const midterm = wb.getWorksheet("中期评估表")!;
    const names: string[] = [];
    midterm.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === "number") names.push(String(row.getCell(2).value));
    });
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(texts.some((t) => t.startsWith(name) && t.endsWith("。"))).toBe(true);
  });

  test("four sheets, Chinese names, in order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单"]);
  });

  test("中期评估表: numbers, percent formats, status fills, frozen header, A4 landscape with header text", () => {
    const ws = wb.getWorksheet("中期评估表")!;
    expect(ws.getCell("A1").value).toBe("民政事业发展规划中期评估表");
    const headers = (ws.getRow(3).values as unknown[]).slice(1);
    expect(headers.slice(0, 10)).toEqual(["序号", "指标名称", "单位", "属性", "基期值", "目标值", "中期值", "目标完成进度", "时间进度", "评价"]);
    let bedsRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === "养老床位数") bedsRow = n;
    });
    const beds = ws.getRow(bedsRow);
    expect(beds.getCell(7).value).toBe(900);
    expect(beds.getCell(7).numFmt).toBe("0");
    expect(beds.getCell(8).numFmt).toBe("0.0%");
    expect(beds.getCell(8).value).toBeCloseTo(-0.1, 12);
    expect(beds.getCell(9).value).toBe(0.5);
    expect(beds.getCell(10).value).toBe("滞后");
    expect((beds.getCell(10).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFCE4D6");
    const fills = new Map<string, string | undefined>();
    ws.eachRow((row) => {
      const v = row.getCell(10).value;
      if (typeof v === "string") fills.set(v, (row.getCell(10).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb);
    });
    expect(fills.get("已完成")).toBe("FFC6EFCE");
    expect(fills.get("符合进度")).toBe("FFDDEBF7");
    expect(fills.get("滞后（重点关注）")).toBe("FFFFC7CE");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1 });
    expect(ws.headerFooter.oddHeader).toContain("截至2018年6月");
  });

  test("分区数据: what the clerk wrote stays text, never a formula", () => {
    const ws = wb.getWorksheet("分区数据")!;
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row) => row.eachCell((cell) => void (cell.value === "=SUM(1)" && (found = cell))));
    expect(found).toBeDefined();
    expect(found!.type).toBe(ExcelJS.ValueType.String);
    expect(found!.formula).toBeUndefined();
    expect((found!.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    const note = found!.note;
    expect(typeof note === "string" ? note : note?.texts?.map((t) => t.text).join("")).toContain("不是数值");
  });

  test("问题清单: every finding with file, sheet and cell; no cell of the workbook is a formula", () => {
    const ws = wb.getWorksheet("问题清单")!;
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual([
      "序号", "文件", "工作表", "单元格", "填报单位", "指标编码", "指标名称", "类别", "严重程度", "说明", "情况属实说明",
    ]);
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => void (n > 3 && rows.push((row.values as unknown[]).slice(1))));
    expect(rows.some((r) => r[1] === "乙区.xlsx" && r[2] === "乙区" && r[3] === "D7" && r[7] === "未填占位符")).toBe(true);
    let formulas = 0;
    wb.eachSheet((s) => s.eachRow((row) => row.eachCell((cell) => void (cell.type === ExcelJS.ValueType.Formula && formulas++))));
    expect(formulas).toBe(0);
  });
});

describe("the clerk's 情况属实 travels into 问题清单", () => {
  test("a confirmation stored in the district workbook shows next to its finding", async () => {
    // The add-in stores confirmations in a very hidden sheet of the district workbook (src/core/confirmations.ts).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(join(FIXTURES, "丙县.xlsx"))) as unknown as ArrayBuffer);
    const record = wb.addWorksheet(CONFIRMATIONS_SHEET, { state: "veryHidden" });
    for (const row of confirmationRows([{ sheet: "丙县", cell: "E12", kind: "placeholder-text", reason: "考核目标尚未下达，按上级口径暂空" }])) record.addRow(row);
    await mkdir(path("confirmed"), { recursive: true });
    await wb.xlsx.writeFile(path("confirmed/丙县.xlsx"));

    const r = await run(["--plan", path("plan.xlsx"), path("甲区.xlsx"), path("乙区.xlsx"), path("confirmed/丙县.xlsx"), "-o", path("confirmed.xlsx")]);
    expect(r.code).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load((await readFile(path("confirmed.xlsx"))) as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    out.getWorksheet("问题清单")!.eachRow((row, n) => void (n > 3 && rows.push((row.values as unknown[]).slice(1))));
    const confirmed = rows.find((x) => x[1] === "丙县.xlsx" && x[3] === "E12");
    expect(confirmed?.[8]).toBe("提示");
    expect(confirmed?.[10]).toBe("考核目标尚未下达，按上级口径暂空");
    expect(rows.filter((x) => x[10] !== undefined && x[10] !== null)).toHaveLength(1);
  });
});

describe("demo", () => {
  test("compiles the samples and writes out/midterm.xlsx in the working folder, saying where", async () => {
    const cwd = process.cwd();
    const work = path("demo");
    await mkdir(work, { recursive: true });
    process.chdir(work);
    try {
      const io = capture();
      expect(await main(["node", "indicators", "demo"], io)).toBe(0);
      expect(io.stdout).toContain(`已写出中期评估工作簿：${join(work, "out", "midterm.xlsx")}`);
    } finally {
      process.chdir(cwd);
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(join(work, "out", "midterm.xlsx"))) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单"]);
  });
});
