/* Excel on the web's 5 MB limit per request and per response (issue 11, defect 4), through
 * Microsoft's library: reads, marks, clears and result sheets in requests of at most 2.5 MB,
 * with progress per request and cancelling between requests. */
import { clearMarks, compileInWorkbook, markFindings, validateActiveWorkbook } from "../../../src/excel/actions";
import { MARK_FILL } from "../../../src/excel/marks";
import type { Progress } from "../../../src/excel/run";
import { seedWorkbook } from "../workbook-fixture";
import { seedLarge, syntheticFindings } from "./generate";
import { fillOf, optionsOf, pane } from "./harness";
import { OfficeHost } from "./runtime";
import { WEB } from "./stand-in";

const BUDGET = 2_500_000;
/** A clerk's long remark quoted in the notes: 2,000 marks then weigh what ~6,000 short ones do. */
const LONG = "本期数据来源于街道上报的统计台账，部分社区尚未完成年度核查工作，".repeat(8);

function within(host: OfficeHost) {
  const over = host.excel.requests.filter((r) => r.bytesIn > BUDGET || r.bytesOut > BUDGET || r.error);
  expect(over).toEqual([]);
}

test("2,000 marked cells with long notes, and clearing them: every request under 2.5 MB, progress per request", async () => {
  const host = new OfficeHost(WEB);
  host.excel.addSheet("明细", [["x"]]);
  const findings = syntheticFindings("明细", 2000, LONG);
  const p = pane(host);
  const progress: Progress[] = [];
  const out = await markFindings(p.run, findings, optionsOf(p, { onProgress: (e: Progress) => progress.push(e) }));
  expect(out.cells).toBe(2000);
  expect(host.excel.sheet("明细").notes.size).toBe(2000);
  expect(fillOf(host.excel.cell("明细", "T100"))?.color).toBe(MARK_FILL.warning);
  const marking = progress.filter((e) => e.stage === "mark");
  expect(marking.length).toBeGreaterThan(2);
  expect(marking.at(-1)).toEqual({ stage: "mark", done: 2000, total: 2000 });
  await clearMarks(p.run, optionsOf(p));
  expect(host.excel.sheet("明细").notes.size).toBe(0);
  expect(fillOf(host.excel.cell("明细", "T100"))).toBeNull();
  within(host);
}, 60_000);

test("2,000 marked cells with long comments (a web host without notes) and clearing them", async () => {
  const host = new OfficeHost({ ...WEB, name: "web-1.17", excelApi: "1.17" });
  host.excel.addSheet("明细", [["x"]]);
  const p = pane(host);
  await markFindings(p.run, syntheticFindings("明细", 2000, LONG), optionsOf(p));
  expect(host.excel.threads).toHaveLength(2000);
  await clearMarks(p.run, optionsOf(p));
  expect(host.excel.threads).toHaveLength(0);
  within(host);
}, 60_000);

test("reading a sheet of long Chinese text: responses sized by what was measured, not by a cell count", async () => {
  const host = new OfficeHost(WEB);
  seedWorkbook(host.excel);
  const text = "本栏填写本期开展的城乡社区养老服务工作情况及存在问题说明".repeat(3);
  host.excel.addSheet(
    "附表说明",
    Array.from({ length: 1000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `${r + 1}.${c + 1} ${text}`)),
  );
  const p = pane(host);
  const out = await validateActiveWorkbook(p.run, optionsOf(p, { mark: false }));
  expect(out.report.counts.submissions).toBe(1);
  within(host);
}, 60_000);

test("result sheets of 20 districts × 100 indicators with ~1,000 findings: written in row blocks", async () => {
  const host = new OfficeHost(WEB);
  const made = seedLarge(host.excel, { districts: 20, indicators: 100, defectRate: 0.5 });
  expect(made.defects).toBeGreaterThan(900);
  const p = pane(host);
  const out = await compileInWorkbook(p.run, optionsOf(p));
  expect(out.status).toBe("written");
  const list = host.excel.sheet("问题清单");
  expect(list.cells.size).toBeGreaterThan(900 * 6);
  within(host);
}, 60_000);

test("cancelling between requests: what was marked is recorded and clears", async () => {
  const host = new OfficeHost(WEB);
  host.excel.addSheet("明细", [["x"]]);
  const p = pane(host);
  const abort = new AbortController();
  const progress = (e: Progress) => {
    if (e.stage === "mark" && e.done > 0) abort.abort();
  };
  await expect(
    markFindings(p.run, syntheticFindings("明细", 2000, LONG), optionsOf(p, { onProgress: progress, signal: abort.signal })),
  ).rejects.toThrow("已取消");
  const marked = [...host.excel.sheet("明细").cells.values()].filter((c) => c.fill).length;
  expect(marked).toBeGreaterThan(0);
  expect(marked).toBeLessThan(2000);
  await clearMarks(p.run, optionsOf(p));
  expect([...host.excel.sheet("明细").cells.values()].filter((c) => c.fill)).toEqual([]);
  expect(host.excel.sheet("明细").notes.size).toBe(0);
}, 60_000);
