/**
 * `indicators compile --plan PLAN [--as-of 2018-06] FILES... [-o midterm.xlsx]
 * [--format table|json] [--lang zh|en]`: consolidates the district workbooks, evaluates as of
 * the report period and writes the mid-term workbook (中期评估表, 分区数据, 问题清单).
 *
 * Exit codes: 0 when the compile ran, even with findings (they are the workbook's 问题清单,
 * and the values they block are left out and counted in the table); 2 when an input cannot
 * be read, an option is invalid or the output cannot be written.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { CompileError, compile, evaluationJson, periodKey, type CompileResult } from "../core/compile";
import { readConfirmations, type Confirmation } from "../core/confirmations";
import { ATTENTION_INFO, isNotConsolidated, statusText } from "../core/evaluate";
import type { Lang } from "../core/findings";
import { formatPeriod, parsePeriod, type ReportPeriod } from "../core/period";
import { overallStatement } from "../core/statements";
import { buildResultTables } from "../core/tables";
import { emptyValidation, validateWorkbook, type ValidationResult } from "../core/validate";
import { writeWorkbookFile } from "../files/write-node";
import { formatTable } from "./format";
import type { Cli } from "./index";
import { eachWorkbook, expandInputs, InputError, loadPlanFile } from "./input";
import { parseOptions } from "./validate";

const Options = z.object({
  plan: z.string().min(1),
  asOf: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
  format: z.enum(["table", "json"]),
  lang: z.enum(["zh", "en"]),
});
export type CompileCliOptions = z.infer<typeof Options>;

export function registerCompile(program: Command, cli: Cli): void {
  program
    .command("compile")
    .description("汇总各区县填报表，按报告期做中期评估，写出中期评估表（退出码：0 完成，有问题也为 0，问题见“问题清单”；2 无法读取输入）")
    .requiredOption("--plan <file>", "规划指标：工作簿（含“规划指标”工作表）或 .json")
    .option("--as-of <period>", "评估时点（报告期），如 2018-06 或 2018年6月；默认取各填报表中最晚的报告期")
    .option("-o, --output <file>", "写出的中期评估工作簿（.xlsx）")
    .option("--format <format>", "输出格式：table 或 json", "table")
    .option("--lang <lang>", "语言：zh 或 en", "zh")
    .argument("<files...>", "填报工作簿（.xlsx、.xlsm、.xls、.ods、.et），或含这些文件的文件夹")
    .action(async (files: string[], raw: unknown) => {
      cli.code = await runCompile(cli, files, parseOptions(Options, raw));
    });
}

function parseAsOf(text: string | undefined): ReportPeriod | undefined {
  if (text === undefined) return undefined;
  const p = parsePeriod(text);
  if (!p) throw new InputError(`无法识别评估时点 --as-of “${text}”，请写作 2018-06 或 2018年6月`);
  return p;
}

/** Compiles the files against the plan, writes the workbook and prints a summary; resolves to the exit code. */
export async function runCompile(cli: Cli, paths: readonly string[], opts: CompileCliOptions): Promise<number> {
  const lang = opts.lang as Lang;
  const asOf = parseAsOf(opts.asOf);
  const { plan, findings: planFindings } = await loadPlanFile(opts.plan);
  const files = await expandInputs(paths);
  if (opts.output) {
    const out = resolve(opts.output);
    if (out === resolve(opts.plan) || files.some((f) => resolve(f) === out)) {
      throw new InputError(`输出文件不能是输入文件：${opts.output}`);
    }
  }
  const results: ValidationResult[] = [{ ...emptyValidation(), findings: planFindings }];
  // The clerks' 情况属实 travel inside their workbooks (src/core/confirmations.ts).
  const confirmations: Confirmation[] = [];
  await eachWorkbook(files, cli.io, (wb) => {
    results.push(validateWorkbook(plan, wb));
    confirmations.push(...readConfirmations(wb));
  });

  let result: CompileResult;
  try {
    result = compile(plan, results, { asOf, confirmations });
  } catch (e) {
    if (e instanceof CompileError) throw new InputError(lang === "en" ? e.messageEn : e.message);
    throw e;
  }

  if (opts.output) {
    try {
      await writeWorkbookFile(opts.output, buildResultTables(result, { lang }));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      throw new InputError(`无法写入输出文件（${code}）：${opts.output}`);
    }
  }

  const written = opts.output ? (lang === "en" ? `Mid-term workbook written: ${opts.output}` : `已写出中期评估工作簿：${opts.output}`) : "";
  if (opts.format === "json") {
    cli.io.out(`${JSON.stringify(evaluationJson(result, lang), null, 2)}\n`);
    if (written) cli.io.err(`${written}\n`);
  } else {
    cli.io.out(`${summary(result, lang)}\n${written ? `${written}\n` : ""}`);
  }
  return 0;
}

const pct = (x: number | null): string => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);
const numText = (x: number | null | undefined): string =>
  x === null || x === undefined ? "—" : String(Math.round(x * 100) / 100);

/** The evaluation as a terminal table, with completeness and finding counts. */
export function summary(result: CompileResult, lang: Lang): string {
  const zh = lang === "zh";
  const header = zh
    ? ["指标", "名称", "单位", "目标值", "中期值", "目标完成进度", "评价"]
    : ["Code", "Indicator", "Unit", "Target", "Mid-term", "Progress", "Status"];
  const rows = result.evaluation.rows.map((r) => {
    const label = statusText(r.status, isNotConsolidated(r.indicator), lang);
    const status = !r.attention ? label : zh ? `${label}（${ATTENTION_INFO.zh}）` : `${label} (${ATTENTION_INFO.en})`;
    return [r.indicator.code, r.indicator.name, r.indicator.unit, numText(r.indicator.target), numText(r.actual), pct(r.progress), status];
  });
  const lines = [
    zh
      ? `评估时点：截至${formatPeriod(result.asOf)}，时间进度 ${pct(result.evaluation.timeProgress)}；填报表 ${result.submissions.length} 张`
      : `As of ${periodKey(result.asOf)}, time progress ${pct(result.evaluation.timeProgress)}; ${result.submissions.length} submission(s)`,
    "",
    formatTable(header, rows),
    "",
  ];
  const { missing, duplicates } = result.completeness;
  if (missing.length > 0) lines.push(zh ? `未报送：${missing.join("、")}` : `Not submitted: ${missing.join(", ")}`);
  for (const d of duplicates) {
    const dropped = d.dropped.map((s) => `${s.file} / ${s.sheet}（${formatPeriod(s.period)}）`).join("、");
    lines.push(
      zh
        ? `重复报送：${d.district}，采用 ${d.kept.file} / ${d.kept.sheet}（${formatPeriod(d.kept.period)}），未采用 ${dropped}`
        : `Submitted twice: ${d.district}; used ${d.kept.file} / ${d.kept.sheet} (${periodKey(d.kept.period)}); not used ${d.dropped.map((s) => `${s.file} / ${s.sheet} (${periodKey(s.period)})`).join("; ")}`,
    );
  }
  const errors = result.findings.filter((f) => f.severity === "error").length;
  lines.push(
    zh
      ? `问题 ${result.findings.length} 条（错误 ${errors} 条，其数值未计入汇总），详见“问题清单”`
      : `${result.findings.length} finding(s) (${errors} error(s), their values left out); see 问题清单`,
  );
  const statement = overallStatement(result.evaluation, zh ? formatPeriod(result.asOf) : periodKey(result.asOf), lang);
  lines.push("", zh ? `评估要点：${statement}（逐项表述见“评估要点”）` : `Summary: ${statement} (a statement per indicator in 评估要点)`);
  return lines.join("\n");
}
