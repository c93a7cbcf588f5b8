/**
 * Reading an .xlsx file from disk (command line, tests, bench). Node only: the browser
 * reads bytes through read.ts.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { WorkbookModel } from "../core/model";
import { readWorkbookBuffer, WorkbookReadError } from "./read";

/**
 * Reads an .xlsx file into the workbook model; the model's name (used in findings) is the
 * file's base name. Throws WorkbookReadError: "not-found" (naming the path as given) when the
 * path is missing, a folder or unreadable; otherwise as readWorkbookBuffer.
 */
export async function readWorkbookFile(path: string): Promise<WorkbookModel> {
  const name = basename(path);
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new WorkbookReadError("not-found", path);
    if (code === "EISDIR") {
      throw new WorkbookReadError("not-found", path, { zh: "这是一个文件夹", en: "it is a folder" });
    }
    const why = code ?? String(e);
    throw new WorkbookReadError("not-found", path, { zh: `无法读取：${why}`, en: `cannot read it: ${why}` });
  }
  return readWorkbookBuffer(data, name);
}
