/** LibreOffice headless for the suites of this folder: conversions with a profile of their own. */
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** soffice --convert-to with a profile of its own (parallel runs do not collide) and HOME in `dir`. */
export async function convert(dir: string, file: string, to: string, outdir: string): Promise<void> {
  await mkdir(outdir, { recursive: true });
  await run(
    "soffice",
    [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", to, "--outdir", outdir, file],
    { env: { ...process.env, HOME: join(dir, "home") }, timeout: 110_000 },
  );
}
