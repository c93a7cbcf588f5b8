/**
 * The worker's work, as one function of a request (no state): the use-case layer
 * (src/core/check.ts), the same reader and writer as the command line. worker.ts only wires it
 * to postMessage; tests call it directly. The .xlsx writer (ExcelJS) is imported when a workbook
 * is written, so reading, validating and marking never load it (webpack makes it a chunk of its
 * own, as it does SheetJS for .xls/.ods).
 */
import { checkWorkbooks, compileWorkbooks } from "../core/check";
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

export async function handleRequest(req: WorkerRequest, progress: (p: WorkProgress) => void): Promise<WorkerResult> {
  switch (req.type) {
    case "read":
      return { type: "read", model: await readWorkbookBuffer(req.bytes, req.name) };

    case "validate": {
      const total = req.workbooks.length;
      const report = checkWorkbooks({
        plan: req.plan ? planOf(req.plan) : "carried",
        workbooks: req.workbooks,
        sessionConfirmations: req.decisions,
        onWorkbook: (done, wb) => progress({ done, total, label: wb.name }),
      });
      progress({ done: total, total });
      return { type: "validate", report };
    }

    case "compile": {
      const total = req.workbooks.length + 1;
      const { tables, views } = compileWorkbooks({
        plan: req.plan ? planOf(req.plan) : "carried",
        workbooks: req.workbooks,
        sessionConfirmations: req.decisions,
        asOf: asOfPeriod(req.asOf),
        lang: req.lang,
        onWorkbook: (done, wb) => progress({ done, total, label: wb.name }),
      });
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
