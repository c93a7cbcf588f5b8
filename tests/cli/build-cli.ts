/** The command line compiled from the current src/ into a temporary package, for tests that spawn it. */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "..", "..");

/**
 * Compiles src/ as tsconfig.cli.json says (transpiling only: tsc --noEmit type-checks the
 * tree) into a temporary package beside a copy of bin/indicators.js, so the spawn runs the
 * current code without rewriting the shared lib/.
 */
export function buildCliInto(dir: string): string {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, "tsconfig.cli.json"),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
      },
    },
  )!;
  const src = join(ROOT, "src");
  for (const file of parsed.fileNames) {
    const out = join(dir, "lib", relative(src, file)).replace(/\.tsx?$/, ".js");
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: parsed.options, fileName: file }).outputText);
  }
  mkdirSync(join(dir, "bin"), { recursive: true });
  copyFileSync(join(ROOT, "bin", "indicators.js"), join(dir, "bin", "indicators.js"));
  return join(dir, "bin", "indicators.js");
}
