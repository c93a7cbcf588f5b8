/**
 * `indicators demo` (npm run demo): runs the main jobs on the samples in examples/, with no
 * arguments. The demo is a list of steps; a later step (compile) is added to DEMO_STEPS.
 * The demo exits 0 when every step could read its input: the samples have findings on
 * purpose, so error findings do not fail the demo.
 */
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { runCompile } from "./compile";
import { messages, type Lang } from "../core/messages";
import type { Cli } from "./index";
import { runValidate } from "./validate";

/** The package root (lib/cli/ or src/cli/ → ../..): examples/ sits there. */
export const PACKAGE_ROOT = join(__dirname, "..", "..");

export interface DemoPaths {
  plan: string;
  /** The sample district workbooks, sorted. */
  submissions: string[];
}

export async function demoPaths(root: string = PACKAGE_ROOT): Promise<DemoPaths> {
  const dir = join(root, "examples", "submissions");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".xlsx")).sort((a, b) => a.localeCompare(b, "zh-CN"));
  return { plan: join(root, "examples", "plan.xlsx"), submissions: names.map((n) => join(dir, n)) };
}

export interface DemoStep {
  /** Heading printed before the step. */
  title: (lang: Lang) => string;
  /** Runs the step; resolves to its exit code (2 stops the demo). */
  run(cli: Cli, paths: DemoPaths): Promise<number>;
}

export const DEMO_STEPS: DemoStep[] = [
  {
    title: (lang) => messages(lang).cli.demoValidate,
    run: (cli, paths) => runValidate(cli, paths.submissions, { plan: paths.plan, format: "table", lang: cli.lang }),
  },
  {
    title: (lang) => messages(lang).cli.demoCompile,
    run: async (cli, paths) => {
      const dir = join(process.cwd(), "out");
      await mkdir(dir, { recursive: true });
      return runCompile(cli, paths.submissions, { plan: paths.plan, output: join(dir, "midterm.xlsx"), format: "table", lang: cli.lang });
    },
  },
];


export async function runDemo(cli: Cli, root: string = PACKAGE_ROOT): Promise<number> {
  const paths = await demoPaths(root);
  for (const [i, step] of DEMO_STEPS.entries()) {
    cli.io.out(`${i === 0 ? "" : "\n"}== ${i + 1}. ${step.title(cli.lang)} ==\n\n`);
    if ((await step.run(cli, paths)) === 2) return 2;
  }
  return 0;
}
