/**
 * scripts/preview.js: serves dist/ on 127.0.0.1 only, with the right content types, and
 * nothing outside the folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

const { start } = require("../../scripts/preview.js") as {
  start(o: { port: number; dir: string }): Promise<{ server: Server; url: string; port: number }>;
};

function get(port: number, pathname: string): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    // A raw path: no client-side normalisation of "..".
    const req = request({ host: "127.0.0.1", port, path: pathname, method: "GET" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"], body }));
    });
    req.on("error", reject);
    req.end();
  });
}

let root: string;
let server: Server;
let port: number;
let url: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "preview-"));
  mkdirSync(path.join(root, "dist"));
  writeFileSync(path.join(root, "dist", "taskpane.html"), "<!doctype html><title>民政</title>");
  writeFileSync(path.join(root, "dist", "app.js"), "console.log(1)");
  writeFileSync(path.join(root, "secret.txt"), "outside");
  ({ server, port, url } = await start({ port: 0, dir: path.join(root, "dist") }));
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

test("listens on 127.0.0.1 and prints the pane's address", () => {
  expect(server.address()).toMatchObject({ address: "127.0.0.1", port });
  expect(url).toBe(`http://127.0.0.1:${port}/taskpane.html`);
});

test("serves the built files with their content types; / is the pane", async () => {
  const page = await get(port, "/taskpane.html");
  expect(page).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
  expect(page.body).toContain("民政");
  expect((await get(port, "/")).body).toBe(page.body);
  expect(await get(port, "/app.js")).toMatchObject({ status: 200, type: "text/javascript; charset=utf-8", body: "console.log(1)" });
});

test("nothing outside dist/, and 404 for what is not there", async () => {
  expect((await get(port, "/../secret.txt")).status).not.toBe(200);
  expect((await get(port, "/%2e%2e/secret.txt")).status).not.toBe(200);
  expect((await get(port, "/..%2fsecret.txt")).status).toBe(403);
  expect((await get(port, "/missing.js")).status).toBe(404);
});
