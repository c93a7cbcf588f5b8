/**
 * How each style and number format of the table model (table.ts) looks: the one map every
 * renderer uses, so the .xlsx file (src/files/write.ts) and the sheets the add-in writes
 * (src/excel/write.ts) cannot drift apart. Colours are ARGB hex ("FFRRGGBB").
 */
import type { CellStyle, NumberFormat, TableCell, TableColumn } from "./table";

/** Colours of each style (ARGB); status colours: met green, on-track blue, behind orange, no-data grey. */
export const STYLE_COLOURS: Record<CellStyle, { fill?: string; font?: string; bold?: boolean; size?: number }> = {
  title: { bold: true, size: 16 },
  subtitle: { font: "FF404040", size: 10 },
  header: { fill: "FFD9E1F2", bold: true },
  group: { fill: "FFF2F2F2", bold: true },
  "status-met": { fill: "FFC6EFCE", font: "FF006100" },
  "status-on-track": { fill: "FFDDEBF7", font: "FF1F4E79" },
  "status-behind": { fill: "FFFCE4D6", font: "FFC65911" },
  "status-no-data": { fill: "FFEDEDED", font: "FF595959" },
  attention: { fill: "FFFFC7CE", font: "FF9C0006", bold: true },
  "finding-error": { fill: "FFFFC7CE", font: "FF9C0006" },
  "finding-warning": { fill: "FFFFEB9C", font: "FF9C5700" },
  input: { fill: "FFFFF9E5" },
  muted: { font: "FF7F7F7F", size: 10 },
};

/** Styles whose cells stand outside the table grid: no border. */
export const UNBORDERED: ReadonlySet<CellStyle> = new Set<CellStyle>(["title", "subtitle", "muted"]);

export const FONT_NAME = "宋体";
export const FONT_SIZE = 11;

/** "FFFFC7CE" → "#FFC7CE" (the form Office.js takes). */
export function htmlColour(argb: string): string {
  return `#${argb.slice(-6).toUpperCase()}`;
}

/** Excel number format code of a number format. */
export function formatCode(format: NumberFormat): string {
  switch (format.kind) {
    case "integer":
      return "0";
    case "number":
      return format.decimals > 0 ? `0.${"0".repeat(format.decimals)}` : "0";
    case "percent":
      return format.decimals > 0 ? `0.${"0".repeat(format.decimals)}%` : "0%";
    case "text":
      return "@";
  }
}

/** How a cell is aligned: its own align, else by style, then numbers right and text left (wrapped). */
export function cellAlignment(cell: TableCell): { horizontal: "center" | "left" | "right"; wrap: boolean } {
  const base = styleAlignment(cell);
  return cell.align ? { ...base, horizontal: cell.align } : base;
}

function styleAlignment(cell: TableCell): { horizontal: "center" | "left" | "right"; wrap: boolean } {
  switch (cell.style) {
    case "title":
      return { horizontal: "center", wrap: false };
    case "subtitle":
    case "muted":
    case "group":
      return { horizontal: "left", wrap: false };
    case "header":
      return { horizontal: "center", wrap: true };
    default:
      if (cell.style?.startsWith("status-") || cell.style === "attention") return { horizontal: "center", wrap: true };
      return typeof cell.value === "number" ? { horizontal: "right", wrap: false } : { horizontal: "left", wrap: true };
  }
}

/** Width of a character in column-width units (the width of "0"): CJK and full-width forms take two. */
function charUnits(code: number): number {
  return code >= 0x1100 && !(code >= 0xff61 && code <= 0xffdc) ? 2 : 1;
}

/** Height of one line of text at the default font size, in points. */
const LINE_HEIGHT = 15;

/**
 * The height (points) a row needs so that its wrapped text shows whole, or undefined when one
 * line is enough. Neither Excel nor LibreOffice fits row heights to wrapped text when they
 * open a file, so renderers set it. An estimate: CJK characters count two units of width.
 */
export function rowHeight(cells: readonly (TableCell | null)[], columns: readonly TableColumn[]): number | undefined {
  let lines = 1;
  let c = 0;
  for (const cell of cells) {
    const span = cell?.colSpan ?? 1;
    if (cell && typeof cell.value === "string" && cellAlignment(cell).wrap) {
      let width = 0;
      for (let k = 0; k < span; k++) width += columns[c + k]?.width ?? 9;
      const usable = Math.max(1, width - 1);
      const scale = (cell.style ? (STYLE_COLOURS[cell.style].size ?? FONT_SIZE) : FONT_SIZE) / FONT_SIZE;
      let n = 0;
      for (const part of cell.value.split("\n")) {
        let units = 0;
        for (const ch of part) units += charUnits(ch.codePointAt(0) ?? 0);
        n += Math.max(1, Math.ceil((units * scale) / usable));
      }
      lines = Math.max(lines, n);
    }
    c += span;
  }
  return lines > 1 ? lines * LINE_HEIGHT + 2 : undefined;
}
