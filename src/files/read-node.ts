/**
 * Reading a workbook file from disk (command line, tests, bench). Node only: the browser
 * reads bytes through read.ts. Inflates with node:zlib (native), bounded by maxOutputLength,
 * which stops as soon as the output passes the bound.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { inflateRawSync } from "node:zlib";
import { msg } from "../core/messages";
import type { WorkbookModel } from "../core/model";
import { readWorkbookBuffer, WorkbookReadError, type ReadOptions } from "./read";
import { ZipTooLarge, type Inflater } from "./zip";

/** node:zlib's raw inflate, throwing ZipTooLarge past the bound. */
export const inflateNode: Inflater = (data, maxBytes) => {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new ZipTooLarge(maxBytes);
    throw e;
  }
};

/**
 * Reads a workbook file into the workbook model; the model's name (used in findings) is the
 * file's base name. Throws WorkbookReadError: "not-found" (naming the path as given) when the
 * path is missing, a folder or unreadable; otherwise as readWorkbookBuffer.
 */
export async function readWorkbookFile(path: string, options: Omit<ReadOptions, "inflate"> = {}): Promise<WorkbookModel> {
  const name = basename(path);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WorkbookReadError("not-found", path);
    if (code === "EISDIR") {
      throw new WorkbookReadError("not-found", path, msg("readDetail.folder"));
    }
    const why = code ?? String(e);
    throw new WorkbookReadError("not-found", path, msg("readDetail.cannotRead", { why }));
  }
  return readWorkbookBuffer(data, name, { ...options, inflate: inflateNode });
}
