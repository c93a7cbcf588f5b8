/**
 * The worker's work, as one function of a request (no state): the same engine, reader, tables
 * and writer as the command line. worker.ts only wires it to postMessage; tests call it directly.
 * The .xlsx writer (ExcelJS) is imported when a workbook is written, so reading, validating and
 * marking never load it (webpack makes it a chunk of its own, as it does SheetJS for .xls/.ods).
 */
import { applyConfirmations, compile } from "../core/compile";
import { emptyValidation, validateWorkbook, type ValidationResult } from "../core/validate";
import { buildResultTables } from "../core/tables";
import { readWorkbookBuffer } from "../files/read";
import { markWorkbookBuffer } from "../files/mark";
import type { Finding } from "../core/findings";
import type { Plan } from "../core/plan";
import type { PlanInput, WorkerRequest, WorkerResult } from "./worker-protocol";
import type { PlanView, WorkProgress } from "./workspace";
import { asOfPeriod, summarise } from "./summary";
import { buildPlanSheet, buildTemplate } from "../core/template";
import { loadPlanFromJson, loadPlanFromWorkbook } from "../core/plan";

/** The plan of a PlanInput, with its definition errors (the valid rows still load). */
function planOf(input: PlanInput): { plan: Plan; errors: Finding[]; source: string } {
  if (input.kind === "json") {
    const { plan, findings } = loadPlanFromJson(input.text, input.name);
    return { plan, errors: findings, source: input.name };
  }
  const { plan, findings } = loadPlanFromWorkbook(input.model, input.model.name);
  return { plan, errors: findings, source: input.model.name };
}

/** The .xlsx writer, loaded on first use. */
const writer = () => import("../files/write");

export async function handleRequest(req: WorkerRequest, progress: (p: WorkProgress) => void): Promise<WorkerResult> {
  switch (req.type) {
    case "read":
      return { type: "read", model: await readWorkbookBuffer(req.bytes, req.name) };

    case "validate": {
      const { plan, errors } = planOf(req.plan);
      const findings: Finding[] = [...errors];
      req.workbooks.forEach((wb, i) => {
        progress({ done: i, total: req.workbooks.length, label: wb.name });
        findings.push(...validateWorkbook(plan, wb).findings);
      });
      progress({ done: req.workbooks.length, total: req.workbooks.length });
      return { type: "validate", findings: applyConfirmations(findings, req.confirmations) };
    }

    case "compile": {
      const { plan, errors } = planOf(req.plan);
      const asOf = asOfPeriod(req.asOf);
      const total = req.workbooks.length + 1;
      // As the command line does: the plan's definition errors first, then each workbook's result.
      const results: ValidationResult[] = [{ ...emptyValidation(), findings: errors }];
      req.workbooks.forEach((wb, i) => {
        progress({ done: i, total, label: wb.name });
        results.push(validateWorkbook(plan, wb));
      });
      const result = compile(plan, results, { ...(asOf ? { asOf } : {}), confirmations: req.confirmations });
      progress({ done: req.workbooks.length, total, label: "midterm.xlsx" });
      const { renderWorkbook } = await writer();
      const bytes = await renderWorkbook(buildResultTables(result));
      progress({ done: total, total });
      return { type: "compile", summary: summarise(result), bytes };
    }

    case "mark":
      return { type: "mark", bytes: await markWorkbookBuffer(req.bytes, req.findings) };

    case "plan": {
      const { plan, errors, source } = planOf(req.plan);
      const view: PlanView = { source, indicators: plan.indicators, errors };
      return { type: "plan", view };
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
