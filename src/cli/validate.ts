/**
 * `indicators validate [--plan PLAN] FILES... [--format table|json] [--lang zh|en]`: checks
 * district workbooks against the plan and prints the findings. Exit code 0 without error
 * findings, 1 with some, 2 when an input cannot be read.
 *
 * Without --plan, each workbook is checked against the plan it carries (the hidden 规划指标
 * sheet of a template made by `indicators template`): a clerk checks the filled sheet with the
 * bureau's rules before sending it. A workbook that carries no plan is then an input error.
 */
import type { Command } from "commander";
import { z } from "zod";
import { hasErrors, type Lang } from "../core/findings";
import { emptyValidation, mergeValidation, validateWorkbook, type ValidationResult } from "../core/validate";
import type { Cli } from "./index";
import { findingsJson, formatFindingsTable, formatSummary } from "./format";
import { carriedPlan, eachWorkbook, expandInputs, InputError, loadPlanFile } from "./input";

const Options = z.object({
  plan: z.string().min(1).optional(),
  format: z.enum(["table", "json"]),
  lang: z.enum(["zh", "en"]),
});
export type ValidateOptions = z.infer<typeof Options>;

/** Parses commander's options with zod; a bad value is an input error (exit 2). */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new InputError(`选项 --${issue.path.join(".")} 的值无效：${issue.message}`);
}

export function registerValidate(program: Command, cli: Cli): void {
  program
    .command("validate")
    .description("按规划指标校验各区县填报表，列出问题（退出码：0 无错误，1 有错误，2 无法读取输入）")
    .option("--plan <file>", "规划指标：工作簿（含“规划指标”工作表）或 .json；省略时用各工作簿随附的规划（填报模板中隐藏的“规划指标”）")
    .option("--format <format>", "输出格式：table 或 json", "table")
    .option("--lang <lang>", "语言：zh 或 en", "zh")
    .argument("<files...>", "填报工作簿（.xlsx、.xlsm、.xls、.ods、.et），或含这些文件的文件夹")
    .action(async (files: string[], raw: unknown) => {
      cli.code = await runValidate(cli, files, parseOptions(Options, raw));
    });
}

/** Validates the files against the plan and prints the findings; resolves to the exit code. */
export async function runValidate(cli: Cli, paths: readonly string[], opts: ValidateOptions): Promise<number> {
  const given = opts.plan === undefined ? undefined : await loadPlanFile(opts.plan);
  const files = await expandInputs(paths);
  const result: ValidationResult = emptyValidation();
  const planFindings = given ? [...given.findings] : [];
  await eachWorkbook(files, cli.io, (wb, path) => {
    let plan = given?.plan;
    if (!plan) {
      const carried = carriedPlan(wb, path);
      plan = carried.plan;
      planFindings.push(...carried.findings);
    }
    mergeValidation(result, validateWorkbook(plan, wb));
  });
  const findings = [...planFindings, ...result.findings];
  printFindings(cli, findings, opts.format, opts.lang as Lang, { files: files.length, submissions: result.submissions.length });
  return hasErrors(findings) ? 1 : 0;
}

function printFindings(
  cli: Cli,
  findings: Parameters<typeof formatSummary>[0],
  format: "table" | "json",
  lang: Lang,
  counts: { files: number; submissions: number },
): void {
  if (format === "json") {
    cli.io.out(`${JSON.stringify(findingsJson(findings, lang), null, 2)}\n`);
    return;
  }
  const read =
    lang === "en"
      ? `Read ${counts.files} file(s), ${counts.submissions} submission(s).`
      : `已读取 ${counts.files} 个文件，${counts.submissions} 张填报表。`;
  const body = findings.length === 0 ? (lang === "en" ? "No findings." : "未发现问题。") : formatFindingsTable(findings, lang);
  cli.io.out(`${read}\n\n${body}\n\n${formatSummary(findings, lang)}\n`);
}
