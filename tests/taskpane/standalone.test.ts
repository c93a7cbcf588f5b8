/**
 * Standalone mode's engine side on the sample files: the worker's message handler (a pure
 * function of a request) and the standalone workspace over a worker client, with an
 * in-process worker that runs the same handler. Results are compared with the command line's
 * engine on the same files.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/index";
import { compile } from "../../src/core/compile";
import { loadPlanFromJson, loadPlanFromWorkbook } from "../../src/core/plan";
import { emptyValidation, validateWorkbook } from "../../src/core/validate";
import { readWorkbookFile } from "../../src/files/read-node";
import { toErrorData } from "../../src/core/errors";
import { handleRequest } from "../../src/taskpane/worker-handler";
import { EngineClient } from "../../src/taskpane/worker-client";
import { createStandaloneWorkspace } from "../../src/taskpane/standalone-workspace";
import type { WorkerEnvelope, WorkerMessage } from "../../src/taskpane/worker-protocol";
import type { WorkProgress } from "../../src/taskpane/workspace";
import type { WorkbookModel } from "../../src/core/model";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");
const PLAN_XLSX = path.join(EXAMPLES, "plan.xlsx");
const PLAN_JSON = path.join(EXAMPLES, "plan.json");
const SUBMISSIONS = readdirSync(path.join(EXAMPLES, "submissions"))
  .filter((f) => f.endsWith(".xlsx"))
  .sort()
  .map((f) => path.join(EXAMPLES, "submissions", f));

const bytesOf = (file: string): ArrayBuffer => {
  const b = readFileSync(file);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};
const fileOf = (file: string) => new File([readFileSync(file)], path.basename(file));

/** The command line's findings for the same files, as JSON. */
async function cliFindings(plan: string): Promise<{ file: string; sheet?: string; cell?: string; category: string; severity: string }[]> {
  let out = "";
  await main(["node", "indicators", "validate", "--plan", plan, ...SUBMISSIONS, "--format", "json"], {
    out: (t) => void (out += t),
    err: () => undefined,
    isTTY: false,
  });
  return JSON.parse(out).findings;
}

const key = (f: { file: string; sheet?: string; cell?: string; category: string; severity: string }) =>
  [f.file, f.sheet ?? "", f.cell ?? "", f.category, f.severity].join("|");

/** A Worker stand-in that runs the real handler in this process, posting messages as worker.ts does. */
class InProcessWorker {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  postMessage(envelope: WorkerEnvelope): void {
    const { id, request } = structuredClone(envelope);
    const post = (m: WorkerMessage) => {
      if (!this.terminated) setTimeout(() => this.onmessage?.({ data: structuredClone(m) } as MessageEvent<WorkerMessage>));
    };
    handleRequest(request, (progress) => post({ id, kind: "progress", progress })).then(
      (result) => post({ id, kind: "done", result }),
      (e: unknown) => post({ id, kind: "error", error: toErrorData(e) }),
    );
  }
  terminate(): void {
    this.terminated = true;
  }
}

let models: WorkbookModel[];
let planModel: WorkbookModel;

beforeAll(async () => {
  planModel = await readWorkbookFile(PLAN_XLSX);
  models = [];
  for (const f of SUBMISSIONS) models.push(await readWorkbookFile(f));
});

describe("the worker's handler", () => {
  test("read: the workbook model of an .xlsx; random bytes give a Chinese error naming the file", async () => {
    const read = await handleRequest({ type: "read", name: path.basename(SUBMISSIONS[0]), bytes: bytesOf(SUBMISSIONS[0]) }, () => undefined);
    expect(read).toEqual({ type: "read", model: models[0] });
    const junk = new Uint8Array(1000).map((_, i) => (i * 31 + 7) % 256);
    await expect(handleRequest({ type: "read", name: "x.xlsx", bytes: junk.buffer }, () => undefined)).rejects.toThrow(/x\.xlsx/);
    await expect(handleRequest({ type: "read", name: "x.xlsx", bytes: junk.buffer }, () => undefined)).rejects.toThrow(/[\u4e00-\u9fff]/);
  });

  test("validate: the same findings as the command line, with progress per workbook", async () => {
    const progress: WorkProgress[] = [];
    const result = await handleRequest(
      { type: "validate", plan: { kind: "workbook", model: planModel }, workbooks: models, decisions: [] },
      (p) => progress.push(p),
    );
    if (result.type !== "validate") throw new Error(result.type);
    expect(result.report.findings.map(key)).toEqual((await cliFindings(PLAN_XLSX)).map(key));
    expect(result.report.findings.length).toBeGreaterThan(0);
    expect(progress.map((p) => p.done)).toEqual([...models.map((_, i) => i), models.length]);
  });

  test("validate with a JSON plan gives the command line's findings for that plan", async () => {
    const result = await handleRequest(
      { type: "validate", plan: { kind: "json", name: "plan.json", text: readFileSync(PLAN_JSON, "utf8") }, workbooks: models, decisions: [] },
      () => undefined,
    );
    if (result.type !== "validate") throw new Error(result.type);
    expect(result.report.findings.map(key)).toEqual((await cliFindings(PLAN_JSON)).map(key));
  });

  test("validate applies a clerk's confirmation to its finding", async () => {
    const first = await handleRequest({ type: "validate", plan: { kind: "workbook", model: planModel }, workbooks: models, decisions: [] }, () => undefined);
    if (first.type !== "validate") throw new Error(first.type);
    const warning = first.report.findings.find((f) => f.severity === "warning" && f.sheet)!;
    const again = await handleRequest(
      {
        type: "validate",
        plan: { kind: "workbook", model: planModel },
        workbooks: models,
        decisions: [{ file: warning.file, sheet: warning.sheet!, cell: warning.cell, kind: warning.kind, reason: "已核实" }],
      },
      () => undefined,
    );
    if (again.type !== "validate") throw new Error(again.type);
    expect(again.report.findings.filter((f) => f.confirmed?.reason === "已核实")).toEqual([{ ...warning, confirmed: { reason: "已核实" } }]);
  });

  test("compile: the summary and the mid-term workbook of the command line's compile", async () => {
    const result = await handleRequest(
      { type: "compile", plan: { kind: "workbook", model: planModel }, workbooks: models, decisions: [], lang: "zh" },
      () => undefined,
    );
    if (result.type !== "compile") throw new Error(result.type);
    const { plan, findings } = loadPlanFromWorkbook(planModel, planModel.name);
    const expected = compile(plan, [{ ...emptyValidation(), findings }, ...models.map((m) => validateWorkbook(plan, m))]);
    expect(result.summary.findings).toEqual(expected.findings);
    expect(result.summary.rows.map((r) => [r.indicator, r.status, r.actual])).toEqual(
      expected.evaluation.rows.map((r) => [r.indicator.code, r.status, r.actual]),
    );
    expect(result.summary.timeProgress).toBe(expected.evaluation.timeProgress);
    expect(result.summary.asOf).toEqual({ year: expected.asOf.year, month: expected.asOf.month });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(result.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["中期评估表", "评估要点", "分区数据", "问题清单"]);
    const text = wb.getWorksheet("中期评估表")!.getSheetValues().flat().map(String).join("\n");
    for (const r of expected.evaluation.rows) expect(text).toContain(r.indicator.name);
  });

  test("compile as of a given period, and a period that cannot be read", async () => {
    const result = await handleRequest(
      { type: "compile", plan: { kind: "workbook", model: planModel }, workbooks: models, asOf: "2017年", decisions: [], lang: "zh" },
      () => undefined,
    );
    if (result.type !== "compile") throw new Error(result.type);
    expect(result.summary.asOf).toEqual({ year: 2017, month: 12 });
    await expect(
      handleRequest({ type: "compile", plan: { kind: "workbook", model: planModel }, workbooks: models, asOf: "明年", decisions: [], lang: "zh" }, () => undefined),
    ).rejects.toThrow("“明年”不是可识别的报告期");
  });

  test("plan: indicators and definition errors as the plan loader gives them", async () => {
    const text = readFileSync(PLAN_JSON, "utf8");
    const result = await handleRequest({ type: "plan", plan: { kind: "json", name: "plan.json", text } }, () => undefined);
    if (result.type !== "plan") throw new Error(result.type);
    const loaded = loadPlanFromJson(text, "plan.json");
    expect(result.view).toEqual({ source: "plan.json", indicators: loaded.plan.indicators, errors: loaded.findings });
  });

  test("template and skeleton: workbooks with the district sheet and the 规划指标 sheet", async () => {
    const t = await handleRequest({ type: "template", plan: { kind: "workbook", model: planModel }, district: "吴兴区", period: "2018-06" }, () => undefined);
    if (t.type !== "template") throw new Error(t.type);
    expect(t.name).toBe("吴兴区.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain("规划指标");
    expect(wb.worksheets.length).toBeGreaterThan(1);
    const s = await handleRequest({ type: "skeleton" }, () => undefined);
    if (s.type !== "skeleton") throw new Error(s.type);
    const sk = new ExcelJS.Workbook();
    await sk.xlsx.load(s.bytes as unknown as ArrayBuffer);
    expect(sk.worksheets.map((w) => w.name)).toEqual(["规划指标"]);
    expect(sk.getWorksheet("规划指标")!.getRow(1).getCell(1).value).toBe("指标编码");
  });
});

describe("the standalone workspace over a worker", () => {
  const workers: InProcessWorker[] = [];
  const workspace = () =>
    createStandaloneWorkspace(
      new EngineClient(() => {
        const w = new InProcessWorker();
        workers.push(w);
        return w as unknown as Worker;
      }),
    );

  test("dropped files: the plan is recognised by its 规划指标 sheet, the rest are district workbooks", async () => {
    const ws = workspace();
    const progress: WorkProgress[] = [];
    const opened = await ws.openFiles([...SUBMISSIONS.slice(0, 2), PLAN_XLSX].map(fileOf), "auto", { onProgress: (p) => progress.push(p) });
    expect(opened.map((f) => [f.name, f.role])).toEqual([
      [path.basename(SUBMISSIONS[0]), "submission"],
      [path.basename(SUBMISSIONS[1]), "submission"],
      ["plan.xlsx", "plan"],
    ]);
    expect(progress.map((p) => p.label)).toEqual(opened.map((f) => f.name));
    expect(ws.sheet(path.basename(SUBMISSIONS[0]), opened[0].sheets[0])).toEqual(models[0].sheets.find((s) => s.name === opened[0].sheets[0]));
    // The same name again replaces the file; a second plan replaces the first.
    await ws.openFiles([fileOf(SUBMISSIONS[0]), fileOf(PLAN_JSON)], "auto");
    expect(ws.files().map((f) => [f.name, f.role])).toEqual([
      [path.basename(SUBMISSIONS[1]), "submission"],
      [path.basename(SUBMISSIONS[0]), "submission"],
      ["plan.json", "plan"],
    ]);
    ws.removeFile(path.basename(SUBMISSIONS[1]));
    expect(ws.files()).toHaveLength(2);
  });

  test("a filled template alone: the plan it carries is used, no plan file needed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "carried-"));
    try {
      const file = path.join(dir, "吴兴区.xlsx");
      const io = { out: () => undefined, err: () => undefined, isTTY: false };
      expect(await main(["node", "indicators", "template", "--plan", PLAN_XLSX, "--district", "吴兴区", "--period", "2018-06", "-o", file], io)).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const sheet = wb.getWorksheet("吴兴区")!;
      const { plan } = loadPlanFromWorkbook(await readWorkbookFile(PLAN_XLSX), "plan.xlsx");
      plan.indicators.forEach((ind, i) => (sheet.getCell(6 + i, 4).value = Math.max(ind.min ?? 0, Math.min(ind.max ?? 100, ind.target))));
      sheet.getCell(6, 4).value = "xx";
      await wb.xlsx.writeFile(file);

      const ws = workspace();
      const [opened] = await ws.openFiles([fileOf(file)], "auto");
      expect(opened).toMatchObject({ name: "吴兴区.xlsx", role: "submission", carriesPlan: true, sheets: ["吴兴区"] });
      const findings = await ws.validate("workbook");
      expect(findings.map((f) => [f.cell, f.indicator, f.category])).toEqual([["D6", plan.indicators[0].code, "placeholder"]]);
      expect((await ws.loadPlan()).indicators).toEqual(plan.indicators);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a broken file among good ones: the good ones open, the error names the broken one in Chinese", async () => {
    const ws = workspace();
    const broken = new File([new Uint8Array(512).fill(7)], "x.xlsx");
    await expect(ws.openFiles([fileOf(SUBMISSIONS[0]), broken], "submission")).rejects.toThrow(/x\.xlsx/);
    expect(ws.files().map((f) => f.name)).toEqual([path.basename(SUBMISSIONS[0])]);
    await expect(ws.openFiles([new File(["{"], "plan.json")], "plan")).rejects.toThrow("不是有效的 JSON 文件：plan.json");
  });

  test("validate → confirm → compile: the confirmation reaches the findings of the compile", async () => {
    const ws = workspace();
    await expect(ws.validate("workbook")).rejects.toThrow("请先选择规划指标文件");
    await ws.openFiles([fileOf(PLAN_XLSX)], "plan");
    await ws.openFiles(SUBMISSIONS.map(fileOf), "submission");
    const findings = await ws.validate("workbook");
    expect(findings.map(key)).toEqual((await cliFindings(PLAN_XLSX)).map(key));
    const warning = findings.find((f) => f.severity === "warning" && f.sheet)!;
    await ws.confirm(warning, "情况属实，已电话核实");
    const confirmedNow = (await ws.validate("workbook")).find((f) => key(f) === key(warning) && f.kind === warning.kind);
    expect(confirmedNow?.confirmed).toEqual({ reason: "情况属实，已电话核实", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await expect(ws.midtermWorkbook()).rejects.toThrow("请先汇总");
    const summary = await ws.compile({ plan: { kind: "sheet" }, useWorkbookSheets: false, files: [] });
    expect(summary.findings.some((f) => f.confirmed?.reason === "情况属实，已电话核实")).toBe(true);
    const download = await ws.midtermWorkbook();
    expect(download.name).toBe("midterm.xlsx");
    expect(download.bytes.length).toBeGreaterThan(1000);

    // Withdrawn: gone from validation and compile alike, and the mid-term workbook must be made again.
    await ws.unconfirm(warning);
    expect((await ws.validate("workbook")).some((f) => f.confirmed !== undefined)).toBe(false);
    await expect(ws.midtermWorkbook()).rejects.toThrow("请先汇总");
    const again = await ws.compile({ plan: { kind: "sheet" }, useWorkbookSheets: false, files: [] });
    expect(again.findings.some((f) => f.confirmed !== undefined)).toBe(false);
  });

  test("cancel terminates the worker; the next request starts a fresh one", async () => {
    const ws = workspace();
    await ws.openFiles([fileOf(PLAN_XLSX)], "plan");
    await ws.openFiles(SUBMISSIONS.map(fileOf), "submission");
    const before = workers.length;
    const ac = new AbortController();
    const pending = ws.compile({ plan: { kind: "sheet" }, useWorkbookSheets: false, files: [] }, { signal: ac.signal });
    ac.abort();
    await expect(pending).rejects.toMatchObject({ name: "CancelledError" });
    expect(workers[workers.length - 1].terminated).toBe(true);
    expect((await ws.validate("workbook")).length).toBeGreaterThan(0);
    expect(workers.length).toBe(before + 1);
  });
});
