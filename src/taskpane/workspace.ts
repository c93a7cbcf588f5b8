/**
 * The pane's service layer (工作区): the use-cases the components call, with all Office and
 * file work behind it (Yo Office React template style: components get callbacks, never call
 * Excel.run). Two implementations: inside Excel (excel-workspace.ts, over src/excel/actions)
 * and in a plain browser on .xlsx files (standalone-workspace.ts, over a Web Worker).
 */
import { isCancelled } from "../core/errors";
import type { Finding } from "../core/findings";
import type { Lang, MessageData } from "../core/messages";
import type { Indicator } from "../core/plan";
import type { Sheet } from "../core/model";
import type { MidtermRow, MidtermSummary as MidtermView } from "../core/views";
import type { SheetConflict } from "../excel/write";

/** A user's sheet (not created by the add-in) with a result sheet's name, and the free name beside it. */
export type { SheetConflict };

/** The file picker's accept list of workbook files: what the reader takes (src/files/read.ts). */
export const WORKBOOK_FILES = ".xlsx,.xlsm,.xls,.ods,.et";

export interface WorkProgress {
  done: number;
  total: number;
  /** The stage of the work, shown in the pane's language. */
  stage?: "read" | "validate" | "mark" | "clear" | "compile" | "write";
  /** What is being worked on (a file name), when known. */
  label?: string;
}

/** Something a use-case tells the user about how it went (an older host, a renamed sheet …): a message of the catalogue. */
export type UseCaseNotice = MessageData;

/** Passed to every long use-case: progress reports and cancellation. */
export interface RunOptions {
  onProgress?: (p: WorkProgress) => void;
  signal?: AbortSignal;
}

export type { MidtermRow };

/** What the pane shows after 汇总: the use-case layer's summary view, and inside Excel what was written. */
export interface MidtermSummary extends MidtermView {
  /** Inside Excel: the sheets written into the workbook. */
  sheets?: string[];
  notices?: UseCaseNotice[];
  /**
   * Inside Excel, when the request's onConflict was "ask": user sheets have the result sheets'
   * names, and nothing was written (no `sheets`). Ask the user, then compile again with
   * "replace" or "rename".
   */
  conflicts?: SheetConflict[];
}


export interface PlanView {
  /** Where the plan came from (sheet or file name). */
  source: string;
  indicators: Indicator[];
  /** Definition errors (structure findings of the plan rows). */
  errors: Finding[];
}

/** A file opened in standalone mode (or picked as an extra submission in Excel). */
export interface OpenedFile {
  /** File name; unique among the opened files (opening a file of the same name replaces it). */
  name: string;
  role: "plan" | "submission";
  /** Visible sheets, in workbook order (none for a .json plan). */
  sheets: string[];
  /** A district workbook that carries the plan inside (a template's hidden 规划指标 sheet). */
  carriesPlan?: boolean;
}

/**
 * Whether the opened files give a plan: a plan file, or else a district workbook that carries
 * one (a clerk checking the filled template from the bureau needs no other file).
 */
export function hasPlan(files: readonly OpenedFile[]): boolean {
  return files.some((f) => f.role === "plan" || f.carriesPlan === true);
}

/** Where the compile tab takes the plan from. */
export type PlanSource = { kind: "sheet" } | { kind: "file"; file: File };

export interface CompileRequest {
  /** Inside Excel: the 规划指标 sheet or a picked file. Standalone: ignored (the opened plan). */
  plan: PlanSource;
  /** "2018-06"; undefined: the latest report period among the submissions. */
  asOf?: string;
  /** Inside Excel: include the submission sheets of the open workbook. */
  useWorkbookSheets: boolean;
  /** Inside Excel: district workbooks picked as files (read in the pane). */
  files: File[];
  /** Language of the result sheets (the pane's); default Chinese. */
  lang?: Lang;
  /**
   * Inside Excel, a user's sheet with a result sheet's name: report it and write nothing
   * ("ask", default), replace it, or write beside it ("rename"). The add-in's own earlier
   * result sheets are always replaced.
   */
  onConflict?: "ask" | "replace" | "rename";
}

export interface MarkOutcome {
  /** Cells marked. */
  marked: number;
  /** False when the host could only fill cells (no notes, no comments). */
  notes: boolean;
  notices: UseCaseNotice[];
}

export interface WrittenSheets {
  sheets: string[];
  notices: UseCaseNotice[];
}

interface CommonWorkspace {
  /** Validates; scope "sheet" is the active sheet (Excel) or ignored (standalone). */
  validate(scope: "workbook" | "sheet", run?: RunOptions): Promise<Finding[]>;
  /** Records a clerk's 情况属实 with a reason for a warning; it travels with the workbook. */
  confirm(finding: Finding, reason: string): Promise<void>;
  /** Withdraws the clerk's 情况属实 of a finding (a confirmation given by mistake). */
  unconfirm(finding: Finding): Promise<void>;
  /**
   * 汇总: consolidation and mid-term evaluation (inside Excel, the result sheets are written
   * too, unless user sheets have their names: see MidtermSummary.conflicts).
   */
  compile(request: CompileRequest, run?: RunOptions): Promise<MidtermSummary>;
  /** Reads the plan (the workbook's 规划指标 sheet, or the opened plan file). */
  loadPlan(run?: RunOptions): Promise<PlanView>;
}

export interface ExcelWorkspace extends CommonWorkspace {
  kind: "excel";
  /** The host can write notes or comments on marked cells (ExcelApi 1.18 / 1.10). */
  notesSupported: boolean;
  /** Office's theme is dark (Office.context.officeTheme): the pane follows it. */
  dark: boolean;
  selectCell(sheet: string, cell: string): Promise<void>;
  /**
   * Marks exactly these findings' cells (fills, and notes where the host can), replacing the
   * earlier marks; a confirmed (情况属实) warning is left unmarked.
   */
  markFindings(findings: readonly Finding[], lang: Lang, run?: RunOptions): Promise<MarkOutcome>;
  /** Removes exactly the marks the add-in added, restoring earlier fills. */
  clearMarks(run?: RunOptions): Promise<UseCaseNotice[]>;
  /** Deletes exactly the result sheets the add-in wrote (never a user's sheet); returns their names. */
  removeResults(run?: RunOptions): Promise<string[]>;
  /** Creates an empty 规划指标 sheet; returns the sheets written. */
  createPlanSkeleton(): Promise<WrittenSheets>;
  /** Creates a district sheet from the workbook's plan; returns the sheets written. */
  createTemplate(district: string, period?: string): Promise<WrittenSheets>;
}

/** A file for the user to save (the browser download). */
export interface Download {
  name: string;
  bytes: Uint8Array;
}

export interface StandaloneWorkspace extends CommonWorkspace {
  kind: "standalone";
  /**
   * Opens files. role "auto" (drag and drop): a .json, or an .xlsx whose visible sheets include
   * 规划指标, is the plan; anything else a district workbook. Unreadable files reject with a
   * Chinese message naming the file.
   */
  openFiles(files: File[], role: "plan" | "submission" | "auto", run?: RunOptions): Promise<OpenedFile[]>;
  removeFile(name: string): void;
  files(): OpenedFile[];
  /** A sheet of an opened workbook, for the preview grid. */
  sheet(file: string, sheet: string): Sheet | undefined;
  /**
   * The district workbook with fills and notes (in `lang`) on its findings' cells and the
   * session's 情况属实 in its `_indicators` sheet; values unchanged.
   */
  markedCopy(file: string, findings: Finding[], lang: Lang, run?: RunOptions): Promise<Download>;
  /** The mid-term workbook of the last compile (same content as the CLI's -o). */
  midtermWorkbook(run?: RunOptions): Promise<Download>;
  planSkeleton(): Promise<Download>;
  template(district: string, period?: string): Promise<Download>;
}

export type Workspace = ExcelWorkspace | StandaloneWorkspace;

/** The error a use-case throws when its AbortSignal fired. */
export const isAbort = isCancelled;
