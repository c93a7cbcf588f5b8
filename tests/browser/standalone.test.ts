/**
 * The task pane as a plain web page (standalone mode) in Debian's Chromium, over the built
 * dist/ served by scripts/preview.js: open the samples, validate, see the findings the command
 * line reports, click one and see its preview cell, compile and download the mid-term
 * workbook, download a marked copy, drop a broken file. Every request that does not go to the
 * preview server is blocked and recorded; only Office.js from its CDN is allowed (served from
 * node_modules). Screenshots of each step at 350 px and 1280 px go to test-artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import ExcelJS from "exceljs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { main } from "../../src/cli/index";
import { errorText, fromErrorData, type ErrorData } from "../../src/core/errors";
import { readWorkbookBuffer } from "../../src/files/read";
import { readWorkbookFile } from "../../src/files/read-node";
import { loadPlanFromWorkbook } from "../../src/core/plan";
import { compile } from "../../src/core/compile";
import { emptyValidation, validateWorkbook } from "../../src/core/validate";
import { overallStatement } from "../../src/core/statements";
import { buildResultTables } from "../../src/core/tables";
import { renderWorkbook } from "../../src/files/write";
import { markWorkbookBuffer } from "../../src/files/mark";
import { makeFinding } from "../../src/core/findings";

const { start } = require("../../scripts/preview.js") as {
  start(o: { port: number; dir: string }): Promise<{ server: Server; url: string; port: number }>;
};

const ROOT = path.join(__dirname, "..", "..");
/** The built pane; PANE_DIST points elsewhere (a trial build). */
const DIST = process.env.PANE_DIST ?? path.join(ROOT, "dist");
const EXAMPLES = path.join(ROOT, "examples");
const PLAN = path.join(EXAMPLES, "plan.xlsx");
const SUBMISSIONS = readdirSync(path.join(EXAMPLES, "submissions"))
  .filter((f) => f.endsWith(".xlsx"))
  .map((f) => path.join(EXAMPLES, "submissions", f));
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_DIST = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const CHROMIUM = "/usr/bin/chromium";

interface CliFinding {
  file: string;
  sheet?: string;
  cell?: string;
  category: string;
  severity: "error" | "warning";
}

/** What `indicators validate --format json` reports for the same files. */
async function cliFindings(): Promise<CliFinding[]> {
  let out = "";
  await main(["node", "indicators", "validate", "--plan", PLAN, ...SUBMISSIONS, "--format", "json"], {
    out: (t) => void (out += t),
    err: () => undefined,
    isTTY: false,
  });
  return (JSON.parse(out) as { findings: CliFinding[] }).findings;
}

let server: Server;
let baseUrl: string;
let context: BrowserContext;
let home: string;
let profile: string;
const outside: string[] = [];
const officeRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html missing: run `npm run build` first (npm run test:browser does)");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: apt-get install chromium`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const started = await start({ port: 0, dir: DIST });
  server = started.server;
  baseUrl = started.url;
  home = mkdtempSync(path.join(tmpdir(), "pane-home-"));
  profile = mkdtempSync(path.join(tmpdir(), "pane-profile-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    env: { ...process.env, HOME: home },
    acceptDownloads: true,
    locale: "zh-CN",
  });
  const local = `http://127.0.0.1:${started.port}/`;
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(local)) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      officeRequests.push(url);
      const file = path.join(OFFICE_DIST, new URL(url).pathname.slice("/lib/1/hosted/".length));
      if (file.startsWith(OFFICE_DIST + path.sep) && existsSync(file)) {
        return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file) });
      }
      return route.abort();
    }
    outside.push(url);
    return route.abort();
  });
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  for (const dir of [home, profile]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function shot(page: Page, name: string, width: number): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
}

async function openPane(width: number): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  await page.goto(baseUrl);
  await page.getByText("未在 Excel 中运行：可以直接打开 .xlsx 文件进行校验和汇总。文件只在本机浏览器中读取，不会上传。").waitFor();
  return page;
}

async function openSamples(page: Page): Promise<void> {
  await page.locator('input[name="plan"]').setInputFiles(PLAN);
  await page.getByText("plan.xlsx", { exact: false }).first().waitFor();
  await page.locator('input[name="districts"]').setInputFiles(SUBMISSIONS);
  for (const f of SUBMISSIONS) await page.getByText(`${path.basename(f)}：`, { exact: false }).waitFor();
}

describe.each([350, 1280])("standalone task pane at %i px", (width) => {
  let page: Page;
  let expected: CliFinding[];

  beforeAll(async () => {
    expected = await cliFindings();
    page = await openPane(width);
  });
  afterAll(async () => page?.close());

  test("opens the samples and validates them: the findings the command line reports", async () => {
    await shot(page, "01-start", width);
    await openSamples(page);
    await shot(page, "02-files", width);
    await page.getByRole("button", { name: "校验所选文件" }).click();

    const errors = expected.filter((f) => f.severity === "error").length;
    const summary = `共 ${expected.length} 个问题：错误 ${errors} 个，提示 ${expected.length - errors} 个`;
    await page.getByText(summary).waitFor();
    expect(await page.locator("button[data-finding]").count()).toBe(expected.length);
    // The same cells, sheet by sheet.
    const listed = await page.locator("button[data-finding]").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label") ?? ""));
    for (const f of expected.filter((f) => f.cell)) {
      expect(listed.some((l) => l.includes(`${f.sheet}!${f.cell}：`))).toBe(true);
    }
    await shot(page, "03-findings", width);
  });

  test("a click on a finding shows its cell in the preview, highlighted, focused and in view; Enter works too", async () => {
    const target = expected.find((f) => f.cell && f.sheet && f.severity === "error")!;
    const button = page.locator("button[data-finding]", { hasText: target.cell! }).filter({
      has: page.locator(`xpath=self::*[contains(@aria-label, "${target.sheet}!${target.cell}：")]`),
    });
    await button.first().click();
    const cell = page.locator(`[data-testid="preview"] td[data-cell="${target.cell}"]`);
    await expect(cell.getAttribute("aria-current")).resolves.toBe("true");
    expect(await cell.getAttribute("data-severity")).toBe("error");
    expect(await cell.evaluate((el) => el === document.activeElement)).toBe(true);
    const frame = (await page.locator('[data-testid="preview"]').boundingBox())!;
    const box = (await cell.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(frame.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(frame.y + frame.height + 1);
    expect(box.x).toBeGreaterThanOrEqual(frame.x - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
    const bg = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe("rgb(255, 255, 255)");
    await cell.scrollIntoViewIfNeeded();
    await shot(page, "04-preview", width);

    // Keyboard: another finding, by Tab focus and Enter.
    const other = expected.find((f) => f.cell && f.sheet && f.severity === "warning" && f.sheet !== target.sheet) ?? expected.find((f) => f.cell && f !== target)!;
    const otherButton = page.locator(`button[data-finding][aria-label*="${other.sheet}!${other.cell}："]`).first();
    await otherButton.focus();
    await page.keyboard.press("Enter");
    const otherCell = page.locator(`[data-testid="preview"] td[data-cell="${other.cell}"]`);
    await expect(otherCell.getAttribute("aria-current")).resolves.toBe("true");
  });

  test("a marked copy of a district workbook downloads with its values unchanged", async () => {
    const file = SUBMISSIONS.find((f) => expected.some((e) => e.file === path.basename(f) && e.cell))!;
    const name = path.basename(file);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: `下载带标记的 ${name}` }).click(),
    ]);
    const saved = await download.path();
    const bytes = new Uint8Array(readFileSync(saved));
    expect(await readWorkbookBuffer(bytes, name)).toEqual(await readWorkbookFile(file));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const f = expected.find((e) => e.file === name && e.cell)!;
    const cell = wb.getWorksheet(f.sheet!)!.getCell(f.cell!);
    expect(cell.note).toBeTruthy();
    expect(cell.fill).toMatchObject({ type: "pattern", pattern: "solid" });
  });

  test("compile shows the statuses and downloads the mid-term workbook the command line writes", async () => {
    await page.getByRole("tab", { name: "汇总评估" }).click();
    await page.getByRole("button", { name: "汇总", exact: true }).click();
    await page.getByText(/^截至 .+，时间进度 \d/).waitFor();

    // The same engine in node, as the CLI runs it.
    const { plan, findings } = loadPlanFromWorkbook(await readWorkbookFile(PLAN), "plan.xlsx");
    const results = [{ ...emptyValidation(), findings }];
    for (const f of SUBMISSIONS) results.push(validateWorkbook(plan, await readWorkbookFile(f)));
    const result = compile(plan, results);
    for (const row of result.evaluation.rows) {
      expect(await page.locator(`tr[data-indicator="${row.indicator.code}"] [data-status="${row.status}"]`).count()).toBe(1);
    }
    expect(await page.getByTestId("statement").innerText()).toBe(overallStatement(result.evaluation, "zh"));
    await shot(page, "05-compile", width);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 midterm.xlsx" }).click()]);
    expect(download.suggestedFilename()).toBe("midterm.xlsx");
    const got = new ExcelJS.Workbook();
    await got.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const want = new ExcelJS.Workbook();
    await want.xlsx.load((await renderWorkbook(buildResultTables(result))) as unknown as ArrayBuffer);

    expect(got.worksheets.map((w) => w.name)).toEqual(want.worksheets.map((w) => w.name));
    expect(got.worksheets.map((w) => w.name)).toContain("中期评估表");
    for (const ws of want.worksheets) {
      const values = (w: ExcelJS.Worksheet) => w.getSheetValues().map((r) => (Array.isArray(r) ? [...r] : r));
      expect(values(got.getWorksheet(ws.name)!)).toEqual(values(ws));
    }
    // Every indicator is a row of 中期评估表, with its status.
    const midterm = got.getWorksheet("中期评估表")!;
    const text = midterm.getSheetValues().flat().map(String).join("\n");
    for (const row of result.evaluation.rows) expect(text).toContain(row.indicator.name);
    await page.getByText("已生成 midterm.xlsx").waitFor();
    await shot(page, "06-downloaded", width);
  });

  test("a dropped broken file gives a clear Chinese error", async () => {
    await page.getByRole("tab", { name: "填报校验" }).click();
    const bytes = Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256);
    const dataTransfer = await page.evaluateHandle((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], "x.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
      return dt;
    }, bytes);
    await page.dispatchEvent('[data-testid="drop-zone"]', "dragover", { dataTransfer });
    await page.dispatchEvent('[data-testid="drop-zone"]', "drop", { dataTransfer });
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const message = await alert.innerText();
    expect(message).toContain("x.xlsx");
    expect(message).toMatch(/不是可读取的工作簿|文件不完整|已加密/);
    // The findings of the samples are still listed.
    expect(await page.locator("button[data-finding]").count()).toBeGreaterThan(0);
    await shot(page, "07-broken-file", width);
  });
});

describe("the page's Web Worker reads with the same reader as the command line", () => {
  const FIXTURES = path.join(ROOT, "tests", "fixtures");
  /** The built worker's script (indicators-engine.[hash].js): requests go to it as the pane sends them. */
  const workerScript = () => readdirSync(DIST).find((f) => /^indicators-engine\..*\.js$/.test(f))!;
  let page: Page;
  beforeAll(async () => {
    page = await context.newPage();
    await page.goto(baseUrl);
  });
  afterAll(() => page.close());

  /** One request to a fresh worker; its result or its error (as data), as the pane gets them. */
  const ask = (request: object) =>
    page.evaluate(
      ([script, req]) =>
        new Promise<{ kind: string; result?: { model?: unknown; bytes?: number[] }; error?: unknown }>((resolve) => {
          const worker = new Worker(script as string);
          worker.onmessage = (e: MessageEvent<{ kind: string; result?: { model?: unknown; bytes?: Uint8Array }; error?: unknown }>) => {
            if (e.data.kind === "progress") return;
            worker.terminate();
            const result = e.data.result && { ...e.data.result, bytes: e.data.result.bytes ? Array.from(e.data.result.bytes) : undefined };
            resolve({ kind: e.data.kind, result, error: e.data.error });
          };
          const r = req as { bytes?: number[] };
          worker.postMessage({ id: 1, request: r.bytes ? { ...r, bytes: new Uint8Array(r.bytes).buffer } : r });
        }),
      [workerScript(), request] as const,
    );
  const bytesOf = (file: string) => Array.from(readFileSync(path.join(FIXTURES, file)));
  /** The model as JSON (dates as ISO text), the form both sides can compare. */
  const json = (model: unknown) => JSON.parse(JSON.stringify(model));

  test.each(["formats/金凤区.xls", "formats/金凤区.ods", "reader/missing-part.xlsx", "reader/bomb.xlsx", "reader/strict.xlsx"])(
    "%s: the same workbook model, read problems included (fflate and SheetJS loaded in the worker)",
    async (file) => {
      const got = await ask({ type: "read", name: path.basename(file), bytes: bytesOf(file) });
      expect(got.kind).toBe("done");
      expect(json(got.result!.model)).toEqual(json(await readWorkbookFile(path.join(FIXTURES, file))));
    },
  );

  test("a file that is not a workbook: the reader's error as data, one line in either language", async () => {
    const got = await ask({ type: "read", name: "xxe.xlsx", bytes: bytesOf("reader/xxe.xlsx") });
    expect(got).toMatchObject({ kind: "error", error: { code: "not-a-workbook", params: { file: "xxe.xlsx" } } });
    const error = fromErrorData(got.error as ErrorData);
    expect(errorText(error, "zh")).toMatch(/^不是可读取的工作簿（文件已损坏.*：xxe\.xlsx$/);
    expect(errorText(error, "en")).toMatch(/^Not a readable workbook \(damaged: .*\): xxe\.xlsx$/);
  });

  test("a marked copy of an .xlsm made in the worker is the one the command line's code makes, macros and all", async () => {
    const findings = [makeFinding("not-a-number", { file: "macro.xlsm", sheet: "安吉县", cell: "D7" }, { name: "养老机构床位数", text: "abc" })];
    const got = await ask({ type: "mark", bytes: bytesOf("reader/macro.xlsm"), findings, confirmations: [], lang: "zh" });
    expect(got.kind).toBe("done");
    const want = await markWorkbookBuffer(readFileSync(path.join(FIXTURES, "reader", "macro.xlsm")), findings);
    expect(Buffer.from(got.result!.bytes!).equals(Buffer.from(want))).toBe(true);
  });
});

test("a 情况属实 given in the page travels in the marked copy: the command line reports it confirmed, with the reason", async () => {
  const expected = await cliFindings();
  const page = await openPane(1280);
  await openSamples(page);
  await page.getByRole("button", { name: "校验所选文件" }).click();
  await page.locator("button[data-finding]").first().waitFor();
  const warning = expected.find((f) => f.severity === "warning" && f.sheet && f.cell)!;
  const target = `${warning.sheet}!${warning.cell}`;
  await page.getByRole("button", { name: `情况属实：${target}` }).first().click();
  const reason = "该中心尚在建设，竣工验收后填报";
  await page.getByRole("textbox", { name: "原因" }).fill(reason);
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText(`已确认情况属实：${reason}`).waitFor();
  await shot(page, "09-confirmed", 1280);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: `下载带标记的 ${warning.file}` }).click()]);
  const dir = mkdtempSync(path.join(tmpdir(), "pane-copy-"));
  try {
    const copy = path.join(dir, download.suggestedFilename());
    await download.saveAs(copy);
    // The command line, without the page: the finding is confirmed, with the reason and when.
    let out = "";
    await main(["node", "indicators", "validate", "--plan", PLAN, copy, "--format", "json"], {
      out: (t) => void (out += t),
      err: () => undefined,
      isTTY: false,
    });
    const findings = (JSON.parse(out) as { findings: (CliFinding & { confirmed: { reason: string; at: string | null } | null })[] }).findings;
    const confirmed = findings.filter((f) => f.confirmed);
    expect(confirmed).toEqual([
      expect.objectContaining({ sheet: warning.sheet, cell: warning.cell, category: warning.category, confirmed: { reason, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } }),
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await page.close();
  }
});

test("in Internet Explorer 11's webview (old Office) the built pane keeps its Chinese message and renders nothing over it", async () => {
  const page = await context.newPage();
  // The persistent context has one user agent for all pages: this page gets IE11's over CDP.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setUserAgentOverride", { userAgent: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko" });
  await page.setViewportSize({ width: 350, height: 700 });
  await page.goto(baseUrl);
  await page.getByText("这台电脑上的 Excel 用 Internet Explorer 11 显示加载项", { exact: false }).waitFor();
  // Give the deferred bundle time to run: it must not render the pane.
  await page.waitForTimeout(1500);
  expect(await page.getByRole("tab").count()).toBe(0);
  expect(await page.locator("#page-url").innerText()).toBe(baseUrl);
  await page.screenshot({ path: path.join(ARTIFACTS, "08-old-webview-350.png"), fullPage: true });
  await page.close();
});

test("no request left the machine except Office.js from its CDN", () => {
  expect(outside).toEqual([]);
  expect(officeRequests.length).toBeGreaterThan(0); // the page behaved as online
  expect(officeRequests.every((u) => u.startsWith(OFFICE_CDN))).toBe(true);
});
