/**
 * Plan target definitions (规划指标), reporting-conventions §1: the types, and loading a plan
 * from a 规划指标 sheet or from JSON.
 */
import { z } from "zod";
import { makeFinding, readProblemFindings, type Finding } from "./findings";
import { msg, type MessageData } from "./messages";
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
// - Codes are compared as submissions match them (normaliseCode: half-width, every dash
//   variant as "-", no whitespace, case-insensitive): a second row with the same code is
//   invalid and the first one stays. References (包含于, 加权平均:CODE, 比值:NUM/DEN) are stored
//   with the referenced indicator's code as the plan writes it; a reference to a missing or
//   invalid row, to the row itself (包含于 itself, weighted by itself, a ratio of itself), and
//   every row of a 包含于 cycle make the row invalid (a structure finding on its cell).
// - A plan with no usable indicator (no 规划指标 sheet, no header, only invalid rows) loads as
//   an empty plan whose findings say why: callers that need indicators stop there.
// =======================================================================================

/** A loaded plan and the findings about its definition rows. */
export interface PlanLoad {
  plan: Plan;
  findings: Finding[];
}

type Field = keyof Indicator;

// ---------------------------------------------------------------------------------------
// The plan's vocabulary, declared once for the reader (this file) and the writer of the
// 规划指标 sheet (template.ts): the words of 属性, 方向 and 汇总方式 (the first of each list is
// the one written), and the §1 columns.

/** 属性: the words read, the first one written. */
export const TYPE_WORDS: Record<IndicatorType, readonly string[]> = {
  binding: ["约束性", "约束", "binding"],
  anticipatory: ["预期性", "预期", "anticipatory", "expected"],
};

/** 方向: the words read, the first one written. */
export const DIRECTION_WORDS: Record<Direction, readonly string[]> = {
  up: ["正向", "正", "up", "越大越好"],
  down: ["逆向", "反向", "负向", "逆", "down", "越小越好"],
};

type SimpleAggregate = Exclude<Aggregate["kind"], "weighted" | "ratio">;

/** 汇总方式 without a parameter: the words read, the first one written. */
export const AGGREGATE_WORDS: Record<SimpleAggregate, readonly string[]> = {
  sum: ["求和", "合计", "sum"],
  mean: ["平均", "平均值", "算术平均", "mean", "average"],
  min: ["最小", "最小值", "min"],
  max: ["最大", "最大值", "max"],
  none: ["不汇总", "none"],
};

/** 加权平均:CODE and 比值:NUM/DEN×K: the words read before the colon, the first one written. */
export const WEIGHTED_WORDS = ["加权平均", "weighted"] as const;
export const RATIO_WORDS = ["比值", "ratio"] as const;

/** 汇总方式 as §4 writes it: 求和, 加权平均:CODE, 比值:NUM/DEN×K … */
export function aggregateText(a: Aggregate): string {
  switch (a.kind) {
    case "weighted":
      return `${WEIGHTED_WORDS[0]}:${a.by}`;
    case "ratio":
      return `${RATIO_WORDS[0]}:${a.num}/${a.den}×${a.factor}`;
    default:
      return AGGREGATE_WORDS[a.kind][0];
  }
}

/** A §1 column: its Chinese header, English alias, other spellings seen in sheets, and how the plan sheet writes it. */
export interface PlanColumn {
  field: Field;
  header: string;
  alias: string;
  also?: readonly string[];
  required?: true;
  /** Width in the written 规划指标 sheet. */
  width: number;
  /** The cell the written 规划指标 sheet holds for an indicator. */
  write(i: Indicator): string | number | null;
}

/** §1 columns, in the order the 规划指标 sheet is written. */
export const PLAN_COLUMNS: readonly PlanColumn[] = [
  { field: "code", header: "指标编码", alias: "code", also: ["编码", "指标代码", "代码"], required: true, width: 10, write: (i) => i.code },
  { field: "name", header: "指标名称", alias: "name", also: ["名称"], required: true, width: 32, write: (i) => i.name },
  { field: "domain", header: "领域", alias: "domain", also: ["类别"], width: 12, write: (i) => i.domain ?? null },
  { field: "unit", header: "单位", alias: "unit", also: ["计量单位"], required: true, width: 8, write: (i) => i.unit },
  { field: "type", header: "属性", alias: "type", also: ["指标属性"], width: 8, write: (i) => TYPE_WORDS[i.type][0] },
  { field: "direction", header: "方向", alias: "direction", also: ["指标方向"], width: 6, write: (i) => DIRECTION_WORDS[i.direction][0] },
  { field: "baseYear", header: "基期年", alias: "baseYear", also: ["基期年份"], width: 8, write: (i) => i.baseYear ?? null },
  { field: "baseline", header: "基期值", alias: "baseline", width: 10, write: (i) => i.baseline ?? null },
  { field: "targetYear", header: "目标年", alias: "targetYear", also: ["目标年份"], required: true, width: 8, write: (i) => i.targetYear },
  { field: "target", header: "目标值", alias: "target", required: true, width: 10, write: (i) => i.target },
  { field: "min", header: "下限", alias: "min", width: 8, write: (i) => i.min ?? null },
  { field: "max", header: "上限", alias: "max", width: 8, write: (i) => i.max ?? null },
  { field: "aggregate", header: "汇总方式", alias: "aggregate", width: 22, write: (i) => aggregateText(i.aggregate) },
  { field: "partOf", header: "包含于", alias: "partOf", width: 10, write: (i) => i.partOf ?? null },
  { field: "note", header: "说明", alias: "note", also: ["备注"], width: 30, write: (i) => i.note ?? null },
];

const FIELD_BY_NAME = new Map<string, Field>();
for (const c of PLAN_COLUMNS) {
  for (const n of [c.header, c.alias, ...(c.also ?? [])]) FIELD_BY_NAME.set(normaliseName(n), c.field);
}

/** A word of a list, compared half-width, without spaces, in lower case. */
const wordKey = (s: string): string => toHalfWidth(s).replace(/\s+/g, "").toLowerCase();

function wordMap<T extends string>(words: Record<T, readonly string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][]) for (const w of list) map.set(wordKey(w), value);
  return map;
}

const TYPE_BY_WORD = wordMap(TYPE_WORDS);
const DIRECTION_BY_WORD = wordMap(DIRECTION_WORDS);
const AGGREGATE_BY_WORD = wordMap(AGGREGATE_WORDS);

/** The field a header cell or a JSON key names (full-width, case and spacing tolerated). */
function fieldOf(name: string): Field | undefined {
  return FIELD_BY_NAME.get(normaliseName(name));
}

/** Why a cell of a plan row is not usable: a message of the catalogue's `reason` section. */
type Reason = MessageData;

const WEIGHTED_RE = new RegExp(`^(?:${WEIGHTED_WORDS.join("|")}):(.+)$`, "i");
const RATIO_RE = new RegExp(`^(?:${RATIO_WORDS.join("|")}):([^/]+)/(.+?)(?:[×*xX](\\d+(?:\\.\\d+)?(?:e\\d+)?))?$`, "i");

/**
 * 汇总方式 (§4): 求和 / sum, 平均 / mean, 加权平均:CODE / weighted:CODE,
 * 比值:NUM/DEN×K / ratio:NUM/DEN*K (× * x; full-width colon; K defaults to 1),
 * 最小 / min, 最大 / max, 不汇总 / none. Undefined when the text is none of these.
 */
export function parseAggregate(text: string): Aggregate | undefined {
  const s = toHalfWidth(text).replace(/\s+/g, "");
  const simple = AGGREGATE_BY_WORD.get(s.toLowerCase());
  if (simple) return { kind: simple };
  const weighted = WEIGHTED_RE.exec(s);
  if (weighted) return { kind: "weighted", by: weighted[1] };
  const ratio = RATIO_RE.exec(s);
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
    ctx.addIssue({ code: "custom", message: r.error.key, params: { reason: r.error } });
    return z.NEVER;
  });
}

/** A field that must not be blank. */
function required<T>(read: Read<T | undefined>): Read<T> {
  return (cell) => {
    const r = read(cell);
    if ("error" in r) return r;
    return r.ok === undefined ? { error: msg("reason.required") } : { ok: r.ok };
  };
}

const readText: Read<string | undefined> = (cell) => ({ ok: cellText(cell) || undefined });

/** Codes are kept as written, but half-width ("ＹＬ－０１" is YL-01). */
const readCode: Read<string | undefined> = (cell) => ({ ok: toHalfWidth(cellText(cell)) || undefined });

function readWord<T>(words: Map<string, T>, unknown: (text: string) => Reason): Read<T | undefined> {
  return (cell) => {
    const s = cellText(cell);
    if (s === "") return { ok: undefined };
    const hit = words.get(wordKey(s));
    return hit !== undefined ? { ok: hit } : { error: unknown(s) };
  };
}

const readYear: Read<number | undefined> = (cell) => {
  const s = cellText(cell);
  if (s === "") return { ok: undefined };
  const m = /^(\d{4})(?:\.0+)?年?$/.exec(toHalfWidth(s).replace(/\s+/g, ""));
  const year = m ? Number(m[1]) : NaN;
  return year >= 1900 && year <= 2200
    ? { ok: year }
    : { error: msg("reason.notAYear", { text: s }) };
};

const readUnit: Read<string | undefined> = (cell) => {
  const s = toHalfWidth(cellText(cell)).trim();
  if (s === "") return { ok: undefined };
  return isKnownUnit(s) ? { ok: s } : { error: msg("reason.unknownUnit", { text: s }) };
};

const readAggregate: Read<Aggregate | undefined> = (cell) => {
  const s = cellText(cell);
  if (s === "") return { ok: undefined };
  const a = parseAggregate(s);
  return a ? { ok: a } : { error: msg("reason.unknownAggregate", { text: s }) };
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
        return { error: msg("reason.unitMismatch", { shown, written: reading.writtenUnit, unit }) };
      }
      default: {
        const text = cellText(cell);
        return { error: msg("reason.notANumber", { text }) };
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
      type: field(readWord(TYPE_BY_WORD, (text) => msg("reason.notAType", { text }))),
      direction: field(readWord(DIRECTION_BY_WORD, (text) => msg("reason.notADirection", { text }))),
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
          message: "reason.minAboveMax",
          params: { reason: msg("reason.minAboveMax", { min: r.min, max }) },
        });
      }
      if (r.baseYear !== undefined && r.baseYear >= r.targetYear) {
        ctx.addIssue({
          code: "custom",
          path: ["baseYear"],
          message: "reason.baseYearNotBefore",
          params: { reason: msg("reason.baseYearNotBefore", { baseYear: r.baseYear, targetYear: r.targetYear }) },
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
  const def = PLAN_COLUMNS.find((c) => c.field === f)!;
  const column = src.columns[f] ?? (src.cells ? def.header : def.alias);
  const where: Parameters<typeof makeFinding>[1] = { file };
  if (sheet !== undefined) where.sheet = sheet;
  const cell = src.cells?.[f];
  if (cell !== undefined) where.cell = cell;
  if (indicator) where.indicator = indicator;
  const finding = makeFinding("plan-row-invalid", where, { row: src.row, column, reason });
  return { row: src.row, field: f, finding };
}

const FIELD_ORDER = new Map(PLAN_COLUMNS.map((c, i) => [c.field, i]));

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
        const reason = (issue as { params?: { reason?: Reason } }).params?.reason ?? msg("error.unexpected", { detail: issue.message });
        findings.push(rowFinding(file, sheet, src, f, reason, codeText));
      }
      continue;
    }
    const ind = parsed.data;
    const key = normaliseCode(ind.code);
    const first = seen.get(key);
    if (first) {
      findings.push(
        rowFinding(file, sheet, src, "code", msg("reason.duplicateCode", { code: ind.code, row: first.row }), ind.code),
      );
      continue;
    }
    seen.set(key, src);
    rows.push({ ind, src });
  }

  return resolvePlan(file, sheet, rows, findings);
}

/**
 * The plan as a graph: references (包含于, 加权平均:CODE, 比值:NUM/DEN) must name another loaded
 * indicator, and 包含于 must not go round in a cycle. A row that breaks this is invalid; dropping
 * it may orphan rows that refer to it, so this repeats until nothing changes.
 */
function resolvePlan(file: string, sheet: string | undefined, rows: { ind: Indicator; src: RowSource }[], findings: RowFinding[]): PlanLoad {
  let valid = rows;
  for (;;) {
    const byCode = new Map(valid.map((r) => [normaliseCode(r.ind.code), r.ind.code]));
    const next: typeof rows = [];
    for (const r of valid) {
      const problem = resolveReferences(r.ind, byCode);
      if (problem) findings.push(rowFinding(file, sheet, r.src, problem.field, problem.reason, r.ind.code));
      else next.push(r);
    }
    // A row on a 包含于 cycle (A in B, B in A) has no total to be a part of.
    const cycles = partOfCycles(next.map((r) => r.ind));
    for (const r of next) {
      const cycle = cycles.get(r.ind.code);
      if (cycle) findings.push(rowFinding(file, sheet, r.src, "partOf", msg("reason.partOfCycle", { cycle: cycle.join(" → ") }), r.ind.code));
    }
    const kept = cycles.size === 0 ? next : next.filter((r) => !cycles.has(r.ind.code));
    if (kept.length === valid.length) break;
    valid = kept;
  }
  findings.sort((a, b) => a.row - b.row || FIELD_ORDER.get(a.field)! - FIELD_ORDER.get(b.field)!);
  return { plan: { indicators: valid.map((r) => r.ind) }, findings: findings.map((f) => f.finding) };
}

/**
 * The indicators on a 包含于 cycle (references already resolved to the plan's codes), each with
 * its cycle as the plan writes it, starting and ending at itself: YL-01 → YL-02 → YL-01.
 */
function partOfCycles(indicators: readonly Indicator[]): Map<string, string[]> {
  const totalOf = new Map(indicators.filter((i) => i.partOf !== undefined).map((i) => [i.code, i.partOf!]));
  const out = new Map<string, string[]>();
  const done = new Set<string>();
  for (const start of totalOf.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at) && !onPath.has(at)) {
      onPath.set(at, path.length);
      path.push(at);
      at = totalOf.get(at);
    }
    if (at !== undefined && onPath.has(at)) {
      const ring = path.slice(onPath.get(at));
      ring.forEach((code, i) => out.set(code, [...ring.slice(i), ...ring.slice(0, i), code]));
    }
    for (const code of path) done.add(code);
  }
  return out;
}

/** Rewrites the references of an indicator to the codes as the plan writes them, or says which is broken. */
function resolveReferences(ind: Indicator, byCode: Map<string, string>): { field: Field; reason: Reason } | undefined {
  const find = (c: string) => byCode.get(normaliseCode(c));
  if (ind.partOf !== undefined) {
    const total = find(ind.partOf);
    if (total === undefined) return { field: "partOf", reason: msg("reason.partOfMissing", { code: ind.partOf }) };
    if (total === ind.code) return { field: "partOf", reason: msg("reason.partOfSelf") };
    ind.partOf = total;
  }
  const a = ind.aggregate;
  // A rate weighted by itself, or the ratio of itself, sums the districts' rates: never a city value.
  const self = (code: string) => code === ind.code;
  if (a.kind === "weighted") {
    const by = find(a.by);
    if (by === undefined) return { field: "aggregate", reason: msg("reason.weightMissing", { code: a.by }) };
    if (self(by)) return { field: "aggregate", reason: msg("reason.weightSelf") };
    a.by = by;
  } else if (a.kind === "ratio") {
    const num = find(a.num);
    if (num === undefined) return { field: "aggregate", reason: msg("reason.numeratorMissing", { code: a.num }) };
    if (self(num)) return { field: "aggregate", reason: msg("reason.numeratorSelf") };
    const den = find(a.den);
    if (den === undefined) return { field: "aggregate", reason: msg("reason.denominatorMissing", { code: a.den }) };
    if (self(den)) return { field: "aggregate", reason: msg("reason.denominatorSelf") };
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
  const missing = PLAN_COLUMNS.filter((c) => c.required && !header.texts.has(c.field));
  if (missing.length > 0) {
    return {
      plan: { indicators: [] },
      findings: missing.map((c) =>
        makeFinding("plan-column-missing", { file, sheet: sheet.name, cell: a1(header.row, 0) }, { column: c.header, alias: c.alias }),
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
  return { bad: msg("reason.notScalar") };
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
        findings: [makeFinding("plan-invalid-file", { file }, { reason: msg("reason.invalidJson", { why }) })],
      };
    }
  }
  const doc = JsonPlan.safeParse(value);
  if (!doc.success) {
    return {
      plan: { indicators: [] },
      findings: [makeFinding("plan-invalid-file", { file }, { reason: msg("reason.notAPlan") })],
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
