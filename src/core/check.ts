/**
 * The use-case layer (用例层): the one orchestration every entry point calls — the command line
 * (src/cli), the page's worker (src/taskpane/worker-handler.ts), the add-in's actions
 * (src/excel/actions.ts) and so the ribbon. Same inputs, same results: the plan's own findings
 * first, each workbook's findings, the clerks' 情况属实 stored in every workbook merged with the
 * session's, the counts; and for compile the result, the result tables and the views.
 *
 *   checkWorkbooks({ plan, workbooks, sessionConfirmations })            → Report
 *   compileWorkbooks({ plan, workbooks, sessionConfirmations, asOf, lang }) → { report, result, tables, views }
 *
 * Both are built on WorkbookCheck, an accumulator fed one workbook model at a time: it keeps of
 * each workbook only what the report and compile need (findings, usable and excluded values,
 * submissions without their rows) and drops the model, so memory stays flat with the number of
 * files when the caller reads them one by one (the command line does).
 *
 * Decisions:
 * - plan "carried": each workbook is checked against the plan it carries (the hidden 规划指标 of
 *   a template), as a clerk checks a filled template; a workbook that carries none is an error
 *   (AppError plan-none-carried). Compiling in that mode uses the first carried plan.
 * - Stored confirmations are read from every workbook (the very hidden `_indicators` sheet)
 *   and bound to its file; the session's decisions (the page's 情况属实 and 撤销确认) are applied
 *   over them in order. A confirmation never changes a finding's severity.
 */
import { compile, type CompileResult } from "./compile";
import { applyConfirmations, mergeConfirmations, readConfirmations, type Confirmation, type ConfirmationDecision } from "./confirmations";
import { appError } from "./errors";
import { countFindings, type Finding, type FindingCounts } from "./findings";
import type { Lang } from "./messages";
import type { WorkbookModel } from "./model";
import type { ReportPeriod } from "./period";
import { loadPlanFromWorkbook, type PlanLoad } from "./plan";
import type { TableModel } from "./table";
import { buildResultTables } from "./tables";
import { summarise, validateWorkbook, type SubmissionInfo, type ValidationSummary } from "./validate";
import { evaluationJson, findingsJson, midtermSummary, type EvaluationJson, type FindingJson, type MidtermSummary } from "./views";

/** The plan to check against: loaded with its definition findings, or the one each workbook carries. */
export type PlanChoice = PlanLoad | "carried";

export interface CheckInput {
  plan: PlanChoice;
  /** The session's 情况属实 and 撤销确认 (the page on files); stored ones are read from the workbooks. */
  sessionConfirmations?: readonly ConfirmationDecision[];
  /**
   * Keep each workbook's usable and excluded values for compile() (default true). A check that
   * only reports (the command line's validate) keeps findings and submissions only, so its
   * memory does not grow with the files' values either.
   */
  keepValues?: boolean;
}

/** What was found in one workbook. */
export interface FileReport {
  /** The file name its findings carry. */
  file: string;
  /** Its submissions (one per district sheet read), without their rows. */
  submissions: SubmissionInfo[];
  /** Its findings, confirmations applied. */
  findings: Finding[];
  /** The confirmations it carries, the session's decisions applied: what a marked copy of it writes. */
  confirmations: Confirmation[];
}

export interface Counts extends FindingCounts {
  files: number;
  submissions: number;
}

export interface Report {
  /** Findings about the plan's definition rows (of each carried plan, in "carried" mode). */
  planFindings: Finding[];
  /** The plan findings first, then each workbook's in reading order; confirmations applied. */
  findings: Finding[];
  files: FileReport[];
  /** Every workbook's confirmations, the session's decisions applied. */
  confirmations: Confirmation[];
  counts: Counts;
}

export interface CompileInput extends CheckInput {
  /** The report period to evaluate as of; default the latest among the submissions. */
  asOf?: ReportPeriod;
  /** Language of the result tables and the JSON view. */
  lang?: Lang;
}

export interface CompileOutput {
  report: Report;
  result: CompileResult;
  /** The result sheets (中期评估表, 评估要点, 分区数据, 问题清单) in `lang`. */
  tables: TableModel[];
  views: { json: EvaluationJson; summary: MidtermSummary };
}

export { countFindings };

/** The views of a report: `validate --format json`. */
export function reportJson(report: Report, lang: Lang): { findings: FindingJson[] } {
  return findingsJson(report.findings, lang);
}


/**
 * The accumulator: feed workbook models one at a time with add(), then take the report() or
 * compile(). Keeps per workbook only what those need.
 */
export class WorkbookCheck {
  private readonly planFindings: Finding[];
  private readonly files: FileReport[] = [];
  private readonly results: ValidationSummary[] = [];
  private firstCarried: PlanLoad | undefined;

  constructor(private readonly input: CheckInput) {
    this.planFindings = input.plan === "carried" ? [] : [...input.plan.findings];
  }

  /** Validates one workbook (its name, or `file`, is what its findings carry) and keeps what the report and compile need. */
  add(model: WorkbookModel, file: string = model.name): FileReport {
    let plan: PlanLoad;
    if (this.input.plan === "carried") {
      plan = loadPlanFromWorkbook(model, file);
      if (plan.plan.indicators.length === 0) throw appError("plan-none-carried", { path: file });
      this.planFindings.push(...plan.findings);
      this.firstCarried ??= plan;
    } else {
      plan = this.input.plan;
    }
    const stored = readConfirmations(model, file);
    const decisions = (this.input.sessionConfirmations ?? []).filter((d) => d.file === undefined || d.file === file);
    const confirmations = mergeConfirmations(stored, decisions);
    const result = summarise(validateWorkbook(plan.plan, model, { file }));
    const findings = applyConfirmations(result.findings, confirmations);
    const kept: ValidationSummary = this.input.keepValues === false ? { ...result, findings, values: [], excluded: [] } : { ...result, findings };
    this.results.push(kept);
    const report: FileReport = { file, submissions: kept.submissions, findings, confirmations };
    this.files.push(report);
    return report;
  }

  report(): Report {
    const findings = [...this.planFindings, ...this.files.flatMap((f) => f.findings)];
    return {
      planFindings: [...this.planFindings],
      findings,
      files: [...this.files],
      confirmations: this.files.flatMap((f) => f.confirmations),
      counts: {
        files: this.files.length,
        submissions: this.files.reduce((n, f) => n + f.submissions.length, 0),
        ...countFindings(findings),
      },
    };
  }

  /** Consolidates and evaluates what was added; the plan's findings come first in 问题清单. */
  compile(opts: { asOf?: ReportPeriod; lang?: Lang } = {}): CompileOutput {
    const lang = opts.lang ?? "zh";
    const plan = this.input.plan === "carried" ? this.firstCarried : this.input.plan;
    if (!plan) throw appError("need-plan");
    if (this.input.keepValues === false) throw new Error("WorkbookCheck made with keepValues: false cannot compile");
    const planResult: ValidationSummary = { submissions: [], findings: this.planFindings, values: [], excluded: [] };
    const result = compile(plan.plan, [planResult, ...this.results], opts.asOf ? { asOf: opts.asOf } : {});
    return {
      report: this.report(),
      result,
      tables: buildResultTables(result, { lang }),
      views: { json: evaluationJson(result, lang), summary: midtermSummary(result) },
    };
  }
}

/** The workbooks of a one-call form, and a callback before each one is checked (progress). */
export interface Workbooks {
  workbooks: Iterable<WorkbookModel>;
  /** Called before each workbook, with how many were checked before it. */
  onWorkbook?: (done: number, model: WorkbookModel) => void;
}

function addAll(check: WorkbookCheck, input: Workbooks): WorkbookCheck {
  let done = 0;
  for (const wb of input.workbooks) {
    input.onWorkbook?.(done++, wb);
    check.add(wb);
  }
  return check;
}

/** Checks the workbooks against the plan: the report every entry point shows. */
export function checkWorkbooks(input: CheckInput & Workbooks): Report {
  return addAll(new WorkbookCheck(input), input).report();
}

/** Checks, consolidates and evaluates the workbooks: the result, its tables and views. */
export function compileWorkbooks(input: CompileInput & Workbooks): CompileOutput {
  return addAll(new WorkbookCheck(input), input).compile({ asOf: input.asOf, lang: input.lang });
}
