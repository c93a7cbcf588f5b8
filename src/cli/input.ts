/**
 * Input of the command line, shared by its subcommands: the plan file, the list of district
 * workbooks (a folder stands for its workbook files: .xlsx, .xlsm, .xls, .ods, .et) and reading
 * them one by one with progress on stderr.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import type { WorkbookModel } from "../core/model";
import { loadPlanFromJson, loadPlanFromWorkbook, type PlanLoad } from "../core/plan";
import { readWorkbookFile } from "../files/read-node";
import type { CliIO } from "./index";

/** Input that cannot be read; its message is the one Chinese line the user sees (exit 2). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * The plan of a .json file or of an .xlsx workbook's 规划指标 sheet, with its row findings.
 * A plan without any usable indicator (no 规划指标 sheet, invalid JSON, no header …) cannot
 * be worked with: InputError with the loader's reason.
 */
export async function loadPlanFile(path: string): Promise<PlanLoad> {
  let load: PlanLoad;
  if (extname(path).toLowerCase() === ".json") {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === "ENOENT" ? `找不到规划文件：${path}` : `无法读取规划文件（${code ?? e}）：${path}`);
    }
    load = loadPlanFromJson(text, basename(path));
  } else {
    load = loadPlanFromWorkbook(await readWorkbookFile(path), basename(path));
  }
  if (load.plan.indicators.length === 0) {
    const why = load.findings.find((f) => f.severity === "error");
    throw new InputError(`${why ? why.message : "规划中没有任何指标"}：${path}`);
  }
  return load;
}

/**
 * The plan a workbook carries in its 规划指标 sheet (a template's hidden copy of the bureau's
 * plan), with its row findings; InputError when it carries none, since without --plan there is
 * nothing else to check it against.
 */
export function carriedPlan(wb: WorkbookModel, path: string): PlanLoad {
  const load = loadPlanFromWorkbook(wb, basename(path));
  if (load.plan.indicators.length === 0) {
    throw new InputError(`未指定 --plan，且工作簿中没有随附的“规划指标”工作表（由 indicators template 生成的填报模板才有）：${path}`);
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
    if (names.length === 0) throw new InputError(`文件夹中没有工作簿文件（.xlsx、.xlsm、.xls、.ods、.et）：${p}`);
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
  io: CliIO,
  use: (wb: WorkbookModel, path: string) => void | Promise<void>,
): Promise<void> {
  const n = files.length;
  const progress = n >= PROGRESS_FROM;
  const step = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i++) {
    if (progress) {
      const line = `读取 ${i + 1}/${n} … ${basename(files[i])}`;
      if (io.isTTY) io.err(`\r\x1b[K${line}`);
      else if (i % step === 0 || i === n - 1) io.err(`${line}\n`);
    }
    await use(await readWorkbookFile(files[i]), files[i]);
  }
  if (progress && io.isTTY) io.err("\r\x1b[K");
}
