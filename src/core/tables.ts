/**
 * The result tables of compile, as table models (src/core/table.ts) that every renderer
 * draws the same way: 中期评估表 (the mid-term evaluation table of reporting-conventions §5),
 * 分区数据 (district × indicator matrix with the findings marked) and 问题清单 (every finding).
 *
 * Sheet names stay Chinese in both languages (they are what users look for); titles,
 * headers and labels follow the language.
 *
 * Decisions:
 * - Numbers are never rounded: the number format shows the indicator's sensible decimals
 *   (decimalsFor), the cell keeps the full value.
 * - 序号 runs through the whole table (1…n), not per 领域.
 * - District columns: the units of the plan's list (plan.units) in its order, then any other
 *   district that submitted, in reading order. A unit that did not submit has an empty
 *   column whose header carries the note 未报送.
 * - 分区数据 shows, for a value left out because of an error, what the clerk wrote (as text:
 *   a placeholder, the words, the number with its unit), marked and explained in a note.
 */
import type { CompileResult, SubmissionRef } from "./compile";
import type { EvaluationRow } from "./evaluate";
import { isNotConsolidated, STATUS_STYLE, statusText } from "./evaluate";
import { countFindings, type Finding } from "./findings";
import { formatPercent, formatPeriod } from "./format";
import { markLines } from "./mark-note";
import { findingText, list, messages, render, type Lang } from "./messages";
import { indicatorStatement, overallStatement } from "./statements";
import type { Indicator } from "./plan";
import { SHEET_NAMES } from "./sheets";
import type { CellStyle, NumberFormat, TableCell, TableModel } from "./table";

// ---------------------------------------------------------------------------------------
// Numbers

function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  const s = String(Math.abs(x));
  if (s.includes("e")) return 2;
  return Math.min(2, s.split(".")[1]?.length ?? 0);
}

/**
 * The decimals an indicator's numbers are shown with: as many as the plan writes its
 * baseline and target with, or the districts their values with (at most 2); at least 1 for
 * rates (%, ‰) and ratios per thousand / ten thousand / hundred (张/千人, 家/万人). Counts
 * (张, 个, 人) and amounts (万元, 元/人/月) written as integers stay integers.
 */
export function decimalsFor(ind: Indicator, observed: readonly (number | null)[] = []): number {
  const unit = ind.unit.trim();
  const written = [ind.target, ind.baseline, ...observed].filter((x): x is number => typeof x === "number");
  const planned = Math.max(0, ...written.map(decimalsOf));
  const least = unit === "%" || unit === "‰" || /\/[千万百]/.test(unit) ? 1 : 0;
  return Math.min(2, Math.max(least, planned));
}

function numberFormat(ind: Indicator, observed: readonly (number | null)[] = []): NumberFormat {
  const decimals = decimalsFor(ind, observed);
  return decimals === 0 ? { kind: "integer" } : { kind: "number", decimals };
}

const PERCENT: NumberFormat = { kind: "percent", decimals: 1 };

const num = (value: number | null | undefined, format: NumberFormat, style?: CellStyle): TableCell => ({
  value: value ?? null,
  format,
  ...(style ? { style } : {}),
});
const text = (value: string | null, style?: CellStyle, note?: string): TableCell => ({
  value,
  ...(style ? { style } : {}),
  ...(note ? { note } : {}),
});

const centred = (cell: TableCell): TableCell => ({ ...cell, align: "center" });

/** A district's column header; a unit that did not submit says so. */
function districtHeader(d: string, missing: ReadonlySet<string>, lang: Lang): TableCell {
  const t = messages(lang).table;
  return missing.has(d) ? text(t.notSubmittedHeader({ district: d }), "header", t.notSubmitted) : text(d, "header");
}

/** Rows by 领域 in the order given; a single unnamed group has no header row. */
function groups(rows: readonly EvaluationRow[], lang: Lang): { label?: string; rows: EvaluationRow[] }[] {
  const out: { domain?: string; rows: EvaluationRow[] }[] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.domain === r.indicator.domain) last.rows.push(r);
    else out.push({ domain: r.indicator.domain, rows: [r] });
  }
  if (out.length === 1 && out[0].domain === undefined) return [{ rows: out[0].rows }];
  const t = messages(lang).table;
  return out.map((g, i) => ({ label: t.group({ index: i + 1, domain: g.domain ?? t.other }), rows: g.rows }));
}

/** District columns: the plan's units in order, then other districts that submitted. */
function districtColumns(result: CompileResult): string[] {
  return [...new Set([...(result.plan.units ?? []), ...result.evaluation.districts])];
}

function districtWidth(name: string): number {
  return Math.max(10, Math.min(14, name.length * 2 + 2));
}

// ---------------------------------------------------------------------------------------
// 中期评估表

/** A submission as the notes name it: file / sheet (period). */
export function submissionRefText(s: SubmissionRef, lang: Lang): string {
  return messages(lang).table.submissionRef({ file: s.file, sheet: s.sheet, period: formatPeriod(s.period, lang) });
}

/** The notes printed under the mid-term table: how it was computed and completeness. */
function midtermNotes(result: CompileResult, lang: Lang): string[] {
  const t = messages(lang).table;
  const notes = [
    t.noteTime({ asOf: formatPeriod(result.asOf, lang), time: formatPercent(result.evaluation.timeProgress, lang) }),
    t.noteStatus,
    t.noteErrors,
  ];
  const { missing, duplicates } = result.completeness;
  if (missing.length > 0) notes.push(t.noteNotSubmitted({ units: list(missing, lang) }));
  for (const d of duplicates) {
    const dropped = d.dropped.map((s) => submissionRefText(s, lang)).join(t.refSeparator);
    notes.push(t.noteDuplicate({ district: d.district, kept: submissionRefText(d.kept, lang), dropped }));
  }
  return notes;
}

/** The 备注 cell of a mid-term row: findings count and districts left out; details in its note. */
function remarksCell(row: EvaluationRow, lang: Lang): TableCell {
  const m = messages(lang);
  const parts: string[] = [];
  if (row.findingCount > 0) parts.push(m.table.findingCount({ count: row.findingCount }));
  if (row.excluded.length > 0) parts.push(m.table.leftOutDistricts({ districts: list(row.excluded.map((e) => e.district), lang) }));
  const details: string[] = [];
  if (row.note) details.push(render(row.note, lang));
  for (const e of row.excluded) details.push(m.table.districtReason({ district: e.district, reason: render(e.reason, lang) }));
  return text(parts.join(m.sep.parts) || null, undefined, details.join("\n") || undefined);
}

/** The 评价 of a row as shown (重点关注 added to a 约束性 indicator behind). */
export function statusLabel(row: Pick<EvaluationRow, "status" | "attention" | "indicator">, lang: Lang): string {
  const label = statusText(row.status, isNotConsolidated(row.indicator), lang);
  return row.attention ? messages(lang).evaluation.withAttention({ status: label }) : label;
}

function statusCell(row: EvaluationRow, lang: Lang): TableCell {
  return text(statusLabel(row, lang), row.attention ? "attention" : STATUS_STYLE[row.status]);
}

export interface MidtermOptions {
  lang?: Lang;
  /** Title row; default 民政事业发展规划中期评估表. */
  title?: string;
}

/** 中期评估表: one row per indicator grouped by 领域, the columns of §5, a column per district. */
export function buildMidtermTable(result: CompileResult, opts: MidtermOptions = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const m = messages(lang);
  const t = m.table;
  const districts = districtColumns(result);
  const missing = new Set(result.completeness.missing);
  const title = opts.title ?? t.title;
  const asOf = formatPeriod(result.asOf, lang);
  const width = 10 + districts.length + 1;

  const fixed = [t.no, t.name, t.unit, t.type, t.baseline, t.target, t.actual, t.progress, t.timeProgress, t.status];
  const header: TableCell[] = [
    ...fixed.map((h) => text(h, "header")),
    ...districts.map((d) => districtHeader(d, missing, lang)),
    text(t.remarks, "header"),
  ];
  const subtitle = t.midtermSubtitle({
    asOf,
    time: formatPercent(result.evaluation.timeProgress, lang),
    submitted: districts.length - missing.size,
    missing: missing.size,
  });

  const rows: (TableCell | null)[][] = [[{ value: title, style: "title", colSpan: width }], [{ value: subtitle, style: "subtitle", colSpan: width }], header];

  let n = 0;
  for (const group of groups(result.evaluation.rows, lang)) {
    if (group.label) rows.push([{ value: group.label, style: "group", colSpan: width }]);
    for (const r of group.rows) {
      n += 1;
      const ind = r.indicator;
      const fmt = numberFormat(ind, Object.values(r.perDistrict));
      const excludedHere = new Map(r.excluded.map((e) => [e.district, e]));
      rows.push([
        centred(num(n, { kind: "integer" })),
        text(ind.name),
        centred(text(ind.unit)),
        centred(text(m.indicatorType[ind.type])),
        num(ind.baseline, fmt),
        num(ind.target, fmt),
        num(r.actual, fmt),
        num(r.progress, PERCENT),
        num(r.timeProgress, PERCENT),
        statusCell(r, lang),
        ...districts.map((d): TableCell => {
          const e = excludedHere.get(d);
          if (e) return { value: t.leftOut, style: "finding-error", align: "center", note: render(e.reason, lang) };
          return num(r.perDistrict[d], fmt);
        }),
        remarksCell(r, lang),
      ]);
    }
  }

  rows.push([]);
  const notes = midtermNotes(result, lang);
  // Not merged: a long line runs on over the empty cells to its right (a merged cell would clip it).
  rows.push([{ value: t.notes, style: "muted" }]);
  notes.forEach((line, i) => rows.push([{ value: `${i + 1}. ${line}`, style: "muted" }]));

  return {
    name: SHEET_NAMES.midterm,
    columns: [5, 32, 8, 8, 10, 10, 10, 10, 10, 17, ...districts.map(districtWidth), 30].map((w) => ({ width: w })),
    rows,
    headerRows: 3,
    frozenColumns: 2,
    print: { landscape: true, fitToWidth: true, header: t.printHeader({ title, asOf }) },
  };
}

// ---------------------------------------------------------------------------------------
// 分区数据

const findingKey = (district: string, indicator: string): string => `${district}\u0000${indicator}`;

/** Findings by (district, indicator); a finding without a district takes its sheet's. */
function findingsByCell(result: CompileResult): Map<string, Finding[]> {
  const districtOfSheet = new Map(result.submissions.map((s) => [`${s.file}\u0000${s.sheet}`, s.district]));
  const out = new Map<string, Finding[]>();
  for (const f of result.findings) {
    const district = f.district ?? districtOfSheet.get(`${f.file}\u0000${f.sheet ?? ""}`);
    if (!district || !f.indicator) continue;
    const key = findingKey(district, f.indicator);
    const list = out.get(key);
    if (list) list.push(f);
    else out.set(key, [f]);
  }
  return out;
}

/** 分区数据: rows indicators, columns districts, then the consolidated value; findings marked. */
export function buildDistrictMatrix(result: CompileResult, opts: { lang?: Lang } = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const t = messages(lang).table;
  const asOf = formatPeriod(result.asOf, lang);
  const districts = districtColumns(result);
  const missing = new Set(result.completeness.missing);
  const width = 3 + districts.length + 1;
  const byCell = findingsByCell(result);
  const valueOf = new Map(result.values.map((v) => [findingKey(v.district, v.indicator), v.value]));
  const writtenOf = new Map<string, string | number | undefined>();
  for (const e of result.excluded) {
    const key = findingKey(e.district, e.indicator);
    if (!writtenOf.has(key)) writtenOf.set(key, e.written);
  }

  const rows: (TableCell | null)[][] = [
    [{ value: t.districtsTitle, style: "title", colSpan: width }],
    [{ value: t.districtsSubtitle({ asOf }), style: "subtitle", colSpan: width }],
    [
      text(t.code, "header"),
      text(t.name, "header"),
      text(t.unit, "header"),
      ...districts.map((d) => districtHeader(d, missing, lang)),
      text(t.city, "header"),
    ],
  ];

  for (const group of groups(result.evaluation.rows, lang)) {
    if (group.label) rows.push([{ value: group.label, style: "group", colSpan: width }]);
    for (const r of group.rows) {
      const ind = r.indicator;
      const fmt = numberFormat(ind, Object.values(r.perDistrict));
      rows.push([
        text(ind.code),
        text(ind.name),
        centred(text(ind.unit)),
        ...districts.map((d): TableCell => {
          const key = findingKey(d, ind.code);
          const findings = byCell.get(key) ?? [];
          const usable = valueOf.get(key);
          // A usable value as read; else what the clerk wrote (a number out of range stays a number).
          const written = usable ?? writtenOf.get(key) ?? null;
          const cell: TableCell = typeof written === "number" ? num(written, fmt) : { value: written, format: { kind: "text" } };
          if (findings.length === 0) return cell;
          const severe = findings.some((f) => f.severity === "error");
          return { ...cell, style: severe ? "finding-error" : "finding-warning", note: markLines(findings, lang) };
        }),
        num(r.actual, fmt),
      ]);
    }
  }

  return {
    name: SHEET_NAMES.districts,
    columns: [10, 28, 8, ...districts.map(districtWidth), 11].map((w) => ({ width: w })),
    rows,
    headerRows: 3,
    frozenColumns: 2,
    print: { landscape: true, fitToWidth: true, header: t.printHeader({ title: t.districtsTitle, asOf }) },
  };
}

// ---------------------------------------------------------------------------------------
// 问题清单

/** 问题清单: every finding with file, sheet and cell, and the clerk's 情况属实 reason. */
export function buildFindingsList(result: CompileResult, opts: { lang?: Lang } = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const m = messages(lang);
  const t = m.table;
  const names = new Map(result.evaluation.rows.map((r) => [r.indicator.code, r.indicator.name]));
  const heads = [t.no, t.file, t.sheet, t.cell, t.district, t.code, t.name, t.category, t.severity, t.message, t.confirmation];
  const width = heads.length;
  const counts = countFindings(result.findings);
  const subtitle = t.findingsSubtitle({ asOf: formatPeriod(result.asOf, lang), total: counts.findings, errors: counts.errors, warnings: counts.warnings });
  const rows: (TableCell | null)[][] = [
    [{ value: t.findingsTitle, style: "title", colSpan: width }],
    [{ value: subtitle, style: "subtitle", colSpan: width }],
    heads.map((h) => text(h, "header")),
  ];
  const districtOfSheet = new Map(result.submissions.map((s) => [`${s.file}\u0000${s.sheet}`, s.district]));
  result.findings.forEach((f, i) => {
    const severityStyle: CellStyle = f.severity === "error" ? "finding-error" : "finding-warning";
    rows.push([
      centred(num(i + 1, { kind: "integer" })),
      text(f.file),
      text(f.sheet ?? null),
      centred(text(f.cell ?? null)),
      text(f.district ?? districtOfSheet.get(`${f.file}\u0000${f.sheet ?? ""}`) ?? null),
      text(f.indicator ?? null),
      text(f.indicator ? (names.get(f.indicator) ?? null) : null),
      text(m.category[f.category]),
      text(m.severity[f.severity], severityStyle),
      text(findingText(f, lang)),
      text(f.confirmed?.reason ?? null),
    ]);
  });
  if (result.findings.length === 0) rows.push([{ value: t.noFindings, style: "muted", colSpan: width }]);

  return {
    name: SHEET_NAMES.findings,
    columns: [6, 18, 12, 8, 10, 10, 26, 11, 10, 56, 24].map((w) => ({ width: w })),
    rows,
    headerRows: 3,
    print: { landscape: true, fitToWidth: true, header: t.findingsTitle },
  };
}

// ---------------------------------------------------------------------------------------
// 评估要点

/**
 * 评估要点: the draft sentences of the evaluation report (statements.ts) — a paragraph on the
 * whole, then one statement per indicator grouped by 领域 as in 中期评估表 — to copy into the
 * report and edit. The figures are the table's, with its decimals.
 */
export function buildStatementsTable(result: CompileResult, opts: { lang?: Lang } = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const t = messages(lang).table;
  const width = 4;
  const asOf = formatPeriod(result.asOf, lang);
  const rows: (TableCell | null)[][] = [
    [{ value: t.statementsTitle, style: "title", colSpan: width }],
    [{ value: t.statementsSubtitle({ asOf }), style: "subtitle", colSpan: width }],
    [text(t.no, "header"), text(t.name, "header"), text(t.status, "header"), text(t.statement, "header")],
    [{ value: t.overall, style: "group", colSpan: width }],
    [{ value: overallStatement(result.evaluation, lang), colSpan: width }],
  ];
  let n = 0;
  for (const group of groups(result.evaluation.rows, lang)) {
    if (group.label) rows.push([{ value: group.label, style: "group", colSpan: width }]);
    for (const r of group.rows) {
      n += 1;
      const decimals = decimalsFor(r.indicator, Object.values(r.perDistrict));
      rows.push([centred(num(n, { kind: "integer" })), text(r.indicator.name), statusCell(r, lang), text(indicatorStatement(r, decimals, lang))]);
    }
  }
  return {
    name: SHEET_NAMES.statements,
    columns: [5, 28, 14, 90].map((w) => ({ width: w })),
    rows,
    headerRows: 3,
    print: { landscape: true, fitToWidth: true, header: t.printHeader({ title: t.statementsTitle, asOf }) },
  };
}

/** The result sheets of compile, in the order of the workbook. */
export function buildResultTables(result: CompileResult, opts: MidtermOptions = {}): TableModel[] {
  return [buildMidtermTable(result, opts), buildStatementsTable(result, opts), buildDistrictMatrix(result, opts), buildFindingsList(result, opts)];
}
