/**
 * Writing an .xlsx file to disk (command line, demo). Node only: the browser takes the
 * bytes of write.ts as a download.
 *
 * Safe:
 * - checkOutput, called before any input is read, refuses what must not be replaced: a path
 *   that is not a regular file (a folder, a device such as /dev/null, a pipe, a socket, a
 *   symbolic link), a read-only file (also for root, whom the system would let write), a
 *   name not ending in .xlsx, a folder that does not exist or cannot be written, and — when
 *   asked — any existing file.
 * - writeFileAtomic writes to a temporary file in the target's folder, which replaces the
 *   target (rename) only once it is completely written and synced, with the replaced file's
 *   permissions; a failure, SIGINT or SIGTERM removes the temporary file and leaves an
 *   existing target as it was. An interrupt never truncates the output.
 */
import { randomBytes } from "node:crypto";
import { constants, unlinkSync } from "node:fs";
import { access, lstat, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { appError } from "../core/errors";
import type { TableModel } from "../core/table";

/** What checkOutput found: the permissions the written file keeps (those of the file it replaces). */
export interface OutputTarget {
  path: string;
  mode?: number;
}

/**
 * Checks that `path` can take a new .xlsx: throws an AppError (output-not-xlsx,
 * output-not-file, output-read-only, output-exists, output-unwritable) otherwise.
 * `overwrite: false` refuses an existing file (indicators template without --force).
 */
export async function checkOutput(path: string, opts: { overwrite: boolean }): Promise<OutputTarget> {
  if (extname(path).toLowerCase() !== ".xlsx") throw appError("output-not-xlsx", { path });
  const info = await lstat(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return undefined;
    throw appError("output-unwritable", { path, why: e.code ?? String(e) });
  });
  const folder = dirname(path);
  await access(folder, constants.W_OK | constants.X_OK).catch((e: NodeJS.ErrnoException) => {
    throw appError("output-unwritable", { path, why: e.code ?? String(e) });
  });
  if (!info) return { path };
  if (!info.isFile()) throw appError("output-not-file", { path });
  // No write bit at all: read-only for everyone, root included (access() would let root write).
  if ((info.mode & 0o222) === 0) throw appError("output-read-only", { path });
  await access(path, constants.W_OK).catch(() => {
    throw appError("output-read-only", { path });
  });
  if (!opts.overwrite) throw appError("output-exists", { path });
  return { path, mode: info.mode & 0o7777 };
}

/** The signals that remove the temporary file before the process ends as the signal says. */
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/**
 * Writes the content to `path` atomically (temporary file in the same folder, synced, then
 * renamed over the target); the content may come in chunks (a streaming writer). On SIGINT or
 * SIGTERM while writing, the temporary file is removed and the signal then takes its course.
 */
export async function writeFileAtomic(
  path: string,
  content: Uint8Array | AsyncIterable<Uint8Array>,
  opts: { mode?: number } = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet, or already gone
    }
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.kill(process.pid, signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  try {
    const handle = await open(temp, "wx", opts.mode ?? 0o666);
    try {
      if (content instanceof Uint8Array) await handle.writeFile(content);
      else for await (const chunk of content) await handle.write(chunk);
      // open()'s mode is filtered by the umask: the replaced file's permissions are set as they were.
      if (opts.mode !== undefined) await handle.chmod(opts.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  } finally {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
  }
}

/** Renders the tables into an .xlsx workbook and writes it to the checked target atomically. */
export async function writeWorkbookFile(target: OutputTarget, tables: readonly TableModel[]): Promise<void> {
  const { renderWorkbook } = await import("./write");
  try {
    await writeFileAtomic(target.path, await renderWorkbook(tables, (data) => deflateRawSync(data, { level: 6 })), target);
  } catch (e) {
    throw appError("output-unwritable", { path: target.path, why: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}
