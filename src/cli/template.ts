/**
 * `indicators template --plan PLAN --district 吴兴区 [--period 2018-06] [-o 吴兴区.xlsx]`:
 * writes a district reporting template from the plan (input cells with data validation,
 * the rest protected without a password, the plan carried in a hidden 规划指标 sheet).
 * Exit codes: 0 written; 2 the plan cannot be read, an option is invalid or the output
 * cannot be written.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { parsePeriod } from "../core/period";
import { buildTemplate, sheetNameFor } from "../core/template";
import { writeWorkbookFile } from "../files/write-node";
import type { Cli } from "./index";
import { InputError, loadPlanFile } from "./input";
import { parseOptions } from "./validate";

const Options = z.object({
  plan: z.string().min(1),
  district: z.string().trim().min(1),
  period: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
});
export type TemplateCliOptions = z.infer<typeof Options>;

export function registerTemplate(program: Command, cli: Cli): void {
  program
    .command("template")
    .description("按规划指标生成区县填报模板（含数据有效性和工作表保护）")
    .requiredOption("--plan <file>", "规划指标：.xlsx（含“规划指标”工作表）或 .json")
    .requiredOption("--district <name>", "填报单位，如 吴兴区")
    .option("--period <period>", "报告期，如 2018-06 或 2018年6月；不填则由填报人填写")
    .option("-o, --output <file>", "写出的模板（.xlsx），默认为“填报单位.xlsx”")
    .action(async (raw: unknown) => {
      cli.code = await runTemplate(cli, parseOptions(Options, raw));
    });
}

export async function runTemplate(cli: Cli, opts: TemplateCliOptions): Promise<number> {
  let period;
  if (opts.period !== undefined) {
    period = parsePeriod(opts.period);
    if (!period) throw new InputError(`无法识别报告期 --period “${opts.period}”，请写作 2018-06 或 2018年6月`);
  }
  const { plan } = await loadPlanFile(opts.plan);
  if (plan.indicators.length === 0) throw new InputError(`规划中没有可用的指标：${opts.plan}`);
  const output = opts.output ?? `${sheetNameFor(opts.district)}.xlsx`;
  if (resolve(output) === resolve(opts.plan)) throw new InputError(`输出文件不能是规划文件：${output}`);
  try {
    await writeWorkbookFile(output, buildTemplate(plan, { district: opts.district, ...(period ? { period } : {}) }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new InputError(`无法写入输出文件（${code}）：${output}`);
  }
  cli.io.out(`已生成填报模板：${output}（${plan.indicators.length} 项指标）\n`);
  return 0;
}
