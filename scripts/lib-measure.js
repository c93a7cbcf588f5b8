"use strict";
/**
 * What the measure scripts (measure-accuracy.js, measure-compile.js) share: the options of the
 * generated unseen set, running bin/indicators.js, and the process runner.
 */
const path = require("node:path");
const { spawnSync } = require("node:child_process");
const { InvalidArgumentError } = require("commander");

/** commander argument parser: a finite number. */
function number(text) {
  const n = Number(text);
  if (!Number.isFinite(n)) throw new InvalidArgumentError("not a number");
  return n;
}

/** Adds the options of the unseen set (scripts/gen-submissions.js) to a commander program. */
function setOptions(program) {
  return program
    .option("--seed <n>", "generator seed (default: from the clock)", number)
    .option("--indicators <n>", "indicators in the plan", number, 60)
    .option("--districts <n>", "district workbooks", number, 20)
    .option("--defect-rate <x>", "share of cells with a planted defect", number, 0.1)
    .option("--keep", "keep the generated set", false);
}

/** The seed given, or one from the clock. */
const seedOf = (opts) => opts.seed ?? Date.now() % 2147483647;

/** Runs bin/indicators.js; returns what it printed (exit code 0 or 1: with or without errors). */
function runCli(args) {
  const r = spawnSync(process.execPath, [path.join(__dirname, "..", "bin", "indicators.js"), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`indicators ${args[0]} exited with ${r.status}: ${(r.stderr ?? "").trim()}`);
  return r.stdout;
}

/** Runs main() and exits with its code; 2 (with the message) when it throws. */
function runMain(name, main) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`${name}: ${e.message}`);
      process.exit(2);
    },
  );
}

module.exports = { number, setOptions, seedOf, runCli, runMain };
