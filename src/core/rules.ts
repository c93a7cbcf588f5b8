/**
 * Validation rules (校验规则), reporting-conventions §6, in the manner of R's validate: each
 * rule is a small named object with its category and the finding kinds it reports (its
 * description is the catalogue's rule.ID), registered in ONE list (RULES) that validateWorkbook
 * runs in order and that the docs and reports read. Rules only pick finding kinds and fill their
 * parameters; the messages live in the catalogue (src/core/messages).
 *
 * Decisions:
 * - A value (one indicator in one submission) counts when its row reads as a number and no
 *   error finding sits on the value cell of any row of that indicator. Rules run in the order
 *   of RULES; a later rule asks `ctx.usable(code)` so it does not pile a second error on a
 *   value an earlier rule has already blocked (out-of-range skips a zero placeholder,
 *   inconsistent compares usable values only).
 * - Rows that match no plan indicator are reported once (unknown-indicator) and their values
 *   are not checked further.
 * - A lone 0 is a placeholder only where the plan says the indicator cannot be 0: its 下限
 *   is above 0. Counts with a baseline above 0 may still be 0 in one district (no new 示范社区
 *   this year), so they are not guessed at.
 * - Bounds: the plan's 下限/上限; without 上限 a rate stops at 100% in its unit (100 for %, 1000 for ‰); without 下限 a count (张,
 *   个, 人, 万元 …: any unit other than a rate or a ratio) stops at 0, so a negative count is
 *   below-min with min 0. Rates and ratios without 下限 may be negative (growth).
 * - Duplicates: the later rows of an indicator carry the finding, naming the first row's
 *   cell. All equal numbers → duplicate-same (warning, the value counts once); otherwise
 *   duplicate-different (error) on each later row and no row of the indicator counts.
 * - Inconsistent: a part (包含于) above its total in the same submission, both usable, the
 *   part converted into the total's unit (when it does not convert, nothing is compared);
 *   the finding sits on the part's value cell.
 */
import { FINDING_KINDS, makeFinding, READ_PROBLEM_KINDS, readProblemFindings, type Category, type Finding, type FindingKind, type FindingParams } from "./findings";
import type { WorkbookModel } from "./model";
import type { Indicator, Plan } from "./plan";
import type { Detection, Submission, SubmissionRow } from "./submission";
import { scanText } from "./narrative";
import { hundredPercentIn, isCountUnit, unitFactor } from "./units";
import type { ValueReading } from "./values";

/** What a submission rule sees. */
export interface SubmissionContext {
  readonly plan: Plan;
  readonly submission: Submission;
  /** Plan indicators by code. */
  readonly indicators: ReadonlyMap<string, Indicator>;
  /** The rows matched to each plan indicator (by code), in sheet order. */
  readonly rowsByIndicator: ReadonlyMap<string, readonly SubmissionRow[]>;
  /** The rows that matched a plan indicator, with it, in sheet order. */
  readonly matched: readonly { row: SubmissionRow; ind: Indicator }[];
  /** The number an indicator's value counts as, unless an earlier rule blocked it. */
  usable(code: string): { value: number; row: SubmissionRow } | undefined;
  /** Whether the reader or an earlier rule put an error on this cell. */
  blocked(cell: string): boolean;
  /** Whether the reader could not read this cell (a read problem on it). */
  unread(cell: string): boolean;
  /** A finding of this submission. */
  finding<K extends FindingKind>(kind: K, at: { cell?: string; indicator?: string }, params: FindingParams<K>): Finding;
}

/** What a workbook rule sees: the workbook and the detection of its submissions. */
export interface WorkbookContext {
  readonly file: string;
  readonly workbook: WorkbookModel;
  readonly detection: Detection;
}

/** The rules' stable ids (used in docs and tests; each has its description in the catalogue's `rule` section). */
export type RuleId =
  | "read"
  | "structure"
  | "placeholder-value"
  | "zero-placeholder"
  | "missing"
  | "not-a-number"
  | "unit-mismatch"
  | "out-of-range"
  | "duplicate"
  | "unknown-indicator"
  | "placeholder-text"
  | "part-exceeds-total";

interface RuleInfo {
  /** Stable id (used in docs and tests); its description is the catalogue's rule.ID. */
  id: RuleId;
  category: Category;
  /** The finding kinds this rule reports (their severities are in FINDING_KINDS). */
  kinds: readonly FindingKind[];
}

export interface SubmissionRule extends RuleInfo {
  scope: "submission";
  run(ctx: SubmissionContext): Finding[];
}

export interface WorkbookRule extends RuleInfo {
  scope: "workbook";
  run(ctx: WorkbookContext): Finding[];
}

export type Rule = SubmissionRule | WorkbookRule;

/** A number as messages show it. */
function show(n: number): string {
  return String(Number.isInteger(n) ? n : Number(n.toPrecision(12)));
}

/** A reading as messages show it. */
function readingText(reading: ValueReading): string {
  switch (reading.kind) {
    case "number":
      return show(reading.value);
    case "blank":
      return "—";
    case "placeholder":
      return reading.token;
    case "unit-mismatch":
      return `${show(reading.value)}${reading.writtenUnit}`;
    case "not-a-number":
      return reading.text;
  }
}

function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

type Reading<K extends ValueReading["kind"]> = Extract<ValueReading, { kind: K }>;

/**
 * The value-cell rules' common loop: every matched row whose reading is of `kind`, handed to
 * `check` with what a finding on its value cell needs; `check` returns the finding or nothing.
 * A value cell the reader could not read (a read problem on it) is skipped: its read finding
 * already says what is wrong, and an empty reading would only add "blank".
 */
function eachValue<K extends ValueReading["kind"]>(
  ctx: SubmissionContext,
  kind: K,
  check: (reading: Reading<K>, ind: Indicator, at: { cell: string; indicator: string }) => Finding | undefined,
): Finding[] {
  const out: Finding[] = [];
  for (const { row, ind } of ctx.matched) {
    if (row.reading.kind !== kind || ctx.unread(row.valueCell)) continue;
    const f = check(row.reading as Reading<K>, ind, { cell: row.valueCell, indicator: ind.code });
    if (f) out.push(f);
  }
  return out;
}

const readProblems: WorkbookRule = {
  id: "read",
  scope: "workbook",
  category: "structure",
  kinds: READ_PROBLEM_KINDS,
  run({ file, workbook, detection }) {
    const district = new Map(detection.submissions.map((s) => [s.sheet, s.district]));
    return workbook.sheets.flatMap((sheet) => readProblemFindings(sheet, file, district.get(sheet.name)));
  },
};

const structure: WorkbookRule = {
  id: "structure",
  scope: "workbook",
  category: "structure",
  kinds: ["no-district", "no-period", "no-table", "no-submission"],
  run({ file, workbook, detection }) {
    // A sheet the reader could not read already has its finding: it may have been the submission.
    const unreadSheet = workbook.sheets.some((s) => s.problems?.some((p) => p.cell === undefined && FINDING_KINDS[p.kind].severity === "error"));
    if (detection.submissions.length === 0 && detection.findings.length === 0 && !unreadSheet) {
      return [makeFinding("no-submission", { file })];
    }
    return detection.findings;
  },
};

const placeholderValue: SubmissionRule = {
  id: "placeholder-value",
  scope: "submission",
  category: "placeholder",
  kinds: ["placeholder-value"],
  run: (ctx) => eachValue(ctx, "placeholder", (r, ind, at) => ctx.finding("placeholder-value", at, { name: ind.name, text: r.token })),
};

const zeroPlaceholder: SubmissionRule = {
  id: "zero-placeholder",
  scope: "submission",
  category: "placeholder",
  kinds: ["zero-placeholder"],
  run: (ctx) =>
    eachValue(ctx, "number", (r, ind, at) =>
      r.value === 0 && ind.min !== undefined && ind.min > 0 ? ctx.finding("zero-placeholder", at, { name: ind.name }) : undefined,
    ),
};

const missing: SubmissionRule = {
  id: "missing",
  scope: "submission",
  category: "missing",
  kinds: ["missing-row", "missing-value"],
  run(ctx) {
    const out = eachValue(ctx, "blank", (_, ind, at) => ctx.finding("missing-value", at, { name: ind.name }));
    for (const ind of ctx.plan.indicators) {
      if (!ctx.rowsByIndicator.has(ind.code)) out.push(ctx.finding("missing-row", { indicator: ind.code }, { indicator: ind.code, name: ind.name }));
    }
    return out;
  },
};

const notANumber: SubmissionRule = {
  id: "not-a-number",
  scope: "submission",
  category: "not-a-number",
  kinds: ["not-a-number"],
  run: (ctx) => eachValue(ctx, "not-a-number", (r, ind, at) => ctx.finding("not-a-number", at, { name: ind.name, text: r.text })),
};

const unitMismatch: SubmissionRule = {
  id: "unit-mismatch",
  scope: "submission",
  category: "unit-mismatch",
  kinds: ["unit-mismatch"],
  run: (ctx) =>
    eachValue(ctx, "unit-mismatch", (r, ind, at) =>
      ctx.finding("unit-mismatch", at, { name: ind.name, text: readingText(r), written: r.writtenUnit, unit: ind.unit }),
    ),
};

const boundsCache = new WeakMap<Indicator, { min?: number; max?: number }>();

/** The plausibility bounds of an indicator (see the decisions above); computed once per indicator. */
export function bounds(ind: Indicator): { min?: number; max?: number } {
  let b = boundsCache.get(ind);
  if (!b) {
    b = { min: ind.min ?? (isCountUnit(ind.unit) ? 0 : undefined), max: ind.max ?? hundredPercentIn(ind.unit) };
    boundsCache.set(ind, b);
  }
  return b;
}

const outOfRange: SubmissionRule = {
  id: "out-of-range",
  scope: "submission",
  category: "out-of-range",
  kinds: ["below-min", "above-max"],
  run: (ctx) =>
    eachValue(ctx, "number", ({ value: v }, ind, at) => {
      if (ctx.blocked(at.cell)) return undefined;
      const { min, max } = bounds(ind);
      if (min !== undefined && v < min && !sameNumber(v, min)) return ctx.finding("below-min", at, { name: ind.name, value: show(v), min: show(min) });
      if (max !== undefined && v > max && !sameNumber(v, max)) return ctx.finding("above-max", at, { name: ind.name, value: show(v), max: show(max) });
      return undefined;
    }),
};

const duplicate: SubmissionRule = {
  id: "duplicate",
  scope: "submission",
  category: "duplicate",
  kinds: ["duplicate-same", "duplicate-different"],
  run(ctx) {
    const out: Finding[] = [];
    for (const [code, rows] of ctx.rowsByIndicator) {
      if (rows.length < 2) continue;
      const ind = ctx.indicators.get(code)!;
      const first = rows[0];
      const fr = first.reading;
      const allSame = rows.every((r) => r.reading.kind === "number" && fr.kind === "number" && sameNumber(r.reading.value, fr.value));
      for (const row of rows.slice(1)) {
        const at = { cell: row.valueCell, indicator: code };
        out.push(
          allSame
            ? ctx.finding("duplicate-same", at, { name: ind.name, other: first.valueCell })
            : ctx.finding("duplicate-different", at, {
                name: ind.name,
                value: readingText(row.reading),
                otherValue: readingText(fr),
                other: first.valueCell,
              }),
        );
      }
    }
    return out;
  },
};

const unknownIndicator: SubmissionRule = {
  id: "unknown-indicator",
  scope: "submission",
  category: "unknown-indicator",
  kinds: ["unknown-indicator"],
  run(ctx) {
    const out: Finding[] = [];
    for (const row of ctx.submission.rows) {
      if (row.indicator !== undefined) continue;
      const text = [row.code, row.name].filter(Boolean).join(" ");
      out.push(ctx.finding("unknown-indicator", { cell: row.labelCell }, { text }));
    }
    return out;
  },
};

const TEXT_KIND = { placeholder: "placeholder-text", "missing-number": "missing-number", "truncated-year": "truncated-year" } as const;

const placeholderText: SubmissionRule = {
  id: "placeholder-text",
  scope: "submission",
  category: "placeholder",
  kinds: ["placeholder-text", "missing-number", "truncated-year"],
  run(ctx) {
    const out: Finding[] = [];
    for (const t of ctx.submission.texts) {
      for (const hit of scanText(t.text)) {
        out.push(ctx.finding(TEXT_KIND[hit.kind], { cell: t.cell, indicator: t.indicator }, { match: hit.match, context: hit.context }));
      }
    }
    return out;
  },
};

const inconsistent: SubmissionRule = {
  id: "part-exceeds-total",
  scope: "submission",
  category: "inconsistent",
  kinds: ["part-exceeds-total"],
  run(ctx) {
    const out: Finding[] = [];
    for (const ind of ctx.plan.indicators) {
      if (!ind.partOf) continue;
      const totalInd = ctx.indicators.get(ind.partOf);
      const part = ctx.usable(ind.code);
      const total = ctx.usable(ind.partOf);
      if (!totalInd || !part || !total) continue;
      const factor = unitFactor(ind.unit, totalInd.unit);
      if (factor === undefined) continue;
      const partInTotalUnit = part.value * factor;
      if (partInTotalUnit > total.value && !sameNumber(partInTotalUnit, total.value)) {
        out.push(
          ctx.finding(
            "part-exceeds-total",
            { cell: part.row.valueCell, indicator: ind.code },
            { name: ind.name, value: show(part.value), totalName: totalInd.name, total: show(total.value) },
          ),
        );
      }
    }
    return out;
  },
};

/**
 * Every rule, in the order validateWorkbook runs them. Add a rule here (and its finding kinds
 * in findings.ts) and it runs everywhere: CLI, add-in, browser.
 */
export const RULES: readonly Rule[] = [
  readProblems,
  structure,
  placeholderValue,
  zeroPlaceholder,
  missing,
  notANumber,
  unitMismatch,
  outOfRange,
  duplicate,
  unknownIndicator,
  placeholderText,
  inconsistent,
];
