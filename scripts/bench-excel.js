#!/usr/bin/env node
"use strict";
/**
 * Benchmark of the add-in in Excel (not a test): prints figures, asserts nothing.
 *   node scripts/bench-excel.js [--districts 100 --indicators 500 --marks 10000 --profiles web,desktop]
 *
 * Runs the use-cases of src/excel/actions.ts through Microsoft's Excel library
 * (excel-web-16.00.debug.js) against the Excel stand-in of tests/excel/office-js, and prints
 * for each: the requests sent (Excel.run's clean-up included), the largest request and
 * response in bytes against the web's 2.5 MB budget (5 MB limit), and the time. Scenarios:
 *   1. a workbook of DISTRICTS district sheets × INDICATORS indicators: validate and mark
 *      (校验本表 on the whole workbook), then compile (汇总评估: read, result sheets written);
 *   2. MARKS marked cells (markFindings) and clearing them (清除标记).
 * The request counts are printed beside the bounds README states for these workloads
 * (section "Requests to Excel"): BOUNDS below.
 * TypeScript is compiled on the fly with the project's own compiler (transpile only).
 */
const path = require("node:path");
const { Command } = require("commander");
const ts = require("typescript");

const root = path.join(__dirname, "..");
const compiled = new Map();
require.extensions[".ts"] = (module, filename) => {
  if (!compiled.has(filename)) {
    const source = require("node:fs").readFileSync(filename, "utf8");
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
      fileName: filename,
    });
    compiled.set(filename, out.outputText);
  }
  module._compile(compiled.get(filename), filename);
};

const harness = (p) => require(path.join(root, "tests", "excel", "office-js", p));
const actions = require(path.join(root, "src", "excel", "actions.ts"));
const { requestBytes } = require(path.join(root, "src", "excel", "budget.ts"));
const { OfficeHost } = harness("runtime.ts");
const { WEB, DESKTOP } = harness("stand-in.ts");
const { seedLarge, syntheticFindings } = harness("generate.ts");
const { optionsOf } = harness("harness.ts");

/** Requests per use-case for the default workloads (100 × 500, 10,000 marks), as README states them. */
const BOUNDS = {
  web: { validate: 30, compile: 60, clear: 16, mark: 30, clearMarks: 32 },
  desktop: { validate: 15, compile: 25, clear: 10, mark: 12, clearMarks: 14 },
};

const MB = (n) => `${(n / 1e6).toFixed(2)} MB`;
const settle = () => new Promise((r) => setTimeout(r, 50)); // Excel.run's clean-up request is not awaited

/** Runs `work`, then prints what the stand-in received meanwhile. */
let verbose = false;

async function measure(label, host, work, bound) {
  const from = host.excel.requests.length;
  const t = performance.now();
  const result = await work();
  await settle();
  const ms = performance.now() - t;
  const requests = host.excel.requests.slice(from);
  const maxIn = Math.max(...requests.map((r) => r.bytesIn));
  const maxOut = Math.max(...requests.map((r) => r.bytesOut));
  const errors = requests.filter((r) => r.error).map((r) => r.error);
  const within = bound === undefined ? "" : requests.length <= bound ? ` (README bound ${bound})` : ` OVER THE README BOUND ${bound}`;
  const budget = host.profile.platform === "OfficeOnline" ? 2_500_000 : null;
  const over = budget === null ? "" : maxIn > budget || maxOut > budget ? "  OVER 2.5 MB" : "  within 2.5 MB";
  console.log(
    `  ${label.padEnd(34)} ${String(requests.length).padStart(4)} requests${within}` +
      `  largest request ${MB(maxIn)}, response ${MB(maxOut)}${over}` +
      `  ${(ms / 1000).toFixed(1)} s${errors.length ? `  errors: ${errors.join(", ")}` : ""}`,
  );
  if (verbose)
    for (const r of requests)
      console.log(
        `      ${r.cleanup ? "clean-up" : "request "} ${MB(r.bytesIn)} → ${MB(r.bytesOut)}${r.cellsOf.length ? `  cells of ${r.cellsOf.length} sheet(s)` : ""}`,
      );
  return result;
}

async function main() {
  const opts = new Command()
    .option("--districts <n>", "district sheets in the workbook", "100")
    .option("--indicators <n>", "indicators per district", "500")
    .option("--marks <n>", "cells marked and cleared", "10000")
    .option("--profiles <list>", "web, desktop", "web,desktop")
    .option("--requests", "print every request's size")
    .parse(process.argv)
    .opts();
  const districts = Number(opts.districts);
  const indicators = Number(opts.indicators);
  const marks = Number(opts.marks);
  const profiles = { web: WEB, desktop: DESKTOP };
  verbose = !!opts.requests;

  const reference = districts === 100 && indicators === 500 && marks === 10_000;
  for (const name of opts.profiles.split(",").map((n) => n.trim())) {
    const profile = profiles[name];
    if (!profile) throw new Error(`unknown profile ${name}`);
    const bounds = reference ? BOUNDS[name] : {};
    const budget = requestBytes({ platform: profile.platform });
    console.log(
      `\n${name}: ExcelApi ${profile.excelApi}, budget ${MB(budget)} per request and response${profile.requestLimit ? `, limit ${MB(profile.requestLimit)}` : ""}`,
    );

    // 1. The 100 × 500 workbook: 校验本表 on the whole workbook with marks, then 汇总评估.
    const host = new OfficeHost(profile);
    const made = seedLarge(host.excel, { districts, indicators, defectRate: 0.05 });
    const pane = host.start({ name: "pane" });
    const cells = districts * (indicators + 5) * 5 + (indicators + 1) * 13;
    console.log(
      `  workbook: ${districts} district sheets × ${indicators} indicators (${cells.toLocaleString()} cells, ~${made.defects} defects)`,
    );
    const validated = await measure(
      "validate + mark the workbook",
      host,
      () => actions.validateActiveWorkbook(pane.run, optionsOf(pane)),
      bounds.validate,
    );
    console.log(`    ${validated.findings.length} findings, ${validated.marks.cells} cells marked`);
    const compiled = await measure(
      "compile (read + result sheets)",
      host,
      () => actions.compileInWorkbook(pane.run, optionsOf(pane)),
      bounds.compile,
    );
    console.log(`    wrote ${compiled.sheets.join("、")}`);
    await measure("clear the marks", host, () => actions.clearMarks(pane.run, optionsOf(pane)), bounds.clear);

    // 2. MARKS marks on one sheet, and clearing them.
    const marking = new OfficeHost(profile);
    marking.excel.addSheet("明细", [["x"]]);
    const p = marking.start({ name: "pane" });
    const findings = syntheticFindings("明细", marks);
    const out = await measure(
      `mark ${marks.toLocaleString()} cells`,
      marking,
      () => actions.markFindings(p.run, findings, optionsOf(p)),
      bounds.mark,
    );
    console.log(`    ${out.cells} cells marked, explanations: ${out.explanations}`);
    await measure(`clear ${marks.toLocaleString()} marks`, marking, () => actions.clearMarks(p.run, optionsOf(p)), bounds.clearMarks);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
