/**
 * The .xlsx reader: fills the workbook model (src/core/model.ts) from an .xlsx file with
 * ExcelJS. Browser-safe (no fs, no path): the task pane's standalone mode reads picked files
 * through `readWorkbookBuffer`; the command line goes through read-node.ts.
 *
 * The reader does not interpret values: numbers stay numbers with their number format
 * (78% is 0.78 with numFmt "0%"), formulas give their cached result, and the core reads them.
 */
import ExcelJS from "exceljs";
import type { Cell, CellValue, MergedRange, Sheet, WorkbookModel } from "../core/model";

/** Why a file could not be read as a workbook. */
export type WorkbookReadReason = "not-found" | "not-a-workbook" | "encrypted" | "truncated" | "empty";

const READ_ERROR_TEXT: Record<WorkbookReadReason, { zh: string; en: string }> = {
  "not-found": { zh: "找不到文件", en: "File not found" },
  "not-a-workbook": { zh: "不是有效的 .xlsx 工作簿", en: "Not a valid .xlsx workbook" },
  encrypted: {
    zh: "文件已加密或为旧版 .xls 格式，请另存为未加密的 .xlsx",
    en: "The file is encrypted or in the old .xls format; save it as an unencrypted .xlsx",
  },
  truncated: { zh: "文件不完整（可能下载或复制时中断）", en: "The file is truncated (an interrupted download or copy?)" },
  empty: { zh: "文件是空的", en: "The file is empty" },
};

/**
 * A file that cannot be read as a workbook. `message` is one line of Chinese naming the
 * file ("不是有效的 .xlsx 工作簿：a.xlsx"); `messageEn` the same in English.
 */
export class WorkbookReadError extends Error {
  readonly reason: WorkbookReadReason;
  readonly file: string;
  readonly messageEn: string;

  constructor(reason: WorkbookReadReason, file: string, detail?: { zh: string; en: string }) {
    const text = READ_ERROR_TEXT[reason];
    super(`${text.zh}${detail ? `（${detail.zh}）` : ""}：${file}`);
    this.name = "WorkbookReadError";
    this.reason = reason;
    this.file = file;
    this.messageEn = `${text.en}${detail ? ` (${detail.en})` : ""}: ${file}`;
  }
}

/**
 * Reads an .xlsx file's bytes into the workbook model. `name` is the file name used in
 * findings and errors. Throws WorkbookReadError when the bytes are not a readable workbook;
 * a workbook whose sheets are all empty is a valid result.
 */
export async function readWorkbookBuffer(data: ArrayBuffer | Uint8Array, name: string): Promise<WorkbookModel> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkContainer(bytes, name);
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings ask for a Node Buffer; JSZip underneath takes any Uint8Array.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    // The zip or XML library's own words are for developers: keep them in English only.
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new WorkbookReadError("not-a-workbook", name, { zh: "文件已损坏", en: `damaged: ${why}` });
  }
  if (workbook.worksheets.length === 0) {
    throw new WorkbookReadError("empty", name, { zh: "工作簿中没有工作表", en: "the workbook has no sheets" });
  }
  return { name, sheets: workbook.worksheets.map(toSheet) };
}

// ---------------------------------------------------------------------------------------
// Container checks: tell the clerk *why* a file is not a workbook before ExcelJS fails on it
// with a zip library's message.

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const EOCD_SIGNATURE = 0x06054b50; // "PK\x05\x06", end of central directory
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50; // "PK\x01\x02"

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function checkContainer(bytes: Uint8Array, name: string): void {
  if (bytes.length === 0) {
    throw new WorkbookReadError("empty", name, { zh: "0 字节", en: "0 bytes" });
  }
  if (OLE2_MAGIC.every((v, i) => bytes[i] === v)) throw new WorkbookReadError("encrypted", name);
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new WorkbookReadError("not-a-workbook", name, { zh: "不是 zip 格式", en: "not a zip file" });
  }
  const entries = centralDirectoryNames(bytes);
  if (entries === null) throw new WorkbookReadError("truncated", name);
  if (!entries.has("xl/workbook.xml")) {
    if (entries.has("content.xml") && entries.has("mimetype")) {
      throw new WorkbookReadError("not-a-workbook", name, {
        zh: "这是 OpenDocument 表格（.ods），请另存为 .xlsx",
        en: "this is an OpenDocument spreadsheet (.ods); save it as .xlsx",
      });
    }
    throw new WorkbookReadError("not-a-workbook", name, {
      zh: "压缩包中没有 Excel 工作簿",
      en: "the zip holds no Excel workbook",
    });
  }
}

/**
 * The file names of a zip's central directory, or null when the directory is missing or
 * lies beyond the end of the bytes (a truncated file: the directory is written last).
 */
function centralDirectoryNames(bytes: Uint8Array): Set<string> | null {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (u32(bytes, i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = u16(bytes, eocd + 10);
  const size = u32(bytes, eocd + 12);
  const offset = u32(bytes, eocd + 16);
  // A zip64 archive stores 0xffffffff here and the real values elsewhere; no workbook a
  // clerk sends is that large, and ExcelJS could not hold it either.
  if (offset + size > eocd) return null;
  const names = new Set<string>();
  const decoder = new TextDecoder();
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_ENTRY_SIGNATURE) return null;
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    names.add(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

// ---------------------------------------------------------------------------------------
// Sheets and cells

function toSheet(worksheet: ExcelJS.Worksheet): Sheet {
  const rows: (Cell | undefined)[][] = [];
  const hiddenRows: number[] = [];
  const merges = new Map<string, MergedRange>();

  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const cells: (Cell | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) {
        // Only the master (top-left) of a merged range holds the value; ExcelJS repeats it
        // in every other cell, which would count it several times.
        extendMerge(merges, cell.master, r, colNumber - 1);
        return;
      }
      const converted = toCell(cell);
      if (converted) cells[colNumber - 1] = converted;
    });
    rows[r] = cells;
    // eachRow skips rows without values: a hidden empty row hides nothing a reader needs.
    if (row.hidden) hiddenRows.push(r);
  });
  // The model's rows are arrays: fill the rows that hold nothing.
  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];

  const sheet: Sheet = { name: worksheet.name, rows, merges: [...merges.values()], hiddenRows };
  if (worksheet.state === "hidden" || worksheet.state === "veryHidden") sheet.hidden = true;
  return sheet;
}

function extendMerge(merges: Map<string, MergedRange>, master: ExcelJS.Cell, r: number, c: number): void {
  const top = Number(master.row) - 1;
  const left = Number(master.col) - 1;
  const key = `${top}:${left}`;
  const range = merges.get(key);
  if (range) {
    range.bottom = Math.max(range.bottom, r);
    range.right = Math.max(range.right, c);
  } else {
    merges.set(key, { top, left, bottom: Math.max(top, r), right: Math.max(left, c) });
  }
}

type RichText = { richText: { text: string }[] };

function isRichText(v: unknown): v is RichText {
  return typeof v === "object" && v !== null && Array.isArray((v as RichText).richText);
}

function isErrorValue(v: unknown): v is { error: string } {
  return typeof v === "object" && v !== null && typeof (v as { error?: unknown }).error === "string";
}

/** Text of a string, a rich text or a hyperlink's text. */
function plainText(v: unknown): string {
  if (typeof v === "string") return v;
  if (isRichText(v)) return v.richText.map((run) => run.text).join("");
  return "";
}

/** A formula's cached result, or a plain value, as a model value. */
function modelValue(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (isErrorValue(v)) return v.error;
  if (isRichText(v)) return plainText(v);
  return null;
}

function toCell(cell: ExcelJS.Cell): Cell | undefined {
  let value: CellValue;
  let formula: string | undefined;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
      return undefined;
    case ExcelJS.ValueType.Formula:
      // cell.value drops a falsy result (0, ""): read cell.result. cell.formula also
      // translates a shared formula for the cells that share it.
      formula = cell.formula;
      value = modelValue(cell.result);
      break;
    case ExcelJS.ValueType.Hyperlink:
      value = plainText((cell.value as ExcelJS.CellHyperlinkValue).text);
      break;
    default:
      value = modelValue(cell.value);
  }
  const out: Cell = { value, text: typeof value === "string" ? value : "" };
  const numFmt = cell.numFmt;
  if (typeof numFmt === "string" && numFmt !== "" && numFmt.toLowerCase() !== "general") out.numFmt = numFmt;
  if (formula) out.formula = formula;
  return out;
}
