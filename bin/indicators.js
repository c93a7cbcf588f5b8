#!/usr/bin/env node
"use strict";
// Entry point of the command line; the TypeScript is compiled into lib/ by `npm install` (prepare).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "lib", "cli", "index.js");
if (!fs.existsSync(entry)) {
  console.error("命令行尚未编译：请先运行 npm install（或 npm run build:cli）。");
  process.exit(2);
}
// exitCode, not exit(): exit() would cut off output still queued for a pipe.
require(entry).main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`错误：${err && err.message ? err.message : err}`);
    process.exitCode = 2;
  },
);
