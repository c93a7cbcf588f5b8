/**
 * .xls (Excel 97–2003, BIFF in a compound file; WPS's .et is the same container) and .ods
 * (OpenDocument) into the workbook model through SheetJS (@e965/xlsx, the maintained build of
 * the SheetJS parser). Loaded only for those files: read.ts imports this module lazily, so the
 * .xlsx path, the CLI's start and the page's first screen never load SheetJS.
 *
 * SheetJS loads a whole file at once, so the bounds are checked around it: the file's size
 * before (legacyFileBytes), an .ods package's parts inflated under the part and total bounds
 * before SheetJS inflates them again, and the cells through the same sheet builder as .xlsx.
 * SheetJS does not read an .ods file's hidden sheets and rows: they are read here from
 * content.xml (table:display="false" table styles, table:visibility on rows).
 */
import type { WorkSheet } from "@e965/xlsx";
import { msg } from "../core/messages";
import type { CellValue, WorkbookModel } from "../core/model";
import { WorkbookReadError } from "./read-error";
import { CellBudget, excerpt, makeCell, modelFormat, numberValue, OverLimit, overLimit, SheetBuilder, type ReadLimits } from "./sheet-builder";
import { decodeXml, END, START, XmlScanner } from "./xml";

/** The hidden sheets and hidden row ranges of an .ods file, from its content.xml. */
export interface OdsVisibility {
  hiddenSheets: Set<string>;
  /** Per sheet, [first, last] 0-based row ranges that are hidden. */
  hiddenRows: Map<string, [number, number][]>;
}

/** Reads table and row visibility from an .ods content.xml (which SheetJS leaves out). */
export function odsVisibility(contentXml: Uint8Array): OdsVisibility {
  const sc = new XmlScanner();
  sc.reset(decodeXml(contentXml));
  const hiddenStyles = new Set<string>();
  const out: OdsVisibility = { hiddenSheets: new Set(), hiddenRows: new Map() };
  let style: string | undefined;
  let table: string | undefined;
  let depth = 0;
  let row = 0;
  while (sc.next()) {
    const kind = sc.kind;
    if (kind !== END && sc.is("style")) style = sc.attr("style:family") === "table" ? sc.attr("style:name") : undefined;
    else if (style !== undefined && sc.is("table-properties") && sc.attr("table:display") === "false") hiddenStyles.add(style);
    else if (sc.is("table")) {
      if (kind === START) {
        if (depth++ > 0) continue; // a table inside a cell is not a sheet
        table = sc.attr("table:name") ?? "";
        row = 0;
        if (hiddenStyles.has(sc.attr("table:style-name") ?? "")) out.hiddenSheets.add(table);
      } else if (kind === END) depth--;
    } else if (kind !== END && depth === 1 && table !== undefined && sc.is("table-row")) {
      const repeat = Math.max(1, Number(sc.attr("table:number-rows-repeated") ?? 1) || 1);
      const visibility = sc.attr("table:visibility");
      if (visibility === "collapse" || visibility === "filter") {
        const ranges = out.hiddenRows.get(table) ?? [];
        ranges.push([row, row + repeat - 1]);
        out.hiddenRows.set(table, ranges);
      }
      row += repeat;
    }
  }
  return out;
}

/**
 * Runs SheetJS with the console silenced: it prints diagnostics of damaged files there
 * ("Missing Info for XLS Record …"), which would break the command line's one-line errors;
 * what is wrong reaches the user as the reader's own error or finding.
 */
function quietly<T>(run: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = () => undefined;
  try {
    return run();
  } finally {
    Object.assign(console, saved);
  }
}

/** Excel's error values by BIFF code, for an error cell SheetJS gives without its text. */
const ERRORS: Record<number, string> = { 0: "#NULL!", 7: "#DIV/0!", 15: "#VALUE!", 23: "#REF!", 29: "#NAME?", 36: "#NUM!", 42: "#N/A" };

interface SheetJsCell {
  t: string;
  v?: unknown;
  w?: string;
  z?: string | number;
  f?: string;
}

/**
 * Reads an .xls/.et compound file or an .ods package with SheetJS. `visibility` is an .ods
 * file's (from odsVisibility); an .xls file's comes from SheetJS itself.
 */
export async function readLegacy(bytes: Uint8Array, name: string, limits: ReadLimits, visibility?: OdsVisibility): Promise<WorkbookModel> {
  if (bytes.length > limits.legacyFileBytes) {
    const over = overLimit.fileBytes(limits);
    throw new WorkbookReadError("too-large", name, msg("readDetail.overLimit", { limit: over.limit }));
  }
  const XLSX = await import("@e965/xlsx");
  let wb: ReturnType<typeof XLSX.read>;
  try {
    wb = quietly(() => XLSX.read(bytes, { type: "array", dense: true, cellFormula: true, cellNF: true, cellDates: false, cellStyles: false }));
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    if (/password|encrypt/i.test(why)) throw new WorkbookReadError("encrypted", name);
    throw new WorkbookReadError("not-a-workbook", name, msg("readDetail.damaged", { why }));
  }
  if (wb.SheetNames.length === 0) throw new WorkbookReadError("empty", name, msg("readDetail.noSheets"));
  const date1904 = wb.Workbook?.WBProps?.date1904 === true;
  const budget = new CellBudget(limits);
  const sheets = wb.SheetNames.map((sheetName, i) => {
    const hidden = visibility ? visibility.hiddenSheets.has(sheetName) : (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) !== 0;
    const b = new SheetBuilder(budget);
    try {
      readSheet(wb.Sheets[sheetName], b, date1904);
      for (const [from, to] of visibility?.hiddenRows.get(sheetName) ?? []) {
        for (let r = from, last = Math.min(to, b.rowCount() - 1); r <= last; r++) b.hideRow(r);
      }
      return b.finish(sheetName, hidden);
    } catch (e) {
      b.release();
      if (e instanceof OverLimit) return SheetBuilder.unread(sheetName, hidden, "sheet-too-large", { limit: e.limit });
      // What SheetJS made of a damaged file is not what it documents: the sheet is damaged.
      const why = e instanceof Error ? e.message : String(e);
      return SheetBuilder.unread(sheetName, hidden, "sheet-damaged", { detail: msg("readDetail.unparsable", { why }) });
    }
  });
  return { name, sheets };
}

function readSheet(ws: WorkSheet | undefined, b: SheetBuilder, date1904: boolean): void {
  if (!ws) return;
  const data = (ws["!data"] ?? []) as (SheetJsCell | undefined)[][];
  data.forEach((row, r) => {
    row?.forEach((cell, c) => {
      if (!cell) return;
      const numFmt = modelFormat(typeof cell.z === "string" ? cell.z : undefined);
      const formula = typeof cell.f === "string" && cell.f !== "" ? cell.f : undefined;
      let value: CellValue | undefined;
      switch (cell.t) {
        case "n": {
          const n = cell.v as number;
          if (typeof n !== "number" || !Number.isFinite(n)) {
            b.checkPosition(r, c);
            b.problem("cell-non-finite", r, c, { text: excerpt(String(cell.v)) });
            return;
          }
          value = numberValue(n, numFmt, date1904);
          if (value === undefined) {
            b.checkPosition(r, c);
            b.problem("cell-date", r, c, { text: String(n) });
            return;
          }
          break;
        }
        case "s":
          value = String(cell.v ?? "");
          break;
        case "b":
          value = cell.v === true;
          break;
        case "e":
          value = cell.w ?? ERRORS[cell.v as number] ?? "#N/A";
          break;
        default:
          value = undefined;
      }
      if (value === undefined) {
        if (formula === undefined) return;
        value = null;
      }
      b.put(r, c, makeCell(value, numFmt, formula));
    });
  });
  (ws["!rows"] ?? []).forEach((info, r) => {
    if (info?.hidden) b.hideRow(r);
  });
  for (const m of ws["!merges"] ?? []) b.merge({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c });
}
