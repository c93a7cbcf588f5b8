/**
 * The subcommands as commander sees them: names, options, arguments and help, in the language
 * of --lang. Nothing heavy is loaded here: each action imports its own module (and so the
 * engine, the reader, zod, ExcelJS…) only when that subcommand runs, so `indicators --help`
 * loads commander and the message catalogue only.
 *
 * Adding a subcommand: its run function and its options' zod schema in src/cli/<name>.ts,
 * exporting `<name>Command(cli, …args, raw)`; its registration here, in SUBCOMMANDS.
 */
import type { Command } from "commander";
import { messages } from "../core/messages";
import type { Cli } from "./index";

function registerValidate(program: Command, cli: Cli): void {
  const m = messages(cli.lang).cli;
  program
    .command("validate")
    .description(m.validate)
    .option("--plan <file>", m.optPlanCarried)
    .option("--format <format>", m.optFormat, "table")
    .option("--lang <lang>", m.optLang, "zh")
    .argument("<files...>", m.argFiles)
    .action(async (files: string[], raw: unknown) => {
      cli.code = await (await import("./validate")).validateCommand(cli, files, raw);
    });
}

function registerCompile(program: Command, cli: Cli): void {
  const m = messages(cli.lang).cli;
  program
    .command("compile")
    .description(m.compile)
    .option("--plan <file>", m.optPlanCarried)
    .option("--as-of <period>", m.optAsOf)
    .option("-o, --output <file>", m.optOutput)
    .option("--format <format>", m.optFormat, "table")
    .option("--lang <lang>", m.optLang, "zh")
    .argument("<files...>", m.argFiles)
    .action(async (files: string[], raw: unknown) => {
      cli.code = await (await import("./compile")).compileCommand(cli, files, raw);
    });
}

function registerTemplate(program: Command, cli: Cli): void {
  const m = messages(cli.lang).cli;
  program
    .command("template")
    .description(m.template)
    .requiredOption("--plan <file>", m.optPlan)
    .requiredOption("--district <name>", m.optDistrict)
    .option("--period <period>", m.optPeriod)
    .option("-o, --output <file>", m.optTemplateOutput)
    .option("--force", m.optForce)
    .option("--lang <lang>", m.optLang, "zh")
    .action(async (raw: unknown) => {
      cli.code = await (await import("./template")).templateCommand(cli, raw);
    });
}

function registerDemo(program: Command, cli: Cli): void {
  program
    .command("demo")
    .description(messages(cli.lang).cli.demo)
    .option("--lang <lang>", messages(cli.lang).cli.optLang, "zh")
    .action(async () => {
      cli.code = await (await import("./demo")).runDemo(cli);
    });
}

export const SUBCOMMANDS: ((program: Command, cli: Cli) => void)[] = [registerValidate, registerCompile, registerTemplate, registerDemo];
