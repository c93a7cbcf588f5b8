#!/usr/bin/env node
"use strict";
/**
 * Benchmark (not a test): prints figures, asserts nothing.
 *   npm run bench [-- --districts 100 --indicators 500 --seed 1]
 *
 * 1. Generates DISTRICTS district workbooks × INDICATORS indicators (ExcelJS engine, cached
 *    in the OS temp folder by its parameters).
 * 2. Times file reading (ExcelJS → workbook model) and the engine (plan load + validation)
 *    separately (the engine once interleaved with reading, as the CLI runs it, and once more
 *    on the models in memory, warm), then compile (consolidation + evaluation + result tables) and writing the
 *    mid-term workbook.
 * 3. Prints the production task-pane bundle sizes (gzip) when dist/ has been built.
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { performance } = require("node:perf_hooks");
const { Command } = require("commander");

const root = path.join(__dirname, "..");
const lib = (p) => require(path.join(root, "lib", p));

async function main() {
  const opts = new Command()
    .option("--districts <n>", "district workbooks", "100")
    .option("--indicators <n>", "indicators per workbook", "500")
    .option("--seed <n>", "generator seed", "1")
    .parse(process.argv)
    .opts();
  const districts = Number(opts.districts);
  const indicators = Number(opts.indicators);
  const seed = Number(opts.seed);

  if (!fs.existsSync(path.join(root, "lib", "cli", "index.js"))) {
    console.error("lib/ 不存在：请先运行 npm install 或 npm run build:cli");
    process.exit(2);
  }
  const { generate } = require("./gen-submissions");
  const { readWorkbookFile } = lib("files/read-node");
  const { loadPlanFromWorkbook } = lib("core/plan");
  const { validateWorkbook, mergeValidation, emptyValidation } = lib("core/validate");
  const { compile } = lib("core/compile");
  const { buildResultTables } = lib("core/tables");
  const { renderWorkbook } = lib("files/write");

  const dir = path.join(os.tmpdir(), `indicators-bench-${districts}x${indicators}-s${seed}`);
  if (!fs.existsSync(path.join(dir, "truth.json"))) {
    const t = performance.now();
    await generate({ indicators, districts, seed, defectRate: 0.05, out: dir, engine: "exceljs" });
    console.log(`generated ${districts} workbooks × ${indicators} indicators in ${((performance.now() - t) / 1000).toFixed(1)} s → ${dir}`);
  } else {
    console.log(`reusing ${dir}`);
  }
  const truth = JSON.parse(fs.readFileSync(path.join(dir, "truth.json"), "utf8"));
  const files = truth.files.map((f) => path.join(dir, f));
  const bytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);

  let readMs = 0;
  let engineMs = 0;
  let t = performance.now();
  const planWb = await readWorkbookFile(path.join(dir, truth.plan));
  readMs += performance.now() - t;
  t = performance.now();
  const { plan } = loadPlanFromWorkbook(planWb);
  engineMs += performance.now() - t;

  const results = [];
  const readEach = [];
  const engineEach = [];
  const models = [];
  let cells = 0;
  for (const f of files) {
    t = performance.now();
    const wb = await readWorkbookFile(f);
    readEach.push(performance.now() - t);
    models.push(wb);
    for (const s of wb.sheets) for (const r of s.rows) if (r) cells += r.length;
    t = performance.now();
    results.push(validateWorkbook(plan, wb, { file: path.basename(f) }));
    engineEach.push(performance.now() - t);
  }
  readMs += readEach.reduce((a, b) => a + b, 0);
  engineMs += engineEach.reduce((a, b) => a + b, 0);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const merged = results.reduce((acc, r) => mergeValidation(acc, r), emptyValidation());

  t = performance.now();
  const compiled = compile(plan, results);
  const compileMs = performance.now() - t;
  t = performance.now();
  const tables = buildResultTables(compiled);
  const tablesMs = performance.now() - t;
  t = performance.now();
  const out = await renderWorkbook(tables);
  const renderMs = performance.now() - t;

  const row = (label, ms, extra = "") => console.log(`${label.padEnd(34)} ${ms.toFixed(0).padStart(8)} ms${extra}`);
  console.log(`\n${files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${cells} cells, ${plan.indicators.length} indicators, ${merged.findings.length} findings`);
  row("read files (ExcelJS → model)", readMs, `  (${(readMs / files.length).toFixed(1)} ms/file)`);
  row("engine (plan + validation)", engineMs, `  (${((engineMs / readMs) * 100).toFixed(1)}% of reading time, JIT warm-up included)`);
  const [mr, me] = [median(readEach), median(engineEach)];
  console.log(
    `${"median per file: read / engine".padEnd(34)} ${mr.toFixed(1).padStart(8)} ms / ${me.toFixed(1)} ms  (${((me / mr) * 100).toFixed(1)}%)`,
  );
  // The same validation again on the models already read: the engine once its code is
  // compiled (JIT) and without the reader's garbage to collect, as in a long-running pane.
  t = performance.now();
  for (const wb of models) validateWorkbook(plan, wb, { file: wb.name });
  const warmMs = performance.now() - t;
  row("engine, second pass (warm)", warmMs, `  (${((warmMs / readMs) * 100).toFixed(1)}% of reading time)`);
  row("compile (consolidate + evaluate)", compileMs);
  row("result tables (table model)", tablesMs);
  row("render mid-term .xlsx (ExcelJS)", renderMs, `  (${(out.byteLength / 1e3).toFixed(0)} KB)`);

  const sizes = path.join(__dirname, "bundle-size.js");
  if (fs.existsSync(sizes) && fs.existsSync(path.join(root, "dist"))) {
    console.log("\ntask-pane bundle (production, dist/):");
    require(sizes).printBundleSizes(path.join(root, "dist"));
  } else {
    console.log("\n(no dist/: run `npm run build` first to see the bundle sizes)");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
