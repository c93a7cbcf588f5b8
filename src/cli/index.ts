/**
 * The command line `indicators`: the program definition and its entry point. Each
 * subcommand lives in its own file and registers itself here.
 *
 * Adding a subcommand (compile, template, …):
 *   1. write src/cli/<name>.ts exporting `register<Name>(program: Command, cli: Cli): void`,
 *      which adds `program.command("<name>")…action(async (…) => { cli.code = await run…(cli, …); })`;
 *   2. add it to SUBCOMMANDS below.
 * Write output through `cli.io` (never console.log) so tests can call main() and read it;
 * throw InputError (src/cli/input.ts) or let a WorkbookReadError through for input that cannot
 * be read: main turns both into one Chinese line on stderr and exit code 2.
 * A demo step goes into DEMO_STEPS in src/cli/demo.ts.
 */
import { Command, CommanderError } from "commander";
import { WorkbookReadError } from "../files/read";
import { registerCompile } from "./compile";
import { registerDemo } from "./demo";
import { InputError } from "./input";
import { registerTemplate } from "./template";
import { registerValidate } from "./validate";

/** Where the command line writes. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress may rewrite its line. */
  isTTY: boolean;
}

/** What a subcommand gets: the output streams and the exit code it sets. */
export interface Cli {
  io: CliIO;
  /** Exit code main returns: 0 fine, 1 error findings, 2 input unreadable. */
  code: number;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};

const SUBCOMMANDS: ((program: Command, cli: Cli) => void)[] = [registerValidate, registerCompile, registerTemplate, registerDemo];

/** The program with every subcommand registered; output goes to cli.io. */
export function buildProgram(cli: Cli): Command {
  const program = new Command("indicators")
    .description("民政规划指标填报校验、汇总与中期评估")
    .exitOverride()
    .configureOutput({ writeOut: (s) => cli.io.out(s), writeErr: (s) => cli.io.err(s) })
    .showHelpAfterError("（运行 indicators --help 查看用法）");
  for (const register of SUBCOMMANDS) register(program, cli);
  return program;
}

/** Runs the command line on process.argv-style arguments; resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const cli: Cli = { io, code: 0 };
  const program = buildProgram(cli);
  try {
    await program.parseAsync(argv);
    return cli.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help"
        ? 0
        : 2;
    }
    if (e instanceof InputError || e instanceof WorkbookReadError) {
      io.err(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
