/**
 * An Excel stand-in that answers the RichApi requests of Microsoft's own Excel client library
 * (node_modules/@microsoft/office-js/dist/excel-web-16.00.debug.js, loaded by runtime.ts).
 *
 * The seam: the library hands every batch (context.sync(), and Excel.run's clean-up) to
 * `OSF.DDA.RichApi.executeRichApiRequestAsync(messageSafeArray, callback)` — in Office that
 * function posts the serialized request to the host (on the web, through the XDM channel to
 * Excel's page) and calls back with the host's answer. runtime.ts points it at `execute`
 * here. Everything above it is the library's own: object paths, actions, load/sync
 * bookkeeping, PropertyNotLoaded, request building, result handling, Excel.run's clean-up.
 *
 * What the stand-in models (each because the add-in's correctness depends on it):
 * - the request as Excel receives it: `{Actions, ObjectPaths}` JSON, executed action by action
 *   and **not transactional**: an action that fails stops the batch; what ran before stays;
 * - Excel on the web's payload limits: a request body above `requestLimit` bytes (UTF-8) is
 *   refused before anything runs (RequestPayloadSizeLimitExceeded); a response above
 *   `responseLimit` is refused after the batch ran (ResponsePayloadSizeLimitExceeded) — its
 *   writes stay, as on the web;
 * - reference ids: an object the library keeps (`_KeepReference`, every Range in Excel.run)
 *   gets a `_ReferenceId`, and Excel.run's own clean-up request removes them;
 * - sheets (ids, case-insensitive names, visibility, protection with or without a password),
 *   cells (values typed as Excel types them, number formats, fills with pattern and pattern
 *   colour), notes (ExcelApi 1.18), threaded comments with replies (ExcelApi 1.10; deleting a
 *   comment deletes its thread), merges, hidden rows; other formatting is recorded, not
 *   simulated;
 * - a failure injected on a member (`failOn`), e.g. `CommentCollection.add` refused.
 * Not modelled: calculation, events, undo, charts beyond recording, row/column insertion,
 * anything the add-in does not call (an unknown member fails loudly, so a test cannot pass
 * against behaviour the stand-in invented).
 */
import { a1, parseA1 } from "../../../src/core/model";

export interface Profile {
  name: string;
  /** Office.context.platform. */
  platform: "OfficeOnline" | "PC" | "Mac";
  /** The highest ExcelApi requirement set the host supports. */
  excelApi: string;
  /** Request and response payload limits in bytes (Excel on the web: 5 MB); null: none. */
  requestLimit: number | null;
  responseLimit: number | null;
}

/** Excel on the web: every API, 5 MB per request and per response. */
export const WEB: Profile = { name: "web", platform: "OfficeOnline", excelApi: "1.18", requestLimit: 5_000_000, responseLimit: 5_000_000 };
/** Microsoft 365 on Windows: every API, no payload limit. */
export const DESKTOP: Profile = { name: "desktop", platform: "PC", excelApi: "1.18", requestLimit: null, responseLimit: null };
/** Office 2021 (threaded comments, no notes API). */
export const OFFICE_2021: Profile = { name: "office2021", platform: "PC", excelApi: "1.14", requestLimit: null, responseLimit: null };
/** Office 2016 (ExcelApi 1.1 … 1.2 era). */
export const OFFICE_2016: Profile = { name: "office2016", platform: "PC", excelApi: "1.2", requestLimit: null, responseLimit: null };

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface Fill {
  color: string;
  pattern: string;
  patternColor?: string;
}

export interface CellState {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  fill?: Fill;
}

export interface ProtectionState {
  protected: boolean;
  options: Record<string, unknown>;
  password?: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, CellState>;
  notes: Map<string, { content: string; author: string }>;
  protection: ProtectionState;
  hiddenRows: Set<number>;
  merges: string[];
}

export interface Thread {
  id: string;
  sheetId: string;
  cell: string;
  content: string;
  author: string;
  replies: { id: string; content: string }[];
}

/** One request as the stand-in received it. */
export interface RequestRecord {
  runtime: string;
  bytesIn: number;
  bytesOut: number;
  actions: number;
  /** The error code the request ended with, if any. */
  error?: string;
  /** True for Excel.run's clean-up request (only _RemoveReference calls). */
  cleanup: boolean;
  /** Sheets whose cell values (values, text, formats or formulas) the request loaded. */
  cellsOf: string[];
}

/** A recorded formatting write the stand-in does not simulate. */
export interface FormatWrite {
  sheet: string;
  address?: string;
  path: string;
  value: unknown;
}

const COLS = 16384;
const ROWS = 1048576;
/** Cells are keyed by a number (Map lookups on "r,c" strings are ~20× slower). */
export const key = (r: number, c: number) => r * COLS + c;

/** The cells of a sheet from rows of values (empty ones left out). */
export function gridCells(rows: readonly (readonly (string | number | boolean | null)[])[]): Map<number, CellState> {
  const cells = new Map<number, CellState>();
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && v !== "") cells.set(key(r, c), { value: v });
    }),
  );
  return cells;
}

export class HostError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const notModelled = (type: string, member: string) => new HostError("NotModelled", `the stand-in does not model ${type}.${member}`);

interface Area {
  sheet: SheetState;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "'My sheet'!$A$1:B2" → the sheet name (if any) and the area, 0-based. */
export function parseAddress(address: string): { sheet?: string; top: number; left: number; bottom: number; right: number } {
  let local = address;
  let sheet: string | undefined;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address
      .slice(0, bang)
      .replace(/^'(.*)'$/, "$1")
      .replace(/''/g, "'");
    local = address.slice(bang + 1);
  }
  const [from, to = from] = local.replace(/\$/g, "").split(":");
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) return { sheet, top: Number(from) - 1, left: 0, bottom: Number(to) - 1, right: COLS - 1 };
  if (/^[A-Z]+$/i.test(from) && /^[A-Z]+$/i.test(to)) {
    return { sheet, top: 0, left: parseA1(`${from}1`).col, bottom: ROWS - 1, right: parseA1(`${to}1`).col };
  }
  let a: { row: number; col: number };
  let b: { row: number; col: number };
  try {
    a = parseA1(from);
    b = parseA1(to);
  } catch {
    throw new HostError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${address}`);
  }
  return {
    sheet,
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

const quoteSheet = (name: string) => (/^[\p{L}\p{N}_.]+$/u.test(name) && !/^\d/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
const localAddress = (a: Omit<Area, "sheet">) =>
  a.top === a.bottom && a.left === a.right ? a1(a.top, a.left) : `${a1(a.top, a.left)}:${a1(a.bottom, a.right)}`;

/** Display text as Excel shows it (enough for the add-in: percent formats and plain values). */
export function displayText(cell: Pick<CellState, "value" | "numberFormat"> | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  if (typeof v === "number" && cell.numberFormat && /%$/.test(cell.numberFormat)) {
    const decimals = (cell.numberFormat.split(".")[1] ?? "").replace("%", "").length;
    return `${(v * 100).toFixed(decimals)}%`;
  }
  return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

const NO_FILL: Fill = { color: "#FFFFFF", pattern: "None" };

/**
 * The requirement set of the members the add-in uses above ExcelApi 1.1. Excel refuses them on
 * an older host (the library's own client-side check is inert: it sets
 * Utility._doApiNotSupportedCheck, but reads CommonUtility._doApiNotSupportedCheck).
 */
const API_VERSIONS: Record<string, string> = {
  "Workbook.name": "1.7",
  "Workbook.comments": "1.10",
  "Worksheet.comments": "1.10",
  "Worksheet.notes": "1.18",
  "Worksheet.protection": "1.2",
  "Worksheet.freezePanes": "1.7",
  "Worksheet.pageLayout": "1.9",
  "Worksheet.getUsedRangeOrNullObject": "1.4",
  "WorksheetCollection.getItemOrNullObject": "1.4",
  "Range.rowHidden": "1.2",
  "Range.merge": "1.2",
  "Range.getRowProperties": "1.9",
  "Range.getMergedAreasOrNullObject": "1.13",
  "Range.dataValidation": "1.8",
  "RangeFill.pattern": "1.9",
  "RangeFill.patternColor": "1.9",
  "RangeFormat.protection": "1.2",
  "RangeFormat.columnWidth": "1.2",
  "RangeFormat.rowHeight": "1.2",
  "CommentCollection.getItemOrNullObject": "1.14",
};

/** Every option of WorksheetProtectionOptions, as Excel reports them. */
const PROTECTION_OPTIONS = [
  "allowAutoFilter",
  "allowDeleteColumns",
  "allowDeleteRows",
  "allowEditObjects",
  "allowEditScenarios",
  "allowFormatCells",
  "allowFormatColumns",
  "allowFormatRows",
  "allowInsertColumns",
  "allowInsertHyperlinks",
  "allowInsertRows",
  "allowPivotTables",
  "allowSort",
] as const;

/** An object of Excel's object model, as a request's object path resolves to it. */
abstract class HostObject {
  abstract readonly type: string;
  /** Scalar property names (Excel's, PascalCase) a load without a select returns. */
  scalars(): string[] {
    return [];
  }
  get(prop: string): unknown {
    throw notModelled(this.type, prop);
  }
  set(prop: string, _value: unknown): void {
    throw notModelled(this.type, `${prop} (set)`);
  }
  nav(prop: string): HostObject | null {
    throw notModelled(this.type, prop);
  }
  call(method: string, _args: unknown[]): unknown {
    throw notModelled(this.type, `${method}()`);
  }
  index(keyValue: unknown): HostObject | null {
    throw notModelled(this.type, `[${String(keyValue)}]`);
  }
  /** Items of a collection. */
  items(): HostObject[] | null {
    return null;
  }
  /** The id a collection item is found by (`_Id` in results). */
  itemId(): string | undefined {
    return undefined;
  }
}

export class StandInExcel {
  readonly sheets: SheetState[] = [];
  readonly threads: Thread[] = [];
  /** Formatting writes recorded, not simulated (fonts, borders, widths, page layout, charts …). */
  readonly formats: FormatWrite[] = [];
  readonly requests: RequestRecord[] = [];
  /** The document's settings as saved (Office.context.document.settings after saveAsync). */
  settings: Record<string, unknown> = {};
  active = "";
  workbookName = "区县填报.xlsx";
  user = "统计员";
  /** Milliseconds the host takes to answer each request (a slow link, a busy workbook). */
  latencyMs = 0;
  /** Members that fail when called ("CommentCollection.add", "RangeFill.color" …). */
  readonly failOn = new Map<string, string>();
  private refs = new Map<string, HostObject>();
  private nextId = 1;

  constructor(readonly profile: Profile) {}

  supports(version: string): boolean {
    return compareVersions(version, this.profile.excelApi) <= 0;
  }

  // ---- state helpers for tests -----------------------------------------------------------

  addSheet(name: string, rows: (string | number | boolean | null)[][] = [], visibility: SheetState["visibility"] = "Visible"): SheetState {
    if (this.findSheet(name)) throw new Error(`sheet ${name} exists`);
    const sheet: SheetState = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility,
      cells: gridCells(rows),
      notes: new Map(),
      protection: { protected: false, options: {} },
      hiddenRows: new Set(),
      merges: [],
    };
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }

  /** By name (case-insensitive, as Excel compares) or id. */
  findSheet(nameOrId: string): SheetState | undefined {
    const lower = nameOrId.toLowerCase();
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  sheet(name: string): SheetState {
    const s = this.findSheet(name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }

  cell(sheet: string, address: string): CellState | undefined {
    const { row, col } = parseA1(address);
    return this.sheet(sheet).cells.get(key(row, col));
  }

  setCell(sheet: string, address: string, cell: CellState): void {
    const { row, col } = parseA1(address);
    this.sheet(sheet).cells.set(key(row, col), cell);
  }

  /** A threaded comment as a person adds it in Excel. */
  addThread(sheet: string, cell: string, content: string, replies: string[] = []): Thread {
    const t: Thread = {
      id: `{comment-${this.nextId++}}`,
      sheetId: this.sheet(sheet).id,
      cell,
      content,
      author: this.user,
      replies: replies.map((r) => ({ id: `{reply-${this.nextId++}}`, content: r })),
    };
    this.threads.push(t);
    return t;
  }

  threadAt(sheet: string, cell: string): Thread | undefined {
    const s = this.sheet(sheet);
    return this.threads.find((t) => t.sheetId === s.id && t.cell === cell);
  }

  /** Requests of one runtime (or all), the clean-up requests included. */
  requestsOf(runtime?: string): RequestRecord[] {
    return runtime ? this.requests.filter((r) => r.runtime === runtime) : this.requests;
  }

  // ---- the RichApi endpoint ----------------------------------------------------------------

  /**
   * Answers one request as Office's host does: `message` is the library's safe array
   * (RichApiMessageUtility.buildRequestMessageSafeArray), the callback gets an
   * Office.AsyncResult-like object whose value.data is [status, headers, body].
   */
  execute(runtime: string, message: unknown[], callback: (result: unknown) => void): void {
    const bodyText = String(message[4]);
    const bytesIn = Buffer.byteLength(bodyText, "utf8");
    const record: RequestRecord = { runtime, bytesIn, bytesOut: 0, actions: 0, cleanup: false, cellsOf: [] };
    this.requests.push(record);
    const answer = (result: unknown) => setTimeout(() => callback(result), this.latencyMs);
    if (this.profile.requestLimit !== null && bytesIn > this.profile.requestLimit) {
      record.error = "RequestPayloadSizeLimitExceeded";
      answer({ status: "failed", error: { code: 5103, message: "The request payload size has exceeded the limit." } });
      return;
    }
    const body = JSON.parse(bodyText) as RequestBody;
    record.actions = body.Actions.length;
    record.cleanup =
      body.Actions.length > 0 && body.Actions.every((a) => a.ActionType === 1 || (a.ActionType === 3 && a.Name === "_RemoveReference"));
    const responseBody = JSON.stringify(this.run(body, record));
    record.bytesOut = Buffer.byteLength(responseBody, "utf8");
    if (this.profile.responseLimit !== null && record.bytesOut > this.profile.responseLimit) {
      record.error = "ResponsePayloadSizeLimitExceeded";
      answer({ status: "failed", error: { code: 5104, message: "The response payload size has exceeded the limit." } });
      return;
    }
    const parsed = JSON.parse(responseBody) as { Error?: { Code: string } };
    if (parsed.Error) record.error = parsed.Error.Code;
    answer({ status: "succeeded", value: { data: [200, [], responseBody] } });
  }

  private run(body: RequestBody, record: RequestRecord): ResponseBody {
    const resolved = new Map<number, HostObject | null>();
    const kept = new Map<number, string>();
    const results: { ActionId: number; Value: unknown }[] = [];
    const resolve = (id: number): HostObject | null => {
      if (resolved.has(id)) return resolved.get(id) as HostObject | null;
      const info = body.ObjectPaths[String(id)];
      if (!info) throw new HostError("InvalidObjectPath", `no object path ${id}`);
      let obj: HostObject | null;
      switch (info.ObjectPathType) {
        case 1:
          obj = new WorkbookObject(this);
          break;
        case 6: {
          const ref = this.refs.get(info.Name);
          if (!ref) throw new HostError("InvalidObjectPath", `reference ${info.Name} was removed`);
          obj = ref;
          break;
        }
        case 7:
          obj = null;
          break;
        case 3:
        case 4:
        case 5: {
          const parent = resolve(info.ParentObjectPathId as number);
          if (parent === null) obj = null;
          else if (info.ObjectPathType === 4) obj = this.guarded(parent, lowerFirst(info.Name), () => parent.nav(info.Name));
          else {
            const args = this.args(info.ArgumentInfo, resolve);
            if (info.ObjectPathType === 5) obj = parent.index(args[0]);
            else obj = this.guarded(parent, lowerFirst(info.Name), () => parent.call(info.Name, args) as HostObject | null);
          }
          break;
        }
        default:
          throw notModelled("ObjectPath", `type ${info.ObjectPathType}`);
      }
      resolved.set(id, obj);
      return obj;
    };
    for (let i = 0; i < body.Actions.length; i++) {
      const action = body.Actions[i];
      try {
        const obj = action.ObjectPathId === undefined ? null : resolve(action.ObjectPathId);
        switch (action.ActionType) {
          case 1: {
            const ref = kept.get(action.ObjectPathId as number);
            results.push({ ActionId: action.Id, Value: obj === null ? null : ref ? { _ReferenceId: ref } : {} });
            break;
          }
          case 2:
            if (
              obj instanceof Range &&
              (action.QueryInfo?.Select ?? ["values"]).some((p) => /^(values|text|numberFormat|formulas)$/.test(p))
            ) {
              if (!record.cellsOf.includes(obj.area.sheet.name)) record.cellsOf.push(obj.area.sheet.name);
            }
            results.push({
              ActionId: action.Id,
              Value: obj === null ? null : this.query(obj, action.QueryInfo ?? {}, kept.get(action.ObjectPathId as number)),
            });
            break;
          case 3: {
            const args = this.args(action.ArgumentInfo, resolve);
            if (action.Name === "_KeepReference") {
              if (obj === null) break;
              const ref = `ref-${this.nextId++}`;
              this.refs.set(ref, obj);
              kept.set(action.ObjectPathId as number, ref);
              break;
            }
            if (action.Name === "_RemoveReference") {
              this.refs.delete(String(args[0]));
              break;
            }
            if (obj === null) throw new HostError("InvalidOperation", `${action.Name} on a null object`);
            const value = this.guarded(obj, lowerFirst(action.Name), () => obj.call(action.Name, args));
            results.push({ ActionId: action.Id, Value: value instanceof HostObject ? {} : value });
            break;
          }
          case 4: {
            if (obj === null) throw new HostError("InvalidOperation", `${action.Name} on a null object`);
            const [value] = this.args(action.ArgumentInfo, resolve);
            this.guarded(obj, lowerFirst(action.Name), () => obj.set(action.Name, value));
            break;
          }
          case 5:
          case 6:
            break;
          default:
            throw notModelled("Action", `type ${action.ActionType}`);
        }
      } catch (e) {
        const err = e instanceof HostError ? e : new HostError("GeneralException", e instanceof Error ? e.message : String(e));
        if (process.env.STAND_IN_DEBUG)
          console.log("stand-in error", action, JSON.stringify(body.ObjectPaths[String(action.ObjectPathId)]), err.code, err.message);
        return {
          Results: results,
          Error: { Code: err.code, Message: err.message, HttpStatusCode: 400, ActionIndex: i, Location: action.Name },
        };
      }
    }
    return { Results: results };
  }

  /** Runs `f`, unless the host lacks the member's requirement set or a test made it fail. */
  private guarded<T>(obj: HostObject, member: string, f: () => T): T {
    const needs = API_VERSIONS[`${obj.type}.${member}`];
    if (needs && !this.supports(needs))
      throw new HostError("ApiNotFound", `The API you are trying to use could not be found (${obj.type}.${member}, ExcelApi ${needs}).`);
    const code = this.failOn.get(`${obj.type}.${member}`);
    if (code) throw new HostError(code, `${obj.type}.${member} refused by the host`);
    return f();
  }

  private args(info: ArgumentInfo | undefined, resolve: (id: number) => HostObject | null): unknown[] {
    const args = info?.Arguments ?? [];
    const refs = info?.ReferencedObjectPathIds ?? [];
    return args.map((a, i) => (typeof refs[i] === "number" && refs[i] !== 0 ? resolve(refs[i] as number) : a));
  }

  private query(obj: HostObject, info: QueryInfo, ref: string | undefined): unknown {
    const pick = (o: HostObject) => {
      const names = info.Select ? info.Select.map(upperFirst) : o.scalars();
      const out: Record<string, unknown> = {};
      for (const n of names) {
        if (n.includes("/")) throw notModelled(o.type, `load("${n}")`);
        out[n] = this.guarded(o, lowerFirst(n), () => o.get(n));
      }
      const id = o.itemId();
      if (id !== undefined) out._Id = id;
      return out;
    };
    const items = obj.items();
    if (items) return { _Items: items.map(pick) };
    const out = pick(obj) as Record<string, unknown>;
    if (ref) out._ReferenceId = ref;
    return out;
  }

  // ---- the object model the add-in uses ----------------------------------------------------

  newSheetId(): string {
    return `{sheet-${this.nextId++}}`;
  }

  newThreadId(): string {
    return `{comment-${this.nextId++}}`;
  }

  /** Excel's rules for a new sheet name. */
  checkSheetName(name: string, except?: SheetState): void {
    if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
      throw new HostError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${name}`);
    }
    const other = this.findSheet(name);
    if (other && other !== except)
      throw new HostError("ItemAlreadyExists", `A resource with the same name or identifier already exists: ${name}`);
  }

  /** Refuses writes to a protected sheet (cells locked by default, as in Excel). */
  checkWritable(sheet: SheetState, what: "cells" | "format" | "objects"): void {
    const p = sheet.protection;
    if (!p.protected) return;
    if (what === "format" && p.options.allowFormatCells) return;
    if (what === "objects" && p.options.allowEditObjects) return;
    throw new HostError("AccessDenied", `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
  }

  recordFormat(sheet: SheetState, address: string | undefined, path: string, value: unknown): void {
    this.formats.push({ sheet: sheet.name, address, path, value });
  }
}

interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: (number | number[])[];
}

interface QueryInfo {
  Select?: string[];
}

interface RequestBody {
  Actions: { Id: number; ActionType: number; Name: string; ObjectPathId?: number; ArgumentInfo?: ArgumentInfo; QueryInfo?: QueryInfo }[];
  ObjectPaths: Record<
    string,
    { Id: number; ObjectPathType: number; Name: string; ParentObjectPathId?: number; ArgumentInfo?: ArgumentInfo }
  >;
}

interface ResponseBody {
  Results: { ActionId: number; Value: unknown }[];
  Error?: { Code: string; Message: string; HttpStatusCode: number; ActionIndex: number; Location: string };
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

class WorkbookObject extends HostObject {
  readonly type = "Workbook";
  constructor(private readonly x: StandInExcel) {
    super();
  }
  override get(prop: string): unknown {
    if (prop === "Name") return this.x.workbookName;
    return super.get(prop);
  }
  override nav(prop: string): HostObject | null {
    if (prop === "Worksheets") return new WorksheetCollection(this.x);
    if (prop === "Comments") return new CommentCollection(this.x, null);
    return super.nav(prop);
  }
}

class WorksheetCollection extends HostObject {
  readonly type = "WorksheetCollection";
  constructor(private readonly x: StandInExcel) {
    super();
  }
  override items(): HostObject[] {
    return this.x.sheets.map((s) => new Worksheet(this.x, s));
  }
  override index(k: unknown): HostObject {
    const s = this.x.findSheet(String(k));
    if (!s) throw new HostError("ItemNotFound", `The requested resource doesn't exist: worksheet ${String(k)}`);
    return new Worksheet(this.x, s);
  }
  override call(method: string, args: unknown[]): unknown {
    switch (method) {
      case "GetItemOrNullObject": {
        const s = this.x.findSheet(String(args[0]));
        return s ? new Worksheet(this.x, s) : null;
      }
      case "GetItemAt":
        return new Worksheet(this.x, this.x.sheets[Number(args[0])]);
      case "GetActiveWorksheet":
        return new Worksheet(this.x, this.x.sheet(this.x.active));
      case "GetCount":
        return this.x.sheets.length;
      case "Add": {
        const name = String(args[0]);
        this.x.checkSheetName(name);
        return new Worksheet(this.x, this.x.addSheet(name));
      }
    }
    return super.call(method, args);
  }
}

class Worksheet extends HostObject {
  readonly type = "Worksheet";
  constructor(
    private readonly x: StandInExcel,
    readonly sheet: SheetState,
  ) {
    super();
  }
  private live(): SheetState {
    if (!this.x.sheets.includes(this.sheet)) throw new HostError("ItemNotFound", `The worksheet ${this.sheet.name} was deleted`);
    return this.sheet;
  }
  override itemId(): string {
    return this.sheet.id;
  }
  override scalars(): string[] {
    return ["Name", "Id", "Position", "Visibility"];
  }
  override get(prop: string): unknown {
    const s = this.live();
    switch (prop) {
      case "Name":
        return s.name;
      case "Id":
        return s.id;
      case "Visibility":
        return s.visibility;
      case "Position":
        return this.x.sheets.indexOf(s);
    }
    return super.get(prop);
  }
  override set(prop: string, value: unknown): void {
    const s = this.live();
    if (prop === "Visibility") {
      s.visibility = value as SheetState["visibility"];
      return;
    }
    if (prop === "Name") {
      this.x.checkSheetName(String(value), s);
      s.name = String(value);
      return;
    }
    super.set(prop, value);
  }
  override nav(prop: string): HostObject | null {
    const s = this.live();
    switch (prop) {
      case "Protection":
        return new WorksheetProtection(this.x, s);
      case "Notes":
        return new NoteCollection(this.x, s);
      case "Comments":
        return new CommentCollection(this.x, s);
      case "FreezePanes":
      case "PageLayout":
      case "Charts":
        return new Recorder(this.x, s, undefined, lowerFirst(prop));
    }
    return super.nav(prop);
  }
  override call(method: string, args: unknown[]): unknown {
    const s = this.live();
    switch (method) {
      case "GetRange": {
        if (args[0] === undefined || args[0] === null || args[0] === "")
          return new Range(this.x, { sheet: s, top: 0, left: 0, bottom: ROWS - 1, right: COLS - 1 });
        const a = parseAddress(String(args[0]));
        return new Range(this.x, { sheet: s, top: a.top, left: a.left, bottom: a.bottom, right: a.right });
      }
      case "GetUsedRange":
      case "GetUsedRangeOrNullObject": {
        const used = usedArea(s, args[0] === true);
        if (!used && method === "GetUsedRangeOrNullObject") return null;
        return new Range(this.x, used ?? { sheet: s, top: 0, left: 0, bottom: 0, right: 0 });
      }
      case "Delete": {
        this.x.sheets.splice(this.x.sheets.indexOf(s), 1);
        for (let i = this.x.threads.length - 1; i >= 0; i--) if (this.x.threads[i].sheetId === s.id) this.x.threads.splice(i, 1);
        if (this.x.active === s.name) this.x.active = this.x.sheets[0]?.name ?? "";
        return undefined;
      }
      case "Activate":
        this.x.active = s.name;
        return undefined;
    }
    return super.call(method, args);
  }
}

/** The used area of a sheet's cells (0-based, inclusive), those with a value only if `valuesOnly`; null when empty. */
export function usedArea<S extends { cells: Map<number, { value: unknown; formula?: string }> }>(
  s: S,
  valuesOnly: boolean,
): { sheet: S; top: number; left: number; bottom: number; right: number } | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  s.cells.forEach((c, k) => {
    if (valuesOnly && c.value === "" && !c.formula) return;
    const r = Math.floor(k / COLS);
    const col = k - r * COLS;
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (col < left) left = col;
    if (col > right) right = col;
  });
  return bottom < 0 ? null : { sheet: s, top, left, bottom, right };
}

class WorksheetProtection extends HostObject {
  readonly type = "WorksheetProtection";
  constructor(
    private readonly x: StandInExcel,
    private readonly sheet: SheetState,
  ) {
    super();
  }
  override scalars(): string[] {
    return ["Protected", "Options"];
  }
  override get(prop: string): unknown {
    const p = this.sheet.protection;
    if (prop === "Protected") return p.protected;
    if (prop === "Options") {
      const out: Record<string, unknown> = {};
      for (const k of PROTECTION_OPTIONS) out[k] = p.protected ? !!p.options[k] : false;
      if (this.x.supports("1.7")) out.selectionMode = p.protected ? (p.options.selectionMode ?? "Normal") : "Normal";
      return out;
    }
    return super.get(prop);
  }
  override call(method: string, args: unknown[]): unknown {
    const p = this.sheet.protection;
    if (method === "Protect") {
      if (p.protected) throw new HostError("AccessDenied", `${this.sheet.name} is already protected`);
      const options = (args[0] ?? {}) as Record<string, unknown>;
      for (const k of Object.keys(options)) {
        const known = (PROTECTION_OPTIONS as readonly string[]).includes(k) || k === "selectionMode";
        const needs17 = k === "selectionMode" || k === "allowEditObjects" || k === "allowEditScenarios";
        if (!known || (needs17 && !this.x.supports("1.7"))) {
          throw new HostError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${k}`);
        }
      }
      this.sheet.protection = { protected: true, options: Object.fromEntries(Object.entries(options).filter(([, v]) => v !== false)) };
      if (typeof args[1] === "string" && args[1]) this.sheet.protection.password = args[1];
      return undefined;
    }
    if (method === "Unprotect") {
      if (!p.protected) throw new HostError("AccessDenied", `${this.sheet.name} is not protected`);
      if (p.password !== undefined && args[0] !== p.password) throw new HostError("InvalidArgument", "The password is incorrect.");
      this.sheet.protection = { protected: false, options: {} };
      return undefined;
    }
    return super.call(method, args);
  }
}

class Range extends HostObject {
  readonly type = "Range";
  constructor(
    private readonly x: StandInExcel,
    readonly area: Area,
  ) {
    super();
  }
  private cells<T>(f: (cell: CellState | undefined, r: number, c: number) => T): T[][] {
    const a = this.area;
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    if (rows * cols > 5_000_000) throw new HostError("ResponsePayloadSizeLimitExceeded", "too many cells");
    const out: T[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: T[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(f(a.sheet.cells.get(key(r, c)), r, c));
      out.push(row);
    }
    return out;
  }
  private cellAt(r: number, c: number): CellState {
    let cell = this.area.sheet.cells.get(key(r, c));
    if (!cell) {
      cell = { value: "" };
      this.area.sheet.cells.set(key(r, c), cell);
    }
    return cell;
  }
  each(f: (cell: CellState) => void): void {
    const a = this.area;
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(this.cellAt(r, c));
  }
  address(): string {
    return localAddress(this.area);
  }
  override scalars(): string[] {
    return ["Address", "RowIndex", "ColumnIndex", "RowCount", "ColumnCount", "Values", "Text", "NumberFormat", "Formulas"];
  }
  override get(prop: string): unknown {
    const a = this.area;
    switch (prop) {
      case "Address":
        return `${quoteSheet(a.sheet.name)}!${this.address()}`;
      case "RowIndex":
        return a.top;
      case "ColumnIndex":
        return a.left;
      case "RowCount":
        return a.bottom - a.top + 1;
      case "ColumnCount":
        return a.right - a.left + 1;
      case "CellCount":
        return (a.bottom - a.top + 1) * (a.right - a.left + 1);
      case "Values":
        return this.cells((c) => (c ? c.value : ""));
      case "Text":
        return this.cells((c) => displayText(c));
      case "NumberFormat":
        return this.cells((c) => c?.numberFormat ?? "General");
      case "Formulas":
        return this.cells((c) => (c?.formula !== undefined ? `=${c.formula}` : c ? c.value : ""));
      case "RowHidden": {
        let hidden = 0;
        for (let r = a.top; r <= a.bottom; r++) if (a.sheet.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === a.bottom - a.top + 1 ? true : null;
      }
    }
    return super.get(prop);
  }
  override set(prop: string, value: unknown): void {
    const a = this.area;
    if (prop === "Values" || prop === "NumberFormat" || prop === "Formulas") {
      this.x.checkWritable(a.sheet, prop === "NumberFormat" ? "format" : "cells");
      const rows = value as unknown[][];
      const single = !Array.isArray(rows);
      if (
        !single &&
        (rows.length !== a.bottom - a.top + 1 || rows.some((row) => !Array.isArray(row) || row.length !== a.right - a.left + 1))
      ) {
        throw new HostError(
          "InvalidArgument",
          `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${this.address()}).`,
        );
      }
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) {
          const v = single ? value : rows[r - a.top][c - a.left];
          const cell = this.cellAt(r, c);
          if (prop === "NumberFormat") cell.numberFormat = String(v);
          else typeInto(cell, v);
        }
      return;
    }
    super.set(prop, value);
  }
  override nav(prop: string): HostObject | null {
    if (prop === "Format") return new RangeFormat(this.x, this);
    if (prop === "DataValidation") return new Recorder(this.x, this.area.sheet, this.address(), "dataValidation");
    return super.nav(prop);
  }
  override call(method: string, args: unknown[]): unknown {
    const a = this.area;
    switch (method) {
      case "GetRow": {
        const r = a.top + Number(args[0]);
        return new Range(this.x, { ...a, top: r, bottom: r });
      }
      case "GetBoundingRect": {
        const other = args[0] as Range;
        return new Range(this.x, {
          sheet: a.sheet,
          top: Math.min(a.top, other.area.top),
          left: Math.min(a.left, other.area.left),
          bottom: Math.max(a.bottom, other.area.bottom),
          right: Math.max(a.right, other.area.right),
        });
      }
      case "_ValidateArraySize":
        if (Number(args[0]) !== a.bottom - a.top + 1 || Number(args[1]) !== a.right - a.left + 1) {
          throw new HostError(
            "InvalidArgument",
            "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
          );
        }
        return undefined;
      case "GetMergedAreasOrNullObject": {
        const inside = a.sheet.merges.filter((addr) => {
          const p = parseAddress(addr);
          return p.top >= a.top && p.bottom <= a.bottom && p.left >= a.left && p.right <= a.right;
        });
        return inside.length ? new RangeAreas(inside.map((m) => `${quoteSheet(a.sheet.name)}!${m}`).join(",")) : null;
      }
      case "GetRowProperties": {
        const out = [];
        for (let r = a.top; r <= a.bottom; r++) out.push({ rowIndex: r, rowHidden: a.sheet.hiddenRows.has(r) });
        return out;
      }
      case "Merge":
        this.x.checkWritable(a.sheet, "format");
        a.sheet.merges.push(this.address());
        return undefined;
      case "Clear":
        this.x.checkWritable(a.sheet, "cells");
        for (const k of [...a.sheet.cells.keys()]) {
          const r = Math.floor(k / COLS);
          const c = k - r * COLS;
          if (r >= a.top && r <= a.bottom && c >= a.left && c <= a.right) {
            if (args[0] === "Contents") (a.sheet.cells.get(k) as CellState).value = "";
            else a.sheet.cells.delete(k);
          }
        }
        return undefined;
      case "Select":
        this.x.active = a.sheet.name;
        return undefined;
    }
    return super.call(method, args);
  }
}

class RangeAreas extends HostObject {
  readonly type = "RangeAreas";
  constructor(private readonly address: string) {
    super();
  }
  override get(prop: string): unknown {
    if (prop === "Address") return this.address;
    return super.get(prop);
  }
}

class RangeFormat extends HostObject {
  readonly type = "RangeFormat";
  constructor(
    private readonly x: StandInExcel,
    private readonly range: Range,
  ) {
    super();
  }
  override set(prop: string, value: unknown): void {
    const s = this.range.area.sheet;
    this.x.checkWritable(s, "format");
    this.x.recordFormat(s, this.range.address(), `format.${lowerFirst(prop)}`, value);
  }
  override nav(prop: string): HostObject | null {
    if (prop === "Fill") return new RangeFill(this.x, this.range);
    if (prop === "Protection") return new FormatProtection(this.x, this.range);
    return new Recorder(this.x, this.range.area.sheet, this.range.address(), `format.${lowerFirst(prop)}`);
  }
}

class FormatProtection extends HostObject {
  readonly type = "FormatProtection";
  constructor(
    private readonly x: StandInExcel,
    private readonly range: Range,
  ) {
    super();
  }
  override set(prop: string, value: unknown): void {
    this.x.checkWritable(this.range.area.sheet, "format");
    this.x.recordFormat(this.range.area.sheet, this.range.address(), `format.protection.${lowerFirst(prop)}`, value);
  }
}

class RangeFill extends HostObject {
  readonly type = "RangeFill";
  constructor(
    private readonly x: StandInExcel,
    private readonly range: Range,
  ) {
    super();
  }
  override scalars(): string[] {
    return ["Color", "Pattern", "PatternColor"];
  }
  private same(f: (fill: Fill) => unknown): unknown {
    const a = this.range.area;
    let first: unknown;
    let set = false;
    for (let r = a.top; r <= a.bottom; r++)
      for (let c = a.left; c <= a.right; c++) {
        const v = f(a.sheet.cells.get(key(r, c))?.fill ?? NO_FILL);
        if (!set) {
          first = v;
          set = true;
        } else if (v !== first) return null;
      }
    return first;
  }
  override get(prop: string): unknown {
    if (prop === "Color") return this.same((f) => f.color);
    if (prop === "Pattern") return this.same((f) => f.pattern);
    if (prop === "PatternColor") return this.same((f) => f.patternColor ?? "#000000");
    return super.get(prop);
  }
  override set(prop: string, value: unknown): void {
    this.x.checkWritable(this.range.area.sheet, "format");
    this.range.each((cell) => {
      const was = cell.fill ?? NO_FILL;
      if (prop === "Color")
        cell.fill = { ...was, color: String(value).toUpperCase(), pattern: was.pattern === "None" ? "Solid" : was.pattern };
      else if (prop === "Pattern") cell.fill = { ...was, pattern: String(value) };
      else if (prop === "PatternColor") cell.fill = { ...was, patternColor: String(value).toUpperCase() };
      else throw notModelled("RangeFill", prop);
    });
  }
  override call(method: string, args: unknown[]): unknown {
    if (method === "Clear") {
      this.x.checkWritable(this.range.area.sheet, "format");
      this.range.each((cell) => delete cell.fill);
      return undefined;
    }
    return super.call(method, args);
  }
}

/** Formatting the stand-in records without simulating it (fonts, borders, validation, layout, charts). */
class Recorder extends HostObject {
  readonly type: string;
  constructor(
    private readonly x: StandInExcel,
    private readonly sheet: SheetState,
    private readonly address: string | undefined,
    private readonly path: string,
  ) {
    super();
    this.type = `Recorder(${path})`;
  }
  override set(prop: string, value: unknown): void {
    if (this.path.startsWith("format") || this.path === "dataValidation") this.x.checkWritable(this.sheet, "format");
    this.x.recordFormat(this.sheet, this.address, `${this.path}.${lowerFirst(prop)}`, value);
  }
  override nav(prop: string): HostObject | null {
    return new Recorder(this.x, this.sheet, this.address, `${this.path}.${lowerFirst(prop)}`);
  }
  override index(k: unknown): HostObject | null {
    return new Recorder(this.x, this.sheet, this.address, `${this.path}[${String(k)}]`);
  }
  override call(method: string, args: unknown[]): unknown {
    const plain = args.map((a) => (a instanceof Range ? a.address() : a));
    this.x.recordFormat(this.sheet, this.address, `${this.path}.${lowerFirst(method)}()`, plain);
    return new Recorder(this.x, this.sheet, this.address, `${this.path}.${lowerFirst(method)}()`);
  }
}

class NoteCollection extends HostObject {
  readonly type = "NoteCollection";
  constructor(
    private readonly x: StandInExcel,
    private readonly sheet: SheetState,
  ) {
    super();
  }
  private cellOf(address: unknown): string {
    const a = address instanceof Range ? address.area : parseAddress(String(address));
    return a1(a.top, a.left);
  }
  override items(): HostObject[] {
    return [...this.sheet.notes.keys()].map((cell) => new Note(this.x, this.sheet, cell));
  }
  override index(k: unknown): HostObject {
    const cell = this.cellOf(k);
    if (!this.sheet.notes.has(cell)) throw new HostError("ItemNotFound", `no note at ${cell}`);
    return new Note(this.x, this.sheet, cell);
  }
  override call(method: string, args: unknown[]): unknown {
    switch (method) {
      case "Add": {
        this.x.checkWritable(this.sheet, "objects");
        const cell = this.cellOf(args[0]);
        if (this.sheet.notes.has(cell)) throw new HostError("InvalidArgument", `${cell} already has a note`);
        this.sheet.notes.set(cell, { content: String(args[1]), author: this.x.user });
        return new Note(this.x, this.sheet, cell);
      }
      case "GetItemOrNullObject": {
        const cell = this.cellOf(args[0]);
        return this.sheet.notes.has(cell) ? new Note(this.x, this.sheet, cell) : null;
      }
      case "GetCount":
        return this.sheet.notes.size;
    }
    return super.call(method, args);
  }
}

class Note extends HostObject {
  readonly type = "Note";
  constructor(
    private readonly x: StandInExcel,
    private readonly sheet: SheetState,
    private readonly cell: string,
  ) {
    super();
  }
  private note() {
    const n = this.sheet.notes.get(this.cell);
    if (!n) throw new HostError("ItemNotFound", `no note at ${this.cell}`);
    return n;
  }
  override scalars(): string[] {
    return ["Content", "AuthorName"];
  }
  override get(prop: string): unknown {
    if (prop === "Content") return this.note().content;
    if (prop === "AuthorName") return this.note().author;
    return super.get(prop);
  }
  override call(method: string, args: unknown[]): unknown {
    if (method === "Delete") {
      this.note();
      this.x.checkWritable(this.sheet, "objects");
      this.sheet.notes.delete(this.cell);
      return undefined;
    }
    if (method === "GetLocation") {
      const { row, col } = parseA1(this.cell);
      return new Range(this.x, { sheet: this.sheet, top: row, left: col, bottom: row, right: col });
    }
    return super.call(method, args);
  }
}

class CommentCollection extends HostObject {
  readonly type = "CommentCollection";
  constructor(
    private readonly x: StandInExcel,
    private readonly sheet: SheetState | null,
  ) {
    super();
  }
  private threads(): Thread[] {
    return this.x.threads.filter((t) => !this.sheet || t.sheetId === this.sheet.id);
  }
  override items(): HostObject[] {
    return this.threads().map((t) => new Comment(this.x, t));
  }
  override index(k: unknown): HostObject {
    const t = this.threads().find((x) => x.id === k);
    if (!t) throw new HostError("ItemNotFound", `no comment ${String(k)}`);
    return new Comment(this.x, t);
  }
  private at(address: unknown): { sheet: SheetState; cell: string } {
    if (address instanceof Range) return { sheet: address.area.sheet, cell: a1(address.area.top, address.area.left) };
    const a = parseAddress(String(address));
    const sheet = a.sheet ? this.x.findSheet(a.sheet) : this.sheet;
    if (!sheet) throw new HostError("InvalidArgument", `comments.add needs a sheet-qualified address: ${String(address)}`);
    return { sheet, cell: a1(a.top, a.left) };
  }
  override call(method: string, args: unknown[]): unknown {
    switch (method) {
      case "Add": {
        const { sheet, cell } = this.at(args[0]);
        this.x.checkWritable(sheet, "objects");
        if (this.x.threads.some((t) => t.sheetId === sheet.id && t.cell === cell))
          throw new HostError("InvalidArgument", `${cell} already has a comment`);
        const t: Thread = { id: this.x.newThreadId(), sheetId: sheet.id, cell, content: String(args[1]), author: this.x.user, replies: [] };
        this.x.threads.push(t);
        return new Comment(this.x, t);
      }
      case "GetItemOrNullObject": {
        const t = this.threads().find((x) => x.id === args[0]);
        return t ? new Comment(this.x, t) : null;
      }
      case "GetItemByCell": {
        const { sheet, cell } = this.at(args[0]);
        const t = this.x.threads.find((x) => x.sheetId === sheet.id && x.cell === cell);
        if (!t) throw new HostError("ItemNotFound", `no comment at ${cell}`);
        return new Comment(this.x, t);
      }
      case "GetCount":
        return this.threads().length;
    }
    return super.call(method, args);
  }
}

class Comment extends HostObject {
  readonly type = "Comment";
  constructor(
    private readonly x: StandInExcel,
    private readonly thread: Thread,
  ) {
    super();
  }
  private live(): Thread {
    if (!this.x.threads.includes(this.thread)) throw new HostError("ItemNotFound", `comment ${this.thread.id} was deleted`);
    return this.thread;
  }
  override itemId(): string {
    return this.thread.id;
  }
  override scalars(): string[] {
    return ["Id", "Content", "AuthorName", "Resolved"];
  }
  override get(prop: string): unknown {
    const t = this.live();
    if (prop === "Id") return t.id;
    if (prop === "Content") return t.content;
    if (prop === "AuthorName") return t.author;
    if (prop === "Resolved") return false;
    return super.get(prop);
  }
  override nav(prop: string): HostObject | null {
    if (prop === "Replies") return new ReplyCollection(this.live());
    return super.nav(prop);
  }
  override call(method: string, args: unknown[]): unknown {
    const t = this.live();
    if (method === "Delete") {
      const sheet = this.x.sheets.find((s) => s.id === t.sheetId);
      if (sheet) this.x.checkWritable(sheet, "objects");
      this.x.threads.splice(this.x.threads.indexOf(t), 1);
      return undefined;
    }
    if (method === "GetLocation") {
      const sheet = this.x.sheets.find((s) => s.id === t.sheetId) as SheetState;
      const { row, col } = parseA1(t.cell);
      return new Range(this.x, { sheet, top: row, left: col, bottom: row, right: col });
    }
    return super.call(method, args);
  }
}

class ReplyCollection extends HostObject {
  readonly type = "CommentReplyCollection";
  constructor(private readonly thread: Thread) {
    super();
  }
  override items(): HostObject[] {
    return this.thread.replies.map((r) => new Reply(r));
  }
  override call(method: string, args: unknown[]): unknown {
    if (method === "GetCount") return this.thread.replies.length;
    return super.call(method, args);
  }
}

class Reply extends HostObject {
  readonly type = "CommentReply";
  constructor(private readonly reply: { id: string; content: string }) {
    super();
  }
  override itemId(): string {
    return this.reply.id;
  }
  override scalars(): string[] {
    return ["Id", "Content"];
  }
  override get(prop: string): unknown {
    if (prop === "Id") return this.reply.id;
    if (prop === "Content") return this.reply.content;
    return super.get(prop);
  }
}

/** Excel's reading of typed input into a cell (a Text format keeps everything literal). */
function typeInto(cell: CellState, v: unknown): void {
  delete cell.formula;
  if (typeof v === "string" && cell.numberFormat !== "@") {
    if (v.length > 1 && (/^[=+@]/.test(v) || (v.startsWith("-") && Number.isNaN(Number(v))))) {
      cell.formula = v.replace(/^[=+@]/, "");
      cell.value = "#NAME?";
      return;
    }
    const n = v.trim() !== "" ? Number(v) : NaN;
    if (!Number.isNaN(n)) {
      cell.value = n;
      return;
    }
  }
  cell.value = v === null || v === undefined ? "" : (v as string | number | boolean);
}
