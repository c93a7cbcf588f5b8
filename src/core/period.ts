/**
 * Report periods (报告期), reporting-conventions §2 and §5: "2018年6月", "2018-06", "2018年",
 * "2018年上半年". A period ends on the last day of its month; a bare year on 31 December.
 */
import { appError } from "./errors";
import { formatPeriod } from "./format";
import type { Cell } from "./model";
import { toHalfWidth } from "./text";

export interface ReportPeriod {
  year: number;
  /** 1–12; a bare year is 12. */
  month: number;
  /** As the clerk wrote it. */
  label: string;
}

const CHINESE_NUMBERS: Record<string, number> = {
  一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12,
};

/** "6", "06", "六", "十二" → the number, or NaN. */
function monthNumber(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (CHINESE_NUMBERS[s] ?? NaN);
}

const CN_MONTH = "\\d{1,2}|十[一二]?|[一二三四五六七八九]";
const DASH = "[-—–~至到]";

/**
 * The spellings of a period, tried on text that is half-width, without spaces, and without
 * a leading 截至/截止 or a trailing 末/底/份/止/为止. Each returns the month (12 for a bare year).
 */
const FORMS: { re: RegExp; month: (m: RegExpExecArray) => number }[] = [
  // 2018, 2018年, 2018年度, 2018年全年
  { re: /^(\d{4})(?:年|年度|年全年)?$/, month: () => 12 },
  // 2018年6月, 2018年06月, 2018年六月
  { re: new RegExp(`^(\\d{4})年(${CN_MONTH})月$`), month: (m) => monthNumber(m[2]) },
  // 2018-06, 2018-6, 2018/06, 2018.06
  { re: /^(\d{4})[-/.](\d{1,2})$/, month: (m) => Number(m[2]) },
  // 201806
  { re: /^(\d{4})(\d{2})$/, month: (m) => Number(m[2]) },
  // a date written out: 2018-06-30, 2018/6/30, 2018年6月30日
  { re: /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/, month: (m) => dayChecked(m, 3) },
  { re: /^(\d{4})年(\d{1,2})月(\d{1,2})日$/, month: (m) => dayChecked(m, 3) },
  // 2018年上半年 (June), 2018年下半年 (December)
  { re: /^(\d{4})年?([上下])半年度?$/, month: (m) => (m[2] === "上" ? 6 : 12) },
  // 2018年第二季度, 2018年二季度, 2018年第2季度, 2018年前三季度
  { re: /^(\d{4})年?(?:第|前)?([一二三四1-4])季度$/, month: (m) => 3 * monthNumber(m[2]) },
  // 2018Q2, 2018-Q2, 2018年Q2
  { re: /^(\d{4})[-年]?Q([1-4])$/i, month: (m) => 3 * Number(m[2]) },
  // 2018年1-6月, 2018年1—6月, 2018年1月-6月, 2018年1月至6月: the period ends with its last month
  { re: new RegExp(`^(\\d{4})年(${CN_MONTH})月?${DASH}(${CN_MONTH})月$`), month: (m) => rangeEnd(m) },
];

function dayChecked(m: RegExpExecArray, dayGroup: number): number {
  const month = Number(m[2]);
  const day = Number(m[dayGroup]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) return NaN;
  return month;
}

function rangeEnd(m: RegExpExecArray): number {
  const from = monthNumber(m[2]);
  const to = monthNumber(m[3]);
  return from <= to ? to : NaN;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function valid(year: number, month: number): boolean {
  return year >= 1900 && year <= 2200 && Number.isInteger(month) && month >= 1 && month <= 12;
}

/**
 * Reads a report period as a clerk writes it: "2018年6月", "2018年06月", "2018-06", "2018/6",
 * "2018.06", "201806", "2018年", "2018", "2018年上半年" (June), "2018年下半年" (December),
 * "2018年第二季度" / "2018年二季度" / "2018Q2" (June), "2018年1-6月" (June), "2018年6月30日",
 * full-width digits, a leading 截至 or a trailing 末/底/份. A number is a year (2018) or
 * yyyymm (201806). A Date is read in UTC, as ExcelJS gives date cells (midnight UTC).
 * Null when the text is not a period.
 */
export function parsePeriod(input: string | number | Date): ReportPeriod | null {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return null;
    const year = input.getUTCFullYear();
    const month = input.getUTCMonth() + 1;
    return valid(year, month) ? { year, month, label: formatPeriod({ year, month }) } : null;
  }
  const label = String(input).trim();
  const s = toHalfWidth(label)
    .replace(/\s+/g, "")
    .replace(/^(?:截至|截止)/, "")
    .replace(/(?:为止|末|底|份|止)$/, "");
  for (const form of FORMS) {
    const m = form.re.exec(s);
    if (!m) continue;
    const year = Number(m[1]);
    const month = form.month(m);
    return valid(year, month) ? { year, month, label } : null;
  }
  return null;
}

/** True when an Excel number format shows a date or time (yyyy"年"m"月", m/d/yyyy, …). */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const stripped = numFmt
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/general/gi, "");
  return /[ymdhs]/i.test(stripped);
}

/** An Excel serial day number (1900 date system) as a UTC date. */
function fromSerial(serial: number): Date {
  return new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86400000));
}

/**
 * Reads the report period from a cell: a date cell (a Date value, or a number with a date
 * format, as Office.js gives it), else the displayed text, else the value as parsePeriod reads it.
 */
export function parsePeriodCell(cell: Cell | undefined): ReportPeriod | null {
  if (!cell) return null;
  const v = cell.value;
  if (v instanceof Date) return parsePeriod(v);
  if (typeof v === "number" && isDateFormat(cell.numFmt)) {
    const p = parsePeriod(fromSerial(v));
    return p && cell.text.trim() !== "" ? { ...p, label: cell.text.trim() } : p;
  }
  if (cell.text.trim() !== "") {
    const p = parsePeriod(cell.text);
    if (p) return p;
  }
  return typeof v === "string" || typeof v === "number" ? parsePeriod(v) : null;
}

/** The last day of the period (§5): 2018年6月 → 2018-06-30; a bare year → 31 December. */
export function periodEnd(p: Pick<ReportPeriod, "year" | "month">): { year: number; month: number; day: number } {
  return { year: p.year, month: p.month, day: daysInMonth(p.year, p.month) };
}

/** Negative when a ends before b, 0 for the same month, positive after. */
export function comparePeriods(a: Pick<ReportPeriod, "year" | "month">, b: Pick<ReportPeriod, "year" | "month">): number {
  return a.year - b.year || a.month - b.month;
}

/** The as-of period as typed in the pane ("2018-06", any form above); undefined when empty; AppError as-of-invalid otherwise. */
export function asOfPeriod(text: string | undefined): ReportPeriod | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const p = parsePeriod(text.trim());
  if (!p) throw appError("as-of-invalid", { text: text.trim() });
  return p;
}
