/**
 * `indicators template --plan PLAN --district 吴兴区 [--period 2018-06] [-o 吴兴区.xlsx] [--force]`:
 * writes a district reporting template from the plan (input cells with data validation,
 * the rest protected without a password, the plan carried in a hidden 规划指标 sheet).
 * An existing file is never overwritten without --force; the output is checked before the
 * plan is read (write-node.ts checkOutput).
 * Exit codes: 0 written; 2 the plan cannot be read, an option is invalid or the output
 * cannot be written.
 */
import { resolve } from "node:path";
import { z } from "zod";
import { appError } from "../core/errors";
import { messages } from "../core/messages";
import { parsePeriod } from "../core/period";
import { buildTemplate, sheetNameFor } from "../core/template";
import { checkOutput, writeWorkbookFile } from "../files/write-node";
import type { Cli } from "./index";
import { loadPlanFile, parseOptions } from "./input";

const Options = z.object({
  plan: z.string().min(1),
  district: z.string().trim().min(1),
  period: z.string().min(1).optional(),
  output: z.string().min(1).optional(),
  force: z.boolean().optional(),
  lang: z.enum(["zh", "en"]),
});
export type TemplateCliOptions = z.infer<typeof Options>;


/** `indicators template [options]`: the options checked, then runTemplate. */
export function templateCommand(cli: Cli, raw: unknown): Promise<number> {
  return runTemplate(cli, parseOptions(Options, raw, cli.lang));
}

export async function runTemplate(cli: Cli, opts: TemplateCliOptions): Promise<number> {
  let period;
  if (opts.period !== undefined) {
    period = parsePeriod(opts.period);
    if (!period) throw appError("option-period", { text: opts.period });
  }
  const output = opts.output ?? `${sheetNameFor(opts.district)}.xlsx`;
  if (resolve(output) === resolve(opts.plan)) throw appError("output-is-plan", { path: output });
  const target = await checkOutput(output, { overwrite: opts.force === true });
  const { plan } = await loadPlanFile(opts.plan);
  await writeWorkbookFile(target, buildTemplate(plan, { district: opts.district, ...(period ? { period } : {}) }));
  cli.io.out(`${messages(cli.lang).cli.templateWritten({ path: output, count: plan.indicators.length })}\n`);
  return 0;
}
