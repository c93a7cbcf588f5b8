/**
 * `indicators validate [--plan PLAN] FILES... [--format table|json] [--lang zh|en]`: checks
 * district workbooks against the plan and prints the findings. Exit code 0 without error
 * findings, 1 with some, 2 when an input cannot be read.
 *
 * Without --plan, each workbook is checked against the plan it carries (the hidden 规划指标
 * sheet of a template made by `indicators template`): a clerk checks the filled sheet with the
 * bureau's rules before sending it. A workbook that carries no plan is then an input error.
 * The clerks' 情况属实 stored in a workbook (sheet `_indicators`) are reported on their findings.
 */
import { z } from "zod";
import { reportJson, WorkbookCheck, type Report } from "../core/check";
import { messages, type Lang } from "../core/messages";
import { formatFindingsTable, formatSummary } from "./format";
import type { Cli } from "./index";
import { eachWorkbook, expandInputs, loadPlanFile, parseOptions } from "./input";

const Options = z.object({
  plan: z.string().min(1).optional(),
  format: z.enum(["table", "json"]),
  lang: z.enum(["zh", "en"]),
});
export type ValidateOptions = z.infer<typeof Options>;


/** `indicators validate FILES… [options]`: the options checked, then runValidate. */
export function validateCommand(cli: Cli, files: string[], raw: unknown): Promise<number> {
  return runValidate(cli, files, parseOptions(Options, raw, cli.lang));
}

/** Validates the files against the plan (read one by one) and prints the findings; resolves to the exit code. */
export async function runValidate(cli: Cli, paths: readonly string[], opts: ValidateOptions): Promise<number> {
  const check = new WorkbookCheck({ plan: opts.plan === undefined ? "carried" : await loadPlanFile(opts.plan), keepValues: false });
  await eachWorkbook(await expandInputs(paths), cli, (wb) => void check.add(wb));
  const report = check.report();
  printReport(cli, report, opts.format, opts.lang);
  return report.counts.errors > 0 ? 1 : 0;
}

function printReport(cli: Cli, report: Report, format: "table" | "json", lang: Lang): void {
  if (format === "json") {
    cli.io.out(`${JSON.stringify(reportJson(report, lang), null, 2)}\n`);
    return;
  }
  const m = messages(lang).cli;
  const read = m.read({ files: report.counts.files, submissions: report.counts.submissions });
  const body = report.findings.length === 0 ? m.noFindings : formatFindingsTable(report.findings, lang);
  cli.io.out(`${read}\n\n${body}\n\n${formatSummary(report.counts, lang)}\n`);
}
