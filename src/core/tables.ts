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
import { ATTENTION_INFO, isNotConsolidated, STATUS_INFO, statusText } from "./evaluate";
import { CATEGORY_INFO, SEVERITY_INFO, findingMessage, type Finding, type Lang } from "./findings";
import { indicatorStatement, overallStatement } from "./statements";
import { formatPeriod, type ReportPeriod } from "./period";
import type { Indicator, IndicatorType } from "./plan";
import type { SubmissionRow } from "./submission";
import { SHEET_NAMES } from "./sheets";
import type { CellStyle, NumberFormat, TableCell, TableModel } from "./table";

type Text = Record<Lang, string>;

const T = {
  title: { zh: "民政事业发展规划中期评估表", en: "Mid-term evaluation of the civil-affairs development plan" },
  districtsTitle: { zh: "分区县指标数据", en: "Indicator values by district" },
  findingsTitle: { zh: "填报问题清单", en: "Findings in the submissions" },
  statementsTitle: { zh: "民政事业发展规划中期评估要点", en: "Mid-term evaluation: draft statements" },
  overall: { zh: "总体情况", en: "Overall" },
  statement: { zh: "评估表述（草稿）", en: "Statement (draft)" },
  no: { zh: "序号", en: "No." },
  code: { zh: "指标编码", en: "Code" },
  name: { zh: "指标名称", en: "Indicator" },
  unit: { zh: "单位", en: "Unit" },
  type: { zh: "属性", en: "Type" },
  baseline: { zh: "基期值", en: "Baseline" },
  target: { zh: "目标值", en: "Target" },
  actual: { zh: "中期值", en: "Mid-term value" },
  progress: { zh: "目标完成进度", en: "Target progress" },
  timeProgress: { zh: "时间进度", en: "Time progress" },
  status: { zh: "评价", en: "Status" },
  remarks: { zh: "备注", en: "Remarks" },
  city: { zh: "汇总值", en: "Consolidated" },
  file: { zh: "文件", en: "File" },
  sheet: { zh: "工作表", en: "Sheet" },
  cell: { zh: "单元格", en: "Cell" },
  district: { zh: "填报单位", en: "Reporting unit" },
  category: { zh: "类别", en: "Category" },
  severity: { zh: "严重程度", en: "Severity" },
  message: { zh: "说明", en: "Message" },
  confirmation: { zh: "情况属实说明", en: "Confirmed by the clerk" },
  notSubmitted: { zh: "未报送", en: "Not submitted" },
  leftOut: { zh: "未计入", en: "Left out" },
  other: { zh: "其他", en: "Other" },
  noFindings: { zh: "未发现问题。", en: "No findings." },
  notes: { zh: "说明：", en: "Notes:" },
} satisfies Record<string, Text>;

const TYPE_LABEL: Record<IndicatorType, Text> = {
  binding: { zh: "约束性", en: "Binding" },
  anticipatory: { zh: "预期性", en: "Anticipatory" },
};

/** "2018年6月" / "June 2018". */
function periodText(p: Pick<ReportPeriod, "year" | "month">, lang: Lang): string {
  if (lang === "zh") return formatPeriod(p);
  const month = new Date(Date.UTC(2000, p.month - 1, 1)).toLocaleString("en", { month: "long", timeZone: "UTC" });
  return `${month} ${p.year}`;
}

const percentText = (x: number): string => `${(x * 100).toFixed(1)}%`;

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
  return missing.has(d)
    ? text(lang === "zh" ? `${d}（${T.notSubmitted.zh}）` : `${d} (${T.notSubmitted.en})`, "header", T.notSubmitted[lang])
    : text(d, "header");
}

/** 一, 二, … 十, 十一, … 九十九. */
function chineseNumeral(n: number): string {
  const digits = "零一二三四五六七八九";
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ""}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ""}`;
}

function groupLabel(index: number, domain: string, lang: Lang): string {
  return lang === "zh" ? `${chineseNumeral(index + 1)}、${domain}` : `${index + 1}. ${domain}`;
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
  return out.map((g, i) => ({ label: groupLabel(i, g.domain ?? T.other[lang], lang), rows: g.rows }));
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

function refText(s: SubmissionRef, lang: Lang): string {
  const period = periodText(s.period, lang);
  return lang === "zh" ? `${s.file} / ${s.sheet}（${period}）` : `${s.file} / ${s.sheet} (${period})`;
}

/** The notes printed under the mid-term table: how it was computed and completeness. */
function midtermNotes(result: CompileResult, lang: Lang): string[] {
  const asOf = periodText(result.asOf, lang);
  const t = percentText(result.evaluation.timeProgress);
  const zh = lang === "zh";
  const notes = [
    zh
      ? `时间进度为截至${asOf}末规划期已过时间的比例（${t}）；目标完成进度 =（中期值 − 基期值）÷（目标值 − 基期值），无基期值时为中期值 ÷ 目标值（逆向指标为目标值 ÷ 中期值）。`
      : `Time progress is the share of the plan period elapsed by the end of ${asOf} (${t}); target progress = (mid-term − baseline) ÷ (target − baseline), without a baseline mid-term ÷ target (lower-is-better: target ÷ mid-term).`,
    zh
      ? "评价：达到目标值为“已完成”；未完成但目标完成进度不低于时间进度为“符合进度”，低于时间进度为“滞后”；约束性指标滞后的标注“重点关注”。"
      : "Status: Met when the target is reached; otherwise On track when target progress ≥ time progress, else Behind; binding indicators behind are marked Needs attention.",
    zh
      ? "有错误的分区县数值不计入汇总，详见“分区数据”和“问题清单”。"
      : "District values with errors are left out of the consolidation; see 分区数据 and 问题清单.",
  ];
  const { missing, duplicates } = result.completeness;
  if (missing.length > 0) notes.push(zh ? `未报送单位：${missing.join("、")}。` : `Not submitted: ${missing.join(", ")}.`);
  for (const d of duplicates) {
    const dropped = d.dropped.map((s) => refText(s, lang)).join(zh ? "、" : "; ");
    notes.push(
      zh
        ? `${d.district}重复报送：采用 ${refText(d.kept, lang)}，未采用 ${dropped}。`
        : `${d.district} submitted more than once: used ${refText(d.kept, lang)}; not used ${dropped}.`,
    );
  }
  return notes;
}

/** The 备注 cell of a mid-term row: findings count and districts left out; details in its note. */
function remarksCell(row: EvaluationRow, lang: Lang): TableCell {
  const zh = lang === "zh";
  const parts: string[] = [];
  if (row.findingCount > 0) parts.push(zh ? `问题 ${row.findingCount} 条` : `${row.findingCount} finding(s)`);
  if (row.excluded.length > 0) {
    const names = row.excluded.map((e) => e.district).join(zh ? "、" : ", ");
    parts.push(zh ? `未计入：${names}` : `Left out: ${names}`);
  }
  const details: string[] = [];
  if (row.note) details.push(row.note[lang]);
  for (const e of row.excluded) details.push(zh ? `${e.district}：${e.reason}` : `${e.district}: ${e.reasonEn}`);
  return text(parts.join(zh ? "；" : "; ") || null, undefined, details.join("\n") || undefined);
}

function statusCell(row: EvaluationRow, lang: Lang): TableCell {
  const label = statusText(row.status, isNotConsolidated(row.indicator), lang);
  if (row.attention) {
    return text(lang === "zh" ? `${label}（${ATTENTION_INFO.zh}）` : `${label} (${ATTENTION_INFO.en})`, "attention");
  }
  return text(label, STATUS_INFO[row.status].style);
}

export interface MidtermOptions {
  lang?: Lang;
  /** Title row; default 民政事业发展规划中期评估表. */
  title?: string;
}

/** 中期评估表: one row per indicator grouped by 领域, the columns of §5, a column per district. */
export function buildMidtermTable(result: CompileResult, opts: MidtermOptions = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const zh = lang === "zh";
  const districts = districtColumns(result);
  const missing = new Set(result.completeness.missing);
  const title = opts.title ?? T.title[lang];
  const asOf = periodText(result.asOf, lang);
  const width = 10 + districts.length + 1;

  const fixed = [T.no, T.name, T.unit, T.type, T.baseline, T.target, T.actual, T.progress, T.timeProgress, T.status];
  const header: TableCell[] = [
    ...fixed.map((h) => text(h[lang], "header")),
    ...districts.map((d) => districtHeader(d, missing, lang)),
    text(T.remarks[lang], "header"),
  ];
  const submittedCount = districts.length - missing.size;
  const subtitle = zh
    ? `评估时点：截至${asOf}　　时间进度：${percentText(result.evaluation.timeProgress)}　　报送单位：${submittedCount} 个${missing.size ? `（未报送 ${missing.size} 个）` : ""}`
    : `As of ${asOf}    Time progress: ${percentText(result.evaluation.timeProgress)}    Reporting units: ${submittedCount}${missing.size ? ` (${missing.size} not submitted)` : ""}`;

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
        centred(text(TYPE_LABEL[ind.type][lang])),
        num(ind.baseline, fmt),
        num(ind.target, fmt),
        num(r.actual, fmt),
        num(r.progress, PERCENT),
        num(r.timeProgress, PERCENT),
        statusCell(r, lang),
        ...districts.map((d): TableCell => {
          const e = excludedHere.get(d);
          if (e) return { value: T.leftOut[lang], style: "finding-error", align: "center", note: zh ? e.reason : e.reasonEn };
          return num(r.perDistrict[d], fmt);
        }),
        remarksCell(r, lang),
      ]);
    }
  }

  rows.push([]);
  const notes = midtermNotes(result, lang);
  // Not merged: a long line runs on over the empty cells to its right (a merged cell would clip it).
  rows.push([{ value: T.notes[lang], style: "muted" }]);
  notes.forEach((line, i) => rows.push([{ value: `${i + 1}. ${line}`, style: "muted" }]));

  return {
    name: SHEET_NAMES.midterm,
    columns: [5, 32, 8, 8, 10, 10, 10, 10, 10, 17, ...districts.map(districtWidth), 30].map((w) => ({ width: w })),
    rows,
    headerRows: 3,
    frozenColumns: 2,
    print: { landscape: true, fitToWidth: true, header: zh ? `${title}（截至${asOf}）` : `${title} (as of ${asOf})` },
  };
}

// ---------------------------------------------------------------------------------------
// 分区数据

/** What the clerk wrote in a value cell, as the reader saw it (for values left out). */
function writtenValue(row: SubmissionRow | undefined): string | number | null {
  if (!row) return null;
  const r = row.reading;
  switch (r.kind) {
    case "number":
      return r.value;
    case "blank":
      return null;
    case "placeholder":
      return r.token;
    case "unit-mismatch":
      return `${r.value}${r.writtenUnit}`;
    case "not-a-number":
      return r.text;
  }
}

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

/** The note of a marked cell: each finding's message, with the clerk's 情况属实 reason. */
function findingsNote(findings: readonly Finding[], lang: Lang): string {
  return findings
    .map((f) => {
      const message = findingMessage(f, lang);
      if (!f.confirmation) return message;
      return lang === "zh" ? `${message}（${T.confirmation.zh}：${f.confirmation}）` : `${message} (${T.confirmation.en}: ${f.confirmation})`;
    })
    .join("\n");
}

/** 分区数据: rows indicators, columns districts, then the consolidated value; findings marked. */
export function buildDistrictMatrix(result: CompileResult, opts: { lang?: Lang } = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const districts = districtColumns(result);
  const missing = new Set(result.completeness.missing);
  const width = 3 + districts.length + 1;
  const byCell = findingsByCell(result);
  const submissionOf = new Map(result.submissions.map((s) => [s.district, s]));
  const valueOf = new Map(result.values.map((v) => [findingKey(v.district, v.indicator), v.value]));

  const rows: (TableCell | null)[][] = [
    [{ value: T.districtsTitle[lang], style: "title", colSpan: width }],
    [
      {
        value: lang === "zh" ? `截至${periodText(result.asOf, lang)}；标色单元格有问题，批注中有说明` : `As of ${periodText(result.asOf, lang)}; coloured cells have findings, explained in their notes`,
        style: "subtitle",
        colSpan: width,
      },
    ],
    [
      text(T.code[lang], "header"),
      text(T.name[lang], "header"),
      text(T.unit[lang], "header"),
      ...districts.map((d) => districtHeader(d, missing, lang)),
      text(T.city[lang], "header"),
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
          const written = usable ?? writtenValue(submissionOf.get(d)?.rows.find((row) => row.indicator === ind.code));
          const cell: TableCell = typeof written === "number" ? num(written, fmt) : { value: written, format: { kind: "text" } };
          if (findings.length === 0) return cell;
          const severe = findings.some((f) => f.severity === "error");
          return { ...cell, style: severe ? "finding-error" : "finding-warning", note: findingsNote(findings, lang) };
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
    print: {
      landscape: true,
      fitToWidth: true,
      header: lang === "zh" ? `${T.districtsTitle.zh}（${periodText(result.asOf, lang)}）` : `${T.districtsTitle.en} (${periodText(result.asOf, lang)})`,
    },
  };
}

// ---------------------------------------------------------------------------------------
// 问题清单

/** 问题清单: every finding with file, sheet and cell, and the clerk's 情况属实 reason. */
export function buildFindingsList(result: CompileResult, opts: { lang?: Lang } = {}): TableModel {
  const lang = opts.lang ?? "zh";
  const names = new Map(result.evaluation.rows.map((r) => [r.indicator.code, r.indicator.name]));
  const heads = [T.no, T.file, T.sheet, T.cell, T.district, T.code, T.name, T.category, T.severity, T.message, T.confirmation];
  const width = heads.length;
  const errors = result.findings.filter((f) => f.severity === "error").length;
  const rows: (TableCell | null)[][] = [
    [{ value: T.findingsTitle[lang], style: "title", colSpan: width }],
    [
      {
        value:
          lang === "zh"
            ? `截至${periodText(result.asOf, lang)}；共 ${result.findings.length} 条，其中错误 ${errors} 条（错误的数值不计入汇总）、提示 ${result.findings.length - errors} 条`
            : `As of ${periodText(result.asOf, lang)}; ${result.findings.length} finding(s): ${errors} error(s) (values left out of the consolidation), ${result.findings.length - errors} warning(s)`,
        style: "subtitle",
        colSpan: width,
      },
    ],
    heads.map((h) => text(h[lang], "header")),
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
      text(CATEGORY_INFO[f.category][lang]),
      text(SEVERITY_INFO[f.severity][lang], severityStyle),
      text(findingMessage(f, lang)),
      text(f.confirmation ?? null),
    ]);
  });
  if (result.findings.length === 0) rows.push([{ value: T.noFindings[lang], style: "muted", colSpan: width }]);

  return {
    name: SHEET_NAMES.findings,
    columns: [6, 18, 12, 8, 10, 10, 26, 11, 10, 56, 24].map((w) => ({ width: w })),
    rows,
    headerRows: 3,
    print: { landscape: true, fitToWidth: true, header: T.findingsTitle[lang] },
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
  const zh = lang === "zh";
  const width = 4;
  const asOf = periodText(result.asOf, lang);
  const rows: (TableCell | null)[][] = [
    [{ value: T.statementsTitle[lang], style: "title", colSpan: width }],
    [
      {
        value: zh
          ? `截至${asOf}；由中期评估表生成的表述草稿，供撰写评估报告时修改使用，数值以中期评估表为准`
          : `As of ${asOf}; drafted from the mid-term table for the evaluation report, to be edited; the table's figures prevail`,
        style: "subtitle",
        colSpan: width,
      },
    ],
    [text(T.no[lang], "header"), text(T.name[lang], "header"), text(T.status[lang], "header"), text(T.statement[lang], "header")],
    [{ value: T.overall[lang], style: "group", colSpan: width }],
    [{ value: overallStatement(result.evaluation, asOf, lang), colSpan: width }],
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
    print: { landscape: true, fitToWidth: true, header: zh ? `${T.statementsTitle.zh}（截至${asOf}）` : `${T.statementsTitle.en} (as of ${asOf})` },
  };
}

/** The result sheets of compile, in the order of the workbook. */
export function buildResultTables(result: CompileResult, opts: MidtermOptions = {}): TableModel[] {
  return [buildMidtermTable(result, opts), buildStatementsTable(result, opts), buildDistrictMatrix(result, opts), buildFindingsList(result, opts)];
}
