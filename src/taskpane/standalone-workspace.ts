/**
 * The workspace of standalone mode (not inside Office): files opened in the browser, the
 * work done in a Web Worker. Nothing is sent anywhere: files are read with File.arrayBuffer()
 * and results come back as downloads.
 */
import type { Confirmation } from "../core/confirmations";
import type { Finding } from "../core/findings";
import type { WorkbookModel } from "../core/model";
import { PLAN_SHEET } from "../core/sheets";
import type { EngineClient } from "./worker-client";
import type { PlanInput } from "./worker-protocol";
import type { Download, MidtermSummary, OpenedFile, RunOptions, StandaloneWorkspace } from "./workspace";


interface Entry extends OpenedFile {
  /** A workbook: the original bytes (for marked copies) and the model. */
  bytes?: ArrayBuffer;
  model?: WorkbookModel;
  /** .json plan: its text. */
  text?: string;
}

const isJson = (name: string) => /\.json$/i.test(name);

/** Whether two confirmations are of the same finding (file, sheet, cell, kind). */
function sameTarget(a: Confirmation, b: Pick<Confirmation, "file" | "sheet" | "cell" | "kind">): boolean {
  return a.file === b.file && a.sheet === b.sheet && a.cell === b.cell && a.kind === b.kind;
}

/** What the pane sees of an opened file. */
function publicView({ name, role, sheets, carriesPlan }: Entry): OpenedFile {
  return { name, role, sheets, ...(carriesPlan ? { carriesPlan } : {}) };
}

export function createStandaloneWorkspace(engine: EngineClient): StandaloneWorkspace {
  let entries: Entry[] = [];
  let confirmations: Confirmation[] = [];
  let midterm: Uint8Array | undefined;

  /** The plan file; without one, the plan the first district workbook carries (hasPlan). */
  const plan = (): PlanInput => {
    const p = entries.find((e) => e.role === "plan") ?? entries.find((e) => e.carriesPlan);
    if (!p) throw new Error("请先选择规划指标文件（工作簿或 .json）。");
    return p.text !== undefined ? { kind: "json", name: p.name, text: p.text } : { kind: "workbook", model: p.model! };
  };
  const workbooks = (): WorkbookModel[] => {
    const list = entries.filter((e) => e.role === "submission").map((e) => e.model!);
    if (list.length === 0) throw new Error("请先选择至少一个区县填报工作簿（.xlsx、.xlsm、.xls、.ods、.et）。");
    return list;
  };

  const openOne = async (file: File, role: "plan" | "submission" | "auto", run: RunOptions): Promise<Entry> => {
    if (isJson(file.name)) {
      if (role === "submission") throw new Error(`填报工作簿必须是工作簿文件（.xlsx、.xlsm、.xls、.ods、.et）：${file.name}`);
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        throw new Error(`不是有效的 JSON 文件：${file.name}`);
      }
      return { name: file.name, role: "plan", sheets: [], text };
    }
    const bytes = await file.arrayBuffer();
    const { model } = await engine.request({ type: "read", name: file.name, bytes }, run);
    const sheets = model.sheets.filter((s) => !s.hidden).map((s) => s.name);
    // A visible 规划指标 sheet makes a dropped workbook the plan (a template carries a hidden one).
    const detected = sheets.includes(PLAN_SHEET) ? "plan" : "submission";
    const entry: Entry = { name: file.name, role: role === "auto" ? detected : role, sheets, bytes, model };
    if (entry.role === "submission" && model.sheets.some((s) => s.hidden && s.name === PLAN_SHEET)) entry.carriesPlan = true;
    return entry;
  };

  return {
    kind: "standalone",

    async openFiles(files, role, run = {}) {
      const failures: string[] = [];
      const opened: OpenedFile[] = [];
      for (const [i, file] of files.entries()) {
        run.onProgress?.({ done: i, total: files.length, label: file.name });
        try {
          const entry = await openOne(file, role, run);
          entries = entries.filter((e) => e.name !== entry.name && !(entry.role === "plan" && e.role === "plan"));
          entries.push(entry);
          opened.push(publicView(entry));
        } catch (e) {
          if (e instanceof Error && e.name === "AbortError") throw e;
          failures.push(e instanceof Error ? e.message : String(e));
        }
      }
      midterm = undefined;
      if (failures.length > 0) throw new Error(failures.join("\n"));
      return opened;
    },

    removeFile(name) {
      entries = entries.filter((e) => e.name !== name);
      confirmations = confirmations.filter((c) => c.file !== name);
      midterm = undefined;
    },

    files: () => entries.map(publicView),

    sheet: (file, sheet) => entries.find((e) => e.name === file)?.model?.sheets.find((s) => s.name === sheet),

    async validate(_scope, run = {}) {
      const { findings } = await engine.request({ type: "validate", plan: plan(), workbooks: workbooks(), confirmations }, run);
      return findings;
    },

    async confirm(finding: Finding, reason: string) {
      if (!finding.sheet) throw new Error("只有工作表中的问题可以确认。");
      const c: Confirmation = { file: finding.file, sheet: finding.sheet, kind: finding.kind, reason, ...(finding.cell ? { cell: finding.cell } : {}) };
      confirmations = [...confirmations.filter((x) => !sameTarget(x, c)), c];
      midterm = undefined;
    },

    async unconfirm(finding: Finding) {
      confirmations = confirmations.filter((x) => !sameTarget(x, { file: finding.file, sheet: finding.sheet ?? "", cell: finding.cell, kind: finding.kind }));
      midterm = undefined;
    },

    async compile(request, run = {}): Promise<MidtermSummary> {
      const { summary, bytes } = await engine.request(
        { type: "compile", plan: plan(), workbooks: workbooks(), confirmations, ...(request.asOf ? { asOf: request.asOf } : {}) },
        run,
      );
      midterm = bytes;
      return summary;
    },

    async loadPlan(run = {}) {
      return (await engine.request({ type: "plan", plan: plan() }, run)).view;
    },

    async markedCopy(file, findings, run = {}): Promise<Download> {
      const entry = entries.find((e) => e.name === file);
      if (!entry?.bytes) throw new Error(`没有打开工作簿：${file}`);
      const { bytes } = await engine.request({ type: "mark", bytes: entry.bytes, findings }, run);
      // The copy keeps its package's kind: an .xlsm stays one (its macros are carried over).
      const extension = /\.xlsm$/i.test(file) ? ".xlsm" : ".xlsx";
      return { name: file.replace(/\.xls[xm]$/i, "") + `（已标记）${extension}`, bytes };
    },

    async midtermWorkbook(): Promise<Download> {
      if (!midterm) throw new Error("请先汇总。");
      return { name: "midterm.xlsx", bytes: midterm };
    },

    async planSkeleton(): Promise<Download> {
      const { bytes } = await engine.request({ type: "skeleton" });
      return { name: `${PLAN_SHEET}.xlsx`, bytes };
    },

    async template(district, period): Promise<Download> {
      const { bytes, name } = await engine.request({ type: "template", plan: plan(), district, ...(period ? { period } : {}) });
      return { name, bytes };
    },
  };
}
