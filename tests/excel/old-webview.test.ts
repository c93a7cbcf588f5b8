/**
 * @jest-environment jsdom
 */
/* The pages' guards for Internet Explorer 11 and Edge Legacy (volume-licensed Office
 * 2016/2019): the inline ES5 scripts of taskpane.html and commands.html, run as the page
 * would run them, with the user agent of each webview. */
import { readFileSync } from "node:fs";
import path from "node:path";

const TRIDENT = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; rv:11.0) like Gecko";
const EDGE_LEGACY = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045";
const WEBVIEW2 = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";

const SRC = path.join(__dirname, "..", "..", "src");

/** Loads a page's body and runs its scripts but the bundle, in order, with the given user agent and address. */
function loadPage(file: string, userAgent: string, url: string): void {
  const html = readFileSync(path.join(SRC, file), "utf8");
  document.body.innerHTML = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  Object.defineProperty(window.navigator, "userAgent", { value: userAgent, configurable: true });
  window.history.replaceState(null, "", url);
  delete (window as { indicatorsUnsupportedWebview?: string }).indicatorsUnsupportedWebview;
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  for (const m of body.matchAll(/<script(?: src="([^"]+)")?>([\s\S]*?)<\/script>/g)) {
    window.eval(m[1] ? readFileSync(path.join(SRC, m[1]), "utf8") : m[2]);
  }
}

const flag = () => (window as { indicatorsUnsupportedWebview?: string }).indicatorsUnsupportedWebview;

describe("taskpane.html", () => {
  test.each([
    [TRIDENT, "Internet Explorer 11"],
    [EDGE_LEGACY, "Microsoft Edge 旧版（EdgeHTML）"],
  ])("an old webview gets a Chinese message with what to do and the page's address", (ua, webview) => {
    loadPage("taskpane/taskpane.html", ua, "/addin/taskpane.html?_host_Info=Excel$Win32$16.01$zh-CN");
    expect(flag()).toBe(webview);
    const text = document.getElementById("root")!.textContent!;
    expect(text).toContain(`这台电脑上的 Excel 用 ${webview} 显示加载项`);
    expect(text).toContain("升级到 Office 2021");
    expect(text).toContain("在 Edge 或 Chrome 浏览器中打开本页");
    // The address without Office's query, as text (not markup).
    expect(document.getElementById("page-url")!.textContent).toBe("http://localhost/addin/taskpane.html");
  });

  test("WebView2 (Office 2021, Microsoft 365) is left alone: no flag, nothing written over the root", () => {
    loadPage("taskpane/taskpane.html", WEBVIEW2, "/taskpane.html");
    expect(flag()).toBeUndefined();
    expect(document.getElementById("root")!.innerHTML).toBe("");
  });
});

describe("commands.html", () => {
  function office() {
    const dialogs: string[] = [];
    const handlers: Record<string, () => void> = {};
    const dialog = { addEventHandler: (t: string, h: () => void) => (handlers[t] = h), close: jest.fn() };
    (globalThis as Record<string, unknown>).Office = {
      AsyncResultStatus: { Succeeded: "succeeded" },
      EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
      context: {
        ui: {
          displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
            dialogs.push(url);
            cb({ status: "succeeded", value: dialog });
          },
          messageParent: jest.fn(),
        },
      },
    };
    return { dialogs, handlers, dialog };
  }

  test("in IE11 every ribbon command shows why in a dialog, then completes", () => {
    const { dialogs, handlers, dialog } = office();
    loadPage("commands/commands.html", TRIDENT, "/commands.html");
    for (const name of ["validate", "compile", "clearMarks"]) {
      const event = { completed: jest.fn() };
      (window as unknown as Record<string, (e: unknown) => void>)[name](event);
      expect(dialogs.at(-1)).toBe("http://localhost/commands.html?unsupported=1");
      expect(event.completed).not.toHaveBeenCalled();
      handlers.message(); // 确定
      expect(dialog.close).toHaveBeenCalled();
      expect(event.completed).toHaveBeenCalledTimes(1);
    }
  });

  test("a dialog that cannot open still completes the command", () => {
    const { dialogs } = office();
    const o = (globalThis as { Office: { context: { ui: { displayDialogAsync: unknown } } } }).Office;
    o.context.ui.displayDialogAsync = (url: string, _o: unknown, cb: (r: unknown) => void) => {
      dialogs.push(url);
      cb({ status: "failed" });
    };
    loadPage("commands/commands.html", EDGE_LEGACY, "/commands.html");
    const event = { completed: jest.fn() };
    (window as unknown as { validate: (e: unknown) => void }).validate(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
  });

  test("the dialog page itself shows the message; 确定 tells the command to finish", () => {
    office();
    loadPage("commands/commands.html", TRIDENT, "/commands.html?unsupported=1");
    expect(document.getElementById("dialog")!.hidden).toBe(false);
    expect(document.getElementById("notice")!.textContent).toContain("本加载项无法在其中运行");
    document.getElementById("ok")!.click();
    const ui = (globalThis as unknown as { Office: { context: { ui: { messageParent: jest.Mock } } } }).Office.context.ui;
    expect(ui.messageParent).toHaveBeenCalledWith("close");
  });

  test("WebView2 is left alone: the bundle defines the commands", () => {
    office();
    delete (window as { validate?: unknown }).validate;
    loadPage("commands/commands.html", WEBVIEW2, "/commands.html");
    expect(flag()).toBeUndefined();
    expect((window as { validate?: unknown }).validate).toBeUndefined();
  });
});
