/**
 * A recording mock of the part of Excel's request context the Office.js adapter uses.
 *
 * It behaves like Office.js where the adapter's correctness depends on it:
 * - every load and write is queued and runs at context.sync(), in order; reading a property
 *   that was not loaded (or before the sync) throws, as Office.js does;
 * - an API of a requirement set above the host's ExcelApi version throws, so code that
 *   forgets to feature-detect fails here;
 * - values are taken as Excel takes typed input: a string beginning with "=" becomes a
 *   formula, a numeric string a number, unless the cell's number format is Text ("@");
 * - fills, notes, threaded comments, sheets (added, deleted, visibility) and protection are
 *   simulated; other formatting (fonts, borders, widths, charts …) is recorded only.
 * It counts syncs, the cells loaded in each sync, and records every write.
 */
import type { HostInfo } from "../../src/host";
import { a1, parseA1 } from "../../src/core/model";
import type { ExcelRunner } from "../../src/excel/run";
import type { SettingsStore } from "../../src/excel/record";

export interface MockFill {
  color: string;
  pattern: string;
}

export interface MockCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
  fill?: MockFill;
}

export interface MockSheet {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, MockCell>;
  notes: Map<string, string>;
  protected: boolean;
  hiddenRows: Set<number>;
  /** Merged areas as "A1:B2". */
  merges: string[];
}

export interface MockComment {
  id: string;
  sheet: string;
  cell: string;
  content: string;
}

export type WriteKind =
  | "values"
  | "numberFormat"
  | "formulas"
  | "fill"
  | "fill-clear"
  | "clear"
  | "note-add"
  | "note-delete"
  | "comment-add"
  | "comment-delete"
  | "sheet-add"
  | "sheet-delete"
  | "visibility"
  | "protect"
  | "merge"
  | "activate"
  | "select"
  | "format"
  | "call";

export interface WriteRecord {
  kind: WriteKind;
  sheet: string;
  address?: string;
  value?: unknown;
  /** For "format" and "call": the property path or method. */
  path?: string;
}

/** Cells are keyed by a number (Map lookups on "r,c" strings are ~20× slower). */
const COLS = 16384;
const key = (r: number, c: number) => r * COLS + c;

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** A HostInfo of Excel supporting ExcelApi up to `excelApi`. */
export function excelHost(excelApi: string, platform = "PC", language: "zh" | "en" = "zh"): HostInfo {
  return {
    inOffice: true,
    host: "excel",
    supports: (set, version) => set === "ExcelApi" && compareVersions(version, excelApi) <= 0,
    displayLanguage: language,
    platform,
  };
}

/** An in-memory settings store (Office.context.document.settings), counting saves. */
export class MemorySettings implements SettingsStore {
  readonly data = new Map<string, unknown>();
  saves = 0;
  get(k: string): unknown {
    const v = this.data.get(k);
    // Office serialises settings as JSON: hand back a copy, never the same object.
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }
  set(k: string, v: unknown): void {
    this.data.set(k, JSON.parse(JSON.stringify(v)));
  }
  remove(k: string): void {
    this.data.delete(k);
  }
  async save(): Promise<void> {
    this.saves++;
  }
  async refresh(): Promise<void> {}
}

interface Area {
  sheet: MockSheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseAddress(address: string): { sheet?: string; top: number; left: number; bottom: number; right: number } {
  let local = address;
  let sheet: string | undefined;
  const bang = address.lastIndexOf("!");
  if (bang >= 0) {
    sheet = address.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    local = address.slice(bang + 1);
  }
  const [from, to = from] = local.replace(/\$/g, "").split(":");
  const a = parseA1(from);
  const b = parseA1(to);
  return { sheet, top: a.row, left: a.col, bottom: b.row, right: b.col };
}

/** Display text as Excel would show it (enough for the tests: percent formats and plain values). */
function displayText(cell: MockCell | undefined): string {
  if (!cell) return "";
  const v = cell.value;
  if (typeof v === "number" && cell.numberFormat && /%$/.test(cell.numberFormat)) {
    const decimals = (cell.numberFormat.split(".")[1] ?? "").replace("%", "").length;
    return `${(v * 100).toFixed(decimals)}%`;
  }
  return typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

export class RecordingExcel {
  readonly sheets: MockSheet[] = [];
  readonly comments: MockComment[] = [];
  readonly writes: WriteRecord[] = [];
  /** Cells loaded (values etc.) in each sync, in order. */
  readonly cellsPerSync: number[] = [];
  syncs = 0;
  active = "";
  workbookName = "区县填报.xlsx";
  readonly host: HostInfo;
  readonly settings = new MemorySettings();
  /** Recorded calls ("charts.add" …) that fail at the sync, as a host refusing them would. */
  readonly failing = new Set<string>();
  private pending: (() => void)[] = [];
  private loadedCells = 0;
  private nextComment = 1;
  readonly context: Excel.RequestContext;
  readonly run: ExcelRunner;

  constructor(readonly excelApi: string = "1.18", platform = "PC") {
    this.host = excelHost(excelApi, platform);
    this.context = { workbook: this.workbook(), sync: () => this.sync() } as unknown as Excel.RequestContext;
    this.run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(this.context);
  }

  // ---- state helpers for tests -----------------------------------------------------------

  addSheet(name: string, rows: (string | number | boolean | null)[][] = [], visibility: MockSheet["visibility"] = "Visible"): MockSheet {
    const sheet: MockSheet = { name, visibility, cells: new Map(), notes: new Map(), protected: false, hiddenRows: new Set(), merges: [] };
    rows.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== "") sheet.cells.set(key(r, c), { value: v });
      }),
    );
    this.sheets.push(sheet);
    if (!this.active) this.active = name;
    return sheet;
  }

  sheet(name: string): MockSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`ItemNotFound: sheet ${name}`);
    return s;
  }

  cell(sheet: string, address: string): MockCell | undefined {
    const { row, col } = parseA1(address);
    return this.sheet(sheet).cells.get(key(row, col));
  }

  // ---- the request context ----------------------------------------------------------------

  private need(version: string, api: string): void {
    if (compareVersions(version, this.excelApi) > 0) throw new Error(`ApiNotFound: ${api} needs ExcelApi ${version} (host has ${this.excelApi})`);
  }

  private queue(op: () => void): void {
    this.pending.push(op);
  }

  private record(w: WriteRecord): void {
    this.writes.push(w);
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.loadedCells = 0;
    const ops = this.pending;
    this.pending = [];
    try {
      for (const op of ops) op();
    } finally {
      this.cellsPerSync.push(this.loadedCells);
    }
  }

  /** An object whose properties throw until `fill` ran (at a sync). */
  private loadable<T extends object>(target: T): { obj: T; set: (props: Record<string, unknown>) => void } {
    const loaded = new Map<string, unknown>();
    const obj = new Proxy(target, {
      get: (t, p, r) => {
        if (typeof p === "string" && loaded.has(p)) return loaded.get(p);
        const v = Reflect.get(t, p, r);
        if (v === undefined && typeof p === "string" && !p.startsWith("_") && p !== "then" && p !== "toJSON") {
          throw new Error(`PropertyNotLoaded: ${p}`);
        }
        return v;
      },
    });
    return { obj, set: (props) => Object.entries(props).forEach(([k, v]) => loaded.set(k, v)) };
  }

  /** A recorder for formatting the mock does not simulate: sets and calls are logged. */
  private recorder(sheet: () => string, address: string | undefined, path: string): unknown {
    const self = this;
    return new Proxy(function () {} as unknown as object, {
      get: (_t, p) => (typeof p === "string" ? self.recorder(sheet, address, `${path}.${p}`) : undefined),
      set: (_t, p, value) => {
        self.queue(() => self.record({ kind: "format", sheet: sheet(), address, path: `${path}.${String(p)}`, value }));
        return true;
      },
      apply: (_t, _this, args) => {
        self.queue(() => {
          if (self.failing.has(path)) throw new Error(`GeneralException: ${path} failed`);
          self.record({ kind: "call", sheet: sheet(), address, path, value: args });
        });
        return self.recorder(sheet, address, `${path}()`);
      },
    });
  }

  private workbook(): unknown {
    const self = this;
    const worksheets = this.worksheetCollection();
    const comments = this.commentCollection(() => undefined);
    const base = {
      worksheets,
      comments,
      load(props: string) {
        if (props.includes("name")) self.need("1.7", "workbook.name");
        self.queue(() => set({ name: self.workbookName }));
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }

  private worksheetCollection(): unknown {
    const self = this;
    const base = {
      load(_props: string) {
        self.queue(() => set({ items: self.sheets.map((s) => self.worksheet(() => s.name, { name: s.name, visibility: s.visibility })) }));
      },
      getItem(name: string) {
        return self.worksheet(() => self.sheet(name).name);
      },
      getItemOrNullObject(name: string) {
        self.need("1.4", "worksheets.getItemOrNullObject");
        return self.worksheet(() => self.sheet(name).name);
      },
      getActiveWorksheet() {
        return self.worksheet(() => self.active);
      },
      add(name: string) {
        self.queue(() => {
          if (self.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw new Error(`ItemAlreadyExists: ${name}`);
          self.addSheet(name);
          self.record({ kind: "sheet-add", sheet: name });
        });
        return self.worksheet(() => name);
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }

  private worksheet(nameOf: () => string, preloaded?: Record<string, unknown>): unknown {
    const self = this;
    const sheet = () => self.sheet(nameOf());
    const base = {
      load(props: string) {
        self.queue(() => set({ name: sheet().name, visibility: sheet().visibility }));
        void props;
      },
      set visibility(v: MockSheet["visibility"]) {
        self.queue(() => {
          sheet().visibility = v;
          self.record({ kind: "visibility", sheet: sheet().name, value: v });
        });
      },
      getUsedRange(valuesOnly?: boolean) {
        if (valuesOnly !== undefined) self.need("1.2", "getUsedRange(valuesOnly)");
        // Computed once, at the first sync that uses it (as Excel resolves the range then).
        let used: Area | undefined;
        return self.range(() => {
          if (used) return used;
          const s = sheet();
          let top = Infinity, left = Infinity, bottom = -1, right = -1;
          s.cells.forEach((c, k) => {
            if (valuesOnly && c.value === "" && !c.formula) return;
            const r = Math.floor(k / COLS);
            const col = k - r * COLS;
            if (r < top) top = r;
            if (r > bottom) bottom = r;
            if (col < left) left = col;
            if (col > right) right = col;
          });
          used = bottom < 0 ? { sheet: s, top: 0, left: 0, bottom: 0, right: 0 } : { sheet: s, top, left, bottom, right };
          return used;
        });
      },
      getRange(address?: string) {
        return self.range(() => {
          const s = sheet();
          if (!address) return { sheet: s, top: 0, left: 0, bottom: 1048575, right: 16383 };
          const a = parseAddress(address);
          return { sheet: s, top: a.top, left: a.left, bottom: a.bottom, right: a.right };
        });
      },
      get notes() {
        self.need("1.18", "worksheet.notes");
        return self.noteCollection(sheet);
      },
      get comments() {
        self.need("1.10", "worksheet.comments");
        return self.commentCollection(() => sheet().name);
      },
      get protection() {
        self.need("1.2", "worksheet.protection");
        const p = {
          load() {
            self.queue(() => pset({ protected: sheet().protected }));
          },
          protect(options: unknown) {
            self.queue(() => {
              sheet().protected = true;
              self.record({ kind: "protect", sheet: sheet().name, value: options });
            });
          },
        };
        const { obj: pobj, set: pset } = self.loadable(p);
        return pobj;
      },
      get freezePanes() {
        self.need("1.7", "freezePanes");
        return self.recorder(() => sheet().name, undefined, "freezePanes");
      },
      get pageLayout() {
        self.need("1.9", "pageLayout");
        return self.recorder(() => sheet().name, undefined, "pageLayout");
      },
      get charts() {
        return self.recorder(() => sheet().name, undefined, "charts");
      },
      delete() {
        self.queue(() => {
          const s = sheet();
          self.sheets.splice(self.sheets.indexOf(s), 1);
          for (let i = self.comments.length - 1; i >= 0; i--) if (self.comments[i].sheet === s.name) self.comments.splice(i, 1);
          self.record({ kind: "sheet-delete", sheet: s.name });
        });
      },
      activate() {
        self.queue(() => {
          self.active = sheet().name;
          self.record({ kind: "activate", sheet: sheet().name });
        });
      },
    };
    const { obj, set } = this.loadable(base);
    if (preloaded) set(preloaded);
    return obj;
  }

  private noteCollection(sheet: () => MockSheet): unknown {
    const self = this;
    return {
      add(address: string, content: string) {
        self.queue(() => {
          const s = sheet();
          const a = parseAddress(address);
          const cell = a1(a.top, a.left);
          if (s.notes.has(cell)) throw new Error(`InvalidArgument: ${cell} already has a note`);
          s.notes.set(cell, content);
          self.record({ kind: "note-add", sheet: s.name, address: cell, value: content });
        });
      },
      getItemOrNullObject(address: string) {
        const cell = () => {
          const a = parseAddress(address);
          return a1(a.top, a.left);
        };
        const base = {
          load() {
            self.queue(() => {
              const content = sheet().notes.get(cell());
              set(content === undefined ? { isNullObject: true } : { isNullObject: false, content });
            });
          },
          delete() {
            self.queue(() => {
              const s = sheet();
              if (!s.notes.delete(cell())) throw new Error(`ItemNotFound: note ${cell()}`);
              self.record({ kind: "note-delete", sheet: s.name, address: cell() });
            });
          },
        };
        const { obj, set } = self.loadable(base);
        return obj;
      },
    };
  }

  private commentCollection(sheetName: () => string | undefined): unknown {
    const self = this;
    const comment = (find: () => MockComment) => {
      const base = {
        load() {
          self.queue(() => cset({ id: find().id }));
        },
        delete() {
          self.queue(() => {
            const c = find();
            self.comments.splice(self.comments.indexOf(c), 1);
            self.record({ kind: "comment-delete", sheet: c.sheet, address: c.cell });
          });
        },
        getLocation() {
          return self.range(() => {
            const c = find();
            const a = parseAddress(c.cell);
            return { sheet: self.sheet(c.sheet), top: a.top, left: a.left, bottom: a.bottom, right: a.right };
          });
        },
      };
      const { obj: cobj, set: cset } = self.loadable(base);
      return cobj;
    };
    const base = {
      load() {
        self.need("1.10", "comments");
        self.queue(() => {
          const name = sheetName();
          set({ items: self.comments.filter((c) => name === undefined || c.sheet === name).map((c) => {
            const o = comment(() => c) as { id?: string };
            return new Proxy(o, { get: (t, p, r) => (p === "id" ? c.id : Reflect.get(t, p, r)) });
          }) });
        });
      },
      add(address: string, content: string) {
        self.need("1.10", "comments.add");
        let created: MockComment | undefined;
        self.queue(() => {
          const a = parseAddress(address);
          if (!a.sheet) throw new Error("InvalidArgument: comments.add needs a sheet-qualified address");
          const cell = a1(a.top, a.left);
          if (self.comments.some((c) => c.sheet === a.sheet && c.cell === cell)) throw new Error(`InvalidArgument: ${cell} has a comment`);
          self.sheet(a.sheet);
          created = { id: `comment-${self.nextComment++}`, sheet: a.sheet, cell, content };
          self.comments.push(created);
          self.record({ kind: "comment-add", sheet: a.sheet, address: cell, value: content });
        });
        return comment(() => created as MockComment);
      },
      getItem(id: string) {
        return comment(() => {
          const c = self.comments.find((x) => x.id === id);
          if (!c) throw new Error(`ItemNotFound: comment ${id}`);
          return c;
        });
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }

  private range(resolve: () => Area): unknown {
    const self = this;
    // Excel's form: "A1" for one cell, "A1:B2" for more.
    const where = () => {
      const a = resolve();
      const from = a1(a.top, a.left);
      return { ...a, address: a.top === a.bottom && a.left === a.right ? from : `${from}:${a1(a.bottom, a.right)}` };
    };
    const each = (f: (r: number, c: number, s: MockSheet) => void) => {
      const a = resolve();
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(r, c, a.sheet);
    };
    const grid = <T>(f: (cell: MockCell | undefined, r: number, c: number) => T): T[][] => {
      const a = resolve();
      const out: T[][] = [];
      for (let r = a.top; r <= a.bottom; r++) {
        const row: T[] = [];
        for (let c = a.left; c <= a.right; c++) row.push(f(a.sheet.cells.get(key(r, c)), r, c));
        out.push(row);
      }
      return out;
    };
    const cellAt = (s: MockSheet, r: number, c: number): MockCell => {
      let cell = s.cells.get(key(r, c));
      if (!cell) {
        cell = { value: "" };
        s.cells.set(key(r, c), cell);
      }
      return cell;
    };
    const assign2d = (kind: "values" | "numberFormat" | "formulas", value: unknown[][]) => {
      self.queue(() => {
        const w = where();
        self.record({ kind, sheet: w.sheet.name, address: w.address, value });
        const a = resolve();
        if (value.length !== a.bottom - a.top + 1 || value.some((row) => row.length !== a.right - a.left + 1)) {
          throw new Error(`InvalidArgument: ${kind} array does not match ${w.address}`);
        }
        value.forEach((row, i) =>
          row.forEach((v, j) => {
            const cell = cellAt(a.sheet, a.top + i, a.left + j);
            if (kind === "numberFormat") cell.numberFormat = String(v);
            else self.typeInto(cell, v);
          }),
        );
      });
    };
    const fill = {
      set color(v: string) {
        self.queue(() => {
          const w = where();
          self.record({ kind: "fill", sheet: w.sheet.name, address: w.address, value: v });
          each((r, c, s) => {
            const cell = cellAt(s, r, c);
            cell.fill = { color: v.toUpperCase(), pattern: cell.fill && cell.fill.pattern !== "None" ? cell.fill.pattern : "Solid" };
          });
        });
      },
      set pattern(v: string) {
        self.need("1.9", "fill.pattern");
        self.queue(() => {
          const w = where();
          self.record({ kind: "format", sheet: w.sheet.name, address: w.address, path: "format.fill.pattern", value: v });
          each((r, c, s) => {
            const cell = cellAt(s, r, c);
            cell.fill = { color: cell.fill?.color ?? "#FFFFFF", pattern: v };
          });
        });
      },
      clear() {
        self.queue(() => {
          const w = where();
          self.record({ kind: "fill-clear", sheet: w.sheet.name, address: w.address });
          each((r, c, s) => {
            const cell = s.cells.get(key(r, c));
            if (cell) delete cell.fill;
          });
        });
      },
      load(props: string) {
        if (props.includes("pattern")) self.need("1.9", "fill.pattern");
        self.queue(() => {
          const fills = grid((cell) => cell?.fill);
          const flat = fills.flat();
          const same = <T>(f: (x: MockFill | undefined) => T) => (flat.every((x) => f(x) === f(flat[0])) ? f(flat[0]) : null);
          fset({ color: same((x) => x?.color ?? "#FFFFFF"), pattern: same((x) => x?.pattern ?? "None") });
        });
      },
    };
    const { obj: fillObj, set: fset } = self.loadable(fill);
    const format = new Proxy(
      {},
      {
        get: (_t, p) => {
          if (p === "fill") return fillObj;
          if (p === "columnWidth" || p === "rowHeight") self.need("1.2", String(p));
          return self.recorder(() => resolve().sheet.name, undefined, `format.${String(p)}`);
        },
        set: (_t, p, value) => {
          if (p === "columnWidth" || p === "rowHeight") self.need("1.2", String(p));
          self.queue(() => {
            const w = where();
            self.record({ kind: "format", sheet: w.sheet.name, address: w.address, path: `format.${String(p)}`, value });
          });
          return true;
        },
      },
    );
    const base = {
      format,
      set values(v: unknown[][]) {
        assign2d("values", v);
      },
      set numberFormat(v: unknown[][]) {
        assign2d("numberFormat", v);
      },
      set formulas(v: unknown[][]) {
        assign2d("formulas", v);
      },
      get dataValidation() {
        self.need("1.8", "dataValidation");
        return self.recorder(() => resolve().sheet.name, undefined, "dataValidation");
      },
      load(props: string) {
        if (props.includes("rowHidden")) self.need("1.2", "rowHidden");
        self.queue(() => {
          const a = resolve();
          const w = where();
          const rows = a.bottom - a.top + 1;
          const cols = a.right - a.left + 1;
          const out: Record<string, unknown> = {
            rowIndex: a.top,
            columnIndex: a.left,
            rowCount: rows,
            columnCount: cols,
            address: `${a.sheet.name}!${w.address}`,
          };
          if (/values|text|numberFormat|formulas/.test(props)) {
            self.loadedCells += rows * cols;
            out.values = grid((c) => (c ? c.value : ""));
            out.text = grid((c) => displayText(c));
            out.numberFormat = grid((c) => c?.numberFormat ?? "General");
            out.formulas = grid((c) => (c?.formula !== undefined ? `=${c.formula}` : c ? c.value : ""));
          }
          let hidden = 0;
          for (let r = a.top; r <= a.bottom; r++) if (a.sheet.hiddenRows.has(r)) hidden++;
          out.rowHidden = hidden === 0 ? false : hidden === rows ? true : null;
          set(out);
        });
      },
      getMergedAreasOrNullObject() {
        self.need("1.13", "getMergedAreasOrNullObject");
        const m = {
          load() {
            self.queue(() => {
              const a = resolve();
              const inside = a.sheet.merges.filter((addr) => {
                const p = parseAddress(addr);
                return p.top >= a.top && p.bottom <= a.bottom && p.left >= a.left && p.right <= a.right;
              });
              mset(inside.length ? { isNullObject: false, address: inside.map((x) => `${a.sheet.name}!${x}`).join(",") } : { isNullObject: true });
            });
          },
        };
        const { obj: mobj, set: mset } = self.loadable(m);
        return mobj;
      },
      getRowProperties(opts: unknown) {
        self.need("1.9", "getRowProperties");
        void opts;
        const result = { value: undefined as unknown };
        self.queue(() => {
          const a = resolve();
          const list = [];
          for (let r = a.top; r <= a.bottom; r++) list.push({ rowIndex: r, rowHidden: a.sheet.hiddenRows.has(r) });
          result.value = list;
        });
        return result;
      },
      merge(across: boolean) {
        self.need("1.2", "merge");
        self.queue(() => {
          const w = where();
          self.record({ kind: "merge", sheet: w.sheet.name, address: w.address, value: across });
          w.sheet.merges.push(w.address);
        });
      },
      clear(applyTo?: string) {
        self.queue(() => {
          const w = where();
          self.record({ kind: "clear", sheet: w.sheet.name, address: w.address, value: applyTo });
          // Visit the cells that exist (the range may be the whole sheet).
          for (const k of [...w.sheet.cells.keys()]) {
            const r = Math.floor(k / COLS);
            const c = k - r * COLS;
            if (r >= w.top && r <= w.bottom && c >= w.left && c <= w.right) w.sheet.cells.delete(k);
          }
        });
      },
      select() {
        self.queue(() => {
          const w = where();
          self.record({ kind: "select", sheet: w.sheet.name, address: w.address });
        });
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }

  /** Excel's reading of typed input into a cell (Text format keeps everything literal). */
  private typeInto(cell: MockCell, v: unknown): void {
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
    cell.value = v as string | number | boolean;
  }
}
