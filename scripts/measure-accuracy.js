#!/usr/bin/env node
"use strict";
/**
 * Accuracy of `indicators validate` on an unseen set (issue 2, "Done means"): generates a
 * fresh set of LibreOffice-made district workbooks with planted defects
 * (scripts/gen-submissions.js), runs the command line on them and compares its findings
 * with the ground truth.
 *
 *   npm run measure -- [--seed S] [--indicators 60] [--districts 20] [--defect-rate 0.1]
 *                      [--plan xlsx|json] [--dir DIR (measure an existing set)] [--keep]
 *
 * A planted defect counts as found when a finding has the same file, sheet, cell and
 * category (a duplicate may sit on either occurrence; an unknown indicator anywhere in its
 * row); a missing row when a finding has the same file, indicator and category; a structure
 * defect (a sheet not read as a submission) when one has the same file, sheet and category. A false positive is a
 * distinct cell with a finding where no defect was planted; its rate is over the clean
 * cells (value and remark cells without a defect). Exit code 1 when recall < 95% in any
 * category or false positives > 2% of clean cells.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { Command, Option } = require("commander");
const { generate } = require("./gen-submissions");
const { setOptions, seedOf, runCli, runMain } = require("./lib-measure");

const MIN_RECALL = 0.95;
const MAX_FP = 0.02;

const rowOf = (cell) => (cell ? Number(/\d+$/.exec(cell)[0]) : null);

/** Runs the CLI on a generated set; returns its findings. */
function runValidate(dir, truth, planFormat) {
  const plan = path.join(dir, planFormat === "json" ? "plan.json" : truth.plan);
  const files = truth.files.map((f) => path.join(dir, f));
  const stdout = runCli(["validate", "--plan", plan, ...files, "--format", "json"]);
  let out;
  try {
    out = JSON.parse(stdout);
  } catch {
    throw new Error(`indicators validate did not print JSON: ${stdout.slice(0, 300)}`);
  }
  if (!Array.isArray(out.findings)) throw new Error("indicators validate: no findings array in its JSON");
  return out.findings.map((f) => ({ ...f, file: path.basename(f.file) }));
}

/** Compares findings with the ground truth. */
function score(truth, findings) {
  const matches = (d, f) => {
    if (f.file !== d.file || f.category !== d.category) return false;
    if (d.category === "structure") return f.sheet === d.sheet;
    if (d.cell === null) return f.indicator === d.indicator;
    if (f.sheet !== d.sheet) return false;
    if (f.cell === d.cell || (d.related && f.cell === d.related)) return true;
    return d.category === "unknown-indicator" && f.cell != null && rowOf(f.cell) === rowOf(d.cell);
  };
  // Where a finding is "about" a planted defect even with another category.
  const near = (d, f) =>
    f.file === d.file && f.sheet === d.sheet &&
    (d.cell === null ? f.cell == null && (d.indicator == null || f.indicator === d.indicator) : f.cell === d.cell || (d.related && f.cell === d.related) || (d.category === "unknown-indicator" && rowOf(f.cell) === rowOf(d.cell)));

  const byCategory = {};
  const misses = [];
  const used = new Set();
  for (const d of truth.defects) {
    const c = (byCategory[d.category] ??= { planted: 0, found: 0, otherCategory: 0 });
    c.planted++;
    const hit = findings.findIndex((f) => matches(d, f));
    if (hit >= 0) {
      c.found++;
      findings.forEach((f, i) => matches(d, f) && used.add(i));
    } else {
      const other = findings.find((f) => near(d, f));
      if (other) c.otherCategory++;
      misses.push({ ...d, got: other ? other.category : null });
    }
    findings.forEach((f, i) => near(d, f) && used.add(i));
  }
  const fpCells = new Map();
  const fpCellless = [];
  findings.forEach((f, i) => {
    if (used.has(i)) return;
    if (f.cell) fpCells.set(`${f.file}!${f.sheet}!${f.cell}`, f);
    else fpCellless.push(f);
  });
  return { byCategory, misses, falsePositives: [...fpCells.values()], fpCellless };
}

function pct(x) {
  return `${(x * 100).toFixed(1)}%`;
}

async function main() {
  const o = setOptions(new Command("measure-accuracy").description("accuracy of `indicators validate` on an unseen set (issue 2)"))
    .addOption(new Option("--plan <format>", "plan given to the command line").choices(["xlsx", "json"]).default("xlsx"))
    .option("--dir <dir>", "measure an existing set (a folder with truth.json) instead of generating one")
    .parse(process.argv)
    .opts();
  o.seed = seedOf(o);
  let dir = o.dir;
  let truth;
  let tmp = null;
  if (dir) {
    truth = JSON.parse(fs.readFileSync(path.join(dir, "truth.json"), "utf8"));
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "measure-"));
    dir = tmp;
    console.log(`生成未见过的样本 / generating an unseen set: seed ${o.seed}, ${o.districts} districts × ${o.indicators} indicators, defect rate ${o.defectRate} → ${dir}`);
    truth = await generate({ indicators: o.indicators, districts: o.districts, seed: o.seed, defectRate: o.defectRate, out: dir, engine: "libreoffice" });
  }
  try {
    const t0 = Date.now();
    const findings = runValidate(dir, truth, o.plan);
    const seconds = (Date.now() - t0) / 1000;
    const s = score(truth, findings);

    console.log(`\nindicators validate: ${findings.length} findings in ${seconds.toFixed(1)} s\n`);
    console.log("category            planted  found  recall  other-category");
    let ok = true;
    let planted = 0;
    let found = 0;
    for (const [cat, c] of Object.entries(s.byCategory).sort()) {
      const recall = c.found / c.planted;
      if (recall < MIN_RECALL) ok = false;
      planted += c.planted;
      found += c.found;
      console.log(`${cat.padEnd(19)} ${String(c.planted).padStart(7)} ${String(c.found).padStart(6)} ${pct(recall).padStart(7)} ${String(c.otherCategory).padStart(8)}`);
    }
    console.log(`${"all".padEnd(19)} ${String(planted).padStart(7)} ${String(found).padStart(6)} ${pct(found / planted).padStart(7)}`);
    const fpRate = s.falsePositives.length / truth.cleanCells;
    if (fpRate > MAX_FP) ok = false;
    console.log(`\nfalse positives: ${s.falsePositives.length} cells of ${truth.cleanCells} clean cells = ${pct(fpRate)}` +
      (s.fpCellless.length ? `; plus ${s.fpCellless.length} findings without a cell that match no planted defect` : ""));
    if (s.misses.length) {
      console.log(`\nmissed (first 15 of ${s.misses.length}):`);
      for (const m of s.misses.slice(0, 15)) console.log(`  ${m.file} ${m.sheet} ${m.cell ?? "-"} ${m.indicator ?? "-"} ${m.category}${m.got ? ` (reported as ${m.got})` : ""}`);
    }
    if (s.falsePositives.length || s.fpCellless.length) {
      console.log(`\nfalse positives (first 15):`);
      for (const f of [...s.falsePositives, ...s.fpCellless].slice(0, 15)) console.log(`  ${f.file} ${f.sheet ?? "-"} ${f.cell ?? "-"} ${f.category}: ${f.message}`);
    }
    console.log(`\n${ok ? "PASS" : "FAIL"}: recall ≥ ${pct(MIN_RECALL)} in every category and false positives ≤ ${pct(MAX_FP)} (seed ${truth.seed})`);
    return ok ? 0 : 1;
  } finally {
    if (tmp && !o.keep) fs.rmSync(tmp, { recursive: true, force: true });
    else if (tmp) console.log(`kept ${tmp}`);
  }
}

module.exports = { score };

if (require.main === module) runMain("measure-accuracy", main);
