/**
 * The command line `indicators`: the program definition and its entry point. Each
 * subcommand lives in its own file and registers itself here.
 *
 * Adding a subcommand (compile, template, …):
 *   1. write src/cli/<name>.ts exporting `<name>Command(cli, …args, raw)` (options checked
 *      with zod, then the work);
 *   2. register it in src/cli/commands.ts (SUBCOMMANDS), whose action imports that module
 *      only when the subcommand runs; its words go into the catalogue's `cli` section.
 * Write output through `cli.io` (never console.log) so tests can call main() and read it;
 * throw an AppError (src/core/errors.ts) for input that cannot be read: main prints its
 * message in the language of --lang (Chinese by default) on stderr and returns exit code 2.
 * A demo step goes into DEMO_STEPS in src/cli/demo.ts.
 *
 * Language: `--lang en` anywhere on the line makes everything English — the output, the help,
 * commander's own errors and zod's; Chinese otherwise.
 */
import { Command, CommanderError, Help, type Option } from "commander";
import { AppError } from "../core/errors";
import { messages, type Lang } from "../core/messages";
import { SUBCOMMANDS } from "./commands";

/** Where the command line writes. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal: progress may rewrite its line. */
  isTTY: boolean;
}

/** What a subcommand gets: the output streams, the language and the exit code it sets. */
export interface Cli {
  io: CliIO;
  /** The language of --lang (zh unless "en"). */
  lang: Lang;
  /** Exit code main returns: 0 fine, 1 error findings, 2 input unreadable. */
  code: number;
}

export const processIO: CliIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
};


/** The language asked for on the command line: `--lang en` or `--lang=en` anywhere; zh otherwise. */
export function langOf(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice("--lang=".length) : undefined;
    if (value !== undefined) return value === "en" ? "en" : "zh";
  }
  return "zh";
}

/** The quoted names in one of commander's messages ("error: unknown option '--x'"), in order. */
const quoted = (message: string): string[] => [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]);

/** commander's own error messages in the language of the catalogue, by commander's error code. */
function commanderMessage(code: string, message: string, lang: Lang): string {
  const m = messages(lang).cli;
  const [first = ""] = quoted(message);
  const suggestion = /Did you mean ([^?]+)\?/.exec(message)?.[1];
  const hint = suggestion ? `\n${m.didYouMean({ suggestion })}` : "";
  switch (code) {
    case "commander.missingArgument":
      return m.missingArgument({ name: first });
    case "commander.optionMissingArgument":
      return m.optionMissingArgument({ option: first });
    case "commander.missingMandatoryOptionValue":
      return m.missingMandatoryOption({ option: first });
    case "commander.unknownOption":
      return m.unknownOption({ option: first }) + hint;
    case "commander.unknownCommand":
      return m.unknownCommand({ command: first }) + hint;
    case "commander.excessArguments": {
      const [expected = "", received = ""] = /Expected (\d+) arguments? but got (\d+)/.exec(message)?.slice(1) ?? [];
      return m.excessArguments({ expected, received });
    }
    case "commander.conflictingOption":
      return m.conflictingOption({ detail: message.replace(/^error: /, "") });
    case "commander.invalidArgument":
      return m.invalidArgument({ detail: message.replace(/^error: /, "") });
    default:
      return message;
  }
}

/** A Command whose own errors and help speak the catalogue's language; subcommands are of the same kind. */
function localisedCommand(lang: Lang) {
  const m = messages(lang).cli;
  const titles: Record<string, string> = {
    "Usage:": m.usage,
    "Options:": m.options,
    "Commands:": m.commands,
    "Arguments:": m.arguments,
    "Global Options:": m.globalOptions,
  };
  class LocalisedHelp extends Help {
    override styleTitle(str: string): string {
      return titles[str] ?? str;
    }
    override optionDescription(option: Option): string {
      const extra: string[] = [];
      if (option.argChoices) extra.push(m.choices({ values: option.argChoices.join(", ") }));
      if (option.defaultValue !== undefined) extra.push(m.default({ value: String(option.defaultValue) }));
      return [option.description, ...extra].filter(Boolean).join(" ");
    }
  }
  class LocalisedCommand extends Command {
    override createCommand(name?: string): Command {
      return new LocalisedCommand(name);
    }
    override createHelp(): Help {
      return Object.assign(new LocalisedHelp(), this.configureHelp());
    }
    override error(message: string, options?: { code?: string; exitCode?: number }): never {
      return super.error(commanderMessage(options?.code ?? "", message, lang), options);
    }
  }
  return LocalisedCommand;
}

/** The program with every subcommand registered; output goes to cli.io. */
export function buildProgram(cli: Cli): Command {
  const m = messages(cli.lang).cli;
  const LocalisedCommand = localisedCommand(cli.lang);
  const program = new LocalisedCommand("indicators")
    .description(m.program)
    .helpOption("-h, --help", m.help)
    .helpCommand("help [command]", m.helpCommand)
    .exitOverride()
    .configureOutput({ writeOut: (s) => cli.io.out(s), writeErr: (s) => cli.io.err(s) })
    .showHelpAfterError(m.helpHint);
  for (const register of SUBCOMMANDS) register(program, cli);
  return program;
}

/** Runs the command line on process.argv-style arguments; resolves to the exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const cli: Cli = { io, lang: langOf(argv.slice(2)), code: 0 };
  const program = buildProgram(cli);
  try {
    await program.parseAsync(argv);
    return cli.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
    }
    if (e instanceof AppError) {
      io.err(`${e.text(cli.lang)}\n`);
      return 2;
    }
    throw e;
  }
}
