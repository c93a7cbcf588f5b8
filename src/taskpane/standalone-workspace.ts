/**
 * The workspace of standalone mode (not inside Office): files opened in the browser, the
 * work done in a Web Worker. Nothing is sent anywhere: files are read with File.arrayBuffer()
 * and results come back as downloads.
 */
import { mergeConfirmations, readConfirmations, type Confirmation, type ConfirmationDecision } from "../core/confirmations";
import { appError, errorText } from "../core/errors";
import type { Finding } from "../core/findings";
import { messages } from "../core/messages";
import type { WorkbookModel } from "../core/model";
import { PLAN_SHEET } from "../core/sheets";
import type { EngineClient } from "./worker-client";
import type { PlanInput } from "./worker-protocol";
import { isAbort, type Download, type MidtermSummary, type OpenedFile, type RunOptions, type StandaloneWorkspace } from "./workspace";


interface Entry extends OpenedFile {
  /** A workbook: the original bytes (for marked copies) and the model. */
  bytes?: ArrayBuffer;
  model?: WorkbookModel;
  /** .json plan: its text. */
  text?: string;
  /** The confirmations the workbook carries (its `_indicators` sheet). */
  stored?: Confirmation[];
}

const isJson = (name: string) => /\.json$/i.test(name);

/** The confirmation target of a finding of an opened file. */
const targetOf = (f: Finding) => ({ file: f.file, sheet: f.sheet ?? "", kind: f.kind, ...(f.cell ? { cell: f.cell } : {}) });


/** What the pane sees of an opened file. */
function publicView({ name, role, sheets, carriesPlan }: Entry): OpenedFile {
  return { name, role, sheets, ...(carriesPlan ? { carriesPlan } : {}) };
}

export function createStandaloneWorkspace(engine: EngineClient): StandaloneWorkspace {
  let entries: Entry[] = [];
  /** The clerk's 情况属实 and 撤销确认 in this session, in order (they reach the files in marked copies). */
  let decisions: ConfirmationDecision[] = [];
  let midterm: Uint8Array | undefined;

  const planInput = (p: Entry): PlanInput =>
    p.text !== undefined ? { kind: "json", name: p.name, text: p.text } : { kind: "workbook", model: p.model! };
  /** The plan file; without one, each district workbook is checked against the plan it carries (hasPlan). */
  const plan = (): PlanInput | undefined => {
    const p = entries.find((e) => e.role === "plan");
    if (p) return planInput(p);
    if (!entries.some((e) => e.carriesPlan)) throw appError("need-plan");
    return undefined;
  };
  /** A plan to build from (the plan file, else the first plan a district workbook carries). */
  const onePlan = (): PlanInput => {
    const p = entries.find((e) => e.role === "plan") ?? entries.find((e) => e.carriesPlan);
    if (!p) throw appError("need-plan");
    return planInput(p);
  };
  const workbooks = (): WorkbookModel[] => {
    const list = entries.filter((e) => e.role === "submission").map((e) => e.model!);
    if (list.length === 0) throw appError("need-submissions");
    return list;
  };

  const openOne = async (file: File, role: "plan" | "submission" | "auto", run: RunOptions): Promise<Entry> => {
    if (isJson(file.name)) {
      if (role === "submission") throw appError("submission-not-workbook", { file: file.name });
      const text = await file.text();
      try {
        JSON.parse(text);
      } catch {
        throw appError("invalid-json-file", { file: file.name });
      }
      return { name: file.name, role: "plan", sheets: [], text };
    }
    const bytes = await file.arrayBuffer();
    const { model } = await engine.request({ type: "read", name: file.name, bytes }, run);
    const sheets = model.sheets.filter((s) => !s.hidden).map((s) => s.name);
    // A visible 规划指标 sheet makes a dropped workbook the plan (a template carries a hidden one).
    const detected = sheets.includes(PLAN_SHEET) ? "plan" : "submission";
    const entry: Entry = { name: file.name, role: role === "auto" ? detected : role, sheets, bytes, model, stored: readConfirmations(model) };
    if (entry.role === "submission" && model.sheets.some((s) => s.hidden && s.name === PLAN_SHEET)) entry.carriesPlan = true;
    return entry;
  };

  return {
    kind: "standalone",

    async openFiles(files, role, run = {}) {
      const failures: unknown[] = [];
      const opened: OpenedFile[] = [];
      for (const [i, file] of files.entries()) {
        run.onProgress?.({ done: i, total: files.length, label: file.name });
        try {
          const entry = await openOne(file, role, run);
          entries = entries.filter((e) => e.name !== entry.name && !(entry.role === "plan" && e.role === "plan"));
          entries.push(entry);
          opened.push(publicView(entry));
        } catch (e) {
          if (isAbort(e)) throw e;
          failures.push(e);
        }
      }
      midterm = undefined;
      // Each file's own error, rendered one per line in the pane's language (errorText).
      if (failures.length > 0) throw new AggregateError(failures, failures.map((e) => errorText(e, "zh")).join("\n"));
      return opened;
    },

    removeFile(name) {
      entries = entries.filter((e) => e.name !== name);
      decisions = decisions.filter((d) => d.file !== name);
      midterm = undefined;
    },

    files: () => entries.map(publicView),

    sheet: (file, sheet) => entries.find((e) => e.name === file)?.model?.sheets.find((s) => s.name === sheet),

    async validate(_scope, run = {}) {
      const p = plan();
      const { report } = await engine.request({ type: "validate", ...(p ? { plan: p } : {}), workbooks: workbooks(), decisions }, run);
      return report.findings;
    },

    async confirm(finding: Finding, reason: string) {
      if (!finding.sheet) throw appError("confirm-needs-sheet");
      if (reason.trim() === "") throw appError("reason-required");
      decisions.push({ ...targetOf(finding), reason: reason.trim(), at: new Date().toISOString() });
      midterm = undefined;
    },

    async unconfirm(finding: Finding) {
      decisions.push({ ...targetOf(finding), withdrawn: true });
      midterm = undefined;
    },

    async compile(request, run = {}): Promise<MidtermSummary> {
      const p = plan();
      const { summary, bytes } = await engine.request(
        {
          type: "compile",
          ...(p ? { plan: p } : {}),
          workbooks: workbooks(),
          decisions,
          lang: request.lang ?? "zh",
          ...(request.asOf ? { asOf: request.asOf } : {}),
        },
        run,
      );
      midterm = bytes;
      return summary;
    },

    async loadPlan(run = {}) {
      return (await engine.request({ type: "plan", plan: onePlan() }, run)).view;
    },

    async markedCopy(file, findings, lang, run = {}): Promise<Download> {
      const entry = entries.find((e) => e.name === file);
      if (!entry?.bytes) throw appError("workbook-not-open", { file });
      // What the clerk confirmed travels in the copy: the workbook's own confirmations with this session's decisions.
      const confirmations = mergeConfirmations(entry.stored ?? [], decisions.filter((d) => d.file === file));
      const { bytes } = await engine.request({ type: "mark", bytes: entry.bytes, findings, confirmations, lang }, run);
      // The copy keeps its package's kind: an .xlsm stays one (its macros are carried over).
      const extension = /\.xlsm$/i.test(file) ? ".xlsm" : ".xlsx";
      return { name: messages(lang).pane.markedCopyName({ name: file.replace(/\.xls[xm]$/i, ""), extension }), bytes };
    },

    async midtermWorkbook(): Promise<Download> {
      if (!midterm) throw appError("compile-first");
      return { name: "midterm.xlsx", bytes: midterm };
    },

    async planSkeleton(): Promise<Download> {
      const { bytes } = await engine.request({ type: "skeleton" });
      return { name: `${PLAN_SHEET}.xlsx`, bytes };
    },

    async template(district, period): Promise<Download> {
      const { bytes, name } = await engine.request({ type: "template", plan: onePlan(), district, ...(period ? { period } : {}) });
      return { name, bytes };
    },
  };
}
