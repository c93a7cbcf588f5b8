/**
 * The add-in's use-cases on the open workbook (校验、汇总、清除标记、情况属实), shared by the
 * task pane and the ribbon commands. UI-free: each takes a runner (Excel.run, or a mock in
 * tests), the HostInfo, the settings store, an optional progress callback and AbortSignal,
 * and returns plain results with notices (messages of the catalogue). Validation and compile
 * go through the use-case layer (src/core/check.ts), as the command line and the page do.
 * Errors a user can act on are AppError (src/core/errors.ts); cancelling throws CancelledError.
 *
 *   validateActiveWorkbook(run, { host, store, scope, mark })  → findings, marks
 *   markFindings(run, findings, { host, store })                 → exactly these findings' cells marked
 *   readPlan(run, { host, store })                               → the plan of the 规划指标 sheet
 *   compileInWorkbook(run, { host, store, files, asOf, onConflict }) → result sheets
 *   clearMarks(run, { host, store })                             → fills restored, notes removed (those still the add-in's)
 *   removeResults(run, { host, store })                          → the add-in's sheets deleted
 *   confirmFinding / unconfirmFinding(run, finding, reason)      → 情况属实 stored in the workbook
 *   selectCell(run, sheet, cell)                                 → the finding's cell selected
 *   writeSheets(run, tables, { host, store })                    → a template or plan skeleton
 */
import { checkWorkbooks, compileWorkbooks, type Report } from "../core/check";
import type { CompileResult } from "../core/compile";
import { readConfirmations, withConfirmation, withoutConfirmation, type Confirmation } from "../core/confirmations";
import { appError } from "../core/errors";
import { findingsToMark, type Finding } from "../core/findings";
import { messages, type Lang } from "../core/messages";
import type { WorkbookModel } from "../core/model";
import type { ReportPeriod } from "../core/period";
import { loadPlanFromWorkbook, type Plan, type PlanLoad } from "../core/plan";
import { CHART_SHEET, CONFIRMATIONS_SHEET, PLAN_SHEET, UNITS_SHEET } from "../core/sheets";
import type { TableModel } from "../core/table";
import type { MidtermSummary } from "../core/views";
import type { HostInfo } from "../host";
import { writeConfirmations } from "./confirmations";
import type { ClearOutcome, MarkOutcome } from "./marks";
import { markCells, unmarkCells } from "./marks";
import type { Notice } from "./notices";
import { readWorkbook } from "./read";
import type { SettingsStore } from "./record";
import type { ExcelRunner, RunOptions } from "./run";
import type { ChartSpec, SheetConflict } from "./write";
import { removeResultSheets, writeTables } from "./write";

export interface ActionOptions extends RunOptions {
  host: HostInfo;
  /** Where the record of the add-in's changes lives (officeSettings() in Office). */
  store: SettingsStore;
  /** Language of notes written into cells and of the result sheets; default the host's. */
  lang?: Lang;
  /** The workbook's name in findings when the host cannot tell it (before ExcelApi 1.7). */
  workbookName?: string;
}

export interface ValidateInWorkbookOptions extends ActionOptions {
  /** The whole workbook (default) or only the active sheet. */
  scope?: "workbook" | "activeSheet";
  /** Mark the findings' cells (default true). */
  mark?: boolean;
  /** A plan picked in the pane (with its definition findings); default: the workbook's 规划指标 sheet. */
  plan?: PlanLoad;
}

export interface ValidateOutcome {
  /** The workbook's name, as findings carry it. */
  file: string;
  plan: Plan;
  /** The use-case layer's report: plan findings first, then the workbook's, confirmations (情况属实) applied. */
  report: Report;
  /** report.findings: what the pane lists. */
  findings: Finding[];
  marks: MarkOutcome | null;
  notices: Notice[];
}

const langOf = (o: ActionOptions): Lang => o.lang ?? o.host.displayLanguage;

/** The plan of the options, else of the workbook's 规划指标 sheet. */
function planOf(model: WorkbookModel, given: PlanLoad | undefined): PlanLoad {
  if (given) return given;
  const load = loadPlanFromWorkbook(model, model.name);
  if (load.findings.some((f) => f.kind === "plan-no-sheet")) throw appError("no-plan-sheet");
  return load;
}

/** Reads the workbook (all sheets, or the active one with the plan and record sheets). */
function readModel(context: Excel.RequestContext, o: ActionOptions, scope: "workbook" | "activeSheet"): Promise<WorkbookModel> {
  return readWorkbook(context, {
    host: o.host,
    name: o.workbookName,
    sheets: scope === "activeSheet" ? (active: string) => [active, PLAN_SHEET, UNITS_SHEET, CONFIRMATIONS_SHEET] : undefined,
    onProgress: o.onProgress,
    signal: o.signal,
  });
}

/** Validates the open workbook (or its active sheet) and marks the findings' cells. */
export async function validateActiveWorkbook(run: ExcelRunner, options: ValidateInWorkbookOptions): Promise<ValidateOutcome> {
  return run(async (context) => {
    const model = await readModel(context, options, options.scope ?? "workbook");
    const plan = planOf(model, options.plan);
    options.onProgress?.({ stage: "validate", done: 0, total: 1 });
    const report = checkWorkbooks({ plan, workbooks: [model] });
    options.onProgress?.({ stage: "validate", done: 1, total: 1 });
    const findings = report.findings;
    const marks = options.mark === false ? null : await markCells(context, findingsToMark(findings), { ...options, lang: langOf(options) });
    return { file: model.name, plan: plan.plan, report, findings, marks, notices: marks?.notices ?? [] };
  });
}

/**
 * Marks exactly the given findings' cells (those the pane lists), without validating again;
 * the earlier marks are cleared first (marks.ts). Confirmed warnings are left unmarked.
 * Findings on a sheet deleted or renamed since are skipped, with a notice.
 * Requests: those of markCells.
 */
export async function markFindings(run: ExcelRunner, findings: readonly Finding[], options: ActionOptions): Promise<MarkOutcome> {
  return run((context) => markCells(context, findingsToMark(findings), { ...options, lang: langOf(options) }));
}

export interface PlanOutcome {
  /** The workbook's name, as the plan's findings carry it. */
  file: string;
  plan: Plan;
  /** Findings about the plan's definition rows. */
  findings: Finding[];
}

/**
 * The plan of the open workbook: reads only its 规划指标 sheet (and 填报单位, the units the plan
 * expects). Without a 规划指标 sheet: AppError no-plan-sheet.
 */
export function readPlan(run: ExcelRunner, options: ActionOptions): Promise<PlanOutcome> {
  return run(async (context) => {
    const model = await readWorkbook(context, {
      host: options.host,
      name: options.workbookName,
      sheets: [PLAN_SHEET, UNITS_SHEET],
      onProgress: options.onProgress,
      signal: options.signal,
    });
    const { plan, findings } = planOf(model, undefined);
    return { file: model.name, plan, findings };
  });
}

export interface CompileInWorkbookOptions extends ActionOptions {
  /** A plan picked in the pane (with its definition findings); default: the workbook's 规划指标 sheet. */
  plan?: PlanLoad;
  /** The report period to evaluate as of; default the latest among the submissions. */
  asOf?: ReportPeriod;
  /** District workbooks picked as files (read in the pane with src/files). */
  files?: readonly WorkbookModel[];
  /** Take the submissions of the open workbook too (default true). */
  includeWorkbook?: boolean;
  /** A user's sheet with a result sheet's name: ask (default), write beside it, or replace it. */
  onConflict?: "ask" | "rename" | "replace";
}

export type CompileOutcome =
  | { status: "written"; result: CompileResult; summary: MidtermSummary; sheets: string[]; notices: Notice[] }
  | { status: "conflict"; result: CompileResult; summary: MidtermSummary; conflicts: SheetConflict[] };

/** Target progress against time progress per indicator, for the native chart. */
export function progressChart(result: CompileResult, lang: Lang): ChartSpec {
  // Only indicators with a city value have a target progress to plot.
  const rows = result.evaluation.rows.filter((r) => r.progress !== null);
  const m = messages(lang).chart;
  return {
    sheet: CHART_SHEET,
    title: m.title,
    categoryHeader: m.category,
    categories: rows.map((r) => r.indicator.name),
    series: [
      { name: m.progress, values: rows.map((r) => r.progress) },
      { name: m.time, values: rows.map((r) => r.timeProgress) },
    ],
    format: "0.0%",
  };
}

/**
 * Consolidates the submissions (this workbook's sheets and/or picked files), evaluates them
 * and writes 中期评估表, 分区数据, 问题清单 and the progress chart into the workbook.
 */
export async function compileInWorkbook(run: ExcelRunner, options: CompileInWorkbookOptions): Promise<CompileOutcome> {
  return run(async (context) => {
    const lang = langOf(options);
    const model = await readModel(context, options, "workbook");
    const models = [...(options.includeWorkbook === false ? [] : [model]), ...(options.files ?? [])];
    const { result, tables, views } = compileWorkbooks({
      plan: planOf(model, options.plan),
      workbooks: models,
      asOf: options.asOf,
      lang,
      onWorkbook: (done) => options.onProgress?.({ stage: "compile", done, total: models.length }),
    });
    options.onProgress?.({ stage: "compile", done: models.length, total: models.length });
    const written = await writeTables(context, tables, { ...options, onConflict: options.onConflict, chart: progressChart(result, lang) });
    return written.status === "conflict"
      ? { status: "conflict", result, summary: views.summary, conflicts: written.conflicts }
      : { status: "written", result, summary: views.summary, sheets: written.sheets, notices: written.notices };
  });
}

/** Removes the add-in's marks: restores the recorded fills, deletes its notes and comments. */
export function clearMarks(run: ExcelRunner, options: ActionOptions): Promise<ClearOutcome> {
  return run((context) => unmarkCells(context, options));
}

/** Deletes exactly the result sheets the add-in created. */
export function removeResults(run: ExcelRunner, options: Pick<ActionOptions, "host" | "store" | "signal">): Promise<{ removed: string[] }> {
  return run((context) => removeResultSheets(context, options));
}

/** Writes tables that become the user's sheets (a district template, a 规划指标 skeleton). */
export function writeSheets(
  run: ExcelRunner,
  tables: readonly TableModel[],
  options: ActionOptions & { onConflict?: "ask" | "rename" | "replace" },
): ReturnType<typeof writeTables> {
  return run((context) => writeTables(context, tables, { ...options, results: false }));
}

/** The confirmations stored in the open workbook. */
export function readWorkbookConfirmations(run: ExcelRunner, options: ActionOptions): Promise<Confirmation[]> {
  return run(async (context) => {
    const model = await readWorkbook(context, { host: options.host, name: options.workbookName, sheets: [CONFIRMATIONS_SHEET] });
    return readConfirmations(model);
  });
}

async function updateConfirmations(
  run: ExcelRunner,
  options: ActionOptions,
  change: (list: Confirmation[]) => Confirmation[],
): Promise<Confirmation[]> {
  return run(async (context) => {
    const model = await readWorkbook(context, { host: options.host, name: options.workbookName, sheets: [CONFIRMATIONS_SHEET] });
    // Stored without a file: the record sheet belongs to this workbook, whatever its file is called later.
    const list = change(readConfirmations(model).map(({ file: _file, ...c }) => c));
    await writeConfirmations(context, list);
    return list;
  });
}

/** Stores the clerk's 情况属实 for a finding of this workbook, with the reason. */
export function confirmFinding(run: ExcelRunner, finding: Finding, reason: string, options: ActionOptions): Promise<Confirmation[]> {
  if (!finding.sheet) return Promise.reject(appError("confirm-needs-sheet"));
  if (reason.trim() === "") return Promise.reject(appError("reason-required"));
  const c: Confirmation = { sheet: finding.sheet, kind: finding.kind, reason: reason.trim(), at: new Date().toISOString() };
  if (finding.cell) c.cell = finding.cell;
  return updateConfirmations(run, options, (list) => withConfirmation(list, c));
}

/** Withdraws the confirmation of a finding. */
export function unconfirmFinding(run: ExcelRunner, finding: Finding, options: ActionOptions): Promise<Confirmation[]> {
  return updateConfirmations(run, options, (list) =>
    withoutConfirmation(list, { sheet: finding.sheet ?? "", cell: finding.cell, kind: finding.kind }),
  );
}

/** Selects a finding's cell (activating its sheet). */
export function selectCell(run: ExcelRunner, sheet: string, cell: string): Promise<void> {
  return run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}
