"use strict";
/**
 * The district sheet layout of reporting-conventions §2, shared by the bundled samples
 * (make-samples.js) and the generated sets (gen-submissions.js):
 *
 *   [title]
 *   填报单位 | 吴兴区        (or "填报单位：吴兴区" in one cell, or absent)
 *   报告期   | 2018年6月
 *   填报人   | …  | 联系电话 | …
 *   (blank rows)
 *   指标编码 | 指标名称 | 单位 | [上期值] | 本期值 | 备注     (column order may vary)
 *   one row per item
 *
 * Returns the rows, the A1 address of every item's cells and of the 报告期 cell, which the
 * ground truth needs.
 */
const { a1 } = require("./fods");

const HEADERS = { seq: "序号", code: "指标编码", name: "指标名称", unit: "单位", prev: "上期值", value: "本期值", remark: "备注" };

/**
 * @param {object} o
 * @param {string} [o.title]
 * @param {string|null} o.district      null: no 填报单位 line (a structure defect)
 * @param {"split"|"joined"} o.form     label and value in two cells, or "填报单位：X" in one
 * @param {string} [o.colon="："]       the colon of the joined form
 * @param {boolean} [o.mergeTitle]      the title merged across the table's width
 * @param {string|null} o.period
 * @param {string} o.filler
 * @param {string} o.phone
 * @param {number} [o.blankRows=1]      blank rows between the header block and the table
 * @param {string[]} o.columns          order of the keys [seq], code, name, unit, [prev], value, remark
 * @param {Array<Record<string, unknown>>} o.items   cells by key
 */
function districtSheet(o) {
  const rows = [];
  if (o.title) rows.push([o.mergeTitle ? { text: o.title, span: o.columns.length } : o.title]);
  const colon = o.colon ?? "：";
  const line = (label, value) =>
    o.form === "joined" ? [`${label}${colon}${value}`] : [label, value];
  if (o.district !== null) rows.push(line("填报单位", o.district));
  let periodCell = null;
  if (o.period !== null) {
    periodCell = a1(rows.length, o.form === "joined" ? 0 : 1);
    rows.push(line("报告期", o.period));
  }
  rows.push(o.form === "joined" ? [`填报人${colon}${o.filler}`, null, `联系电话${colon}${o.phone}`] : ["填报人", o.filler, "联系电话", o.phone]);
  for (let i = 0; i < (o.blankRows ?? 1); i++) rows.push([]);
  rows.push(o.columns.map((k) => HEADERS[k]));
  const cells = [];
  o.items.forEach((item, i) => {
    const r = rows.length;
    rows.push(o.columns.map((k) => (k === "seq" ? i + 1 : item[k] ?? null)));
    const at = {};
    o.columns.forEach((k, c) => (at[k] = a1(r, c)));
    cells.push(at);
  });
  const widths = o.columns.map((k) => ({ seq: 1.8, code: 2.4, name: 8.5, unit: 2.2, prev: 2.4, value: 2.8, remark: 7 })[k]);
  return { rows, cells, widths, periodCell };
}

module.exports = { districtSheet, HEADERS };
