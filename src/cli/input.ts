/**
 * Input of the command line, shared by its subcommands: the plan file, the list of district
 * workbooks (a folder stands for its workbook files: .xlsx, .xlsm, .xls, .ods, .et), reading
 * them one by one with progress on stderr, and options checked with zod in the language of --lang.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { z } from "zod";
import { appError } from "../core/errors";
import { findingMessage } from "../core/findings";
import { messages, msg, type Lang } from "../core/messages";
import type { WorkbookModel } from "../core/model";
import { loadPlanFromJson, loadPlanFromWorkbook, type PlanLoad } from "../core/plan";
import { readWorkbookFile } from "../files/read-node";
import type { Cli } from "./index";

/** zod's own messages in the language of the command line. */
const ZOD_LOCALES: Record<Lang, () => { localeError: z.core.$ZodErrorMap }> = { zh: z.locales.zhCN, en: z.locales.en };

/** "asOf" → "as-of": the option as it is typed. */
const optionName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parses commander's options with zod; a bad value is an input error (exit 2) in the language asked. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: unknown, lang: Lang): T {
  const r = schema.safeParse(raw, { error: ZOD_LOCALES[lang]().localeError });
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw appError("option-invalid", { option: optionName(issue.path.join(".")), detail: issue.message });
}

/**
 * The plan of a .json file or of an .xlsx workbook's 规划指标 sheet, with its row findings.
 * A plan without any usable indicator (no 规划指标 sheet, invalid JSON, no header …) cannot
 * be worked with: an AppError with the loader's reason.
 */
export async function loadPlanFile(path: string): Promise<PlanLoad> {
  let load: PlanLoad;
  if (extname(path).toLowerCase() === ".json") {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw code === "ENOENT" ? appError("plan-not-found", { path }) : appError("plan-unreadable", { path, why: code ?? String(e) });
    }
    load = loadPlanFromJson(text, basename(path));
  } else {
    load = loadPlanFromWorkbook(await readWorkbookFile(path), basename(path));
  }
  if (load.plan.indicators.length === 0) {
    const why = load.findings.find((f) => f.severity === "error");
    throw appError("plan-unusable", { path, reason: why ? findingMessage(why) : msg("finding.plan-empty") });
  }
  return load;
}

/** Workbook files a folder stands for: what the reader takes (src/files/read.ts). */
const WORKBOOK_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xls", ".ods", ".et"]);

/** The files named: a folder stands for the workbook files in it (sorted, lock files "~$…" left out). */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch(() => undefined);
    if (!info?.isDirectory()) {
      out.push(p); // a missing file is reported when it is read
      continue;
    }
    const names = (await readdir(p))
      .filter((n) => WORKBOOK_EXTENSIONS.has(extname(n).toLowerCase()) && !n.startsWith("~$"))
      .sort((a, b) => a.localeCompare(b, "zh-CN"));
    if (names.length === 0) throw appError("folder-empty", { path: p });
    for (const n of names) out.push(join(p, n));
  }
  return out;
}

/** Files above this count get progress lines on stderr. */
const PROGRESS_FROM = 6;

/**
 * Reads the workbooks one at a time (so a hundred files are never all in memory) and hands
 * each to `use`. With many files, progress goes to stderr: one rewritten line on a terminal,
 * otherwise about ten plain lines.
 */
export async function eachWorkbook(
  files: readonly string[],
  cli: Pick<Cli, "io" | "lang">,
  use: (wb: WorkbookModel, path: string) => void | Promise<void>,
): Promise<void> {
  const { io } = cli;
  const n = files.length;
  const progress = n >= PROGRESS_FROM;
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i++) {
    if (progress) {
      const line = messages(cli.lang).cli.progress({ done: i + 1, total: n, file: basename(files[i]) });
      if (io.isTTY) io.err(`\r\x1b[K${line}`);
      else if (i % step === 0 || i === n - 1) io.err(`${line}\n`);
    }
    await use(await readWorkbookFile(files[i]), files[i]);
  }
  if (progress && io.isTTY) io.err("\r\x1b[K");
}
