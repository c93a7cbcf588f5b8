/* Internet Explorer 11 / Edge Legacy (volume-licensed Office 2016/2019): the pages' ES5
 * fallback, run as the page runs it in a runtime of its own, with Office's start-up rule —
 * Office calls a command only once the page has called Office.onReady() or set
 * Office.initialize (issue 11, defect 5). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { OfficeHost, type Runtime } from "./runtime";
import { OFFICE_2016 } from "./stand-in";

const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko";
const SRC = path.join(__dirname, "..", "..", "..", "src");

/** Runs a page's scripts as the browser would, in order, but Office.js (the runtime has Office) and the bundle. */
function loadPage(runtime: Runtime, file: string): void {
  const html = readFileSync(path.join(SRC, file), "utf8");
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  const w = runtime.window as unknown as Window & { eval(src: string): unknown };
  w.document.body.innerHTML = body;
  for (const m of body.matchAll(/<script(?: src="([^"]+)")?>([\s\S]*?)<\/script>/g)) {
    w.eval(m[1] ? readFileSync(path.join(SRC, m[1]), "utf8") : m[2]);
  }
}

function ie11Host() {
  const host = new OfficeHost(OFFICE_2016);
  const pages: Runtime[] = [];
  // The dialog page opens in a runtime of its own; the clerk reads it and clicks 确定.
  host.onDialog = (dialog) => {
    const page = host.start({ name: "dialog", url: dialog.url, userAgent: TRIDENT, excel: false, dialogOf: dialog });
    pages.push(page);
    loadPage(page, "commands/commands.html");
    setTimeout(() => (page.window.document.getElementById("ok") as HTMLButtonElement).click(), 10);
  };
  return { host, pages };
}

test.each(["validate", "compile", "clearMarks"])(
  "in IE11 the ribbon's %s answers at once with the message, and completes",
  async (command) => {
    const { host, pages } = ie11Host();
    const ribbon = host.start({ name: "ribbon", url: "https://localhost:3000/commands.html", userAgent: TRIDENT, excel: false });
    loadPage(ribbon, "commands/commands.html");
    const out = await host.click(ribbon, command, { waitMs: 2000 });
    expect(out).toMatchObject({ invoked: true, completed: true });
    expect(out.ms).toBeLessThan(1000);
    expect(host.dialogs.map((d) => new URL(d.url).search)).toEqual(["?unsupported=1"]);
    expect(pages[0].window.document.getElementById("notice")!.textContent).toContain("本加载项无法在其中运行");
  },
);

test("in IE11 the task pane's fallback initialises Office too, once Office.js has loaded (async)", async () => {
  const host = new OfficeHost(OFFICE_2016);
  const p = host.start({ name: "pane", url: "https://localhost:3000/taskpane.html", userAgent: TRIDENT, excel: false });
  const office = (p.window as unknown as { Office: unknown }).Office;
  delete (p.window as unknown as { Office?: unknown }).Office;
  loadPage(p, "taskpane/taskpane.html");
  expect(p.window.document.getElementById("root")!.textContent).toContain("本加载项无法在其中运行");
  (p.window as unknown as { Office: unknown }).Office = office; // office.js arrives later
  await new Promise((r) => setTimeout(r, 300));
  expect(p.initialised).toBe(true);
});
