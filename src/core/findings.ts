/**
 * Findings (问题): the closed set of categories of reporting-conventions §6, and one table
 * of finding kinds, each with its category, default severity and message templates in
 * Chinese and English. Rules only pick a kind and fill its parameters; no message strings
 * live anywhere else.
 */

import type { Sheet } from "./model";

export const CATEGORIES = [
  "placeholder",
  "missing",
  "not-a-number",
  "out-of-range",
  "unit-mismatch",
  "inconsistent",
  "unknown-indicator",
  "duplicate",
  "structure",
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Severity = "error" | "warning";

export type Lang = "zh" | "en";

/** Title and description of each category, for the pane's filters and the docs. */
export const CATEGORY_INFO: Record<Category, { zh: string; en: string; description: string }> = {
  placeholder: { zh: "未填占位符", en: "Placeholder", description: "模板留下的占位符（x%、xx、待填…）、缺数字的量词或残缺年份" },
  missing: { zh: "缺报", en: "Missing", description: "规划中的指标在填报表中没有行或没有值" },
  "not-a-number": { zh: "非数值", en: "Not a number", description: "既不是数字也不是占位符的文字" },
  "out-of-range": { zh: "超出范围", en: "Out of range", description: "超出下限/上限、百分比超过100或计数为负" },
  "unit-mismatch": { zh: "单位不符", en: "Unit mismatch", description: "单元格中写的单位无法换算为指标单位" },
  inconsistent: { zh: "前后矛盾", en: "Inconsistent", description: "其中项大于合计等指标之间的矛盾" },
  "unknown-indicator": { zh: "未知指标", en: "Unknown indicator", description: "表中某行与规划中任何指标都对不上" },
  duplicate: { zh: "重复填报", en: "Duplicate", description: "同一指标在一张填报表中出现两次" },
  structure: { zh: "结构问题", en: "Structure", description: "缺填报单位、报告期或指标表，规划定义行无效，或工作表、单元格无法按文件格式读取" },
};

export const SEVERITY_INFO: Record<Severity, { zh: string; en: string }> = {
  error: { zh: "错误", en: "Error" },
  warning: { zh: "提示", en: "Warning" },
};

type Params = Record<string, string | number>;

interface KindDef {
  category: Category;
  severity: Severity;
  zh: string;
  en: string;
}

/**
 * Every kind of finding the engine can report. Templates use {name} parameters.
 * Common parameters: indicator (code), name (indicator name), text (cell text), unit.
 */
export const FINDING_KINDS = {
  "placeholder-value": {
    category: "placeholder", severity: "error",
    zh: "“{name}”的本期值是未填写的占位符“{text}”",
    en: "The value of “{name}” is an unfilled placeholder “{text}”",
  },
  "placeholder-text": {
    category: "placeholder", severity: "warning",
    zh: "文字中有未填写的占位符“{match}”：{context}",
    en: "The text holds an unfilled placeholder “{match}”: {context}",
  },
  "missing-number": {
    category: "placeholder", severity: "warning",
    zh: "文字中量词前缺少数字“{match}”：{context}",
    en: "A number is missing before a measure word “{match}”: {context}",
  },
  "truncated-year": {
    category: "placeholder", severity: "warning",
    zh: "文字中的年份不完整“{match}”：{context}",
    en: "A truncated year “{match}”: {context}",
  },
  "zero-placeholder": {
    category: "placeholder", severity: "error",
    zh: "“{name}”填了 0，该指标不可能为 0，可能是未填写",
    en: "“{name}” is 0, which this indicator cannot be: probably not filled in",
  },
  "missing-row": {
    category: "missing", severity: "error",
    zh: "缺少指标 {indicator}“{name}”",
    en: "Indicator {indicator} “{name}” is missing",
  },
  "missing-value": {
    category: "missing", severity: "error",
    zh: "“{name}”的本期值为空",
    en: "The value of “{name}” is blank",
  },
  "not-a-number": {
    category: "not-a-number", severity: "error",
    zh: "“{name}”的本期值“{text}”不是数值",
    en: "The value of “{name}”, “{text}”, is not a number",
  },
  "below-min": {
    category: "out-of-range", severity: "error",
    zh: "“{name}”的值 {value} 低于下限 {min}",
    en: "The value {value} of “{name}” is below the lower bound {min}",
  },
  "above-max": {
    category: "out-of-range", severity: "error",
    zh: "“{name}”的值 {value} 高于上限 {max}",
    en: "The value {value} of “{name}” is above the upper bound {max}",
  },
  "unit-mismatch": {
    category: "unit-mismatch", severity: "error",
    zh: "“{name}”的值“{text}”带单位“{written}”，无法换算为指标单位“{unit}”",
    en: "The value “{text}” of “{name}” is in “{written}”, which does not convert to “{unit}”",
  },
  "part-exceeds-total": {
    category: "inconsistent", severity: "error",
    zh: "其中项“{name}”({value}) 大于其合计“{totalName}”({total})",
    en: "The part “{name}” ({value}) exceeds its total “{totalName}” ({total})",
  },
  "unknown-indicator": {
    category: "unknown-indicator", severity: "warning",
    zh: "“{text}”与规划中的任何指标都对不上",
    en: "“{text}” matches no indicator of the plan",
  },
  "duplicate-same": {
    category: "duplicate", severity: "warning",
    zh: "指标“{name}”填报了两次（值相同，按一次计），另见 {other}",
    en: "“{name}” is reported twice with the same value (counted once); see also {other}",
  },
  "duplicate-different": {
    category: "duplicate", severity: "error",
    zh: "指标“{name}”填报了两次且值不同（{value} 与 {otherValue}），均不计入汇总，另见 {other}",
    en: "“{name}” is reported twice with different values ({value} and {otherValue}); neither counts; see also {other}",
  },
  "no-district": {
    category: "structure", severity: "error",
    zh: "工作表有指标表但没有“填报单位”，未作为填报表读取",
    en: "The sheet has an indicator table but no 填报单位 (reporting unit); not read as a submission",
  },
  "no-period": {
    category: "structure", severity: "error",
    zh: "缺少报告期或报告期“{text}”无法识别",
    en: "The report period is missing or unreadable: “{text}”",
  },
  "no-table": {
    category: "structure", severity: "error",
    zh: "工作表有“填报单位”但找不到指标表（需要“指标编码”或“指标名称”以及“本期值”列）",
    en: "The sheet names a reporting unit but has no indicator table (指标编码 or 指标名称, and 本期值)",
  },
  "no-submission": {
    category: "structure", severity: "error",
    zh: "文件中没有可识别的填报表",
    en: "The file holds no recognisable submission sheet",
  },
  "plan-row-invalid": {
    category: "structure", severity: "error",
    zh: "规划定义第 {row} 行“{column}”列无效：{reason}",
    en: "Plan definition row {row}, column “{column}” is invalid: {reasonEn}",
  },
  "plan-column-missing": {
    category: "structure", severity: "error",
    zh: "规划指标表缺少必需的列“{column}”（{columnEn}），无法读取指标",
    en: "The plan sheet lacks the required column “{column}” ({columnEn}); no indicator can be read",
  },
  "plan-no-header": {
    category: "structure", severity: "error",
    zh: "“{sheet}”表中找不到规划指标的表头行（需要“指标编码”“指标名称”“单位”“目标年”“目标值”等列）",
    en: "No header row in sheet “{sheet}” (columns 指标编码/code, 指标名称/name, 单位/unit, 目标年/targetYear, 目标值/target …)",
  },
  "plan-no-sheet": {
    category: "structure", severity: "error",
    zh: "工作簿中没有“规划指标”工作表",
    en: "The workbook has no 规划指标 (plan) sheet",
  },
  "plan-invalid-file": {
    category: "structure", severity: "error",
    zh: "规划文件无法读取：{reason}",
    en: "The plan file cannot be read: {reasonEn}",
  },
  "plan-empty": {
    category: "structure", severity: "error",
    zh: "规划中没有任何指标",
    en: "The plan holds no indicator",
  },
  // What the reader could not read (model.ts ReadProblem): a whole sheet, or one cell.
  "sheet-part-missing": {
    category: "structure", severity: "error",
    zh: "工作表“{sheet}”的数据部件缺失（{part}），未读取",
    en: "The data part of sheet “{sheet}” is missing ({part}); the sheet was not read",
  },
  "sheet-damaged": {
    category: "structure", severity: "error",
    zh: "工作表“{sheet}”的数据已损坏（{detail}），未读取",
    en: "The data of sheet “{sheet}” is damaged ({detailEn}); the sheet was not read",
  },
  "sheet-too-large": {
    category: "structure", severity: "error",
    zh: "工作表“{sheet}”超过读取上限（{limit}），未读取",
    en: "Sheet “{sheet}” exceeds a read limit ({limitEn}); it was not read",
  },
  "sheet-name-duplicate": {
    category: "structure", severity: "error",
    zh: "工作簿中已有名为“{sheet}”的工作表，同名的另一张工作表未读取",
    en: "The workbook already has a sheet named “{sheet}”; the other sheet of that name was not read",
  },
  "sheet-name-unusual": {
    category: "structure", severity: "warning",
    zh: "工作表名称“{sheet}”{why}，Excel 打开时可能修复或改名；已照常读取",
    en: "The sheet name “{sheet}” {whyEn}; Excel may repair or rename it when opening the file; it was read as it is",
  },
  "cell-duplicate": {
    category: "structure", severity: "error",
    zh: "单元格在文件中存了两次，值不同（“{first}”与“{second}”），均不采用",
    en: "The cell is stored twice in the file with different values (“{first}” and “{second}”); neither is used",
  },
  "row-duplicate": {
    category: "structure", severity: "error",
    zh: "第 {row} 行在文件中存了两次，本单元格两次的值不同（“{first}”与“{second}”），均不采用",
    en: "Row {row} is stored twice in the file and this cell differs (“{first}” and “{second}”); neither is used",
  },
  "cell-shared-string": {
    category: "structure", severity: "error",
    zh: "单元格引用的共享字符串 {index} 不存在（文件中共 {count} 个），未读取",
    en: "The cell refers to shared string {index}, which does not exist (the file has {count}); not read",
  },
  "cell-non-finite": {
    category: "structure", severity: "error",
    zh: "单元格中存的数“{text}”不是有限数值，未读取",
    en: "The cell stores “{text}”, which is not a finite number; not read",
  },
  "cell-date": {
    category: "structure", severity: "error",
    zh: "单元格中的日期“{text}”无法识别，未读取",
    en: "The date “{text}” in the cell cannot be read; not read",
  },
  "cell-type": {
    category: "structure", severity: "error",
    zh: "单元格的类型“{type}”与内容“{text}”不符，未读取",
    en: "The cell's type “{type}” does not fit its content “{text}”; not read",
  },
} satisfies Record<string, KindDef>;

/** The finding kinds of read problems (model.ts), which the reader attaches to sheets. */
export const READ_PROBLEM_KINDS = [
  "sheet-part-missing",
  "sheet-damaged",
  "sheet-too-large",
  "sheet-name-duplicate",
  "sheet-name-unusual",
  "cell-duplicate",
  "row-duplicate",
  "cell-shared-string",
  "cell-non-finite",
  "cell-date",
  "cell-type",
] as const satisfies readonly (keyof typeof FINDING_KINDS)[];
export type ReadProblemKind = (typeof READ_PROBLEM_KINDS)[number];

export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  /** File (workbook) name. */
  file: string;
  /** Sheet name; absent for a finding about a whole file. */
  sheet?: string;
  /** A1 address of the cell holding the problem; absent when the problem is an absence. */
  cell?: string;
  /** Indicator code, when known. */
  indicator?: string;
  /** 填报单位 of the submission, when known. */
  district?: string;
  kind: FindingKind;
  category: Category;
  severity: Severity;
  /** Chinese message. */
  message: string;
  /** English message. */
  messageEn: string;
  /** A clerk's confirmation (情况属实) of a warning, with the reason, when there is one. */
  confirmation?: string;
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Builds a finding of a kind: category, default severity and both messages from the table. */
export function makeFinding(
  kind: FindingKind,
  where: { file: string; sheet?: string; cell?: string; indicator?: string; district?: string },
  params: Params = {},
): Finding {
  const def: KindDef = FINDING_KINDS[kind];
  const f: Finding = {
    file: where.file,
    kind,
    category: def.category,
    severity: def.severity,
    message: fill(def.zh, params),
    messageEn: fill(def.en, params),
  };
  if (where.sheet !== undefined) f.sheet = where.sheet;
  if (where.cell !== undefined) f.cell = where.cell;
  if (where.indicator !== undefined) f.indicator = where.indicator;
  if (where.district !== undefined) f.district = where.district;
  return f;
}

/** The findings of a sheet's read problems (model.ts), each named after the sheet. */
export function readProblemFindings(sheet: Sheet, file: string, district?: string): Finding[] {
  return (sheet.problems ?? []).map((p) =>
    makeFinding(p.kind, { file, sheet: sheet.name, cell: p.cell, district }, { ...p.params, sheet: sheet.name }),
  );
}

/** The message in the requested language. */
export function findingMessage(f: Finding, lang: Lang): string {
  return lang === "en" ? f.messageEn : f.message;
}

/**
 * The findings whose cells get a mark (in the open workbook and on marked copies): a warning
 * the clerk confirmed (情况属实) gets none; a confirmed error is still marked, since a
 * confirmation never lifts an error.
 */
export function findingsToMark(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => !(f.confirmation !== undefined && f.severity === "warning"));
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
