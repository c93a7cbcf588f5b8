"use strict";
/**
 * The reader the project had before its own (ExcelJS's whole-workbook load, then ExcelJS's
 * cells into the workbook model), kept only as the benchmark's baseline: "validate before" in
 * `npm run bench` is this reader plus the same engine. Not used by the product.
 */
const ExcelJS = require("exceljs");

function extendMerge(merges, master, r, c) {
  const top = Number(master.row) - 1;
  const left = Number(master.col) - 1;
  const key = `${top}:${left}`;
  const range = merges.get(key);
  if (range) {
    range.bottom = Math.max(range.bottom, r);
    range.right = Math.max(range.right, c);
  } else merges.set(key, { top, left, bottom: Math.max(top, r), right: Math.max(left, c) });
}

const isRichText = (v) => typeof v === "object" && v !== null && Array.isArray(v.richText);
const plainText = (v) => (typeof v === "string" ? v : isRichText(v) ? v.richText.map((run) => run.text).join("") : "");

function modelValue(v) {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object" && typeof v.error === "string") return v.error;
  return isRichText(v) ? plainText(v) : null;
}

function toCell(cell) {
  let value;
  let formula;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
      return undefined;
    case ExcelJS.ValueType.Formula:
      formula = cell.formula;
      value = modelValue(cell.result);
      break;
    case ExcelJS.ValueType.Hyperlink:
      value = plainText(cell.value.text);
      break;
    default:
      value = modelValue(cell.value);
  }
  const out = { value, text: typeof value === "string" ? value : "" };
  if (typeof cell.numFmt === "string" && cell.numFmt !== "" && cell.numFmt.toLowerCase() !== "general") out.numFmt = cell.numFmt;
  if (formula) out.formula = formula;
  return out;
}

function toSheet(worksheet) {
  const rows = [];
  const hiddenRows = [];
  const merges = new Map();
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const cells = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if (cell.type === ExcelJS.ValueType.Merge) return extendMerge(merges, cell.master, r, colNumber - 1);
      const converted = toCell(cell);
      if (converted) cells[colNumber - 1] = converted;
    });
    rows[r] = cells;
    if (row.hidden) hiddenRows.push(r);
  });
  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  const sheet = { name: worksheet.name, rows, merges: [...merges.values()], hiddenRows };
  if (worksheet.state === "hidden" || worksheet.state === "veryHidden") sheet.hidden = true;
  return sheet;
}

/** An .xlsx file's bytes into the workbook model, as the ExcelJS-based reader did. */
async function readWithExcelJS(bytes, name) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes);
  return { name, sheets: workbook.worksheets.map(toSheet) };
}

module.exports = { readWithExcelJS };
