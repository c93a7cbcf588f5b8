/**
 * Office runtimes around the Excel stand-in (stand-in.ts): each runtime is a window of its own
 * (the task pane, the ribbon's function file, a dialog — separate runtimes, as the manifest
 * declares no shared runtime) that loads Microsoft's Excel client library
 * (excel-web-16.00.debug.js) and gets an `Office` object from the host.
 *
 * The seam into the library is `OSF.DDA.RichApi.executeRichApiRequestAsync`, the function
 * through which the library hands the host every serialized batch (see stand-in.ts).
 *
 * What `Office` models, where the add-in's correctness depends on it:
 * - document settings are a copy per runtime, taken when the runtime starts: `get`/`set`
 *   work on the copy, `saveAsync` writes the whole copy over the document's, `refreshAsync`
 *   takes a fresh copy (Office.Settings); a save above 2 MB fails;
 * - a function file's start-up: the host calls a command only after the page called
 *   `Office.onReady()` or set `Office.initialize` (office.js waits for one of them, then
 *   dispatches; without them the button spins until Office gives up after 5 minutes);
 * - `Office.context.requirements` from the profile (what src/host reads; the stand-in refuses
 *   an API above the profile's ExcelApi version, as Excel does);
 * - dialogs (DialogApi 1.1): on the web a dialog URL with an escaped line break fails
 *   (office-js#2762); `messageParent` works only in a dialog page that initialised Office.
 * Not modelled: Office.js's own start-up handshake with the host (XDM), events, auth.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { TextDecoder, TextEncoder } from "node:util";
import type { ExcelRunner } from "../../../src/excel/run";
import type { SettingsStore } from "../../../src/excel/record";
import { officeSettings } from "../../../src/excel/record";
import { compareVersions, type Profile, StandInExcel } from "./stand-in";

const LIBRARY = path.join(__dirname, "..", "..", "..", "node_modules", "@microsoft", "office-js", "dist", "excel-web-16.00.debug.js");
let librarySource: string | undefined;

type Callback = (result: AsyncResultLike) => void;
interface AsyncResultLike {
  status: "succeeded" | "failed";
  value?: unknown;
  error?: { code: number; message: string; name: string };
}

export interface RuntimeOptions {
  /** "pane", "ribbon", "dialog" …: requests are logged under it. */
  name: string;
  /** The window the runtime lives in (the test's own jsdom window for code under test that reads globals); default a new one. */
  window?: Window;
  url?: string;
  userAgent?: string;
  displayLanguage?: string;
  /** Load Microsoft's Excel library into the window (default true). */
  excel?: boolean;
  /** A dialog runtime: its messageParent goes to `opener`'s dialog. */
  dialogOf?: OpenDialog;
}

/** A dialog a runtime opened, as the host shows it. */
export interface OpenDialog {
  url: string;
  opener: Runtime;
  closed: boolean;
  /** Sends a message from the dialog page to its opener (what messageParent does). */
  message(text: string): void;
  /** The user closed it with the ✕ (DialogEventReceived 12006). */
  dismiss(): void;
}

export interface CommandOutcome {
  /** Whether Office called the command's function at all. */
  invoked: boolean;
  /** Whether the command called event.completed(). */
  completed: boolean;
  /** Milliseconds from the click to event.completed(). */
  ms: number;
}

/** Everything outside the add-in: one workbook, its settings, the runtimes and dialogs. */
export class OfficeHost {
  readonly excel: StandInExcel;
  readonly runtimes: Runtime[] = [];
  readonly dialogs: OpenDialog[] = [];
  /** What happens when a dialog opens; default: the user reads it and clicks OK (the page sends "close"). */
  onDialog: (dialog: OpenDialog) => void = (d) => setTimeout(() => d.message("close"), 0);
  /** DialogApi 1.1 (every Excel since 2016 except the oldest builds). */
  dialogApi = true;
  /** A settings save of more than this many characters fails (Office documents about 2 MB). */
  settingsLimit = 2 * 1024 * 1024;
  /** Runtimes killed by Office (the ribbon's 5-minute limit): nothing they send is answered any more. */
  private readonly killed = new Map<string, number>();

  /** Office ends `runtime` after its next `requests` requests: they run, nothing more is answered or saved. */
  killAfter(runtime: string, requests: number): void {
    this.killed.set(runtime, this.excel.requestsOf(runtime).length + requests);
  }

  /** Whether Office has ended this runtime. */
  isKilled(runtime: string): boolean {
    const limit = this.killed.get(runtime);
    return limit !== undefined && this.excel.requestsOf(runtime).length >= limit;
  }

  constructor(readonly profile: Profile) {
    this.excel = new StandInExcel(profile);
  }

  start(options: RuntimeOptions): Runtime {
    const runtime = new Runtime(this, options);
    this.runtimes.push(runtime);
    return runtime;
  }

  /**
   * Clicks a ribbon button whose action is ExecuteFunction `name` in the function-file runtime.
   * Office waits for the page's Office.onReady/Office.initialize (`startupMs`), then calls the
   * function; the outcome tells whether it ran and completed within `waitMs`.
   */
  async click(runtime: Runtime, name: string, options: { startupMs?: number; waitMs?: number } = {}): Promise<CommandOutcome> {
    const started = Date.now();
    const until = async (ok: () => boolean, ms: number) => {
      const end = Date.now() + ms;
      while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
      return ok();
    };
    if (!(await until(() => runtime.initialised, options.startupMs ?? 1000)))
      return { invoked: false, completed: false, ms: Date.now() - started };
    await runtime.ready;
    const w = runtime.window as unknown as Record<string, unknown>;
    const f = (typeof w[name] === "function" ? w[name] : runtime.associations.get(name.toUpperCase())) as
      ((e: unknown) => unknown) | undefined;
    if (!f) return { invoked: false, completed: false, ms: Date.now() - started };
    let completed = false;
    f({ source: { id: name }, completed: () => (completed = true) });
    await until(() => completed, options.waitMs ?? 5000);
    return { invoked: true, completed, ms: Date.now() - started };
  }
}

export class Runtime {
  readonly window: Window;
  /** The runtime's in-memory copy of the document settings (taken at start). */
  private settingsCopy: Record<string, unknown>;
  readonly associations = new Map<string, (e: unknown) => unknown>();
  /** Set once the page called Office.onReady() or assigned Office.initialize. */
  initialised = false;
  /** Resolves when the host has finished Office's start-up in this runtime. */
  readonly ready: Promise<void>;
  readonly name: string;

  constructor(
    readonly host: OfficeHost,
    readonly options: RuntimeOptions,
  ) {
    this.name = options.name;
    this.window = options.window ?? newWindow(options.url ?? "https://localhost:3000/taskpane.html", options.userAgent);
    if (options.window && options.url) options.window.history.replaceState(null, "", options.url);
    this.settingsCopy = copyOf(host.excel.settings);
    const w = this.window as unknown as Record<string, unknown> & { eval(src: string): unknown };
    if (options.excel !== false) {
      // A window loads the library once (a test's own window may be given to several runtimes in turn).
      if (!w.Excel) {
        librarySource ??= readFileSync(LIBRARY, "utf8");
        w.eval(librarySource);
        installNotesApi(w);
      }
      const osf = w.OSF as { DDA: { RichApi?: unknown } };
      osf.DDA.RichApi = {
        executeRichApiRequestAsync: (message: unknown[], callback: (r: unknown) => void) => {
          if (host.isKilled(this.name)) return;
          host.excel.execute(this.name, message, (r) => {
            if (!host.isKilled(this.name)) callback(r);
          });
        },
      };
    }
    this.ready = new Promise<void>((resolve) => setTimeout(resolve, 0));
    w.Office = this.office();
  }

  /** Excel.run of Microsoft's library in this runtime. */
  get run(): ExcelRunner {
    const excel = (this.window as unknown as { Excel: { run: ExcelRunner } }).Excel;
    return (batch) => excel.run(batch);
  }

  /** The add-in's settings store over this runtime's Office.context.document.settings. */
  get store(): SettingsStore {
    return officeSettings((this.window as unknown as { Office: typeof Office }).Office.context.document.settings);
  }

  /** The host's requirement sets, as Office.context.requirements answers. */
  isSetSupported(name: string, version?: string): boolean {
    const v = version ?? "1.1";
    if (name === "ExcelApi") return compareVersions(v, this.host.profile.excelApi) <= 0;
    if (name === "DialogApi") return this.host.dialogApi && compareVersions(v, "1.2") <= 0;
    return false;
  }

  private office(): unknown {
    const runtime = this;
    const host = this.host;
    const done = (cb: Callback | undefined, result: AsyncResultLike) => setTimeout(() => cb?.(result), 0);
    const settings = {
      get: (name: string) => (name in runtime.settingsCopy ? copyOf(runtime.settingsCopy[name]) : null),
      set: (name: string, value: unknown) => {
        runtime.settingsCopy[name] = JSON.parse(JSON.stringify(value));
      },
      remove: (name: string) => {
        delete runtime.settingsCopy[name];
      },
      saveAsync: (a?: unknown, b?: unknown) => {
        const cb = (typeof a === "function" ? a : b) as Callback | undefined;
        if (host.isKilled(runtime.name)) return;
        const text = JSON.stringify(runtime.settingsCopy);
        if (text.length > host.settingsLimit) {
          done(cb, { status: "failed", error: { code: 2502, message: "The settings exceed the size limit.", name: "Settings" } });
          return;
        }
        host.excel.settings = JSON.parse(text) as Record<string, unknown>;
        done(cb, { status: "succeeded" });
      },
      refreshAsync: (cb?: Callback) => {
        runtime.settingsCopy = copyOf(host.excel.settings);
        done(cb, { status: "succeeded", value: settings });
      },
    };
    const ui = {
      displayDialogAsync(url: string, options: { displayInIframe?: boolean } | undefined, cb?: Callback) {
        if (host.profile.platform === "OfficeOnline" && options?.displayInIframe && /%0[ad]/i.test(url)) {
          done(cb, { status: "failed", error: { code: 5001, message: "An internal error has occurred.", name: "Internal Error" } });
          return;
        }
        const handlers = new Map<string, (arg: unknown) => void>();
        const dialog: OpenDialog = {
          url,
          opener: runtime,
          closed: false,
          message: (text) => {
            if (!dialog.closed) handlers.get("dialogMessageReceived")?.({ message: text, origin: "https://localhost:3000" });
          },
          dismiss: () => {
            dialog.closed = true;
            handlers.get("dialogEventReceived")?.({ error: 12006 });
          },
        };
        host.dialogs.push(dialog);
        const value = {
          addEventHandler: (type: string, handler: (arg: unknown) => void) => handlers.set(type, handler),
          close: () => {
            dialog.closed = true;
          },
        };
        done(cb, { status: "succeeded", value });
        setTimeout(() => host.onDialog(dialog), 0);
      },
      messageParent(message: string) {
        const dialog = runtime.options.dialogOf;
        if (!dialog || !runtime.initialised)
          throw new Error(
            'Office.js has not fully loaded. Your app must call "Office.onReady()" as part of it\'s loading sequence (or set the "Office.initialize" function).',
          );
        dialog.message(message);
      },
    };
    const office: Record<string, unknown> = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
      HostType: { Excel: "Excel" },
      PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
      onReady(cb?: (info: unknown) => unknown) {
        runtime.initialised = true;
        const info = { host: "Excel", platform: host.profile.platform };
        return runtime.ready.then(() => {
          cb?.(info);
          return info;
        });
      },
      actions: {
        associate: (name: string, f: (e: unknown) => unknown) => runtime.associations.set(name.toUpperCase(), f),
      },
      context: {
        host: "Excel",
        platform: host.profile.platform,
        displayLanguage: runtime.options.displayLanguage ?? "zh-CN",
        diagnostics: { platform: host.profile.platform, version: "16.0.18025.20000", host: "Excel" },
        requirements: { isSetSupported: (name: string, version?: string) => runtime.isSetSupported(name, version) },
        document: { settings },
        ui,
      },
    };
    // Office.initialize: assigning it counts as initialising, and Office calls it once ready.
    let initialize: ((reason: string) => void) | undefined;
    Object.defineProperty(office, "initialize", {
      get: () => initialize,
      set: (f: (reason: string) => void) => {
        initialize = f;
        runtime.initialised = true;
        void runtime.ready.then(() => f?.("inserted"));
      },
    });
    return office;
  }
}

/** A deep copy of JSON data (settings are JSON in Office). */
function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function newWindow(url: string, userAgent?: string): Window {
  // Loaded here: a test in jest's jsdom environment lacks the encoders jsdom itself needs.
  const g = globalThis as { TextEncoder?: unknown; TextDecoder?: unknown };
  g.TextEncoder ??= TextEncoder;
  g.TextDecoder ??= TextDecoder;
  const { JSDOM, ResourceLoader } = require("jsdom") as typeof import("jsdom");
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", {
    url,
    runScripts: "outside-only",
    pretendToBeVisual: true,
    ...(userAgent ? { resources: new ResourceLoader({ userAgent }) } : {}),
  });
  return dom.window as unknown as Window;
}

/**
 * The notes API (ExcelApi 1.18: Worksheet.notes, NoteCollection, Note). Office.js on the CDN
 * has it; the npm package's library (1.1.110) predates it. It is added here through the
 * library's own LibraryBuilder, from the metadata the API's shape gives (property "Notes",
 * methods Add / GetItemOrNullObject / GetCount, Note.content, Note.delete, Note.getLocation),
 * so that loads, PropertyNotLoaded, null objects and the API check are the library's.
 */
function installNotesApi(w: Record<string, unknown>): void {
  const ext = w.OfficeExtension as {
    LibraryBuilder: new (o: unknown) => unknown;
    BatchApiHelper: { createPropertyObject(type: unknown, parent: unknown, name: string, isCollection: boolean, flags: number): unknown };
    Utility: { throwIfApiNotSupported(member: string, set: string, version: string, host: string): void };
  };
  const excel = w.Excel as { Worksheet: { prototype: object }; NoteCollection?: unknown };
  if (excel.NoteCollection) return;
  // Scalar property [name, flags (2 read-only), apiSet], method [name, params, flags (2 read), apiSet, apiFlags],
  // navigation method [name, type, params, flags (16 indexer, 2 read), apiSet, apiFlags].
  new ext.LibraryBuilder({
    targetNamespaceObject: excel,
    metadata: {
      version: "1.0.0",
      name: "Excel",
      defaultApiSetName: "ExcelApi",
      hostName: "Excel",
      apiSets: [["1.18", "ExcelApi"]],
      strings: [],
      enumTypes: [],
      clientObjectTypes: [
        [
          "Note",
          0,
          [
            ["content", 0, 1],
            ["authorName", 2, 1],
          ],
          0,
          [["delete", 0, 0, 1, 0]],
          [["getLocation", "Excel.Range", 0, 2, 1, 4]],
        ],
        [
          "NoteCollection",
          1,
          0,
          0,
          [["getCount", 0, 2, 1, 4]],
          [
            ["add", "Excel.Note", 2, 0, 1, 0],
            ["getItem", "Excel.Note", 1, 18, 1, 4],
            ["getItemAt", "Excel.Note", 1, 2, 1, 4],
            ["getItemOrNullObject", "Excel.Note", 1, 2, 1, 4],
          ],
          0,
          "Excel.Note",
        ],
      ],
    },
  });
  Object.defineProperty(excel.Worksheet.prototype, "notes", {
    get(this: { m_notes?: unknown }) {
      ext.Utility.throwIfApiNotSupported("Worksheet.notes", "ExcelApi", "1.18", "Excel");
      this.m_notes ??= ext.BatchApiHelper.createPropertyObject(excel.NoteCollection, this, "Notes", true, 4);
      return this.m_notes;
    },
    configurable: true,
  });
}
