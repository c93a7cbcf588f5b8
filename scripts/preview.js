#!/usr/bin/env node
/**
 * 预览：serves the built task pane (dist/) on this machine only, so that the pane can be used
 * in any browser on .xlsx files (standalone mode). Plain node http; commander for the options.
 *
 *   npm run build && npm run preview            → http://127.0.0.1:3001/taskpane.html
 *   node scripts/preview.js --port 8080 [--dir dist]
 *
 * `start({ port, dir })` is also used by the browser tests (port 0: any free port).
 */
"use strict";
const http = require("node:http");
const fs = require("node:fs");
const path = require("node:path");
const { Command, InvalidArgumentError } = require("commander");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** Starts the server; resolves with { server, port, url }. */
function start({ port = 3001, dir = path.join(__dirname, "..", "dist"), host = "127.0.0.1" } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url || "/", "http://localhost").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname === "/") pathname = "/taskpane.html";
    const file = path.resolve(root, "." + pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("未找到");
        return;
      }
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "content-length": stat.size,
        "cache-control": "no-cache",
      });
      if (req.method === "HEAD") res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({ server, port: actual, url: `http://${host}:${actual}/taskpane.html` });
    });
  });
}

/** 端口：0–65535 之间的整数。 */
function port(text) {
  const n = Number(text);
  if (!(Number.isInteger(n) && n >= 0 && n < 65536)) throw new InvalidArgumentError("端口必须是 0–65535 之间的整数");
  return n;
}

async function main(argv) {
  const opts = new Command("preview")
    .description("预览：在本机 (127.0.0.1) 提供已构建的任务窗格 (dist/)，可在浏览器中打开 .xlsx 文件")
    .option("-p, --port <port>", "端口（0：任一空闲端口）", port, 3001)
    .option("--dir <dir>", "已构建的任务窗格目录", path.join(__dirname, "..", "dist"))
    .parse(argv)
    .opts();
  if (!fs.existsSync(path.join(opts.dir, "taskpane.html"))) {
    console.error(`找不到 ${path.join(opts.dir, "taskpane.html")}：请先运行 npm run build`);
    return 2;
  }
  try {
    const { url } = await start(opts);
    console.log(`预览地址: ${url}`);
    console.log("文件只在本机浏览器中读取，不会上传。按 Ctrl+C 停止。");
  } catch (e) {
    console.error(`无法启动预览服务：${e.message}`);
    return 1;
  }
  return undefined;
}

if (require.main === module) {
  main(process.argv).then((code) => {
    if (code !== undefined) process.exit(code);
  });
}

module.exports = { start };
