"use strict";
/**
 * Writing spreadsheet sources as flat ODS (.fods, plain XML) and turning them into .xlsx with
 * LibreOffice headless. Shared by scripts/samples/make-samples.js (the bundled examples) and
 * scripts/gen-submissions.js (generated sets for tests, the accuracy measurement and the bench).
 *
 * A workbook is { sheets: [{ name, rows: Cell[][], widths?: number[] }] } where a Cell is
 *   null | undefined            empty
 *   string                      text
 *   number                      a plain number
 *   { pct: 0.955, decimals? }   a number formatted as percent (office:value-type="percentage")
 *   { formula: "of:=[.D9]+3200", value: 8900 }   a formula with its (pre-computed) value;
 *                               LibreOffice recalculates it on load anyway
 *   { text: "标题", span: 5 }    text merged across this and the next span − 1 cells
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawnSync } = require("node:child_process");
/**
 * 0-based (row, col) → "A1". Written here rather than taken from the engine: the generator is the
 * ground truth the engine is measured against (npm run measure, tests/samples), so it shares no
 * code with it — and it runs on a fresh clone before lib/ is compiled.
 */
function a1(row, col) {
  let letters = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

function esc(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Text in a cell: spaces and line breaks kept as ODF wants them. */
function textP(s) {
  return String(s)
    .split("\n")
    .map((line) => `<text:p>${esc(line).replace(/ {2,}/g, (m) => ` <text:s text:c="${m.length - 1}"/>`)}</text:p>`)
    .join("");
}

function cellXml(c) {
  if (c === null || c === undefined || c === "") return "<table:table-cell/>";
  if (typeof c === "string") return `<table:table-cell office:value-type="string">${textP(c)}</table:table-cell>`;
  if (typeof c === "number") return `<table:table-cell office:value-type="float" office:value="${c}">${textP(c)}</table:table-cell>`;
  if (typeof c === "object" && "pct" in c) {
    const d = c.decimals ?? 1;
    return `<table:table-cell table:style-name="pct${d}" office:value-type="percentage" office:value="${c.pct}">${textP((c.pct * 100).toFixed(d) + "%")}</table:table-cell>`;
  }
  if (typeof c === "object" && "span" in c) {
    return `<table:table-cell table:number-columns-spanned="${c.span}" table:number-rows-spanned="1" office:value-type="string">${textP(c.text)}</table:table-cell>` +
      "<table:covered-table-cell/>".repeat(c.span - 1);
  }
  if (typeof c === "object" && "formula" in c) {
    return `<table:table-cell table:formula="${esc(c.formula)}" office:value-type="float" office:value="${c.value}">${textP(c.value)}</table:table-cell>`;
  }
  throw new Error(`fods: unsupported cell ${JSON.stringify(c)}`);
}

/** The .fods XML of a workbook. */
function toFods(workbook) {
  const widthStyles = new Map();
  const sheetsXml = workbook.sheets.map((sheet) => {
    const cols = (sheet.widths ?? [])
      .map((w) => {
        const name = `co${Math.round(w * 10)}`;
        widthStyles.set(name, w);
        return `<table:table-column table:style-name="${name}"/>`;
      })
      .join("");
    const rows = sheet.rows
      .map((row) => `<table:table-row>${(row ?? []).map(cellXml).join("") || "<table:table-cell/>"}</table:table-row>`)
      .join("\n");
    return `<table:table table:name="${esc(sheet.name)}">${cols}\n${rows}\n</table:table>`;
  });
  const colStyles = [...widthStyles]
    .map(([name, w]) => `<style:style style:name="${name}" style:family="table-column"><style:table-column-properties style:column-width="${w}cm"/></style:style>`)
    .join("");
  const pctStyles = [0, 1, 2]
    .map(
      (d) =>
        `<number:percentage-style style:name="Npct${d}"><number:number number:decimal-places="${d}" number:min-decimal-places="${d}" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>` +
        `<style:style style:name="pct${d}" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="Npct${d}"/>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>${colStyles}${pctStyles}</office:automatic-styles>
<office:body><office:spreadsheet>
${sheetsXml.join("\n")}
</office:spreadsheet></office:body></office:document>
`;
}

/**
 * Converts .fods files to .xlsx with one LibreOffice call per batch (much faster than one call
 * per file), each run with its own profile and HOME under /tmp. Every output lands in outDir
 * under the source's base name; throws when one is missing.
 */
function convertToXlsx(fodsFiles, outDir, { batchSize = 200 } = {}) {
  if (fodsFiles.length === 0) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "lo-conv-"));
  try {
    fs.mkdirSync(outDir, { recursive: true });
    for (let i = 0; i < fodsFiles.length; i += batchSize) {
      const batch = fodsFiles.slice(i, i + batchSize);
      const r = spawnSync(
        "soffice",
        [`-env:UserInstallation=file://${work}/profile`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, ...batch],
        { env: { ...process.env, HOME: work }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
      );
      if (r.error) throw new Error(`soffice could not run: ${r.error.message} (apt-get install -y --no-install-recommends libreoffice-calc-nogui)`);
      for (const f of batch) {
        const out = path.join(outDir, path.basename(f).replace(/\.fods$/, ".xlsx"));
        if (!fs.existsSync(out)) throw new Error(`soffice did not convert ${f}:\n${r.stderr}`);
      }
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Writes the .xlsx directly with ExcelJS (only for very large generated sets). */
async function writeXlsxWithExcelJS(workbook, file) {
  const ExcelJS = require("exceljs");
  const wb = new ExcelJS.Workbook();
  for (const sheet of workbook.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    (sheet.widths ?? []).forEach((w, i) => (ws.getColumn(i + 1).width = w * 4.5));
    sheet.rows.forEach((row, r) =>
      (row ?? []).forEach((c, col) => {
        if (c === null || c === undefined || c === "") return;
        const cell = ws.getCell(r + 1, col + 1);
        if (typeof c === "string" || typeof c === "number") cell.value = c;
        else if ("span" in c) {
          cell.value = c.text;
          ws.mergeCells(r + 1, col + 1, r + 1, col + c.span);
        }
        else if ("pct" in c) {
          cell.value = c.pct;
          cell.numFmt = (c.decimals ?? 1) === 0 ? "0%" : `0.${"0".repeat(c.decimals ?? 1)}%`;
        } else if ("formula" in c) {
          cell.value = { formula: odfToExcelFormula(c.formula), result: c.value };
        }
      }),
    );
  }
  await wb.xlsx.writeFile(file);
}

/** "of:=[.D9]+3200" → "D9+3200". */
function odfToExcelFormula(f) {
  return f.replace(/^of:=/, "").replace(/\[\.([A-Z]+\d+)\]/g, "$1");
}

module.exports = { toFods, convertToXlsx, writeXlsxWithExcelJS, a1 };
