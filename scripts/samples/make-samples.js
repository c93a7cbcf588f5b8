#!/usr/bin/env node
"use strict";
/**
 * Makes the bundled samples in examples/ (the embedded default of `npm run demo`):
 * a 13th-five-year-plan city like Huzhou in seeds/003 (plan 2016–2020, base year 2015,
 * report period 2018年6月), five expected reporting units, district workbooks with the
 * kinds of defects seeds/004 shows, and the ground truth of every planted defect.
 *
 *   node scripts/samples/make-samples.js        (needs soffice: LibreOffice headless)
 *
 * Writes examples/src/*.fods (the reviewable sources), examples/plan.xlsx,
 * examples/submissions/*.xlsx, examples/plan.json and examples/expected-findings.json.
 * Deterministic: no randomness at all.
 */
const fs = require("node:fs");
const path = require("node:path");
const { toFods, convertToXlsx } = require("./fods");
const { districtSheet } = require("./layout");

const ROOT = path.join(__dirname, "..", "..", "examples");

// ── The plan (规划指标, conventions §1) ─────────────────────────────────────────────────
// code, name, domain, unit, type, direction, baseline, target, min, max, aggregate, partOf, note
const P = [
  ["YL-POP", "60周岁以上老年人口数", "养老服务", "人", "预期性", "正向", 620000, 660000, 0, null, "求和", null, "比值指标的分母"],
  ["YL-01", "每千名老人拥有社会养老床位数", "养老服务", "张/千人", "约束性", "正向", 45, 50, 0, 200, "比值:YL-02/YL-POP×1000", null, "社会养老床位总数 / 老年人口 × 1000"],
  ["YL-02", "社会养老床位总数", "养老服务", "张", "预期性", "正向", 28000, 33500, 0, null, "求和", null, "含养老机构床位和居家养老服务照料中心床位"],
  ["YL-03", "养老机构床位数", "养老服务", "张", "预期性", "正向", 18000, 23000, 0, null, "求和", "YL-02", "其中项"],
  ["YL-04", "护理型床位占比", "养老服务", "%", "约束性", "正向", 30, 50, 0, 100, "加权平均:YL-03", null, "占养老机构床位的比例"],
  ["YL-05", "民办机构床位占比", "养老服务", "%", "预期性", "正向", 55, 70, 0, 100, "加权平均:YL-03", null, null],
  ["YL-06", "居家养老服务照料中心数", "养老服务", "个", "预期性", "正向", 850, 1200, 0, null, "求和", null, null],
  ["YL-07", "政府购买居家养老服务老人占比", "养老服务", "%", "预期性", "正向", 2.5, 3.5, 0, 100, "加权平均:YL-POP", null, "占老年人口的比例"],
  ["JZ-01", "城乡低保标准", "社会救助", "元/人/月", "约束性", "正向", 600, 800, 300, 3000, "最小", null, "取各县区中最低的标准"],
  ["JZ-02", "低保对象人数", "社会救助", "人", "预期性", "逆向", 36000, 34000, 0, null, "求和", "JZ-03", "其中项"],
  ["JZ-03", "低保及低保边缘对象人数", "社会救助", "人", "预期性", "逆向", 52000, 48000, 0, null, "求和", null, null],
  ["JZ-04", "低保对象占户籍人口比例", "社会救助", "%", "预期性", "逆向", 1.4, 1.2, 0, 100, "平均", null, null],
  ["JZ-05", "避灾安置场所数", "社会救助", "个", "预期性", "正向", 900, 1200, 0, null, "求和", null, null],
  ["JZ-06", "国家级减灾示范社区数", "社会救助", "个", "预期性", "正向", 40, 60, 0, null, "求和", null, null],
  ["SW-01", "火化率", "社会事务", "%", "约束性", "正向", 99.5, 100, 0, 100, "平均", null, null],
  ["SW-02", "节地生态安葬率", "社会事务", "%", "预期性", "正向", 60, 90, 0, 100, "平均", null, null],
  ["SW-03", "殡仪馆火化炉尾气排放改造率", "社会事务", "%", "预期性", "正向", 0, 100, 0, 100, "最大", null, null],
  ["ZZ-POP", "户籍人口数", "基层治理", "人", "预期性", "正向", 2620000, 2640000, 0, null, "求和", null, "比值指标的分母"],
  ["ZZ-01", "登记社会组织数", "基层治理", "家", "预期性", "正向", 1900, 2400, 0, null, "求和", null, null],
  ["ZZ-02", "每万人拥有社会组织数", "基层治理", "家", "预期性", "正向", 7.3, 9, 0, 100, "比值:ZZ-01/ZZ-POP×10000", null, null],
  ["ZZ-03", "村（居）委会换届选举参选率", "基层治理", "%", "预期性", "正向", 97, 98, 0, 100, "不汇总", null, "各县区分别评价"],
  ["SG-01", "持证社会工作者人数", "慈善社工", "人", "预期性", "正向", 700, 1500, 0, null, "求和", null, null],
  ["SG-02", "社会工作专业人才占户籍人口比例", "慈善社工", "‰", "预期性", "正向", 0.27, 0.55, 0, 1000, "比值:SG-01/ZZ-POP×1000", null, null],
  ["SG-03", "慈善资金募集额", "慈善社工", "万元", "预期性", "正向", null, 50000, 0, null, "求和", null, "2016年以来累计；无基期值"],
  ["SG-04", "专业社会工作服务机构数", "慈善社工", "家", "预期性", "正向", 25, 60, 0, null, "求和", null, null],
  ["YF-01", "退役士兵自主就业率", "优抚安置", "%", "约束性", "正向", 94, 94, 0, 100, "最小", null, "保持在94%以上"],
  ["YF-02", "重点优抚对象抚恤补助金发放额", "优抚安置", "万元", "预期性", "正向", 9000, 11000, 0, null, "求和", null, "当年发放额"],
];
const PLAN_COLUMNS = ["指标编码", "指标名称", "领域", "单位", "属性", "方向", "基期年", "基期值", "目标年", "目标值", "下限", "上限", "汇总方式", "包含于", "说明"];
const UNITS = ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县"];
const indicators = P.map(([code, name, domain, unit, type, direction, baseline, target, min, max, aggregate, partOf, note]) => ({
  code, name, domain, unit, type, direction, baseYear: 2015, baseline, targetYear: 2020, target, min, max, aggregate, partOf, note,
}));

// English aliases of 汇总方式 for plan.json (conventions §4); the sheet uses the Chinese form.
function aggregateAlias(a) {
  return a
    .replace(/^求和$/, "sum").replace(/^平均$/, "mean").replace(/^最小$/, "min").replace(/^最大$/, "max").replace(/^不汇总$/, "none")
    .replace(/^加权平均:/, "weighted:").replace(/^比值:(.*)×/, "ratio:$1*");
}

// ── District values: the city story of seeds/003 (≈59 beds per 1000 elderly, 39467 beds,
// 32800 低保对象 = 3.28万人, 2483 social organisations ≈ 9.4 per 10000, 1341 social workers).
// Order: 吴兴区, 南浔区, 德清县, 长兴县, 安吉县.
const V = {
  "YL-POP": [150000, 130000, 115000, 160000, 115000],
  "YL-01": [59.3, 58.5, 60, 58.8, 58],
  "YL-02": [8900, 7600, 6900, 9400, 6667],
  "YL-03": [5700, 4800, 4400, 6000, 4197],
  "YL-04": [48, 45, 52, 50, 46],
  "YL-05": [80, 75, 82, 77, 76],
  "YL-06": [260, 240, 200, 290, 217],
  "YL-07": [3.9, 3.6, 4.1, 3.7, 3.8],
  "JZ-01": [738, 738, 681, 681, 681],
  "JZ-02": [7200, 6100, 5600, 7900, 6000],
  "JZ-03": [10200, 8700, 7900, 11100, 8400],
  "JZ-04": [1.16, 1.26, 1.27, 1.24, 1.28],
  "JZ-05": [270, 230, 220, 290, 222],
  "JZ-06": [12, 9, 10, 13, 10],
  "SW-01": [100, 100, 99.9, 100, 99.8],
  "SW-02": [99, 98.5, 99.5, 99, 99],
  "SW-03": [50, 40, 60, 50, 45],
  "ZZ-POP": [620000, 485000, 440000, 635000, 470000],
  "ZZ-01": [600, 430, 440, 560, 453],
  "ZZ-02": [9.7, 8.9, 10, 8.8, 9.6],
  "ZZ-03": [99.2, 98.8, 99.5, 98.6, 99.1],
  "SG-01": [350, 230, 250, 300, 211],
  "SG-02": [0.56, 0.47, 0.57, 0.47, 0.45],
  "SG-03": [7800, 5600, 6200, 7500, 5500],
  "SG-04": [16, 11, 12, 14, 10],
  "YF-01": [96, 95, 95.5, 94.5, 95],
  "YF-02": [2300, 1900, 1700, 2400, 1800],
};

/**
 * One district sheet. `edits` per code: { value?, remark?, defect?, remarkDefect?, reading? }
 *   defect / remarkDefect: the category the value / remark cell must be reported under;
 *   reading: the number a valid but unusual notation must be read as (no finding).
 * `drop`: codes whose row is missing; `extra`: rows inserted after a code's row.
 */
function district(d, spec) {
  const idx = UNITS.indexOf(d);
  const items = [];
  const meta = [];
  for (const ind of indicators) {
    if (spec.drop?.includes(ind.code)) continue;
    const e = spec.edits?.[ind.code] ?? {};
    const v = V[ind.code][idx];
    items.push({
      code: ind.code, name: ind.name, unit: ind.unit,
      prev: ind.unit === "%" || ind.unit === "‰" || ind.unit.includes("/") ? v : Math.round(v * 0.94),
      value: "value" in e ? e.value : v,
      remark: e.remark ?? spec.remarks?.[ind.code] ?? null,
    });
    meta.push({ indicator: ind.code, ...e });
    for (const x of spec.extra?.[ind.code] ?? []) {
      items.push({ unit: ind.unit, prev: null, remark: null, ...x.item });
      meta.push(x.meta);
    }
  }
  const layout = districtSheet({
    title: spec.title,
    mergeTitle: spec.mergeTitle,
    district: spec.noDistrict ? null : d,
    form: spec.form,
    period: spec.period,
    filler: spec.filler,
    phone: spec.phone,
    blankRows: spec.blankRows,
    columns: spec.columns ?? ["code", "name", "unit", "value", "remark"],
    items,
  });
  // Values that refer to other cells (formulas) are filled in once the layout is known.
  const cellOf = (code) => layout.cells[meta.findIndex((m) => m.indicator === code)].value;
  const valueCol = (spec.columns ?? ["code", "name", "unit", "value", "remark"]).indexOf("value");
  const firstRow = layout.rows.length - items.length;
  items.forEach((item, i) => {
    if (typeof item.value !== "function") return;
    const cell = item.value(cellOf);
    layout.rows[firstRow + i][valueCol] = cell;
    meta[i].readingText = cell.formula.replace(/^of:/, "").replace(/\[\.([A-Z]+\d+)\]/g, "$1");
  });
  return { layout, meta };
}

const findings = [];
const readings = [];
const files = []; // { name, dir, sheets }

function addWorkbook(name, dir, sheets) {
  files.push({ name, dir, sheets });
}

/** Records the ground truth of one district sheet. */
function truth(file, sheet, d, { layout, meta }, spec) {
  meta.forEach((m, i) => {
    const at = layout.cells[i];
    // An unknown row is reported on its 指标编码 cell; every other defect on the value cell.
    if (m.defect) findings.push({ file, sheet, cell: m.defect === "unknown-indicator" ? at.code : at.value, indicator: m.indicator ?? null, category: m.defect, severity: m.severity ?? "error", note: m.note });
    if (m.remarkDefect) findings.push({ file, sheet, cell: at.remark, indicator: m.indicator ?? null, category: m.remarkDefect, severity: "warning", note: m.remarkNote });
    if (m.reading !== undefined) readings.push({ file, sheet, cell: at.value, indicator: m.indicator, text: m.readingText, value: m.reading });
  });
  for (const code of spec.drop ?? []) findings.push({ file, sheet, cell: null, indicator: code, category: "missing", severity: "error", note: "指标行缺失" });
}

function sheetOf(name, built) {
  return { name, rows: built.layout.rows, widths: built.layout.widths };
}

const TITLE = "湖州市民政事业发展“十三五”规划指标填报表";
const indName = (c) => indicators.find((i) => i.code === c).name;

// 吴兴区: label and value in two cells, a title row merged across the table, report period 2018年6月, a 说明 sheet.
{
  const spec = {
    title: TITLE, mergeTitle: true, form: "split", period: "2018年6月", filler: "沈晓燕", phone: "0572-2039876",
    remarks: { "YL-02": "含机构床位与照料中心床位", "SG-03": "2016年以来累计", "JZ-01": "市区标准" },
    edits: {
      "YL-01": { value: "约59张", reading: 59, readingText: "约59张" },
      // A formula adding the 照料中心 beds to the 养老机构床位数 cell; LibreOffice computes it.
      "YL-02": { value: (cellOf) => ({ formula: `of:=[.${cellOf("YL-03")}]+3200`, value: 8900 }), reading: 8900, remark: "机构床位加照料中心床位3200张" },
      "YL-04": { value: "x%", defect: "placeholder", note: "占位符 x%" },
      "YL-06": { remark: "建成综合照料中心家，实现城乡社区全覆盖", remarkDefect: "placeholder", remarkNote: "量词前缺数字" },
      "JZ-02": { value: "0.72万人", reading: 7200, readingText: "0.72万人" },
      "JZ-05": { value: "待填", defect: "placeholder", note: "占位符 待填" },
      "SW-01": { value: "99%以上", reading: 99, readingText: "99%以上" },
      "SG-03": { remark: "完成考核目标的x%", remarkDefect: "placeholder", remarkNote: "备注中的占位符" },
    },
    extra: {
      "ZZ-03": [{ item: { code: "ZZ-09", name: "社区社会组织备案数", unit: "家", value: 320 }, meta: { indicator: null, defect: "unknown-indicator", severity: "warning", note: "规划中没有的指标" } }],
    },
  };
  const built = district("吴兴区", spec);
  truth("吴兴区.xlsx", "吴兴区", "吴兴区", built, spec);
  const notes = {
    name: "填报说明",
    rows: [
      ["填报说明"],
      ["1. 本表按《湖州市民政事业发展“十三五”规划》指标填报，报告期为2018年6月。"],
      ["2. 本期值填写截至报告期末的数值，比例类指标填写百分数。"],
      ["3. 有特殊情况请在备注栏说明。"],
    ],
    widths: [20],
  };
  addWorkbook("吴兴区", "submissions", [sheetOf("吴兴区", built), notes]);
}

// 南浔区: "填报单位：南浔区" in one cell, 2018-06, 指标名称 before 指标编码; a missing row, a blank
// value, a duplicate with the same value; an older submission (2017年) in a second file.
{
  const spec = {
    form: "joined", period: "2018-06", filler: "费建国", phone: "0572-3012345",
    columns: ["name", "code", "unit", "value", "remark"],
    remarks: { "YL-02": "其中照料中心床位2800张" },
    edits: {
      "YL-04": { value: "59张", defect: "unit-mismatch", note: "% 指标写了“张”" },
      "YL-05": { value: "７５％", reading: 75, readingText: "７５％" },
      "YL-07": { value: { pct: 0.036 }, reading: 3.6, readingText: "3.6%（百分比格式，存为0.036）" },
      "JZ-04": { value: "暂无统计", defect: "not-a-number" },
      "JZ-05": { remark: "到201年实现乡镇（街道）全覆盖", remarkDefect: "placeholder", remarkNote: "年份不完整" },
      "SG-01": { value: "xx", defect: "placeholder" },
      "SW-03": { value: null, defect: "missing", note: "本期值为空" },
    },
    drop: ["ZZ-03"],
    extra: {
      "SG-02": [{ item: { code: "SG-02", name: indName("SG-02"), unit: "‰", value: 0.47 }, meta: { indicator: "SG-02", defect: "duplicate", severity: "warning", note: "重复填报，值相同" } }],
    },
  };
  const built = district("南浔区", spec);
  truth("南浔区.xlsx", "填报表", "南浔区", built, spec);
  addWorkbook("南浔区", "submissions", [sheetOf("填报表", built)]);

  const older = { form: "joined", period: "2017年", filler: "费建国", phone: "0572-3012345", columns: ["name", "code", "unit", "value", "remark"] };
  const oldBuilt = district("南浔区", older);
  oldBuilt.layout.rows.forEach((row) => {
    // 2017 figures: counts a little lower than mid-2018.
    if (typeof row[3] === "number" && row[3] > 1000) row[3] = Math.round(row[3] * 0.95);
  });
  addWorkbook("南浔区（2017年报）", "submissions", [sheetOf("2017年", oldBuilt)]);
}

// 德清县: two cells, 2018年上半年, an extra 上期值 column; out-of-range values, a dash, a
// duplicate with different values.
{
  const spec = {
    form: "split", period: "2018年上半年", filler: "姚丽萍", phone: "0572-8421133", blankRows: 2,
    columns: ["code", "name", "unit", "prev", "value", "remark"],
    remarks: { "SW-02": "全国树葬试点" },
    edits: {
      "YL-03": { remark: "公建民营的养老机构家", remarkDefect: "placeholder", remarkNote: "量词前缺数字" },
      "YL-06": { value: -12, defect: "out-of-range", note: "计数为负" },
      "JZ-01": { value: "—", defect: "placeholder" },
      "JZ-03": { value: "0.79万人", reading: 7900, readingText: "0.79万人" },
      "SW-01": { value: 120, defect: "out-of-range", note: "百分比超过100" },
      "YF-01": { value: { pct: 0.955 }, reading: 95.5, readingText: "95.5%（百分比格式，存为0.955）" },
    },
    extra: {
      "ZZ-01": [{ item: { code: "ZZ-01", name: indName("ZZ-01"), unit: "家", value: 446 }, meta: { indicator: "ZZ-01", defect: "duplicate", severity: "error", note: "重复填报，值不同（440 与 446）" } }],
    },
  };
  const built = district("德清县", spec);
  truth("德清县.xlsx", "德清县", "德清县", built, spec);
  addWorkbook("德清县", "submissions", [sheetOf("德清县", built)]);
}

// 长兴县: one-cell labels, a part larger than its total, 万-scaled values, and a second sheet
// with an indicator table but no 填报单位.
{
  const spec = {
    form: "joined", period: "2018年6月", filler: "钱伟", phone: "0572-6022018", blankRows: 2,
    remarks: { "SW-01": "全国殡葬综合改革试点" },
    edits: {
      "YL-POP": { value: "16万人", reading: 160000, readingText: "16万人" },
      "YL-03": { value: 9600, defect: "inconsistent", note: "养老机构床位数大于社会养老床位总数（9400）" },
      "JZ-03": { value: "1.11万人", reading: 11100, readingText: "1.11万人" },
      "SG-01": { value: "约300人", reading: 300, readingText: "约300人" },
      "SG-04": { value: "/", defect: "placeholder" },
      // A lone 0 where the plan says the indicator cannot be 0 (下限 300).
      "JZ-01": { value: 0, defect: "placeholder", note: "下限为300的指标填了0" },
      "SG-03": { value: "0.75亿元", reading: 7500, readingText: "0.75亿元" },
    },
  };
  const built = district("长兴县", spec);
  truth("长兴县.xlsx", "长兴县", "长兴县", built, spec);
  const draftSpec = { noDistrict: true, form: "split", period: "2018年6月", filler: "钱伟", phone: "0572-6022018" };
  const draft = district("长兴县", draftSpec);
  findings.push({ file: "长兴县.xlsx", sheet: "汇总草稿", cell: null, indicator: null, category: "structure", severity: "error", note: "有指标表但没有填报单位" });
  addWorkbook("长兴县", "submissions", [sheetOf("长兴县", built), sheetOf("汇总草稿", draft)]);
}

// 安吉县: mostly clean; one text value, one placeholder in a remark.
{
  const spec = {
    form: "split", period: "2018年6月", filler: "潘志明", phone: "0572-5128866",
    remarks: { "JZ-01": "三县统一标准", "ZZ-01": "比上年增加23家" },
    edits: {
      "YF-02": { value: "见附表", defect: "not-a-number" },
      "SG-03": { remark: "第x次春风行动募集资金", remarkDefect: "placeholder", remarkNote: "备注中的占位符" },
      "JZ-04": { value: "1.28%", reading: 1.28, readingText: "1.28%" },
      "ZZ-02": { value: "9.6家", reading: 9.6, readingText: "9.6家" },
      "SW-02": { value: "99％", reading: 99, readingText: "99％" },
      "YL-06": { value: "217个", reading: 217, readingText: "217个" },
      "YL-02": { value: "6,667", reading: 6667, readingText: "6,667" },
    },
  };
  const built = district("安吉县", spec);
  truth("安吉县.xlsx", "安吉县", "安吉县", built, spec);
  addWorkbook("安吉县", "submissions", [sheetOf("安吉县", built)]);
}

// ── The plan workbook ────────────────────────────────────────────────────────────────
addWorkbook("plan", ".", [
  {
    name: "规划指标",
    rows: [PLAN_COLUMNS, ...indicators.map((i) => [
      i.code, i.name, i.domain, i.unit, i.type, i.direction, i.baseYear, i.baseline, i.targetYear, i.target, i.min, i.max, i.aggregate, i.partOf, i.note,
    ])],
    widths: [1.8, 7, 2, 2, 1.6, 1.4, 1.4, 1.8, 1.4, 1.8, 1.4, 1.4, 4.5, 1.6, 6],
  },
  { name: "填报单位", rows: [["填报单位"], ...UNITS.map((u) => [u])], widths: [3] },
]);

function main() {
  fs.mkdirSync(path.join(ROOT, "src"), { recursive: true });
  const byDir = new Map();
  for (const f of files) {
    const src = path.join(ROOT, "src", `${f.name}.fods`);
    fs.writeFileSync(src, toFods({ sheets: f.sheets }));
    if (!byDir.has(f.dir)) byDir.set(f.dir, []);
    byDir.get(f.dir).push(src);
  }
  for (const [dir, srcs] of byDir) convertToXlsx(srcs, path.join(ROOT, dir));

  const planJson = {
    title: "湖州市民政事业发展“十三五”规划（示例）",
    indicators: indicators.map((i) => {
      const o = { ...i, aggregate: aggregateAlias(i.aggregate) };
      for (const k of Object.keys(o)) if (o[k] === null) delete o[k];
      return o;
    }),
    units: UNITS,
  };
  fs.writeFileSync(path.join(ROOT, "plan.json"), JSON.stringify(planJson, null, 2) + "\n");
  const expected = {
    description: "examples/ 中人为设置的问题（ground truth）。cell 为 null 表示关于“缺失”的问题（缺行、缺填报单位）。readings 是写法特殊但有效、不应报告问题的值，value 为换算到指标单位后的数。",
    plan: "plan.xlsx",
    submissions: files.filter((f) => f.dir === "submissions").map((f) => `${f.name}.xlsx`),
    completeness: { expected: UNITS, notSubmitted: [], submittedTwice: [{ district: "南浔区", files: ["南浔区.xlsx", "南浔区（2017年报）.xlsx"], periods: ["2018-06", "2017年"], kept: "南浔区.xlsx" }] },
    findings,
    readings,
  };
  fs.writeFileSync(path.join(ROOT, "expected-findings.json"), JSON.stringify(expected, null, 2) + "\n");
  console.log(`examples: ${files.length} workbooks, ${findings.length} planted defects, ${readings.length} valid notations`);
}

main();
