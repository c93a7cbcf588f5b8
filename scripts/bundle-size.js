#!/usr/bin/env node
/**
 * Bundle sizes of the built add-in (dist/): every script's raw and gzip size, and the
 * first screen of the task pane — the scripts taskpane.html loads before anything is lazily
 * imported — against the 300 KB gzip budget. Called at the end of `npm run build` (webpack
 * plugin in webpack.config.js) and by the bench; on its own:  node scripts/bundle-size.js [dist]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const FIRST_SCREEN_BUDGET = 300 * 1024;

/** Script files an HTML page loads (<script src>), local ones only. */
function scriptsOf(htmlFile) {
  const html = fs.readFileSync(htmlFile, "utf8");
  // Minified HTML may leave attribute values unquoted.
  return [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))/g)]
    .map((m) => m[1] || m[2] || m[3])
    .filter((src) => !/^https?:/.test(src));
}

function sizeOf(file) {
  const data = fs.readFileSync(file);
  return { raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
}

/** { files: [{ file, raw, gzip }], firstScreen: { files, raw, gzip, budget, withinBudget } } */
function bundleSizes(dist) {
  const files = fs
    .readdirSync(dist, { recursive: true })
    .map(String)
    .filter((f) => /\.(js|css|html)$/.test(f))
    .sort()
    .map((file) => ({ file, ...sizeOf(path.join(dist, file)) }));
  const html = path.join(dist, "taskpane.html");
  const first = fs.existsSync(html) ? ["taskpane.html", ...scriptsOf(html).map((s) => s.replace(/^\.?\//, ""))] : [];
  const firstFiles = files.filter((f) => first.includes(f.file));
  const firstScreen = {
    files: firstFiles.map((f) => f.file),
    raw: firstFiles.reduce((n, f) => n + f.raw, 0),
    gzip: firstFiles.reduce((n, f) => n + f.gzip, 0),
    budget: FIRST_SCREEN_BUDGET,
  };
  firstScreen.withinBudget = firstScreen.gzip <= FIRST_SCREEN_BUDGET;
  return { files, firstScreen };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function report(dist) {
  const { files, firstScreen } = bundleSizes(dist);
  const lines = ["bundle sizes (raw / gzip):"];
  for (const f of files) lines.push(`  ${f.file.padEnd(48)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)}`);
  lines.push(
    `task pane first screen (${firstScreen.files.join(", ") || "no taskpane.html"}): ${kb(firstScreen.gzip)} gzip ` +
      `(budget ${kb(firstScreen.budget)}: ${firstScreen.withinBudget ? "ok" : "OVER"})`,
  );
  return lines.join("\n");
}

function printBundleSizes(dist) {
  console.log(report(dist));
}

module.exports = { bundleSizes, report, printBundleSizes, FIRST_SCREEN_BUDGET };

if (require.main === module) {
  const dist = process.argv[2] || path.join(__dirname, "..", "dist");
  if (!fs.existsSync(dist)) {
    console.error(`bundle-size: ${dist} not found (npm run build first)`);
    process.exit(1);
  }
  console.log(report(dist));
}
