/**
 * Writing an .xlsx file to disk (command line, demo). Node only: the browser takes the
 * bytes of write.ts as a download.
 *
 * Atomic: the workbook goes to a temporary file in the target's folder, which replaces the
 * target (rename) only once it is completely written; a failure leaves an existing target
 * as it was and removes the temporary file.
 */
import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { TableModel } from "../core/table";
import { renderWorkbook } from "./write";

/** Writes bytes to `path` atomically (temporary file in the same folder, then rename). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}

/** Renders the tables into an .xlsx workbook and writes it to `path` atomically. */
export async function writeWorkbookFile(path: string, tables: readonly TableModel[]): Promise<void> {
  await writeFileAtomic(path, await renderWorkbook(tables));
}
