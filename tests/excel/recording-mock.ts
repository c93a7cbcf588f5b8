/**
 * A recording mock of the part of Excel's request context the reader (src/excel/read.ts)
 * uses: simpler and faster than Microsoft's library with the Excel stand-in
 * (tests/excel/office-js), which every test that writes into the workbook uses instead.
 *
 * It behaves like Office.js where the reader's correctness depends on it:
 * - every load is queued and runs at context.sync(), in order; reading a property that was
 *   not loaded (or before the sync) throws, as Office.js does;
 * - an API of a requirement set above the host's ExcelApi version throws, so code that
 *   forgets to feature-detect fails here;
 * - sheets (visibility), cells (values, formulas, number formats, displayed text), merged
 *   areas and hidden rows are simulated.
 * It counts syncs.
 */
import type { HostInfo } from "../../src/host";
import { parseA1 } from "../../src/core/model";
import type { ExcelRunner } from "../../src/excel/run";
import type { SettingsStore } from "../../src/excel/record";
import { compareVersions, displayText, gridCells, key, parseAddress, usedArea } from "./office-js/stand-in";

export interface MockCell {
  value: string | number | boolean;
  formula?: string;
  numberFormat?: string;
}

export interface MockSheet {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, MockCell>;
  hiddenRows: Set<number>;
  /** Merged areas as "A1:B2". */
  merges: string[];
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

/** An in-memory settings store (Office.context.document.settings). */
export class MemorySettings implements SettingsStore {
  readonly data = new Map<string, unknown>();
  get(k: string): unknown {
    const v = this.data.get(k);
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }
  set(k: string, v: unknown): void {
    this.data.set(k, JSON.parse(JSON.stringify(v)));
  }
  remove(k: string): void {
    this.data.delete(k);
  }
  async save(): Promise<void> {}
  async refresh(): Promise<void> {}
}

interface Area {
  sheet: MockSheet;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export class RecordingExcel {
  readonly sheets: MockSheet[] = [];
  syncs = 0;
  active = "";
  workbookName = "区县填报.xlsx";
  readonly host: HostInfo;
  readonly settings = new MemorySettings();
  private pending: (() => void)[] = [];
  readonly context: Excel.RequestContext;
  readonly run: ExcelRunner;

  constructor(
    readonly excelApi: string = "1.18",
    platform = "PC",
  ) {
    this.host = excelHost(excelApi, platform);
    this.context = { workbook: this.workbook(), sync: () => this.sync() } as unknown as Excel.RequestContext;
    this.run = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => batch(this.context);
  }

  addSheet(name: string, rows: (string | number | boolean | null)[][] = [], visibility: MockSheet["visibility"] = "Visible"): MockSheet {
    const sheet: MockSheet = { name, visibility, cells: gridCells(rows), hiddenRows: new Set(), merges: [] };
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

  private need(version: string, api: string): void {
    if (compareVersions(version, this.excelApi) > 0) throw new Error(`ApiNotFound: ${api} needs ExcelApi ${version} (host has ${this.excelApi})`);
  }

  async sync(): Promise<void> {
    this.syncs++;
    const ops = this.pending;
    this.pending = [];
    for (const op of ops) op();
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

  private workbook(): unknown {
    const self = this;
    const base = {
      worksheets: this.worksheetCollection(),
      load(props: string) {
        if (props.includes("name")) self.need("1.7", "workbook.name");
        self.pending.push(() => set({ name: self.workbookName }));
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }

  private worksheetCollection(): unknown {
    const self = this;
    const base = {
      load() {
        self.pending.push(() => set({ items: self.sheets.map((s) => self.worksheet(() => s, { name: s.name, visibility: s.visibility })) }));
      },
      getActiveWorksheet() {
        return self.worksheet(() => self.sheet(self.active));
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }

  private worksheet(sheet: () => MockSheet, preloaded?: Record<string, unknown>): unknown {
    const self = this;
    const base = {
      load() {
        self.pending.push(() => set({ name: sheet().name, visibility: sheet().visibility }));
      },
      getUsedRange(valuesOnly?: boolean) {
        if (valuesOnly !== undefined) self.need("1.2", "getUsedRange(valuesOnly)");
        // Computed once, at the first sync that uses it (as Excel resolves the range then).
        let used: Area | undefined;
        return self.range(() => {
          used ??= usedArea(sheet(), !!valuesOnly) ?? { sheet: sheet(), top: 0, left: 0, bottom: 0, right: 0 };
          return used;
        });
      },
      getRange(address: string) {
        return self.range(() => {
          const { top, left, bottom, right } = parseAddress(address);
          return { sheet: sheet(), top, left, bottom, right };
        });
      },
    };
    const { obj, set } = this.loadable(base);
    if (preloaded) set(preloaded);
    return obj;
  }

  private range(resolve: () => Area): unknown {
    const self = this;
    const grid = <T>(f: (cell: MockCell | undefined) => T): T[][] => {
      const a = resolve();
      const out: T[][] = [];
      for (let r = a.top; r <= a.bottom; r++) {
        const row: T[] = [];
        for (let c = a.left; c <= a.right; c++) row.push(f(a.sheet.cells.get(key(r, c))));
        out.push(row);
      }
      return out;
    };
    const base = {
      load(props: string) {
        if (props.includes("rowHidden")) self.need("1.2", "rowHidden");
        self.pending.push(() => {
          const a = resolve();
          const rows = a.bottom - a.top + 1;
          const out: Record<string, unknown> = { rowIndex: a.top, columnIndex: a.left, rowCount: rows, columnCount: a.right - a.left + 1 };
          if (/values|text|numberFormat|formulas/.test(props)) {
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
            self.pending.push(() => {
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
      getRowProperties() {
        self.need("1.9", "getRowProperties");
        const result = { value: undefined as unknown };
        self.pending.push(() => {
          const a = resolve();
          const list = [];
          for (let r = a.top; r <= a.bottom; r++) list.push({ rowIndex: r, rowHidden: a.sheet.hiddenRows.has(r) });
          result.value = list;
        });
        return result;
      },
    };
    const { obj, set } = this.loadable(base);
    return obj;
  }
}
