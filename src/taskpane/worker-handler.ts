/**
 * The worker's work, as one function of a request (no state): the use-case layer
 * (src/core/check.ts), the same reader and writer as the command line. worker.ts only wires it
 * to postMessage; tests call it directly. The .xlsx writer (ExcelJS) is imported when a workbook
 * is written, so reading, validating and marking never load it (webpack makes it a chunk of its
 * own, as it does SheetJS for .xls/.ods).
 */
import { WorkbookCheck, type PlanChoice } from "../core/check";
import type { ConfirmationDecision } from "../core/confirmations";
import type { WorkbookModel } from "../core/model";
import { asOfPeriod } from "../core/period";
import { loadPlanFromJson, loadPlanFromWorkbook, type PlanLoad } from "../core/plan";
import { buildPlanSheet, buildTemplate } from "../core/template";
import { markWorkbookBuffer } from "../files/mark";
import { readWorkbookBuffer } from "../files/read";
import type { PlanInput, WorkerRequest, WorkerResult } from "./worker-protocol";
import type { WorkProgress } from "./workspace";

/** The .xlsx writer, loaded on first use. */
const writer = () => import("../files/write");

/** The plan of a PlanInput, with its definition errors (the valid rows still load), and where it came from. */
function planOf(input: PlanInput): PlanLoad & { source: string } {
  if (input.kind === "json") return { ...loadPlanFromJson(input.text, input.name), source: input.name };
  return { ...loadPlanFromWorkbook(input.model, input.model.name), source: input.model.name };
}

/** The workbooks fed to a check one by one, with progress. */
function checkEach(
  plan: PlanChoice,
  req: { workbooks: WorkbookModel[]; decisions: ConfirmationDecision[] },
  total: number,
  progress: (p: WorkProgress) => void,
): WorkbookCheck {
  const check = new WorkbookCheck({ plan, sessionConfirmations: req.decisions });
  req.workbooks.forEach((wb, i) => {
    progress({ done: i, total, label: wb.name });
    check.add(wb);
  });
  return check;
}

export async function handleRequest(req: WorkerRequest, progress: (p: WorkProgress) => void): Promise<WorkerResult> {
  switch (req.type) {
    case "read":
      return { type: "read", model: await readWorkbookBuffer(req.bytes, req.name) };

    case "validate": {
      const n = req.workbooks.length;
      const check = checkEach(req.plan ? planOf(req.plan) : "carried", req, n, progress);
      progress({ done: n, total: n });
      return { type: "validate", report: check.report() };
    }

    case "compile": {
      const asOf = asOfPeriod(req.asOf);
      const total = req.workbooks.length + 1;
      const check = checkEach(req.plan ? planOf(req.plan) : "carried", req, total, progress);
      const { tables, views } = check.compile({ asOf, lang: req.lang });
      progress({ done: req.workbooks.length, total, label: "midterm.xlsx" });
      const { renderWorkbook } = await writer();
      const bytes = await renderWorkbook(tables);
      progress({ done: total, total });
      return { type: "compile", summary: views.summary, bytes };
    }

    case "mark":
      return { type: "mark", bytes: await markWorkbookBuffer(req.bytes, req.findings, { lang: req.lang, confirmations: req.confirmations }) };

    case "plan": {
      const { plan, findings, source } = planOf(req.plan);
      return { type: "plan", view: { source, indicators: plan.indicators, errors: findings } };
    }

    case "template": {
      const { plan } = planOf(req.plan);
      const period = asOfPeriod(req.period);
      const { renderWorkbook } = await writer();
      return {
        type: "template",
        name: `${req.district}.xlsx`,
        bytes: await renderWorkbook(buildTemplate(plan, { district: req.district, ...(period ? { period } : {}) })),
      };
    }

    case "skeleton": {
      const { renderWorkbook } = await writer();
      return { type: "skeleton", bytes: await renderWorkbook([buildPlanSheet({ indicators: [] })]) };
    }
  }
}
