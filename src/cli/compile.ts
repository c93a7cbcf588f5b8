/**
 * `indicators compile [--plan PLAN] [--as-of 2018-06] FILES... [-o midterm.xlsx]
 * [--format table|json] [--lang zh|en]`: consolidates the district workbooks, evaluates as of
 * the report period and writes the mid-term workbook (中期评估表, 评估要点, 分区数据, 问题清单).
 * Without --plan, the plan the workbooks carry (templates made by `indicators template`) is
 * used, as validate does. The output is checked before any input is read (write-node.ts
 * checkOutput); without -o the summary says how to write the workbook instead of pointing at
 * its sheets.
 *
 * Exit codes: 0 when the compile ran, even with findings (they are the workbook's 问题清单,
 * and the values they block are left out and counted in the table); 2 when an input cannot
 * be read, an option is invalid or the output cannot be written.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { countFindings, WorkbookCheck } from "../core/check";
import type { CompileResult } from "../core/compile";
import { appError } from "../core/errors";
import { formatPercent, formatPeriod } from "../core/format";
import { list, messages, type Lang } from "../core/messages";
import { parsePeriod, type ReportPeriod } from "../core/period";
import { overallStatement } from "../core/statements";
import { statusLabel, submissionRefText } from "../core/tables";
import { checkOutput, writeWorkbookFile } from "../files/write-node";
import { formatTable } from "./format";
import type { Cli } from "./index";
import { eachWorkbook, expandInputs, loadPlanFile, parseOptions } from "./input";

const Options = z.object({
  plan: z.string().min(1).optional(),
  asOf: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
  format: z.enum(["table", "json"]),
  lang: z.enum(["zh", "en"]),
});
export type CompileCliOptions = z.infer<typeof Options>;


function parseAsOf(text: string | undefined): ReportPeriod | undefined {
  if (text === undefined) return undefined;
  const p = parsePeriod(text);
  if (!p) throw appError("option-as-of", { text });
  return p;
}

/** `indicators compile FILES… [options]`: the options checked, then runCompile. */
export function compileCommand(cli: Cli, files: string[], raw: unknown): Promise<number> {
  return runCompile(cli, files, parseOptions(Options, raw, cli.lang));
}

/** Compiles the files against the plan (read one by one), writes the workbook and prints a summary; resolves to the exit code. */
export async function runCompile(cli: Cli, paths: readonly string[], opts: CompileCliOptions): Promise<number> {
  const lang = opts.lang;
  const asOf = parseAsOf(opts.asOf);
  const target = opts.output === undefined ? undefined : await checkOutput(opts.output, { overwrite: true });
  if (opts.output !== undefined && opts.plan !== undefined && resolve(opts.output) === resolve(opts.plan)) {
    throw appError("output-is-input", { path: opts.output });
  }
  const files = await expandInputs(paths);
  if (opts.output !== undefined) {
    const out = resolve(opts.output);
    if (files.some((f) => resolve(f) === out)) throw appError("output-is-input", { path: opts.output });
  }
  const check = new WorkbookCheck({ plan: opts.plan === undefined ? "carried" : await loadPlanFile(opts.plan) });
  await eachWorkbook(files, cli, (wb) => void check.add(wb));
  const { result, tables, views } = check.compile({ asOf, lang });

  if (target) await writeWorkbookFile(target, tables);

  const m = messages(lang).cli;
  const written = opts.output !== undefined ? m.written({ path: opts.output }) : m.notWritten({ path: m.defaultOutput });
  if (opts.format === "json") {
    cli.io.out(`${JSON.stringify(views.json, null, 2)}\n`);
    cli.io.err(`${written}\n`);
  } else {
    cli.io.out(`${summary(result, lang, opts.output !== undefined)}\n${written}\n`);
  }
  return 0;
}

const numText = (x: number | null | undefined): string => (x === null || x === undefined ? "—" : String(Math.round(x * 100) / 100));
const pct = (x: number | null, lang: Lang): string => (x === null ? "—" : formatPercent(x, lang));

/**
 * The evaluation as a terminal table, with completeness and finding counts; `written`: the
 * workbook was written, so the lines may point at its sheets (问题清单, 评估要点).
 */
export function summary(result: CompileResult, lang: Lang, written = true): string {
  const m = messages(lang).cli;
  const rows = result.evaluation.rows.map((r) => [
    r.indicator.code,
    r.indicator.name,
    r.indicator.unit,
    numText(r.indicator.target),
    numText(r.actual),
    pct(r.progress, lang),
    statusLabel(r, lang),
  ]);
  const lines = [
    m.asOfLine({ asOf: formatPeriod(result.asOf, lang), time: pct(result.evaluation.timeProgress, lang), submissions: result.submissions.length }),
    "",
    formatTable([...m.compileHeaders], rows),
    "",
  ];
  const { missing, duplicates } = result.completeness;
  if (missing.length > 0) lines.push(m.notSubmitted({ units: list(missing, lang) }));
  for (const d of duplicates) {
    const dropped = d.dropped.map((s) => submissionRefText(s, lang)).join(messages(lang).table.refSeparator);
    lines.push(m.duplicate({ district: d.district, kept: submissionRefText(d.kept, lang), dropped }));
  }
  const { findings: total, errors } = countFindings(result.findings);
  lines.push(written ? m.findings({ total, errors }) : m.findingsNotWritten({ total, errors }));
  const statement = overallStatement(result.evaluation, lang);
  lines.push("", written ? m.statement({ statement }) : m.statementNotWritten({ statement }));
  return lines.join("\n");
}
