/**
 * The workspace inside Excel: the pane's use-cases over src/excel/actions (the same ones the
 * ribbon commands run). District workbooks and plan files picked in the pane are read by the
 * Web Worker (ExcelJS stays out of the pane's bundle).
 */
import {
  clearMarks,
  compileInWorkbook,
  confirmFinding,
  markFindings,
  readPlan,
  removeResults,
  unconfirmFinding,
  selectCell,
  validateActiveWorkbook,
  writeSheets,
  type ActionOptions,
} from "../excel/actions";
import { appError } from "../core/errors";
import { explanationKind } from "../excel/marks";
import { officeSettings, type SettingsStore } from "../excel/record";
import { excelRun, type ExcelRunner, type Progress } from "../excel/run";
import { asOfPeriod } from "../core/period";
import { loadPlanFromJson, loadPlanFromWorkbook, type PlanLoad } from "../core/plan";
import { PLAN_SHEET } from "../core/sheets";
import { buildPlanSheet, buildTemplate } from "../core/template";
import type { TableModel } from "../core/table";
import type { HostInfo } from "../host";
import type { EngineClient } from "./worker-client";
import type { ExcelWorkspace, RunOptions, WrittenSheets } from "./workspace";

/** Whether Office's theme is dark: its body background's luminance (Office.context.officeTheme, when the host has one). */
function officeThemeIsDark(): boolean {
  const office = (globalThis as { Office?: { context?: { officeTheme?: { bodyBackgroundColor?: string } } } }).Office;
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(office?.context?.officeTheme?.bodyBackgroundColor ?? "");
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Where the workspace works: the open workbook (default), or a mock workbook in tests. */
export interface ExcelBinding {
  run: ExcelRunner;
  store: SettingsStore;
}

export function createExcelWorkspace(
  host: HostInfo,
  engine: () => Promise<EngineClient>,
  binding: ExcelBinding = { run: excelRun, store: officeSettings() },
): ExcelWorkspace {
  const { run: excel, store } = binding;
  const options = (run: RunOptions = {}): ActionOptions => ({
    host,
    store,
    signal: run.signal,
    onProgress: (p: Progress) => run.onProgress?.({ done: p.done, total: p.total, stage: p.stage }),
  });
  const scopeOf = (scope: "workbook" | "sheet") => (scope === "sheet" ? "activeSheet" : "workbook");

  /** The plan of a picked file, with its definition findings: .json text, or an .xlsx read by the worker. */
  const planFromFile = async (file: File, run: RunOptions): Promise<PlanLoad> => {
    if (/\.json$/i.test(file.name)) return loadPlanFromJson(await file.text(), file.name);
    const { model } = await (await engine()).request({ type: "read", name: file.name, bytes: await file.arrayBuffer() }, run);
    return loadPlanFromWorkbook(model, file.name);
  };

  const write = async (tables: TableModel[]): Promise<WrittenSheets> => {
    const outcome = await writeSheets(excel, tables, { host, store, onConflict: "rename" });
    if (outcome.status === "conflict") throw appError("sheet-conflict");
    return { sheets: outcome.sheets, notices: outcome.notices };
  };

  return {
    kind: "excel",
    notesSupported: explanationKind(host) !== "none",
    dark: officeThemeIsDark(),

    async validate(scope, run) {
      return (await validateActiveWorkbook(excel, { ...options(run), scope: scopeOf(scope), mark: false })).findings;
    },

    async markFindings(findings, lang, run) {
      const marks = await markFindings(excel, findings, { ...options(run), lang });
      return { marked: marks.cells, notes: marks.explanations !== "none", notices: marks.notices };
    },

    async clearMarks(run) {
      return (await clearMarks(excel, options(run))).notices;
    },

    async removeResults(run) {
      return (await removeResults(excel, options(run))).removed;
    },

    selectCell: (sheet, cell) => selectCell(excel, sheet, cell),

    async confirm(finding, reason) {
      await confirmFinding(excel, finding, reason, { host, store });
    },

    async unconfirm(finding) {
      await unconfirmFinding(excel, finding, { host, store });
    },

    async compile(request, run = {}) {
      const asOf = asOfPeriod(request.asOf);
      const plan = request.plan.kind === "file" ? await planFromFile(request.plan.file, run) : undefined;
      const files = [];
      for (const file of request.files) {
        const { model } = await (await engine()).request({ type: "read", name: file.name, bytes: await file.arrayBuffer() }, run);
        files.push(model);
      }
      const outcome = await compileInWorkbook(excel, {
        ...options(run),
        ...(plan ? { plan } : {}),
        ...(asOf ? { asOf } : {}),
        files,
        includeWorkbook: request.useWorkbookSheets,
        // Never over a user's sheet of the same name without asking.
        onConflict: request.onConflict ?? "ask",
        ...(request.lang ? { lang: request.lang } : {}),
      });
      return outcome.status === "conflict"
        ? { ...outcome.summary, conflicts: outcome.conflicts }
        : { ...outcome.summary, sheets: outcome.sheets, notices: outcome.notices };
    },

    async loadPlan(run) {
      const { plan, findings } = await readPlan(excel, options(run));
      return { source: PLAN_SHEET, indicators: plan.indicators, errors: findings };
    },

    createPlanSkeleton: () => write([buildPlanSheet({ indicators: [] })]),

    async createTemplate(district, period) {
      const { plan } = await readPlan(excel, options());
      const p = asOfPeriod(period);
      // The workbook holds the plan already: only the district sheet.
      return write(buildTemplate(plan, { district, ...(p ? { period: p } : {}) }).filter((t) => t.name !== PLAN_SHEET));
    },
  };
}
