/**
 * District submissions (填报表), reporting-conventions §2: finding them in a workbook and
 * reading their header block and indicator table.
 *
 * Decisions where §2 is silent:
 * - Sheets named 规划指标 or 填报单位 (the plan and its unit list), the sheets compile writes
 *   (中期评估表, 分区数据, 问题清单) and hidden sheets (the plan a template carries) are never
 *   submissions. Every other sheet is looked at.
 * - Header block labels (填报单位, 报告期, 填报人, 联系电话) may carry spaces ("填 报 单 位"), a
 *   bracketed note ("填报单位（盖章）"), a half- or full-width colon, and their value either in
 *   the same cell ("填报单位：吴兴区", several labels in one cell work too) or in the next
 *   non-empty cell to the right (merged label cells are skipped over). A label must begin its
 *   cell, so prose that mentions 填报单位 is not a label. The block is looked for above the
 *   table, and when 填报单位 is not there, below it (a footer: "填报单位：… 填报人：…").
 * - The table header is the first row with a 本期值 (value) column and a 指标编码 (code) or
 *   指标名称 (name) column; 单位 (unit) and 备注 (remark) are optional; columns may come in any
 *   order and other columns are allowed. Header words may carry spaces, a "*" or a bracketed
 *   note ("本期值（张）"). Forms not made from the template say 指标 for 指标名称 and 完成值,
 *   本期数, 实际值 … for 本期值 (HEADER_SYNONYMS); 本期值 wins when both are there.
 * - 填报单位 is read as the district it names (district.ts): "吴兴区民政局（盖章）" is 吴兴区, and
 *   with the plan's unit list "湖州市吴兴区" is the listed 吴兴区.
 * - Table rows run to the end of the sheet. Blank rows are skipped; hidden rows are READ (a
 *   clerk hiding a row does not withdraw its value). Reading stops at a notes block: a row
 *   whose first cell begins with 填报说明 / 填表说明 / 说明： / 注： and whose value cell is empty,
 *   or a second 填报单位 label. A row whose only text is a 领域 of the plan or an ordinal
 *   heading ("一、养老服务", "（二）…") is a group heading, not an indicator row.
 * - A row is matched by its code (half-width, trimmed, case-insensitive), else by its
 *   normalised name (normaliseName), else by that name without a trailing bracketed note
 *   ("养老机构床位数（张）").
 * - Text cells that a placeholder scan covers (`texts`): 备注, any column the table does not
 *   know, and text rows inside the table. The header block, the table header, the code, name
 *   and unit columns and the notes block are left out.
 */
import { a1, cellText, columnLetters, isEmptyCell, type Cell, type Sheet, type WorkbookModel } from "./model";
import { makeFinding, type Finding } from "./findings";
import type { Indicator, Plan } from "./plan";
import { isReservedSheet } from "./sheets";
import { parsePeriod, parsePeriodCell, type ReportPeriod } from "./period";
import { districtName } from "./district";
import { normaliseCode, normaliseName, toHalfWidth } from "./text";
import { readValue, type ValueReading } from "./values";

export interface SubmissionRow {
  /** 0-based row index in the sheet. */
  row: number;
  /** 指标编码 and 指标名称 as written. */
  code?: string;
  name?: string;
  /** Code of the plan indicator this row matched, when it matched one. */
  indicator?: string;
  /** A1 address of the 本期值 cell. */
  valueCell: string;
  reading: ValueReading;
  /** 备注 text and its A1 address, when the row has one. */
  remark?: { text: string; cell: string };
  /** A1 address of the code cell, else of the name cell (where an unknown row is reported). */
  labelCell: string;
}

/** A text cell of a submission that the placeholder scan reads (备注, other columns, text rows). */
export interface SubmissionText {
  text: string;
  cell: string;
  /** Code of the plan indicator of the row the text is on, when the row matched one. */
  indicator?: string;
}

export interface Submission {
  file: string;
  sheet: string;
  /** 填报单位. */
  district: string;
  period: ReportPeriod;
  rows: SubmissionRow[];
  /** Text cells for the placeholder scan. */
  texts: SubmissionText[];
}

// ---------------------------------------------------------------------------------------
// Matching rows to the plan

/** A plan's indicators by normalised code and by normalised name; built once per plan. */
export interface PlanIndex {
  /** By the code exactly as the plan writes it (the common case, no normalising). */
  byExactCode: Map<string, Indicator>;
  byCode: Map<string, Indicator>;
  byName: Map<string, Indicator>;
  /** Normalised 领域 names (group headings inside a table). */
  domains: Set<string>;
  /** The plan's reporting units (填报单位 sheet), which written 填报单位 resolve to. */
  units?: readonly string[];
}

const indexes = new WeakMap<Plan, PlanIndex>();

/** The plan's index (cached per plan object). */
export function planIndex(plan: Plan): PlanIndex {
  let index = indexes.get(plan);
  if (!index) {
    index = { byExactCode: new Map(), byCode: new Map(), byName: new Map(), domains: new Set() };
    if (plan.units) index.units = plan.units;
    for (const ind of plan.indicators) {
      if (!index.byExactCode.has(ind.code)) index.byExactCode.set(ind.code, ind);
      const code = normaliseCode(ind.code);
      if (!index.byCode.has(code)) index.byCode.set(code, ind);
      const name = normaliseName(ind.name);
      if (name && !index.byName.has(name)) index.byName.set(name, ind);
      if (ind.domain) index.domains.add(normaliseName(ind.domain));
    }
    indexes.set(plan, index);
  }
  return index;
}

/** The plan indicator a row names: by code, else by normalised name. */
export function matchIndicator(index: PlanIndex, code: string | undefined, name: string | undefined): Indicator | undefined {
  if (code) {
    const byCode = index.byExactCode.get(code) ?? index.byCode.get(normaliseCode(code));
    if (byCode) return byCode;
  }
  if (!name) return undefined;
  // A name may carry its unit in brackets: "养老机构床位数（张）".
  return index.byName.get(normaliseName(name)) ?? index.byName.get(normaliseName(name.replace(TRAILING_NOTE, "")));
}

const TRAILING_NOTE = /\s*[(（][^()（）]*[)）]\s*$/;

/** Half-width, no whitespace: how labels and header words are compared. */
function compact(s: string): string {
  return toHalfWidth(s).replace(/\s+/g, "");
}

// ---------------------------------------------------------------------------------------
// Header block

type LabelKey = "district" | "period" | "reporter" | "phone";

const LABELS: Record<LabelKey, string> = {
  district: "填报单位",
  period: "报告期",
  reporter: "填报人",
  phone: "联系电话",
};

/** Text that may begin with a label (a cheap test before LABEL_RE). */
const LABEL_START_RE = /^\s*[填报联]/;

/** A label, its characters possibly spaced, an optional bracketed note and an optional colon. */
const LABEL_RE = new RegExp(
  `(${Object.values(LABELS)
    .map((l) => [...l].join("\\s*"))
    .join("|")})\\s*(?:[(（][^)）]*[)）])?\\s*[:：]?`,
  "g",
);

const LABEL_BY_TEXT = new Map<string, LabelKey>(
  (Object.entries(LABELS) as [LabelKey, string][]).map(([k, v]) => [v, k]),
);

interface HeaderValue {
  /** The value as written ("" when the label has none). */
  text: string;
  /** The cell holding the value (or the label's cell when the value is in it or absent). */
  cell: string;
  /** The value cell, for a typed 报告期 (a date cell). */
  source?: Cell;
}

/** The labels a cell's text begins with, and the values that follow them in the same cell. */
function labelsInText(text: string): { key: LabelKey; value: string }[] {
  const t = toHalfWidth(text).trim();
  LABEL_RE.lastIndex = 0;
  const found: { key: LabelKey; start: number; end: number }[] = [];
  for (let m = LABEL_RE.exec(t); m; m = LABEL_RE.exec(t)) {
    if (found.length === 0 && m.index !== 0) return [];
    const key = LABEL_BY_TEXT.get(m[1].replace(/\s+/g, ""));
    if (key) found.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return found.map((f, i) => ({
    key: f.key,
    value: t.slice(f.end, i + 1 < found.length ? found[i + 1].start : t.length).trim(),
  }));
}

/** Is (r, c) covered by a merged range without being its top-left cell? */
function isMergedTail(sheet: Sheet, r: number, c: number): boolean {
  for (const m of sheet.merges) {
    if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return r !== m.top || c !== m.left;
  }
  return false;
}

/** Reads the header-block labels found in rows [start, end) into `out` (first one wins). */
function readHeaderBlock(
  sheet: Sheet,
  start: number,
  end: number,
  out: Partial<Record<LabelKey, HeaderValue>> = {},
): Partial<Record<LabelKey, HeaderValue>> {
  for (let r = start; r < end; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || typeof cell.value !== "string") continue;
      if (cell.value.length > 200 || !LABEL_START_RE.test(cell.value)) continue;
      const labels = labelsInText(cell.value);
      if (labels.length === 0) continue;
      for (let i = 0; i < labels.length; i++) {
        const { key, value } = labels[i];
        if (out[key]) continue;
        if (value !== "" || i < labels.length - 1) {
          out[key] = { text: value, cell: a1(r, c) };
          continue;
        }
        // The last label of the cell without a value: the next cell to the right holds it.
        out[key] = { text: "", cell: a1(r, c) };
        for (let cc = c + 1; cc < row.length; cc++) {
          const next = row[cc];
          if (!next || isMergedTail(sheet, r, cc)) continue;
          const text = cellText(next);
          if (text === "") continue;
          if (typeof next.value === "string" && labelsInText(next.value).length > 0) break;
          out[key] = { text, cell: a1(r, cc), source: next };
          break;
        }
      }
    }
  }
  return out;
}

/** The report period of a 报告期 value: its own cell (a date cell too), or the label's text. */
function readPeriod(value: HeaderValue): ReportPeriod | undefined {
  if (value.source) return parsePeriodCell(value.source) ?? undefined;
  return value.text === "" ? undefined : (parsePeriod(value.text) ?? undefined);
}

// ---------------------------------------------------------------------------------------
// Indicator table

type ColumnKey = "code" | "name" | "unit" | "value" | "remark";

/** The header words of §2 and their English aliases. */
const HEADER_WORDS: Record<string, ColumnKey> = {
  指标编码: "code",
  编码: "code",
  指标代码: "code",
  code: "code",
  指标名称: "name",
  name: "name",
  单位: "unit",
  计量单位: "unit",
  unit: "unit",
  本期值: "value",
  value: "value",
  备注: "remark",
  remark: "remark",
};

/**
 * Words district forms not made from the template use for the same columns ("指标 | 计量单位 |
 * 完成值"). A §2 word in the same header row wins over these: a form with 本期值 and 完成值
 * reads 本期值.
 */
const HEADER_SYNONYMS: Record<string, ColumnKey> = {
  指标: "name",
  指标项: "name",
  指标项目: "name",
  本期数: "value",
  本期完成: "value",
  本期完成值: "value",
  本期实际: "value",
  完成值: "value",
  完成数: "value",
  实际值: "value",
  实际完成: "value",
  实际完成值: "value",
};

function headerKey(text: string): string {
  return compact(text)
    .replace(/\*/g, "")
    .replace(/[(（][^)）]*[)）]$/, "")
    .toLowerCase();
}

type Columns = Partial<Record<ColumnKey, number>>;

/** The columns of a table header row, when the row is one. */
function tableColumns(row: (Cell | undefined)[] | undefined): Columns | undefined {
  if (!row) return undefined;
  const cols: Columns = {};
  const synonyms: Columns = {};
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (!cell || typeof cell.value !== "string" || cell.value.length > 40) continue;
    const key = headerKey(cell.value);
    const word = HEADER_WORDS[key];
    if (word !== undefined) {
      if (cols[word] === undefined) cols[word] = c;
      continue;
    }
    const synonym = HEADER_SYNONYMS[key];
    if (synonym !== undefined && synonyms[synonym] === undefined) synonyms[synonym] = c;
  }
  for (const k of Object.keys(synonyms) as ColumnKey[]) {
    if (cols[k] === undefined) cols[k] = synonyms[k];
  }
  return cols.value !== undefined && (cols.code !== undefined || cols.name !== undefined) ? cols : undefined;
}

const NOTES_RE = /^(填报说明|填表说明|说明[:：]|注[:：]|注\d|备注[:：])/;
const HEADING_RE = /^([一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])/;

// ---------------------------------------------------------------------------------------
// Finding the submissions of a workbook

export interface Detection {
  submissions: Submission[];
  /** Structure findings of sheets that are not (readable) submissions. */
  findings: Finding[];
}

/**
 * Finds the district submissions of a workbook and reads them; `file` names the workbook
 * in findings. A sheet with neither 填报单位 nor an indicator table is not a submission and
 * gives no finding; a sheet with one but not the other, or without a readable 报告期, gives
 * a structure finding and is not read.
 */
export function findSubmissions(wb: WorkbookModel, plan: Plan, file: string = wb.name): Detection {
  const index = planIndex(plan);
  const out: Detection = { submissions: [], findings: [] };
  for (const sheet of wb.sheets) {
    if (sheet.hidden || isReservedSheet(sheet.name)) continue;
    readSheet(sheet, index, file, out);
  }
  return out;
}

function readSheet(sheet: Sheet, index: PlanIndex, file: string, out: Detection): void {
  let headerRow = -1;
  let cols: Columns | undefined;
  for (let r = 0; r < sheet.rows.length; r++) {
    cols = tableColumns(sheet.rows[r]);
    if (cols) {
      headerRow = r;
      break;
    }
  }
  const header = readHeaderBlock(sheet, 0, headerRow < 0 ? sheet.rows.length : headerRow);
  // Some forms put 填报单位 / 报告期 in a footer under the table.
  if (headerRow >= 0 && !header.district) readHeaderBlock(sheet, headerRow + 1, sheet.rows.length, header);
  const where = { file, sheet: sheet.name };
  const district = districtName(header.district?.text ?? "", index.units);
  if (!cols) {
    if (header.district) out.findings.push(makeFinding("no-table", { ...where, district: district || undefined }));
    return;
  }
  if (district === "") {
    out.findings.push(makeFinding("no-district", where));
    return;
  }
  const period = header.period ? readPeriod(header.period) : undefined;
  if (!period) {
    out.findings.push(
      makeFinding(
        "no-period",
        { ...where, district, cell: header.period?.text ? header.period.cell : undefined },
        { text: header.period?.text ?? "" },
      ),
    );
    return;
  }
  const { rows, texts } = readTable(sheet, headerRow, cols, index);
  out.submissions.push({ file, sheet: sheet.name, district, period, rows, texts });
}

function readTable(
  sheet: Sheet,
  headerRow: number,
  cols: Columns,
  index: PlanIndex,
): { rows: SubmissionRow[]; texts: SubmissionText[] } {
  const rows: SubmissionRow[] = [];
  const texts: SubmissionText[] = [];
  const known = new Set(Object.values(cols));
  const valueCol = cols.value!;
  // Column letters once per table, not per row (this loop runs for every row of every file).
  const letters = (c: number | undefined) => (c === undefined ? "" : columnLetters(c));
  const valueLetters = letters(valueCol);
  const codeLetters = letters(cols.code);
  const nameLetters = letters(cols.name);
  const remarkLetters = letters(cols.remark);
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || row.length === 0) continue;
    let first: Cell | undefined;
    let filled = 0;
    for (const cell of row) {
      if (isEmptyCell(cell)) continue;
      if (filled++ === 0) first = cell;
    }
    if (filled === 0) continue;
    const valueEmpty = isEmptyCell(row[valueCol]);
    // Notes, a footer label and headings are text: only a text first cell can be one.
    const firstText = typeof first?.value === "string" ? first.value.trim() : "";
    if (firstText !== "") {
      if (valueEmpty && NOTES_RE.test(compact(firstText))) break;
      if (LABEL_START_RE.test(firstText) && labelsInText(firstText).some((l) => l.key === "district")) break;
      if (valueEmpty && filled === 1 && isHeading(firstText, index)) continue;
    }
    const code = cols.code === undefined ? "" : cellText(row[cols.code]);
    const name = cols.name === undefined ? "" : cellText(row[cols.name]);

    let indicator: Indicator | undefined;
    const isIndicatorRow = code !== "" || name !== "";
    if (isIndicatorRow) {
      indicator = matchIndicator(index, code || undefined, name || undefined);
      const unit = indicator?.unit ?? (cols.unit === undefined ? "" : cellText(row[cols.unit]));
      const line = r + 1;
      const entry: SubmissionRow = {
        row: r,
        valueCell: valueLetters + line,
        reading: readValue(row[valueCol], unit),
        labelCell: (code !== "" ? codeLetters : nameLetters) + line,
      };
      if (code) entry.code = code;
      if (name) entry.name = name;
      if (indicator) entry.indicator = indicator.code;
      const remark = cols.remark === undefined ? "" : cellText(row[cols.remark]);
      if (remark) entry.remark = { text: remark, cell: remarkLetters + line };
      rows.push(entry);
    }
    // Text cells for the placeholder scan: 备注 and unknown columns (and every cell of a
    // text row that is not an indicator row).
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell || typeof cell.value !== "string") continue;
      if (isIndicatorRow ? known.has(c) && c !== cols.remark : c === valueCol) continue;
      const text = cell.value.trim();
      if (text === "") continue;
      const t: SubmissionText = { text, cell: a1(r, c) };
      if (indicator) t.indicator = indicator.code;
      texts.push(t);
    }
  }
  return { rows, texts };
}

/** A group heading inside the table (a row holding nothing else): a 领域 name or "一、…". */
function isHeading(text: string, index: PlanIndex): boolean {
  return index.domains.has(normaliseName(text)) || HEADING_RE.test(compact(text));
}
