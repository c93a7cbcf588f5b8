/**
 * What a spreadsheet program makes of the written workbooks (needs soffice; run with
 * `npm run test:libreoffice`): LibreOffice headless converts the mid-term workbook to csv
 * (every sheet, cells as shown) and to PDF (text checked with pdftotext when installed), and
 * opens a filled template, saves it again as .xlsx, and the result still validates cleanly.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { main, type CliIO } from "../../src/cli/index";
import { loadPlanFromWorkbook } from "../../src/core/plan";
import { validateWorkbook } from "../../src/core/validate";
import { readWorkbookFile } from "../../src/files/read-node";
import { convert as convertIn } from "./soffice";

const run = promisify(execFile);
jest.setTimeout(120_000);

const FIXTURES = join(__dirname, "../fixtures/compile");
let dir: string;

/** soffice --convert-to (./soffice.ts) with its profile and HOME in dir. */
const convert = (file: string, to: string, outdir: string) => convertIn(dir, file, to, outdir);

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: "", stderr: "", isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

async function cli(args: string[]): Promise<number> {
  return main(["node", "indicators", ...args], capture());
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "lo-test-"));
  const files = ["甲区.xlsx", "乙区.xlsx", "丙县.xlsx"].map((n) => join(FIXTURES, n));
  expect(await cli(["compile", "--plan", join(FIXTURES, "plan.xlsx"), ...files, "-o", join(dir, "midterm.xlsx")])).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** CSV lines of one exported sheet, cells split (no cell of these sheets holds a comma in a quote we check). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else if (ch !== "\r") cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("the mid-term workbook in LibreOffice", () => {
  let sheets: Map<string, string[][]>;
  beforeAll(async () => {
    // Every sheet (-1), UTF-8 (76), cells as shown (the 9th token): percent formats applied.
    await convert(join(dir, "midterm.xlsx"), "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", join(dir, "csv"));
    sheets = new Map();
    for (const name of await readdir(join(dir, "csv"))) {
      const m = /^midterm-(.+)\.csv$/.exec(name);
      if (m) sheets.set(m[1], parseCsv(await readFile(join(dir, "csv", name), "utf8")));
    }
  });

  test("LibreOffice opens all four sheets", () => {
    expect([...sheets.keys()].sort()).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单"].sort());
  });

  test("中期评估表 shows numbers with their decimals and progress as percentages", () => {
    const rows = sheets.get("中期评估表")!;
    expect(rows[0][0]).toBe("民政事业发展规划中期评估表");
    expect(rows[2].slice(0, 10)).toEqual(["序号", "指标名称", "单位", "属性", "基期值", "目标值", "中期值", "目标完成进度", "时间进度", "评价"]);
    const beds = rows.find((r) => r[1] === "养老床位数")!;
    expect(beds.slice(0, 10)).toEqual(["1", "养老床位数", "张", "预期性", "1000", "2000", "900", "-10.0%", "50.0%", "滞后"]);
    const ratio = rows.find((r) => r[1] === "每千名老人拥有养老床位数")!;
    expect(ratio.slice(4, 10)).toEqual(["20.0", "50.0", "30.0", "33.3%", "50.0%", "滞后（重点关注）"]);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(["一、养老服务", "二、社会救助", "三、基层治理"]));
  });

  test("分区数据 shows the clerk's text as text; 问题清单 lists the findings", () => {
    const matrix = sheets.get("分区数据")!;
    const rate = matrix.find((r) => r[0] === "B-01")!;
    expect(rate[4]).toBe("=SUM(1)");
    const list = sheets.get("问题清单")!;
    expect(list.some((r) => r[1] === "乙区.xlsx" && r[3] === "D7" && r[7] === "未填占位符")).toBe(true);
  });

  test("the PDF is A4 landscape and carries the title, as-of date and statuses", async () => {
    await convert(join(dir, "midterm.xlsx"), "pdf", join(dir, "pdf"));
    const pdf = join(dir, "pdf", "midterm.pdf");
    expect(existsSync(pdf)).toBe(true);
    const hasPdftotext = await run("which", ["pdftotext"]).then(
      () => true,
      () => false,
    );
    if (!hasPdftotext) return; // the csv checks above still ran
    const { stdout: info } = await run("pdfinfo", [pdf]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info)!;
    expect(Math.round(Number(size[1]))).toBe(842); // A4 landscape: 842 × 595 pt
    expect(Math.round(Number(size[2]))).toBe(595);
    const { stdout: text } = await run("pdftotext", ["-layout", pdf, "-"]);
    expect(text).toContain("民政事业发展规划中期评估表");
    expect(text).toContain("截至2018年6月");
    expect(text).toContain("滞后（重点关注）");
    expect(text).toContain("50.0%");
  });
});

describe("a filled template through LibreOffice", () => {
  test("opens, saves as .xlsx again, and still validates with zero findings", async () => {
    const template = join(dir, "丙县.xlsx");
    expect(await cli(["template", "--plan", join(FIXTURES, "plan.xlsx"), "--district", "丙县", "--period", "2018-06", "-o", template])).toBe(0);
    const { plan } = loadPlanFromWorkbook(await readWorkbookFile(join(FIXTURES, "plan.xlsx")), "plan.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(template)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("丙县")!;
    plan.indicators.forEach((ind, i) => (ws.getCell(6 + i, 4).value = Math.min(ind.max ?? Infinity, ind.target)));
    const filled = join(dir, "filled", "丙县.xlsx");
    await mkdir(join(dir, "filled"), { recursive: true });
    await wb.xlsx.writeFile(filled);
    await convert(filled, "xlsx:Calc MS Excel 2007 XML", join(dir, "resaved"));
    const resaved = await readWorkbookFile(join(dir, "resaved", "丙县.xlsx"));
    const result = validateWorkbook(plan, resaved);
    expect(result.findings).toEqual([]);
    expect(result.values).toHaveLength(plan.indicators.length);
    // LibreOffice kept the plan sheet hidden.
    expect(resaved.sheets.find((s) => s.name === "规划指标")?.hidden).toBe(true);
  });
});
