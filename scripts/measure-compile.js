#!/usr/bin/env node
"use strict";
/**
 * Consolidation and evaluation on an unseen set (issue 3, "Done means"): generates a fresh
 * set (scripts/gen-submissions.js), runs `indicators compile --format json` on it and checks
 * every city value and every status against an independent computation, written here from
 * reporting-conventions §4 and §5 and the generator's ground truth (the value each district
 * should contribute, or null when an error finding blocks it).
 *
 *   node scripts/measure-compile.js [--seed S] [--indicators 60] [--districts 20] [--defect-rate 0.1] [--keep]
 *
 * Exit code 0 when every value matches (relative 1e-6) and every status is the same, 1 otherwise.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { generate } = require("./gen-submissions");
const { Command } = require("commander");
const { setOptions, seedOf, runCli, runMain } = require("./lib-measure");

const TOL = 1e-6;
const close = (a, b) => (a === null || b === null ? a === b : Math.abs(a - b) <= TOL * Math.max(1, Math.abs(a), Math.abs(b)));

/** "求和", "加权平均:CODE", "比值:NUM/DEN×K" → { kind, … } (the generator writes the Chinese forms). */
function aggregateOf(text) {
  const simple = { 求和: "sum", 平均: "mean", 最小: "min", 最大: "max", 不汇总: "none" }[text];
  if (simple) return { kind: simple };
  let m = /^加权平均:(.+)$/.exec(text);
  if (m) return { kind: "weighted", by: m[1] };
  m = /^比值:(.+)\/(.+)×(\d+(?:\.\d+)?)$/.exec(text);
  if (m) return { kind: "ratio", num: m[1], den: m[2], factor: Number(m[3]) };
  throw new Error(`unknown aggregate ${text}`);
}

/** §4: the city value of an indicator from the districts' usable values. */
function cityValue(ind, valueOf, districts) {
  const agg = aggregateOf(ind.aggregate);
  const own = districts.map((d) => valueOf(d, ind.code)).filter((v) => v !== null);
  switch (agg.kind) {
    case "none": return null;
    case "sum": return own.length ? own.reduce((a, b) => a + b, 0) : null;
    case "mean": return own.length ? own.reduce((a, b) => a + b, 0) / own.length : null;
    case "min": return own.length ? Math.min(...own) : null;
    case "max": return own.length ? Math.max(...own) : null;
    case "weighted": {
      let num = 0;
      let den = 0;
      for (const d of districts) {
        const v = valueOf(d, ind.code);
        const w = valueOf(d, agg.by);
        if (v === null || w === null) continue;
        num += v * w;
        den += w;
      }
      return den === 0 ? null : num / den;
    }
    case "ratio": {
      let num = 0;
      let den = 0;
      for (const d of districts) {
        const n = valueOf(d, agg.num);
        const q = valueOf(d, agg.den);
        if (n === null || q === null) continue;
        num += n;
        den += q;
      }
      return den === 0 ? null : (num / den) * agg.factor;
    }
  }
  throw new Error(agg.kind);
}

/** §5: status of an indicator with actual a, as of year/month (不汇总: no city value, so no-data). */
function statusOf(ind, a, asOf) {
  if (a === null) return "no-data";
  const up = ind.direction !== "逆向";
  const g = ind.target;
  const b = ind.baseline ?? null;
  const met = up ? a >= g - 1e-9 * Math.max(1, Math.abs(g)) : a <= g + 1e-9 * Math.max(1, Math.abs(g));
  if (met) return "met";
  const start = (ind.baseYear ?? ind.targetYear - 5) + 1;
  const months = (ind.targetYear - start + 1) * 12;
  const t = Math.min(1, Math.max(0, ((asOf.year - start) * 12 + asOf.month) / months));
  let p;
  if (b !== null && g !== b) p = (a - b) / (g - b);
  else if (b === null) p = up ? (g === 0 ? 0 : a / g) : a === 0 ? 1 : g / a;
  else p = 0;
  return p >= t - 1e-9 ? "on-track" : "behind";
}

async function main() {
  const opts = setOptions(new Command("measure-compile").description("consolidation and evaluation of `indicators compile` on an unseen set (issue 3)"))
    .parse(process.argv)
    .opts();
  const seed = seedOf(opts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "measure-compile-"));
  try {
    const o = { indicators: opts.indicators, districts: opts.districts, seed, defectRate: opts.defectRate, out: dir, engine: "libreoffice" };
    console.log(`生成未见过的样本 / generating an unseen set: seed ${seed}, ${o.districts} districts × ${o.indicators} indicators → ${dir}`);
    const truth = await generate(o);
    const plan = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"));
    const [year, month] = truth.asOf.split("-").map(Number);

    const out = JSON.parse(runCli(["compile", "--plan", path.join(dir, truth.plan), "--as-of", truth.asOf,
      ...truth.files.map((f) => path.join(dir, f)), "-o", path.join(dir, "midterm.xlsx"), "--format", "json"]));

    const byKey = new Map(truth.values.map((v) => [`${v.district}|${v.indicator}`, v.value]));
    const districts = [...new Set(truth.values.map((v) => v.district))];
    const valueOf = (d, code) => byKey.get(`${d}|${code}`) ?? null;
    const rows = new Map(out.rows.map((row) => [row.indicator, row]));
    let bad = 0;
    const report = [];
    for (const ind of plan.indicators) {
      const row = rows.get(ind.code);
      const expected = cityValue(ind, valueOf, districts);
      const status = statusOf(ind, expected, { year, month });
      if (!row) {
        bad++;
        report.push(`  ${ind.code}: no row in compile's output`);
        continue;
      }
      const actual = row.actual ?? null;
      if (!close(actual, expected) || row.status !== status) {
        bad++;
        report.push(`  ${ind.code} (${ind.aggregate}): actual ${actual} status ${row.status}; expected ${expected} status ${status}`);
      }
    }
    console.log(`\nindicators compile: ${out.rows.length} rows; time progress ${out.timeProgress}`);
    console.log(`${plan.indicators.length - bad} of ${plan.indicators.length} indicators match the independent computation (value and status)`);
    if (report.length) console.log(report.slice(0, 20).join("\n"));
    console.log(`${bad === 0 ? "PASS" : "FAIL"} (seed ${seed})`);
    return bad === 0 ? 0 : 1;
  } finally {
    if (opts.keep) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runMain("measure-compile", main);
