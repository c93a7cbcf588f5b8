#!/usr/bin/env node
"use strict";
/**
 * Deterministic generator of a plan and district workbooks with planted defects and their
 * ground truth — for tests, the accuracy measurement (scripts/measure-accuracy.js) and the
 * benchmark. Same seed, same options → the same files (no Math.random).
 *
 *   node scripts/gen-submissions.js --indicators 40 --districts 6 --seed 7 --defect-rate 0.1 --out DIR
 *                                   [--engine libreoffice|exceljs]
 *
 * Writes DIR/plan.xlsx + DIR/plan.json, DIR/<district>.xlsx, and DIR/truth.json:
 *   { defects: [{ file, sheet, cell, indicator, category, severity, related? }],
 *     cleanCells, ... }
 * cell is null for a defect about an absence (a missing row, a sheet without 填报单位); a
 * structure defect with a cell is an unreadable 报告期 (the sheet is then not a submission);
 * related is the first occurrence of a duplicate. cleanCells counts the value cells and the
 * non-empty remark cells that carry no planted defect. values: [{ file, district, indicator,
 * value }] is what each district should contribute to consolidation (null when an error
 * finding blocks it), in the indicator's unit; every submission's report period is 2018-06.
 *
 * The default engine writes .fods sources (DIR/src) and converts them with LibreOffice in
 * batches; --engine exceljs writes .xlsx directly (only for the big benchmark set, where
 * LibreOffice takes long).
 */
const fs = require("node:fs");
const path = require("node:path");
const { Command, Option } = require("commander");
const { toFods, convertToXlsx, writeXlsxWithExcelJS } = require("./samples/fods");
const { districtSheet } = require("./samples/layout");

/** mulberry32: a small seeded PRNG. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

const round = (v, d) => Number(v.toFixed(d));

// ── The plan ────────────────────────────────────────────────────────────────────────────
// One group of related indicators; N indicators are the first N of groups 1, 2, 3 …
// gen(ctx, rnd) gives one district's value from the group's earlier values.
const GROUP = [
  { key: "POP", name: "户籍人口数", domain: "基层治理", unit: "人", agg: "求和", dec: 0, min: 0, gen: (c, r) => r.int(2000, 9000) * 100 },
  { key: "ELD", name: "60周岁以上老年人口数", domain: "养老服务", unit: "人", agg: "求和", dec: 0, min: 0, gen: (c, r) => Math.round((c.POP * (0.2 + r.next() * 0.08)) / 100) * 100 },
  { key: "BED", name: "社会养老床位总数", domain: "养老服务", unit: "张", agg: "求和", dec: 0, min: 0, gen: (c, r) => Math.round(c.ELD * (0.05 + r.next() * 0.015)) },
  { key: "NUR", name: "护理型床位数", domain: "养老服务", unit: "张", agg: "求和", partOf: "BED", dec: 0, min: 0, gen: (c, r) => Math.round(c.BED * (0.3 + r.next() * 0.3)) },
  { key: "BPK", name: "每千名老人拥有社会养老床位数", domain: "养老服务", unit: "张/千人", agg: "比值:BED/ELD×1000", type: "约束性", dec: 1, min: 0, max: 200, gen: (c) => round((c.BED / c.ELD) * 1000, 1) },
  { key: "NRT", name: "护理型床位占比", domain: "养老服务", unit: "%", agg: "加权平均:BED", type: "约束性", dec: 1, min: 0, max: 100, gen: (c) => round((c.NUR / c.BED) * 100, 1) },
  { key: "CRE", name: "火化率", domain: "社会事务", unit: "%", agg: "平均", type: "约束性", dec: 1, min: 0, max: 100, gen: (c, r) => round(95 + r.next() * 5, 1) },
  { key: "STD", name: "城乡低保标准", domain: "社会救助", unit: "元/人/月", agg: "最小", dec: 0, min: 300, max: 3000, gen: (c, r) => r.int(600, 900) },
  { key: "DIB", name: "低保对象人数", domain: "社会救助", unit: "人", agg: "求和", dir: "逆向", dec: 0, min: 0, gen: (c, r) => Math.round((c.POP * (0.01 + r.next() * 0.004)) / 100) * 100 },
  { key: "ORG", name: "登记社会组织数", domain: "基层治理", unit: "家", agg: "求和", dec: 0, min: 0, gen: (c, r) => Math.round((c.POP / 10000) * (8 + r.next() * 2)) },
  { key: "SGP", name: "社会工作专业人才占户籍人口比例", domain: "慈善社工", unit: "‰", agg: "平均", dec: 2, min: 0, max: 1000, gen: (c, r) => round(0.3 + r.next() * 0.4, 2) },
  { key: "CHA", name: "慈善资金募集额", domain: "慈善社工", unit: "万元", agg: "求和", dec: 1, min: 0, gen: (c, r) => round(2000 + r.next() * 12000, 1) },
  { key: "CEN", name: "居家养老服务照料中心数", domain: "养老服务", unit: "个", agg: "最大", dec: 0, min: 0, gen: (c, r) => r.int(40, 320) },
  { key: "VOT", name: "村（居）委会换届选举参选率", domain: "基层治理", unit: "%", agg: "不汇总", dec: 1, min: 0, max: 100, gen: (c, r) => round(96 + r.next() * 4, 1) },
  { key: "JOB", name: "退役士兵自主就业率", domain: "优抚安置", unit: "%", agg: "最小", type: "约束性", dec: 1, min: 0, max: 100, gen: (c, r) => round(94 + r.next() * 5, 1) },
];

function makePlan(n) {
  const indicators = [];
  for (let g = 1; indicators.length < n; g++) {
    const codeOf = (key) => `G${g}-${key}`;
    for (const t of GROUP) {
      if (indicators.length >= n) break;
      const have = (key) => indicators.some((i) => i.code === codeOf(key));
      let agg = t.agg.replace(/\b([A-Z]{3})\b/g, (k) => codeOf(k));
      const refs = [...t.agg.matchAll(/\b([A-Z]{3})\b/g)].map((m) => m[1]);
      if (!refs.every(have)) agg = t.unit === "%" || t.unit.includes("/") ? "平均" : "求和";
      const typical = { 人: 50000, 张: 3000, "张/千人": 55, "%": 80, "元/人/月": 700, 家: 400, "‰": 0.5, 万元: 6000, 个: 150 }[t.unit];
      const k = indicators.length;
      const baseline = k % 7 === 5 ? null : round(typical * 0.8, t.dec);
      const target = k % 11 === 6 && baseline !== null ? baseline : round(typical * 1.1, t.dec);
      indicators.push({
        code: codeOf(t.key),
        name: `${t.name}（${g}）`,
        domain: t.domain,
        unit: t.unit,
        type: t.type ?? "预期性",
        direction: t.dir ?? "正向",
        baseYear: 2015,
        baseline,
        targetYear: 2020,
        target,
        min: t.min ?? null,
        max: t.max ?? null,
        aggregate: agg,
        partOf: t.partOf && have(t.partOf) ? codeOf(t.partOf) : null,
        note: null,
        key: t.key,
        group: g,
        dec: t.dec,
        gen: t.gen,
      });
    }
  }
  return indicators;
}

const PLAN_COLUMNS = ["指标编码", "指标名称", "领域", "单位", "属性", "方向", "基期年", "基期值", "目标年", "目标值", "下限", "上限", "汇总方式", "包含于", "说明"];
const PLAN_KEYS = ["code", "name", "domain", "unit", "type", "direction", "baseYear", "baseline", "targetYear", "target", "min", "max", "aggregate", "partOf", "note"];

// ── District names ──────────────────────────────────────────────────────────────────────
const SYL = ["东", "西", "南", "北", "安", "长", "德", "清", "吉", "兴", "湖", "山", "平", "阳", "江", "海", "宁", "和", "丰", "泰"];
function districtNames(m, rnd) {
  const names = new Set();
  while (names.size < m) {
    const a = rnd.pick(SYL);
    const b = rnd.pick(SYL);
    if (a !== b) names.add(`${a}${b}${rnd.pick(["区", "县"])}`);
    if (names.size < m && names.size >= SYL.length * (SYL.length - 1) * 2 - 1) throw new Error("too many districts");
  }
  return [...names];
}

// ── Notations (conventions §3) ──────────────────────────────────────────────────────────
const FULL = { 0: "０", 1: "１", 2: "２", 3: "３", 4: "４", 5: "５", 6: "６", 7: "７", 8: "８", 9: "９", ".": "．", "%": "％" };
const unitWord = (unit) => (unit === "张/千人" ? "张" : unit);
const fmt = (v, dec) => v.toFixed(dec).replace(/\.?0+$/, (m) => (m.startsWith(".") || dec > 0 ? "" : m));

/** A valid way to write v (already in the indicator's unit); returns [cell, notation]. */
function cleanNotation(ind, v, rnd) {
  const s = ind.dec > 0 ? fmt(v, ind.dec) : String(v);
  const u = unitWord(ind.unit);
  const options = ["number", "number", "number", "text", "unit", "approx", "fullwidth"];
  if (ind.unit === "%") options.push("percent-format", "percent-format", "at-least", "more-than", "fullwidth-sign");
  if (["张", "人", "个", "家"].includes(ind.unit)) options.push("at-least", "no-less-than", "more-than");
  if (ind.unit === "张" && v >= 10000 && v % 100 === 0) options.push("wan");
  if (ind.unit === "人" && v >= 10000 && v % 100 === 0) options.push("wan", "wan");
  if (ind.unit === "万元" && v >= 1000) options.push("yi");
  if (Number.isInteger(v) && v >= 1000) options.push("comma");
  if (Number.isInteger(v) && v >= 10) options.push("formula");
  const n = rnd.pick(options);
  switch (n) {
    case "number": return [v, n];
    case "text": return [rnd.chance(0.3) ? ` ${s} ` : s, n];
    case "unit": return [`${s}${u}`, n];
    case "approx": return [`约${s}${rnd.chance(0.5) ? u : ""}`, n];
    case "fullwidth": return [[...`${s}${ind.unit === "%" ? "%" : ""}`].map((ch) => FULL[ch] ?? ch).join(""), n];
    case "percent-format": return [{ pct: round(v / 100, ind.dec + 2), decimals: ind.dec }, n];
    case "at-least": return [`${s}${u}以上`, n];
    case "no-less-than": return [`不少于${s}${u}`, n];
    case "more-than": return [`超过${s}${u}`, n];
    case "fullwidth-sign": return [`${s}％`, n];
    case "wan": return [`${v / 10000}万${u}`, n];
    case "yi": return [`${round(v / 10000, 6)}亿元`, n];
    case "comma": return [String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ","), n];
    case "formula": {
      const a = rnd.int(1, v - 1);
      return [{ formula: `of:=${a}+${v - a}`, value: v }, n];
    }
  }
  throw new Error(n);
}

const CLEAN_REMARKS = ["数据来源：民政统计月报", "含民办机构", "较上年有所增长", "已提前完成规划目标", "按统计口径填报", "市区标准", "全国试点地区", "与统计年报一致"];
const cleanRemark = (rnd) => {
  const r = rnd.int(0, CLEAN_REMARKS.length + 2);
  if (r < CLEAN_REMARKS.length) return CLEAN_REMARKS[r];
  if (r === CLEAN_REMARKS.length) return `比上年增加${rnd.int(2, 60)}家`;
  if (r === CLEAN_REMARKS.length + 1) return `截至2018年6月底，其中农村${rnd.int(3, 90)}个`;
  if (r === CLEAN_REMARKS.length + 2 && rnd.chance(0.5)) return `2016年以来累计减免${rnd.int(2, 9)}.${rnd.int(1, 9)}万余人`;
  return `2017年为${rnd.int(100, 900)}`;
};
const REMARK_DEFECTS = ["完成考核目标的x%", "建成综合照料中心家", "公建民营的养老机构家", "新增床位x张，均为护理型床位", "到201年实现全覆盖", "圆满完成第x次春风行动", "共救助困难家庭x余户", "发放救助金x余万元"];
const VALUE_PLACEHOLDERS = ["x", "xx", "X", "待填", "待定", "TBD", "?", "？", "—", "-", "/", "N/A", "#N/A", "××"];
const NOT_NUMBERS = ["暂无统计", "见附表", "详见说明", "良好", "统计中", "按计划推进"];
const MISMATCH = { "%": ["张", "人", "个"], "‰": ["张", "万元"], 张: ["%", "万元", "人"], "张/千人": ["%", "万元"], 人: ["张", "万元", "%"], 个: ["万元", "%"], 家: ["万元", "%"], 万元: ["张", "人", "%"], "元/人/月": ["张", "%"] };
const UNKNOWN_NAMES = ["社区社会组织备案数", "婚姻登记机关等级评定数", "地名标志设置数", "福利彩票销售额", "养老护理员持证率", "志愿服务时长"];

/** A defect of a category in a value cell: [cell, note]. */
function defectValue(cat, ind, v, rnd) {
  const s = ind.dec > 0 ? fmt(v, ind.dec) : String(v);
  switch (cat) {
    case "placeholder": {
      const extra = ind.unit === "%" ? ["x%", "xx%"] : ind.unit === "人" ? ["x万人"] : ind.unit === "万元" ? ["x余万元", "超x万元"] : [];
      // A lone 0 is a placeholder where the plan says the indicator cannot be 0 (下限 > 0).
      if (ind.min > 0) extra.push(0, 0);
      return [rnd.pick([...VALUE_PLACEHOLDERS, ...extra]), "placeholder"];
    }
    case "not-a-number": return [rnd.pick(NOT_NUMBERS), "not-a-number"];
    case "blank": return [null, "blank"];
    case "unit-mismatch": return [`${s}${rnd.pick(MISMATCH[ind.unit])}`, "unit-mismatch"];
    case "out-of-range": {
      if (ind.unit === "%") {
        const big = rnd.int(101, 180);
        return [rnd.pick([big, `${big}%`, { pct: big / 100, decimals: 0 }, [...`${big}%`].map((ch) => FULL[ch]).join("")]), "above 100%"];
      }
      if (ind.min > 0 && rnd.chance(0.5)) return [round(v / 10, 1), "below min"];
      if (ind.max !== null) return [round(ind.max * (2 + rnd.next() * 8), ind.dec), "above max"];
      return [-rnd.int(1, 500), "negative"];
    }
  }
  throw new Error(cat);
}

// ── One district workbook ───────────────────────────────────────────────────────────────
function makeDistrict(name, indicators, rate, rnd, counter) {
  const file = `${name}.xlsx`;
  const sheetName = rnd.pick([name, name, "填报表", "Sheet1"]);
  const ctx = {};
  const trueValues = indicators.map((ind) => {
    const v = ind.gen(Object.fromEntries(indicators.filter((i) => i.group === ind.group).map((i) => [i.key, ctx[i.code]])), rnd);
    ctx[ind.code] = v;
    return v;
  });

  const VALUE_CATS = ["placeholder", "placeholder", "blank", "missing-row", "not-a-number", "out-of-range", "unit-mismatch", "duplicate"];
  const plan = indicators.map((ind, i) => ({ ind, v: trueValues[i], cat: rnd.chance(rate) ? rnd.pick(VALUE_CATS) : null }));
  // A part larger than its total, when both are otherwise clean.
  for (const p of plan) {
    if (!p.ind.partOf || p.cat) continue;
    const total = plan.find((q) => q.ind.code === p.ind.partOf);
    if (total && !total.cat && rnd.chance(rate)) {
      p.cat = "inconsistent";
      p.v = total.v + rnd.int(1, Math.max(2, Math.round(total.v * 0.2)));
    }
  }
  // Totals whose part might now be compared with a value the validator cannot use: keep the
  // duplicate defect off totals and parts (a differing duplicate makes both unusable anyway).
  for (const p of plan) if (p.cat === "duplicate" && (p.ind.partOf || plan.some((q) => q.ind.partOf === p.ind.code))) p.cat = "placeholder";

  const items = [];
  const meta = [];
  for (const p of plan) {
    if (p.cat === "missing-row") {
      meta.push({ absent: true, indicator: p.ind.code });
      continue;
    }
    let value;
    let note;
    let category = null;
    let severity = "error";
    if (p.cat === null || p.cat === "duplicate") [value, note] = cleanNotation(p.ind, p.v, rnd);
    else if (p.cat === "inconsistent") [value, note, category] = [p.v, "part > total", "inconsistent"];
    else {
      [value, note] = defectValue(p.cat, p.ind, p.v, rnd);
      category = p.cat === "blank" ? "missing" : p.cat;
    }
    const remarkDefect = rnd.chance(rate / 2);
    const remark = remarkDefect ? rnd.pick(REMARK_DEFECTS) : rnd.chance(0.25) ? cleanRemark(rnd) : null;
    const prev = p.ind.dec > 0 ? p.v : Math.round(p.v * 0.95);
    items.push({ code: p.ind.code, name: p.ind.name, unit: p.ind.unit, prev, value, remark });
    meta.push({ indicator: p.ind.code, category, severity, note, remarkDefect, remark });
    if (p.cat === "duplicate") {
      const same = rnd.chance(0.5);
      const v2 = same ? value : p.v + (p.ind.dec > 0 ? 1 : Math.max(1, Math.round(p.v * 0.1)));
      items.push({ code: p.ind.code, name: p.ind.name, unit: p.ind.unit, prev, value: v2, remark: null });
      meta.push({ indicator: p.ind.code, category: "duplicate", severity: same ? "warning" : "error", note: same ? "same value" : "different value", duplicateOf: items.length - 2 });
    }
    if (rnd.chance(rate / 8)) {
      items.push({ code: `Q-${rnd.int(100, 999)}`, name: `${rnd.pick(UNKNOWN_NAMES)}（${rnd.int(1, 99)}）`, unit: rnd.pick(["个", "家", "人", "%"]), prev: null, value: rnd.int(1, 90), remark: null });
      meta.push({ indicator: null, category: "unknown-indicator", severity: "warning", note: "unknown row" });
    }
  }

  const swap = rnd.chance(0.3);
  const columns = [...(rnd.chance(0.2) ? ["seq"] : []), ...(swap ? ["name", "code"] : ["code", "name"]), "unit", ...(rnd.chance(0.3) ? ["prev"] : []), "value", "remark"];
  const header = {
    title: rnd.chance(0.5) ? "民政事业发展规划指标填报表" : undefined,
    mergeTitle: rnd.chance(0.5),
    district: name,
    form: rnd.pick(["split", "joined"]),
    colon: rnd.pick(["：", ":", ": "]),
    period: rnd.pick(["2018年6月", "2018-06", "2018年上半年"]),
    filler: rnd.pick(["沈晓燕", "费建国", "姚丽萍", "钱伟", "潘志明"]),
    phone: `0572-${rnd.int(2000000, 8999999)}`,
    blankRows: rnd.int(1, 3),
    columns,
  };
  const layout = districtSheet({ ...header, items });

  // The value each indicator should contribute to consolidation: a number with no error
  // finding on any of its rows (clean, a duplicate with the same value, a remark warning).
  const BLOCKING = new Set(["placeholder", "missing-row", "blank", "not-a-number", "out-of-range", "unit-mismatch", "inconsistent"]);
  const values = plan.map((p) => {
    const dupDifferent = meta.some((m) => m.indicator === p.ind.code && m.category === "duplicate" && m.severity === "error");
    const usable = !BLOCKING.has(p.cat) && !dupDifferent;
    return { file, district: name, indicator: p.ind.code, value: usable ? p.v : null };
  });

  const defects = [];
  let row = 0;
  for (const m of meta) {
    if (m.absent) {
      defects.push({ file, sheet: sheetName, cell: null, indicator: m.indicator, category: "missing", severity: "error" });
      continue;
    }
    const at = layout.cells[row];
    if (m.category) {
      // An unknown row is reported on its 指标编码 cell; every other defect on the value cell.
      const cell = m.category === "unknown-indicator" ? at.code : at.value;
      const d = { file, sheet: sheetName, cell, indicator: m.indicator, category: m.category, severity: m.severity };
      if (m.duplicateOf !== undefined) d.related = layout.cells[m.duplicateOf].value;
      defects.push(d);
    } else if (!meta.some((o) => o.duplicateOf === row)) counter.clean++;
    if (m.remarkDefect) defects.push({ file, sheet: sheetName, cell: at.remark, indicator: m.indicator, category: "placeholder", severity: "warning" });
    else if (m.remark) counter.clean++;
    row++;
  }
  const sheets = [{ name: sheetName, rows: layout.rows, widths: layout.widths }];
  // A second sheet that is not read as a submission (structure): an indicator table without
  // 填报单位, or a 填报单位 with an unreadable 报告期.
  if (rnd.chance(Math.min(1, rate * 3))) {
    const noDistrict = rnd.chance(0.5);
    const extraName = noDistrict ? "草稿" : "补报";
    const extra = districtSheet({
      ...header,
      title: undefined,
      district: noDistrict ? null : name,
      period: noDistrict ? header.period : rnd.pick(["第二季度", "上半年", "六月份"]),
      items: items.slice(0, Math.min(items.length, 8)).map((it) => ({ ...it, remark: null })),
    });
    sheets.push({ name: extraName, rows: extra.rows, widths: extra.widths });
    defects.push({ file, sheet: extraName, cell: noDistrict ? null : extra.periodCell, indicator: null, category: "structure", severity: "error" });
  }
  return { file, sheets, defects, values };
}

/**
 * Generates a set into opts.out. Returns the truth object (also written to out/truth.json).
 * @param {{indicators:number, districts:number, seed:number, defectRate:number, out:string, engine?:"libreoffice"|"exceljs"}} opts
 */
async function generate(opts) {
  const { indicators: n, districts: m, seed, defectRate, out } = opts;
  const engine = opts.engine ?? "libreoffice";
  const rnd = prng(seed);
  const indicators = makePlan(n);
  const names = districtNames(m, rnd);
  const counter = { clean: 0 };
  const workbooks = [];
  workbooks.push({
    base: "plan",
    sheets: [
      { name: "规划指标", rows: [PLAN_COLUMNS, ...indicators.map((i) => PLAN_KEYS.map((k) => i[k]))] },
      { name: "填报单位", rows: [["填报单位"], ...names.map((d) => [d])] },
    ],
  });
  const defects = [];
  const values = [];
  for (const name of names) {
    const d = makeDistrict(name, indicators, defectRate, rnd, counter);
    workbooks.push({ base: name, sheets: d.sheets });
    defects.push(...d.defects);
    values.push(...d.values);
  }

  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  if (engine === "exceljs") {
    for (const wb of workbooks) await writeXlsxWithExcelJS({ sheets: wb.sheets }, path.join(out, `${wb.base}.xlsx`));
  } else {
    const src = path.join(out, "src");
    fs.mkdirSync(src, { recursive: true });
    const files = workbooks.map((wb) => {
      const f = path.join(src, `${wb.base}.fods`);
      fs.writeFileSync(f, toFods({ sheets: wb.sheets }));
      return f;
    });
    convertToXlsx(files, out);
  }
  const writeSeconds = (Date.now() - t0) / 1000;

  const planJson = {
    indicators: indicators.map((i) => Object.fromEntries(PLAN_KEYS.filter((k) => i[k] !== null && i[k] !== undefined).map((k) => [k, i[k]]))),
    units: names,
  };
  fs.writeFileSync(path.join(out, "plan.json"), JSON.stringify(planJson, null, 1) + "\n");
  const truth = {
    seed, indicators: n, districts: m, defectRate, engine, writeSeconds,
    plan: "plan.xlsx",
    files: names.map((d) => `${d}.xlsx`),
    asOf: "2018-06",
    cleanCells: counter.clean,
    defects,
    values,
  };
  fs.writeFileSync(path.join(out, "truth.json"), JSON.stringify(truth, null, 1) + "\n");
  return truth;
}

/** The command line's options, checked; throws on a bad value. */
function parseArgs(argv) {
  const o = new Command("gen-submissions")
    .description("generate a plan and district workbooks with planted defects and their ground truth (truth.json)")
    .requiredOption("--out <dir>", "output folder")
    .option("--indicators <n>", "indicators in the plan", Number, 30)
    .option("--districts <n>", "district workbooks", Number, 5)
    .option("--seed <n>", "generator seed (an integer)", Number, 1)
    .option("--defect-rate <x>", "share of cells with a planted defect (0..1)", Number, 0.1)
    .addOption(new Option("--engine <engine>", "how the .xlsx files are written").choices(["libreoffice", "exceljs"]).default("libreoffice"))
    .parse(argv)
    .opts();
  for (const k of ["indicators", "districts", "seed"]) if (!Number.isInteger(o[k]) || o[k] < 1 && k !== "seed") throw new Error(`--${k} must be a positive integer`);
  if (!(o.defectRate >= 0 && o.defectRate <= 1)) throw new Error("--defect-rate must be within 0..1");
  return o;
}

module.exports = { generate, prng };

if (require.main === module) {
  let opts;
  try {
    opts = parseArgs(process.argv);
  } catch (e) {
    console.error(`gen-submissions: ${e.message}`);
    process.exit(2);
  }
  generate(opts).then(
    (t) => console.log(`gen-submissions: ${t.files.length} district workbooks × ${opts.indicators} indicators in ${opts.out} (${opts.engine}, ${t.writeSeconds.toFixed(1)} s); ${t.defects.length} defects, ${t.cleanCells} clean cells; seed ${opts.seed}`),
    (e) => {
      console.error(`gen-submissions: ${e.stack}`);
      process.exit(1);
    },
  );
}
