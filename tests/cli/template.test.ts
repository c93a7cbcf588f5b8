/**
 * `indicators template`: the written workbook read back with ExcelJS (layout, inputs with
 * data validation, protection, the hidden plan), and the round trip a clerk makes: fill the
 * inputs with valid numbers, save, validate against the plan → zero findings.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { loadPlanFromWorkbook, type Plan } from "../../src/core/plan";
import { validateWorkbook } from "../../src/core/validate";
import { main, type CliIO } from "../../src/cli/index";
import { readWorkbookBuffer } from "../../src/files/read";
import { readWorkbookFile } from "../../src/files/read-node";

const PLANS = [join(__dirname, "../fixtures/compile/plan.xlsx"), join(__dirname, "../../examples/plan.xlsx")];

function capture(): CliIO & { stdout: string; stderr: string } {
  const io = { stdout: "", stderr: "", isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "template-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemplate(planPath: string, district: string, extra: string[] = []): Promise<{ path: string; code: number; io: ReturnType<typeof capture> }> {
  const path = join(dir, `${district}-${PLANS.indexOf(planPath)}.xlsx`);
  const io = capture();
  const code = await main(["node", "indicators", "template", "--plan", planPath, "--district", district, ...extra, "-o", path], io);
  return { path, code, io };
}

async function loadExcel(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
  return wb;
}

describe("the written template", () => {
  let ws: ExcelJS.Worksheet;
  let wb: ExcelJS.Workbook;
  let plan: Plan;
  beforeAll(async () => {
    const { path, code, io } = await writeTemplate(PLANS[0], "吴兴区", ["--period", "2018-06"]);
    expect(code).toBe(0);
    expect(io.stdout).toContain("已生成填报模板");
    wb = await loadExcel(path);
    ws = wb.getWorksheet("吴兴区")!;
    plan = loadPlanFromWorkbook(await readWorkbookFile(PLANS[0]), "plan.xlsx").plan;
  });

  test("§2 layout: header block, then 指标编码 | 指标名称 | 单位 | 本期值 | 备注 with every indicator", () => {
    expect(ws.getCell("A2").value).toBe("填报单位");
    expect(ws.getCell("B2").value).toBe("吴兴区");
    expect(ws.getCell("C2").value).toBe("报告期");
    expect(ws.getCell("D2").value).toBe("2018年6月");
    expect(ws.getCell("A3").value).toBe("填报人");
    expect(ws.getCell("C3").value).toBe("联系电话");
    expect([1, 2, 3, 4, 5].map((c) => ws.getCell(5, c).value)).toEqual(["指标编码", "指标名称", "单位", "本期值", "备注"]);
    expect(plan.indicators.map((_, i) => [ws.getCell(6 + i, 1).value, ws.getCell(6 + i, 3).value])).toEqual(
      plan.indicators.map((ind) => [ind.code, ind.unit]),
    );
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === "string" && texts.push(cell.value))));
    expect(texts).toContain("填报说明");
  });

  test("本期值 cells: unlocked, decimal validation within 下限/上限 (% up to 100) with a Chinese message", () => {
    plan.indicators.forEach((ind, i) => {
      const cell = ws.getCell(6 + i, 4);
      expect(cell.protection?.locked).toBe(false);
      const dv = cell.dataValidation;
      expect(dv.type).toBe("decimal");
      expect(dv.showErrorMessage).toBe(true);
      expect(dv.error).toContain(ind.unit);
      const max = ind.max ?? (ind.unit === "%" ? 100 : undefined);
      if (ind.min !== undefined && max !== undefined) expect(dv.formulae.map(Number)).toEqual([ind.min, max]);
      expect(ws.getCell(6 + i, 5).protection?.locked).toBe(false); // 备注
      expect(ws.getCell(6 + i, 1).protection?.locked).not.toBe(false); // 指标编码
    });
    expect(ws.getCell("B3").protection?.locked).toBe(false); // 填报人
    expect(ws.getCell("D3").protection?.locked).toBe(false); // 联系电话
    expect(ws.getCell("B2").protection?.locked).not.toBe(false); // 填报单位
  });

  test("the sheet is protected without a password; the plan rides along hidden and protected", async () => {
    const protection = (ws as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection;
    expect(protection?.sheet).toBe(true);
    expect(protection?.hashValue).toBeUndefined();
    const planSheet = wb.getWorksheet("规划指标")!;
    expect(planSheet.state).toBe("hidden");
    expect((planSheet as unknown as { sheetProtection: Record<string, unknown> | null }).sheetProtection?.sheet).toBe(true);
    // The plan loader reads the carried plan back as the same plan.
    const carried = loadPlanFromWorkbook(await readWorkbookBuffer(await readFile(join(dir, "吴兴区-0.xlsx")), "t.xlsx"), "t.xlsx");
    expect(carried.findings).toEqual([]);
    expect(carried.plan.indicators).toEqual(plan.indicators);
  });
});

/** A valid number for an indicator: its target, kept within its bounds. */
function validNumber(ind: Plan["indicators"][number]): number {
  const max = ind.max ?? (ind.unit === "%" ? 100 : Infinity);
  return Math.min(max, Math.max(ind.min ?? -Infinity, ind.target));
}

describe.each(PLANS)("a template of %s filled with valid numbers", (planPath) => {
  test("validates with zero findings (the period given, or typed by the clerk)", async () => {
    const plan = loadPlanFromWorkbook(await readWorkbookFile(planPath), "plan.xlsx").plan;
    const givenPeriod = planPath === PLANS[0];
    const { path, code } = await writeTemplate(planPath, "南浔区", givenPeriod ? ["--period", "2018年6月"] : []);
    expect(code).toBe(0);
    const wb = await loadExcel(path);
    const ws = wb.getWorksheet("南浔区")!;
    if (!givenPeriod) {
      expect(ws.getCell("D2").value).toBeNull();
      expect(ws.getCell("D2").protection?.locked).toBe(false);
      ws.getCell("D2").value = "2018年6月";
    }
    ws.getCell("B3").value = "李四";
    ws.getCell("D3").value = "0572-2222222";
    plan.indicators.forEach((ind, i) => {
      expect(ws.getCell(6 + i, 1).value).toBe(ind.code);
      ws.getCell(6 + i, 4).value = validNumber(ind);
    });
    // The plan carried inside reads back as the same plan (every 汇总方式 written as §4 spells it).
    const carried = loadPlanFromWorkbook(await readWorkbookFile(path), "template.xlsx");
    expect(carried.findings).toEqual([]);
    expect(carried.plan.indicators).toEqual(plan.indicators);
    const filled = await wb.xlsx.writeBuffer();
    const result = validateWorkbook(plan, await readWorkbookBuffer(filled as unknown as Uint8Array, "南浔区.xlsx"));
    expect(result.findings).toEqual([]);
    expect(result.submissions).toHaveLength(1);
    expect(result.values).toHaveLength(plan.indicators.length);

    // The clerk's own check before sending: no --plan, the plan carried inside is used.
    const saved = join(dir, `南浔区-filled-${PLANS.indexOf(planPath)}.xlsx`);
    await wb.xlsx.writeFile(saved);
    const io = capture();
    expect(await main(["node", "indicators", "validate", saved, "--format", "json"], io)).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ findings: [] });
    // One wrong value: found with the carried plan's rules.
    ws.getCell(6, 4).value = "待填";
    await wb.xlsx.writeFile(saved);
    const io2 = capture();
    expect(await main(["node", "indicators", "validate", saved, "--format", "json"], io2)).toBe(1);
    expect(JSON.parse(io2.stdout).findings).toMatchObject([{ cell: "D6", indicator: plan.indicators[0].code, category: "placeholder" }]);
  });

  test("left unfilled, every indicator is reported missing (the template is not a silent pass)", async () => {
    const plan = loadPlanFromWorkbook(await readWorkbookFile(planPath), "plan.xlsx").plan;
    const { path } = await writeTemplate(planPath, "德清县", ["--period", "2018-06"]);
    const result = validateWorkbook(plan, await readWorkbookFile(path));
    expect(result.findings.filter((f) => f.category === "missing")).toHaveLength(plan.indicators.length);
  });
});

describe("validate without --plan", () => {
  test("a workbook that carries no plan exits 2 with a Chinese line naming it", async () => {
    const file = join(__dirname, "../../examples/submissions/吴兴区.xlsx");
    const io = capture();
    expect(await main(["node", "indicators", "validate", file], io)).toBe(2);
    expect(io.stderr).toContain("未指定 --plan，且工作簿中没有随附的“规划指标”工作表");
    expect(io.stderr).toContain("吴兴区.xlsx");
  });
});

describe("template errors", () => {
  test("an unreadable period or plan exits 2 with a Chinese line", async () => {
    const bad = await writeTemplate(PLANS[0], "安吉县", ["--period", "明年"]);
    expect(bad.code).toBe(2);
    expect(bad.io.stderr).toContain("无法识别报告期");
    const io = capture();
    const code = await main(["node", "indicators", "template", "--plan", join(dir, "none.xlsx"), "--district", "安吉县", "-o", join(dir, "x.xlsx")], io);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(/找不到/);
  });
});
