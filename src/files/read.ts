/**
 * Reading a workbook file into the workbook model (src/core/model.ts), in Node and in the
 * browser alike (no fs, no path, no node: imports): the task pane's standalone mode reads
 * picked files through `readWorkbookBuffer`; the command line goes through read-node.ts,
 * which hands in node:zlib's inflate.
 *
 * What a file is, is told by its bytes, not its name:
 * - a zip with a workbook part: .xlsx/.xlsm, read by xlsx-read.ts (bounded, sheet by sheet);
 * - a zip with an OpenDocument spreadsheet (mimetype, content.xml): .ods;
 * - an OLE2 compound file: .xls (or WPS's .et), or an encrypted .xlsx;
 * the last two through SheetJS (legacy-read.ts), loaded only when such a file comes.
 *
 * The reader does not interpret values: numbers stay numbers with their number format
 * (78% is 0.78 with numFmt "0%"), formulas give their cached result, and the core reads them.
 * What it cannot read of a sheet or a cell is carried in the model as a read problem.
 */
import { msg } from "../core/messages";
import type { WorkbookModel } from "../core/model";
import { inflateBounded } from "./inflate";
import { WorkbookReadError } from "./read-error";
import { READ_LIMITS, type ReadLimits } from "./sheet-builder";
import { readXlsx } from "./xlsx-read";
import { decodeUtf8, XmlError } from "./xml";
import { extractEntry, readCentralDirectory, ZipDamaged, ZipTooLarge, ZipUnreadable, type Inflater, type ZipEntry } from "./zip";

export { WorkbookReadError, type WorkbookReadReason } from "./read-error";
export { READ_LIMITS, type ReadLimits } from "./sheet-builder";

export interface ReadOptions {
  /** Bounded raw-deflate inflate (default: fflate's, as in the browser). */
  inflate?: Inflater;
  /** Bounds other than READ_LIMITS (tests use small ones). */
  limits?: Partial<ReadLimits>;
}

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * Reads a workbook file's bytes into the workbook model. `name` is the file name used in
 * findings and errors. Throws WorkbookReadError when the bytes are not a readable workbook;
 * a workbook whose sheets are all empty is a valid result.
 */
export async function readWorkbookBuffer(data: ArrayBuffer | Uint8Array, name: string, options: ReadOptions = {}): Promise<WorkbookModel> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const limits: ReadLimits = { ...READ_LIMITS, ...options.limits };
  const inflate = options.inflate ?? inflateBounded;
  if (bytes.length === 0) throw new WorkbookReadError("empty", name, msg("readDetail.zeroBytes"));
  if (OLE2_MAGIC.every((v, i) => bytes[i] === v)) {
    const { readLegacy } = await import("./legacy-read");
    return readLegacy(bytes, name, limits);
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.notAWorkbookFile"));
  }
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes);
  } catch (e) {
    if (e instanceof ZipUnreadable) throw new WorkbookReadError("truncated", name);
    throw e;
  }
  const ods = entries.find((e) => e.name === "mimetype");
  if (ods && entries.some((e) => e.name === "content.xml") && !entries.some((e) => e.name.toLowerCase() === "xl/workbook.xml")) {
    return readOds(bytes, entries, ods, name, inflate, limits);
  }
  return readXlsx(bytes, entries, name, inflate, limits);
}

/**
 * An .ods package: every part inflated once under the bounds (SheetJS would inflate a zip bomb
 * whole), the hidden sheets and rows read from content.xml, then SheetJS reads the cells.
 */
async function readOds(bytes: Uint8Array, entries: ZipEntry[], mimetype: ZipEntry, name: string, inflate: Inflater, limits: ReadLimits): Promise<WorkbookModel> {
  let used = 0;
  let content: Uint8Array | undefined;
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const max = Math.min(limits.partBytes, limits.totalBytes - used);
    try {
      const part = extractEntry(bytes, entry, inflate, max);
      used += part.length;
      if (entry === mimetype && !decodeUtf8(part).startsWith(ODS_MIMETYPE)) {
        throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.odfNotSpreadsheet"));
      }
      if (entry.name === "content.xml") content = part;
    } catch (e) {
      if (e instanceof ZipTooLarge) {
        throw new WorkbookReadError("too-large", name, msg("readDetail.partOverLimit", { part: entry.name, limit: msg("readLimit.part", { mb: Math.round(max / 1048576) }) }));
      }
      if (e instanceof ZipDamaged || e instanceof XmlError) throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.damaged", { why: e.message }));
      throw e;
    }
  }
  const { odsVisibility, readLegacy } = await import("./legacy-read");
  let visibility;
  try {
    visibility = odsVisibility(content as Uint8Array);
  } catch (e) {
    if (e instanceof XmlError) {
      throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.partDamaged", { part: "content.xml", detail: msg("readDetail.malformedXml", { why: e.message }) }));
    }
    throw e;
  }
  return readLegacy(bytes, name, limits, visibility);
}
