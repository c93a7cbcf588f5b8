/**
 * Plan target definitions (规划指标), reporting-conventions §1: the types, and loading a plan
 * from a 规划指标 sheet or from JSON.
 */
import { z } from "zod";
import { makeFinding, readProblemFindings, type Finding } from "./findings";
import { a1, cellAt, cellText, isEmptyCell, type Cell, type Sheet, type WorkbookModel } from "./model";
import { PLAN_SHEET, UNITS_SHEET } from "./sheets";
import { normaliseCode, normaliseName, toHalfWidth } from "./text";
import { isCountUnit, isKnownUnit, isPercentUnit, isRateUnit, parseUnit, unitFactor } from "./units";
import { readValue } from "./values";

/** 属性: 约束性 (binding) or 预期性 (anticipatory). */
export type IndicatorType = "binding" | "anticipatory";
/** 方向: 正向 (higher is better) or 逆向 (lower is better). */
export type Direction = "up" | "down";

/** 汇总方式, §4. */
export type Aggregate =
  | { kind: "sum" }
  | { kind: "mean" }
  | { kind: "weighted"; by: string }
  | { kind: "ratio"; num: string; den: string; factor: number }
  | { kind: "min" }
  | { kind: "max" }
  | { kind: "none" };

export interface Indicator {
  /** 指标编码, unique. */
  code: string;
  /** 指标名称. */
  name: string;
  /** 领域. */
  domain?: string;
  /** 单位, as written in the plan (张, %, ‰, 万元, 张/千人 …). */
  unit: string;
  type: IndicatorType;
  direction: Direction;
  /** 基期年. */
  baseYear?: number;
  /** 基期值. */
  baseline?: number;
  /** 目标年. */
  targetYear: number;
  /** 目标值. */
  target: number;
  /** 下限 (plausibility). */
  min?: number;
  /** 上限 (plausibility); a % rate defaults to 100. */
  max?: number;
  aggregate: Aggregate;
  /** 包含于: code of the total this indicator is a part of (其中项). */
  partOf?: string;
  /** 说明. */
  note?: string;
}

export interface Plan {
  indicators: Indicator[];
  /** 填报单位 the plan expects to report, when it lists them (sheet 填报单位 or JSON "units"). */
  units?: string[];
}

// =======================================================================================
// Loading a plan: from a 规划指标 sheet (Chinese headers or the English aliases) or from JSON.
//
// Decisions where the conventions are silent:
// - 汇总方式 left empty: 求和 (sum) for counts (人, 个, 张, 户 …), money (元, 万元 …) and
//   amounts of area or weight; 不汇总 (none) for everything else — % and ‰ rates, per-capita
//   rates (张/千人, 元/人/月), ages, scores. There is no safe default for a rate: adding rates
//   is wrong and a plain mean of rates is wrong whenever districts differ in size (§4), so
//   the plan must say 加权平均:CODE or 比值:NUM/DEN×K; until it does the rate is reported per
//   district only.
// - 上限 left empty in a % or ‰ indicator: 100% written in its unit (100 for %, 1000 for ‰).
// - 属性 empty: 预期性 (anticipatory); 方向 empty: 正向 (up).
// - Numbers go through the value reader (./values) in the indicator's unit, so "50", "５０",
//   "70%", a cell 0.7 formatted "0%" (in a % indicator: 70) and "达到70%以上" all read as in
//   a submission; the qualifier is dropped (方向 says which way the target points).
// - 基期年 must be before 目标年; years are four-digit integers ("2020年" is read as 2020).
// - Codes are compared as submissions match them (half-width, trimmed, case-insensitive):
//   a second row with the same code is invalid and the first one stays. References
//   (包含于, 加权平均:CODE, 比值:NUM/DEN) are stored with the referenced indicator's code as
//   the plan writes it; a reference to a missing or invalid row makes the referring row
//   invalid too.
// - A plan with no usable indicator (no 规划指标 sheet, no header, only invalid rows) loads as
//   an empty plan whose findings say why: callers that need indicators stop there.
// =======================================================================================

/** A loaded plan and the findings about its definition rows. */
export interface PlanLoad {
  plan: Plan;
  findings: Finding[];
}

type Field = keyof Indicator;

/** §1 columns: the Chinese header, the English alias and other spellings seen in sheets. */
const COLUMNS: { field: Field; zh: string; en: string; also?: string[]; required?: true }[] = [
  { field: "code", zh: "指标编码", en: "code", also: ["编码", "指标代码", "代码"], required: true },
  { field: "name", zh: "指标名称", en: "name", also: ["名称"], required: true },
  { field: "domain", zh: "领域", en: "domain", also: ["类别"] },
  { field: "unit", zh: "单位", en: "unit", also: ["计量单位"], required: true },
  { field: "type", zh: "属性", en: "type", also: ["指标属性"] },
  { field: "direction", zh: "方向", en: "direction", also: ["指标方向"] },
  { field: "baseYear", zh: "基期年", en: "baseYear", also: ["基期年份"] },
  { field: "baseline", zh: "基期值", en: "baseline" },
  { field: "targetYear", zh: "目标年", en: "targetYear", also: ["目标年份"], required: true },
  { field: "target", zh: "目标值", en: "target", required: true },
  { field: "min", zh: "下限", en: "min" },
  { field: "max", zh: "上限", en: "max" },
  { field: "aggregate", zh: "汇总方式", en: "aggregate" },
  { field: "partOf", zh: "包含于", en: "partOf" },
  { field: "note", zh: "说明", en: "note", also: ["备注"] },
];

const FIELD_BY_NAME = new Map<string, Field>();
for (const c of COLUMNS) {
  for (const n of [c.zh, c.en, ...(c.also ?? [])]) FIELD_BY_NAME.set(normaliseName(n), c.field);
}

/** The field a header cell or a JSON key names (full-width, case and spacing tolerated). */
function fieldOf(name: string): Field | undefined {
  return FIELD_BY_NAME.get(normaliseName(name));
}

// ---------------------------------------------------------------------------------------
// Reasons, in Chinese and English

interface Reason {
  zh: string;
  en: string;
}

const REQUIRED: Reason = { zh: "不能为空", en: "is required" };

// ---------------------------------------------------------------------------------------
// Words of the plan

const TYPE_WORDS = new Map<string, IndicatorType>([
  ["约束性", "binding"], ["约束", "binding"], ["binding", "binding"],
  ["预期性", "anticipatory"], ["预期", "anticipatory"], ["anticipatory", "anticipatory"], ["expected", "anticipatory"],
]);

const DIRECTION_WORDS = new Map<string, Direction>([
  ["正向", "up"], ["正", "up"], ["up", "up"], ["越大越好", "up"],
  ["逆向", "down"], ["反向", "down"], ["负向", "down"], ["逆", "down"], ["down", "down"], ["越小越好", "down"],
]);

const SIMPLE_AGGREGATES = new Map<string, Aggregate>([
  ["求和", { kind: "sum" }], ["合计", { kind: "sum" }], ["sum", { kind: "sum" }],
  ["平均", { kind: "mean" }], ["平均值", { kind: "mean" }], ["算术平均", { kind: "mean" }], ["mean", { kind: "mean" }],
  ["average", { kind: "mean" }],
  ["最小", { kind: "min" }], ["最小值", { kind: "min" }], ["min", { kind: "min" }],
  ["最大", { kind: "max" }], ["最大值", { kind: "max" }], ["max", { kind: "max" }],
  ["不汇总", { kind: "none" }], ["none", { kind: "none" }],
]);

/**
 * 汇总方式 (§4): 求和 / sum, 平均 / mean, 加权平均:CODE / weighted:CODE,
 * 比值:NUM/DEN×K / ratio:NUM/DEN*K (× * x; full-width colon; K defaults to 1),
 * 最小 / min, 最大 / max, 不汇总 / none. Undefined when the text is none of these.
 */
export function parseAggregate(text: string): Aggregate | undefined {
  const s = toHalfWidth(text).replace(/\s+/g, "");
  const simple = SIMPLE_AGGREGATES.get(s.toLowerCase());
  if (simple) return { ...simple };
  const weighted = /^(?:加权平均|weighted):(.+)$/i.exec(s);
  if (weighted) return { kind: "weighted", by: weighted[1] };
  const ratio = /^(?:比值|ratio):([^/]+)\/(.+?)(?:[×*xX](\d+(?:\.\d+)?(?:e\d+)?))?$/i.exec(s);
  if (ratio) {
    const factor = ratio[3] === undefined ? 1 : Number(ratio[3]);
    return factor > 0 ? { kind: "ratio", num: ratio[1], den: ratio[2], factor } : undefined;
  }
  return undefined;
}

/** 汇总方式 when the plan leaves it empty (see the decisions above). */
function defaultAggregate(unit: string): Aggregate {
  if (isRateUnit(unit)) return { kind: "none" };
  if (isCountUnit(unit)) return { kind: "sum" };
  const base = parseUnit(unit)?.numerator.base;
  return base !== undefined && SUMMABLE_AMOUNTS.has(base) ? { kind: "sum" } : { kind: "none" };
}

/** Measures other than counts whose district values add up to the city's. */
const SUMMABLE_AMOUNTS = new Set(["元", "平方米", "平方公里", "米", "亩", "公顷", "吨", "公斤"]);

// ---------------------------------------------------------------------------------------
// One definition row, validated by a zod schema built for the row's unit (numbers are read
// in that unit). Every field reports its own problem, so a row shows all of them at once.

/** A row as read from a sheet or from JSON: one cell per field present. */
type RawRow = Partial<Record<Field, Cell>>;

/** Reads one cell of a row: the value, or the reason it is not one. Blank reads as undefined. */
type Read<T> = (cell: Cell | undefined) => { ok: T } | { error: Reason };

/** A field schema: reads one cell, or adds the reason it cannot. */
function field<T>(read: Read<T>) {
  // .optional() before .transform: a missing key still reaches `read` (which may require it).
  return z.custom<Cell | undefined>().optional().transform((cell, ctx): T => {
    const r = read(cell);
    if ("ok" in r) return r.ok;
    ctx.addIssue({ code: "custom", message: r.error.zh, params: { en: r.error.en } });
    return z.NEVER;
  });
}

/** A field that must not be blank. */
function required<T>(read: Read<T | undefined>): Read<T> {
  return (cell) => {
    const r = read(cell);
    if ("error" in r) return r;
    return r.ok === undefined ? { error: REQUIRED } : { ok: r.ok };
  };
}

const readText: Read<string | undefined> = (cell) => ({ ok: cellText(cell) || undefined });

/** Codes are kept as written, but half-width ("ＹＬ－０１" is YL-01). */
const readCode: Read<string | undefined> = (cell) => ({ ok: toHalfWidth(cellText(cell)) || undefined });

function readWord<T>(words: Map<string, T>, list: Reason): Read<T | undefined> {
  return (cell) => {
    const s = cellText(cell);
    if (s === "") return { ok: undefined };
    const hit = words.get(toHalfWidth(s).replace(/\s+/g, "").toLowerCase());
    return hit !== undefined
      ? { ok: hit }
      : { error: { zh: `无法识别“${s}”，应为${list.zh}`, en: `“${s}” is not ${list.en}` } };
  };
}

const readYear: Read<number | undefined> = (cell) => {
  const s = cellText(cell);
  if (s === "") return { ok: undefined };
  const m = /^(\d{4})(?:\.0+)?年?$/.exec(toHalfWidth(s).replace(/\s+/g, ""));
  const year = m ? Number(m[1]) : NaN;
  return year >= 1900 && year <= 2200
    ? { ok: year }
    : { error: { zh: `“${s}”不是四位年份`, en: `“${s}” is not a four-digit year` } };
};

const readUnit: Read<string | undefined> = (cell) => {
  const s = toHalfWidth(cellText(cell)).trim();
  if (s === "") return { ok: undefined };
  return isKnownUnit(s) ? { ok: s } : { error: { zh: `无法识别的单位“${s}”`, en: `unknown unit “${s}”` } };
};

const readAggregate: Read<Aggregate | undefined> = (cell) => {
  const s = cellText(cell);
  if (s === "") return { ok: undefined };
  const a = parseAggregate(s);
  return a
    ? { ok: a }
    : {
        error: {
          zh: `无法识别的汇总方式“${s}”，应为 求和、平均、加权平均:编码、比值:分子编码/分母编码×倍数、最小、最大 或 不汇总`,
          en: `unknown aggregate “${s}”: use sum, mean, weighted:CODE, ratio:NUM/DEN*K, min, max or none`,
        },
      };
};

/** A number of the plan, read like a value cell in the indicator's unit ("" when the unit is unknown). */
function readNumber(unit: string): Read<number | undefined> {
  return (cell) => {
    const reading = readValue(cell, unit);
    switch (reading.kind) {
      case "number":
        return { ok: reading.value };
      case "blank":
        return { ok: undefined };
      case "unit-mismatch": {
        // As the clerk sees it: a cell 0.5 formatted 0% shows "50%".
        const shown = `${reading.value}${reading.writtenUnit}`;
        return {
          error: {
            zh: `“${shown}”带单位“${reading.writtenUnit}”，无法换算为指标单位“${unit}”`,
            en: `“${shown}” is in “${reading.writtenUnit}”, which does not convert to “${unit}”`,
          },
        };
      }
      default: {
        const text = cellText(cell);
        return { error: { zh: `“${text}”不是数字`, en: `“${text}” is not a number` } };
      }
    }
  };
}

/** The schema of one definition row, for a row whose unit cell says `unit` ("" when unknown). */
function rowSchema(unit: string) {
  let schema = schemas.get(unit);
  if (!schema) {
    schema = makeRowSchema(unit);
    schemas.set(unit, schema);
  }
  return schema;
}

/** Row schemas by unit: a plan has a handful of units and hundreds of rows. */
const schemas = new Map<string, ReturnType<typeof makeRowSchema>>();

function makeRowSchema(unit: string) {
  const number = readNumber(unit);
  return z
    .object({
      code: field(required(readCode)),
      name: field(required(readText)),
      domain: field(readText),
      unit: field(required(readUnit)),
      type: field(readWord(TYPE_WORDS, { zh: "约束性或预期性", en: "binding (约束性) or anticipatory (预期性)" })),
      direction: field(readWord(DIRECTION_WORDS, { zh: "正向或逆向", en: "up (正向) or down (逆向)" })),
      baseYear: field(readYear),
      baseline: field(number),
      targetYear: field(required(readYear)),
      target: field(required(number)),
      min: field(number),
      max: field(number),
      aggregate: field(readAggregate),
      partOf: field(readCode),
      note: field(readText),
    })
    .transform((r, ctx): Indicator => {
      const max = r.max ?? (isPercentUnit(r.unit) ? 100 * (unitFactor("%", r.unit) ?? 1) : undefined);
      if (r.min !== undefined && max !== undefined && r.min > max) {
        ctx.addIssue({
          code: "custom",
          path: ["min"],
          message: `下限 ${r.min} 大于上限 ${max}`,
          params: { en: `the lower bound ${r.min} is above the upper bound ${max}` },
        });
      }
      if (r.baseYear !== undefined && r.baseYear >= r.targetYear) {
        ctx.addIssue({
          code: "custom",
          path: ["baseYear"],
          message: `基期年 ${r.baseYear} 不早于目标年 ${r.targetYear}`,
          params: { en: `the base year ${r.baseYear} is not before the target year ${r.targetYear}` },
        });
      }
      const ind: Indicator = {
        code: r.code,
        name: r.name,
        unit: r.unit,
        type: r.type ?? "anticipatory",
        direction: r.direction ?? "up",
        targetYear: r.targetYear,
        target: r.target,
        aggregate: r.aggregate ?? defaultAggregate(r.unit),
      };
      if (r.domain !== undefined) ind.domain = r.domain;
      if (r.baseYear !== undefined) ind.baseYear = r.baseYear;
      if (r.baseline !== undefined) ind.baseline = r.baseline;
      if (r.min !== undefined) ind.min = r.min;
      if (max !== undefined) ind.max = max;
      if (r.partOf !== undefined) ind.partOf = r.partOf;
      if (r.note !== undefined) ind.note = r.note;
      return ind;
    });
}

// ---------------------------------------------------------------------------------------
// Rows → plan, shared by the sheet and the JSON loaders

/** Where a row came from, to place its findings. */
interface RowSource {
  raw: RawRow;
  /** 1-based row number in the sheet, or index + 1 in the JSON list. */
  row: number;
  /** The header text (or JSON key) of each field. */
  columns: Partial<Record<Field, string>>;
  /** A1 address of each field's cell (sheet rows only). */
  cells?: Partial<Record<Field, string>>;
}

/** A finding about one field of one row, with its place so that findings list in sheet order. */
interface RowFinding {
  row: number;
  field: Field;
  finding: Finding;
}

function rowFinding(
  file: string,
  sheet: string | undefined,
  src: RowSource,
  f: Field,
  reason: Reason,
  indicator?: string,
): RowFinding {
  const def = COLUMNS.find((c) => c.field === f)!;
  const column = src.columns[f] ?? (src.cells ? def.zh : def.en);
  const where: Parameters<typeof makeFinding>[1] = { file };
  if (sheet !== undefined) where.sheet = sheet;
  const cell = src.cells?.[f];
  if (cell !== undefined) where.cell = cell;
  if (indicator) where.indicator = indicator;
  const finding = makeFinding("plan-row-invalid", where, { row: src.row, column, reason: reason.zh, reasonEn: reason.en });
  return { row: src.row, field: f, finding };
}

const FIELD_ORDER = new Map(COLUMNS.map((c, i) => [c.field, i]));

function buildPlan(file: string, sheet: string | undefined, sources: RowSource[], earlier: RowFinding[] = []): PlanLoad {
  const findings: RowFinding[] = [...earlier];
  const rows: { ind: Indicator; src: RowSource }[] = [];
  const seen = new Map<string, RowSource>();

  for (const src of sources) {
    const unitText = toHalfWidth(cellText(src.raw.unit)).trim();
    const parsed = rowSchema(isKnownUnit(unitText) ? unitText : "").safeParse(src.raw);
    const codeText = toHalfWidth(cellText(src.raw.code)) || undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = issue.path[0] as Field;
        const en = (issue as { params?: { en?: string } }).params?.en ?? issue.message;
        findings.push(rowFinding(file, sheet, src, f, { zh: issue.message, en }, codeText));
      }
      continue;
    }
    const ind = parsed.data;
    const key = normaliseCode(ind.code);
    const first = seen.get(key);
    if (first) {
      findings.push(
        rowFinding(file, sheet, src, "code", { zh: `编码“${ind.code}”与第 ${first.row} 行重复`, en: `the code “${ind.code}” repeats row ${first.row}` }, ind.code),
      );
      continue;
    }
    seen.set(key, src);
    rows.push({ ind, src });
  }

  // References must name a loaded indicator; dropping one row may orphan another, so repeat.
  let valid = rows;
  for (;;) {
    const byCode = new Map(valid.map((r) => [normaliseCode(r.ind.code), r.ind.code]));
    const next: typeof rows = [];
    for (const r of valid) {
      const problem = resolveReferences(r.ind, byCode);
      if (problem) findings.push(rowFinding(file, sheet, r.src, problem.field, problem.reason, r.ind.code));
      else next.push(r);
    }
    if (next.length === valid.length) break;
    valid = next;
  }
  findings.sort((a, b) => a.row - b.row || FIELD_ORDER.get(a.field)! - FIELD_ORDER.get(b.field)!);
  return { plan: { indicators: valid.map((r) => r.ind) }, findings: findings.map((f) => f.finding) };
}

/** Rewrites the references of an indicator to the codes as the plan writes them, or says which is broken. */
function resolveReferences(ind: Indicator, byCode: Map<string, string>): { field: Field; reason: Reason } | undefined {
  const find = (c: string) => byCode.get(normaliseCode(c));
  const missing = (what: Reason, c: string): Reason => ({
    zh: `${what.zh}“${c}”不是规划中的有效指标`,
    en: `${what.en} “${c}” names no valid indicator of the plan`,
  });
  if (ind.partOf !== undefined) {
    const total = find(ind.partOf);
    if (total === undefined) return { field: "partOf", reason: missing({ zh: "包含于", en: "partOf" }, ind.partOf) };
    if (normaliseCode(total) === normaliseCode(ind.code)) {
      return { field: "partOf", reason: { zh: "指标不能包含于自身", en: "an indicator cannot be part of itself" } };
    }
    ind.partOf = total;
  }
  const a = ind.aggregate;
  if (a.kind === "weighted") {
    const by = find(a.by);
    if (by === undefined) return { field: "aggregate", reason: missing({ zh: "加权指标", en: "the weight" }, a.by) };
    a.by = by;
  } else if (a.kind === "ratio") {
    const num = find(a.num);
    if (num === undefined) return { field: "aggregate", reason: missing({ zh: "分子指标", en: "the numerator" }, a.num) };
    const den = find(a.den);
    if (den === undefined) return { field: "aggregate", reason: missing({ zh: "分母指标", en: "the denominator" }, a.den) };
    a.num = num;
    a.den = den;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// From a sheet

/** How many rows from the top are searched for the header row. */
const HEADER_SEARCH_ROWS = 30;

function findHeader(sheet: Sheet): { row: number; fields: Map<number, Field>; texts: Map<Field, string> } | undefined {
  const last = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    const fields = new Map<number, Field>();
    const texts = new Map<Field, string>();
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const text = cellText(row[c]);
      const f = text === "" ? undefined : fieldOf(text);
      if (f !== undefined && !texts.has(f)) {
        fields.set(c, f);
        texts.set(f, text);
      }
    }
    // A header names at least the code or the name, and two other §1 columns.
    if ((texts.has("code") || texts.has("name")) && texts.size >= 3) return { row: r, fields, texts };
  }
  return undefined;
}

/** A group heading ("一、养老服务", "（二）社会救助") or a note ("注：…") alone on its row. */
const HEADING_OR_NOTE = /^(?:[一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）]|(?:注|说明|备注|资料来源)\s*[:：])/;

function isHeadingOrNote(raw: RawRow): boolean {
  const filled = Object.values(raw);
  return filled.length === 1 && HEADING_OR_NOTE.test(cellText(filled[0]));
}

/**
 * Loads the indicators of a 规划指标 sheet. The header row is found by its column names
 * (Chinese or the English aliases of §1, any case, full-width tolerated) among the first 30
 * rows; every row below it is a definition, except blank rows and a group heading ("一、养老服务")
 * or a note ("注：…") alone on its row. Invalid rows give findings
 * (structure, with sheet, cell and reason) and are skipped; the others load.
 */
export function loadPlanFromSheet(sheet: Sheet, file: string): PlanLoad {
  const header = findHeader(sheet);
  if (!header) {
    return { plan: { indicators: [] }, findings: [makeFinding("plan-no-header", { file, sheet: sheet.name }, { sheet: sheet.name })] };
  }
  const missing = COLUMNS.filter((c) => c.required && !header.texts.has(c.field));
  if (missing.length > 0) {
    return {
      plan: { indicators: [] },
      findings: missing.map((c) =>
        makeFinding("plan-column-missing", { file, sheet: sheet.name, cell: a1(header.row, 0) }, { column: c.zh, columnEn: c.en }),
      ),
    };
  }
  const columns = Object.fromEntries(header.texts) as Partial<Record<Field, string>>;
  const sources: RowSource[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const raw: RawRow = {};
    const cells: Partial<Record<Field, string>> = {};
    let blank = true;
    for (const [c, f] of header.fields) {
      const cell = cellAt(sheet, r, c);
      cells[f] = a1(r, c);
      if (!isEmptyCell(cell)) {
        raw[f] = cell;
        blank = false;
      }
    }
    if (!blank && !isHeadingOrNote(raw)) sources.push({ raw, row: r + 1, columns, cells });
  }
  const load = buildPlan(file, sheet.name, sources);
  if (load.plan.indicators.length === 0 && load.findings.length === 0) {
    load.findings.push(makeFinding("plan-empty", { file, sheet: sheet.name }));
  }
  return load;
}

/** The reporting units of a 填报单位 sheet: the first non-empty cell of each row, a header word left out. */
export function readUnitsSheet(sheet: Sheet): string[] {
  const units: string[] = [];
  const seen = new Set<string>();
  const headerWords = new Set(["填报单位", "单位", "单位名称", "district", "districts", "units"].map(normaliseName));
  for (const row of sheet.rows) {
    const cell = row?.find((c) => !isEmptyCell(c));
    const name = cellText(cell);
    if (name === "" || headerWords.has(normaliseName(name)) || seen.has(normaliseName(name))) continue;
    seen.add(normaliseName(name));
    units.push(name);
  }
  return units;
}

function findSheet(wb: WorkbookModel, name: string): Sheet | undefined {
  const want = normaliseName(name);
  return wb.sheets.find((s) => normaliseName(s.name) === want);
}

/**
 * Loads the plan of a workbook: its 规划指标 sheet, and its 填报单位 sheet when there is one
 * (plan.units). Without a 规划指标 sheet the plan is empty and a finding says so.
 */
export function loadPlanFromWorkbook(wb: WorkbookModel, file: string = wb.name): PlanLoad {
  const sheet = findSheet(wb, PLAN_SHEET);
  if (!sheet) return { plan: { indicators: [] }, findings: [makeFinding("plan-no-sheet", { file })] };
  const load = loadPlanFromSheet(sheet, file);
  // A plan cell the reader could not read is a definition error of its own.
  load.findings.push(...readProblemFindings(sheet, file));
  const unitsSheet = findSheet(wb, UNITS_SHEET);
  if (unitsSheet) {
    const units = readUnitsSheet(unitsSheet);
    if (units.length > 0) load.plan.units = units;
  }
  return load;
}

// ---------------------------------------------------------------------------------------
// From JSON

const JsonScalar = z.union([z.string(), z.number(), z.null()]);
const JsonAggregate = z.union([
  z.object({ kind: z.enum(["sum", "mean", "min", "max", "none"]) }),
  z.object({ kind: z.literal("weighted"), by: z.string() }),
  z.object({ kind: z.literal("ratio"), num: z.string(), den: z.string(), factor: z.number().positive() }),
]);
const JsonRow = z.record(z.string(), z.unknown());
const JsonPlan = z.union([
  z.array(JsonRow),
  z
    .object({
      indicators: z.array(JsonRow).optional(),
      规划指标: z.array(JsonRow).optional(),
      units: z.array(z.string()).optional(),
      填报单位: z.array(z.string()).optional(),
    })
    .refine((o) => o.indicators !== undefined || o.规划指标 !== undefined),
]);

/** A JSON value as the cell the sheet reader would have seen. */
function jsonCell(key: string, v: unknown): Cell | { bad: Reason } {
  const scalar = JsonScalar.safeParse(v);
  if (scalar.success) {
    const value = scalar.data;
    return { value, text: typeof value === "string" ? value : "" };
  }
  if (fieldOf(key) === "aggregate") {
    const a = JsonAggregate.safeParse(v);
    if (a.success) {
      const text =
        a.data.kind === "weighted" ? `weighted:${a.data.by}` : a.data.kind === "ratio" ? `ratio:${a.data.num}/${a.data.den}*${a.data.factor}` : a.data.kind;
      return { value: text, text };
    }
  }
  return { bad: { zh: "应为文字或数字", en: "must be a string or a number" } };
}

/**
 * Loads a plan from JSON (text, or an already parsed value): `{ "indicators": [...],
 * "units": [...] }` (or the Chinese keys 规划指标 / 填报单位) or a bare array of indicators.
 * Each indicator has the §1 fields under their English aliases or Chinese names; numbers may
 * be numbers or text ("70%"); 汇总方式 may also be an Aggregate object. Findings name the
 * row as index + 1 and the key; invalid rows are skipped.
 */
export function loadPlanFromJson(json: unknown, file: string): PlanLoad {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return {
        plan: { indicators: [] },
        findings: [makeFinding("plan-invalid-file", { file }, { reason: "不是有效的 JSON", reasonEn: `not valid JSON: ${why}` })],
      };
    }
  }
  const doc = JsonPlan.safeParse(value);
  if (!doc.success) {
    return {
      plan: { indicators: [] },
      findings: [
        makeFinding(
          "plan-invalid-file",
          { file },
          { reason: "应为指标数组，或含 indicators 数组的对象", reasonEn: "expected an array of indicators, or an object with an indicators array" },
        ),
      ],
    };
  }
  const list = Array.isArray(doc.data) ? doc.data : (doc.data.indicators ?? doc.data.规划指标 ?? []);
  const units = Array.isArray(doc.data) ? undefined : (doc.data.units ?? doc.data.填报单位);

  const badValues: RowFinding[] = [];
  const sources: RowSource[] = [];
  list.forEach((obj, i) => {
    const src: RowSource = { raw: {}, row: i + 1, columns: {} };
    let usable = true;
    for (const [key, v] of Object.entries(obj)) {
      const f = fieldOf(key);
      if (f === undefined || src.columns[f] !== undefined) continue;
      src.columns[f] = key;
      const cell = jsonCell(key, v);
      if ("bad" in cell) {
        badValues.push(rowFinding(file, undefined, src, f, cell.bad));
        usable = false;
      } else if (!isEmptyCell(cell)) src.raw[f] = cell;
    }
    if (usable) sources.push(src);
  });
  const load = buildPlan(file, undefined, sources, badValues);
  if (units) {
    const cleaned = [...new Set(units.map((u) => u.trim()).filter((u) => u !== ""))];
    if (cleaned.length > 0) load.plan.units = cleaned;
  }
  if (load.plan.indicators.length === 0 && load.findings.length === 0) load.findings.push(makeFinding("plan-empty", { file }));
  return load;
}
