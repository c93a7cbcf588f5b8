import { findingText } from "../../src/core/messages";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { Finding } from "../../src/core/findings";
import type { Sheet } from "../../src/core/model";
import {
  loadPlanFromJson,
  loadPlanFromSheet,
  loadPlanFromWorkbook,
  parseAggregate,
  readUnitsSheet,
  type Aggregate,
  type Indicator,
  type Plan,
} from "../../src/core/plan";
import { aggregateText } from "../../src/core/plan";
import { readWorkbookFile } from "../../src/files/read-node";

const PLAN_DIR = join(__dirname, "..", "fixtures", "plan");
const loadXlsx = async (name: string) => loadPlanFromWorkbook(await readWorkbookFile(join(PLAN_DIR, name)));
const byCode = (plan: Plan, code: string): Indicator => {
  const ind = plan.indicators.find((i) => i.code === code);
  if (!ind) throw new Error(`no indicator ${code}`);
  return ind;
};

/** A sheet from plain values, for the small cases that need no spreadsheet program. */
function sheetOf(name: string, rows: (string | number | null)[][]): Sheet {
  return {
    name,
    rows: rows.map((r) => r.map((v) => (v === null ? undefined : { value: v, text: typeof v === "string" ? v : "" }))),
    merges: [],
    hiddenRows: [],
  };
}

describe("a 规划指标 sheet with Chinese headers (plan-zh.xlsx, made by LibreOffice)", () => {
  let load: Awaited<ReturnType<typeof loadXlsx>>;
  beforeAll(async () => {
    load = await loadXlsx("plan-zh.xlsx");
  });

  test("every row loads, without findings, in sheet order (header below a title row, hidden row included)", () => {
    expect(load.findings).toEqual([]);
    expect(load.plan.indicators.map((i) => i.code)).toEqual([
      "YL-POP", "YL-01", "YL-02", "YL-03", "YL-04", "SZ-01", "JZ-01", "BZ-01", "BZ-02", "JZ-02", "SG-01",
    ]);
  });

  test("a full row: every §1 field", () => {
    expect(byCode(load.plan, "YL-01")).toEqual({
      code: "YL-01",
      name: "每千名老人拥有社会养老床位数",
      domain: "养老服务",
      unit: "张/千人",
      type: "binding",
      direction: "up",
      baseYear: 2015,
      baseline: 45,
      targetYear: 2020,
      target: 50,
      min: 0,
      max: 200,
      // written 比值：YL-02/YL-POP×1000 with a full-width colon
      aggregate: { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 1000 },
      note: "床位总数 / 老年人口 × 1000",
    });
  });

  test("percent-formatted cells in a % indicator read as percent numbers, and 上限 defaults to 100", () => {
    const ind = byCode(load.plan, "YL-04");
    expect([ind.baseline, ind.target, ind.max]).toEqual([30, 50, 100]);
    expect(ind.aggregate).toEqual({ kind: "weighted", by: "YL-03" });
  });

  test("numbers written as text: 8.5, 56%, 达到65%以上, thousands separators", () => {
    expect(byCode(load.plan, "SZ-01").target).toBe(8.5);
    expect(byCode(load.plan, "BZ-01")).toMatchObject({ baseline: 56, target: 65, max: 100 });
    expect(byCode(load.plan, "YL-02")).toMatchObject({ baseline: 28000, target: 33500 });
  });

  test("a ‰ indicator: 逆向, 上限 defaults to 1000 (100% in ‰)", () => {
    expect(byCode(load.plan, "BZ-02")).toMatchObject({ unit: "‰", direction: "down", max: 1000, aggregate: { kind: "max" } });
  });

  test("a formula's cached result in a hidden row", () => {
    expect(byCode(load.plan, "JZ-02").target).toBe(16);
  });

  test("a full-width code is kept half-width; years may carry 年", () => {
    expect(byCode(load.plan, "SG-01")).toMatchObject({ baseYear: 2015, targetYear: 2020, aggregate: { kind: "sum" } });
  });

  test("defaults: 预期性, 正向; empty 汇总方式 is 求和 for counts and 不汇总 for rates", () => {
    const yl03 = byCode(load.plan, "YL-03");
    expect(yl03).toMatchObject({ type: "anticipatory", direction: "up", aggregate: { kind: "sum" }, partOf: "YL-02" });
    expect(yl03.max).toBeUndefined();
    expect(byCode(load.plan, "SZ-01").aggregate).toEqual({ kind: "none" });
    expect(byCode(load.plan, "JZ-01").aggregate).toEqual({ kind: "mean" });
  });

  test("the 填报单位 sheet gives the expected units: header word, blanks and repeats left out, trimmed", () => {
    expect(load.plan.units).toEqual(["吴兴区", "南浔区", "德清县", "长兴县", "安吉县", "湖州市本级"]);
  });

  test("plan.json describes the same plan and loads to the same indicators and units", () => {
    const fromJson = loadPlanFromJson(readFileSync(join(PLAN_DIR, "plan.json"), "utf8"), "plan.json");
    expect(fromJson.findings).toEqual([]);
    expect(fromJson.plan).toEqual(load.plan);
  });
});

describe("a 规划指标 sheet with the English aliases (plan-en.xlsx)", () => {
  let load: Awaited<ReturnType<typeof loadXlsx>>;
  beforeAll(async () => {
    load = await loadXlsx("plan-en.xlsx");
  });

  test("columns in another order, mixed case, spaced, full-width: every row loads", () => {
    expect(load.findings).toEqual([]);
    expect(load.plan.indicators.map((i) => i.code)).toEqual([
      "YL-POP", "YL-02", "YL-01", "YL-04", "YL-05", "MZ-01", "MZ-02", "MZ-03", "MZ-04",
    ]);
    expect(load.plan.units).toBeUndefined();
  });

  test("English words for 属性, 方向 and 汇总方式", () => {
    expect(byCode(load.plan, "YL-01")).toMatchObject({
      type: "binding",
      aggregate: { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 0.1 },
    });
    expect(byCode(load.plan, "MZ-01")).toMatchObject({ direction: "down", aggregate: { kind: "min" }, max: 100 });
    expect(byCode(load.plan, "MZ-02")).toMatchObject({ aggregate: { kind: "max" }, min: 0, max: 100 });
    expect(byCode(load.plan, "MZ-04").aggregate).toEqual({ kind: "none" });
    expect(byCode(load.plan, "YL-02").aggregate).toEqual({ kind: "sum" });
  });

  test("references are stored with the code as the plan writes it", () => {
    // weighted:yl-02 (lower case) and a ratio written "ratio: YL-05 / YL-POP x 0.1"
    expect(byCode(load.plan, "YL-04")).toMatchObject({ aggregate: { kind: "weighted", by: "YL-02" }, max: 80 });
    expect(byCode(load.plan, "MZ-03").aggregate).toEqual({ kind: "ratio", num: "YL-05", den: "YL-POP", factor: 0.1 });
    expect(byCode(load.plan, "YL-05").partOf).toBe("YL-02");
  });

  test("an indicator without baseline", () => {
    const ind = byCode(load.plan, "MZ-02");
    expect(ind.baseYear).toBeUndefined();
    expect(ind.baseline).toBeUndefined();
  });
});

describe("invalid definition rows (plan-invalid.xlsx)", () => {
  let load: Awaited<ReturnType<typeof loadXlsx>>;
  beforeAll(async () => {
    load = await loadXlsx("plan-invalid.xlsx");
  });

  test("the valid rows still load", () => {
    expect(load.plan.indicators.map((i) => i.code)).toEqual(["OK-01", "OK-02"]);
    // partOf written "ok-01"
    expect(byCode(load.plan, "OK-02")).toMatchObject({ partOf: "OK-01", type: "binding", direction: "down" });
  });

  test("each invalid row is reported on its cell, with the column and the reason, in sheet order", () => {
    const got = load.findings.map((f) => [f.cell, f.indicator ?? null, findingText(f, "zh")]);
    const expected: [string, string | null, RegExp][] = [
      ["A3", null, /^规划定义第 3 行“指标编码”列无效：不能为空$/],
      ["B4", "BAD-02", /第 4 行“指标名称”列无效：不能为空$/],
      ["C5", "BAD-03", /第 5 行“单位”列无效：不能为空$/],
      ["C6", "BAD-04", /第 6 行“单位”列无效：无法识别的单位“吨\/万元GDP”$/],
      ["I7", "BAD-05", /第 7 行“目标值”列无效：“待定”不是数字$/],
      ["H8", "BAD-06", /第 8 行“目标年”列无效：不能为空$/],
      ["H9", "BAD-07", /第 9 行“目标年”列无效：“20年”不是四位年份$/],
      ["J10", "BAD-08", /第 10 行“下限”列无效：下限 100 大于上限 50$/],
      ["A11", "OK-01", /第 11 行“指标编码”列无效：编码“OK-01”与第 2 行重复$/],
      ["D12", "BAD-10", /第 12 行“属性”列无效：无法识别“重要”，应为约束性或预期性$/],
      ["E13", "BAD-11", /第 13 行“方向”列无效：无法识别“增加”，应为正向或逆向$/],
      ["L14", "BAD-12", /第 14 行“汇总方式”列无效：无法识别的汇总方式“累加”/],
      ["M15", "BAD-13", /第 15 行“包含于”列无效：包含于“YL-99”不是规划中的有效指标$/],
      ["L16", "BAD-14", /第 16 行“汇总方式”列无效：加权指标“XX-01”不是规划中的有效指标$/],
      ["L17", "BAD-15", /第 17 行“汇总方式”列无效：分母指标“NO-POP”不是规划中的有效指标$/],
      // BAD-16 is part of BAD-04, whose unit is invalid: the reference is broken too.
      ["M18", "BAD-16", /第 18 行“包含于”列无效：包含于“BAD-04”不是规划中的有效指标$/],
      // 0.5 formatted 0% shows 50% in a 张 indicator
      ["I19", "BAD-17", /第 19 行“目标值”列无效：“50%”带单位“%”，无法换算为指标单位“张”$/],
      ["F20", "BAD-18", /第 20 行“基期年”列无效：基期年 2021 不早于目标年 2020$/],
      // a row with several problems reports each of them
      ["C21", "BAD-19", /第 21 行“单位”列无效：无法识别的单位“斤”$/],
      ["D21", "BAD-19", /第 21 行“属性”列无效/],
      ["H21", "BAD-19", /第 21 行“目标年”列无效：不能为空$/],
      ["I21", "BAD-19", /第 21 行“目标值”列无效：“x”不是数字$/],
    ];
    expect(got).toHaveLength(expected.length);
    expected.forEach(([cell, indicator, message], i) => {
      expect(got[i][0]).toBe(cell);
      expect(got[i][1]).toBe(indicator);
      expect(got[i][2]).toMatch(message);
    });
  });

  test("every finding is a structure error of kind plan-row-invalid, with file and sheet, in both languages", () => {
    for (const f of load.findings) {
      expect(f).toMatchObject({
        file: "plan-invalid.xlsx",
        sheet: "规划指标",
        kind: "plan-row-invalid",
        category: "structure",
        severity: "error",
      });
      expect(findingText(f, "en")).toMatch(/^Plan definition row \d+, column “.+” is invalid: /);
    }
  });
});

describe("plans that cannot be used say why", () => {
  test("no header row (plan-no-header.xlsx)", async () => {
    const load = await loadXlsx("plan-no-header.xlsx");
    expect(load.plan.indicators).toEqual([]);
    expect(load.findings.map((f) => [f.kind, f.category, f.sheet, findingText(f, "zh")])).toEqual([
      [
        "plan-no-header",
        "structure",
        "规划指标",
        "“规划指标”表中找不到规划指标的表头行（需要“指标编码”“指标名称”“单位”“目标年”“目标值”等列）",
      ],
    ]);
  });

  test("a workbook without a 规划指标 sheet", async () => {
    const wb = await readWorkbookFile(join(__dirname, "..", "fixtures", "files", "cells.xlsx"));
    const load = loadPlanFromWorkbook(wb);
    expect(load.plan.indicators).toEqual([]);
    expect(load.findings).toMatchObject([{ kind: "plan-no-sheet", file: "cells.xlsx" }]);
    expect(findingText(load.findings[0], "zh")).toBe("工作簿中没有“规划指标”工作表");
  });

  test("a header without a required column names each missing column once, not every row", () => {
    const sheet = sheetOf("规划指标", [
      ["指标编码", "指标名称", "单位", "基期值"],
      ["A-1", "床位", "张", 1],
      ["A-2", "人数", "人", 2],
    ]);
    const load = loadPlanFromSheet(sheet, "p.xlsx");
    expect(load.plan.indicators).toEqual([]);
    expect(load.findings.map((f) => findingText(f, "zh"))).toEqual([
      "规划指标表缺少必需的列“目标年”（targetYear），无法读取指标",
      "规划指标表缺少必需的列“目标值”（target），无法读取指标",
    ]);
    expect(load.findings[0].cell).toBe("A1");
  });

  test("group headings and notes alone on their row are not definitions; other lone words are", () => {
    const sheet = sheetOf("规划指标", [
      ["指标编码", "指标名称", "单位", "目标年", "目标值"],
      ["一、养老服务"],
      ["A-1", "床位数", "张", 2020, 100],
      ["（二）社会救助"],
      ["A-2", "低保标准", "元/人/月", 2020, 900],
      ["注：带*的为约束性指标。"],
      ["养老服务"],
    ]);
    const load = loadPlanFromSheet(sheet, "p.xlsx");
    expect(load.plan.indicators.map((i) => i.code)).toEqual(["A-1", "A-2"]);
    expect(new Set(load.findings.map((f) => f.cell?.replace(/[A-Z]+/, "")))).toEqual(new Set(["7"]));
  });

  test("a header and no rows", () => {
    const load = loadPlanFromSheet(sheetOf("规划指标", [["指标编码", "指标名称", "单位", "目标年", "目标值"], [], [null, ""]]), "p.xlsx");
    expect(load.plan.indicators).toEqual([]);
    expect(load.findings.map((f) => f.kind)).toEqual(["plan-empty"]);
  });
});

describe("loadPlanFromJson", () => {
  const row = { code: "A-1", name: "床位数", unit: "张", targetYear: 2020, target: 100 };

  test("a bare array, and the Chinese top-level keys", () => {
    expect(loadPlanFromJson([row], "a.json").plan.indicators.map((i) => i.code)).toEqual(["A-1"]);
    const zh = loadPlanFromJson({ 规划指标: [row], 填报单位: ["吴兴区", " 吴兴区 ", ""] }, "b.json");
    expect(zh.plan).toEqual({
      indicators: [{ ...row, type: "anticipatory", direction: "up", aggregate: { kind: "sum" } }],
      units: ["吴兴区"],
    });
  });

  test("invalid rows: the row is the index + 1, the column is the key, no cell", () => {
    const load = loadPlanFromJson(
      { indicators: [row, { ...row, code: "A-2", target: "很多" }, { ...row, code: "A-3", partOf: "Z-9" }, { ...row, code: "A-4", unit: true }] },
      "p.json",
    );
    expect(load.plan.indicators.map((i) => i.code)).toEqual(["A-1"]);
    expect(load.findings.map((f) => [f.cell, f.sheet, f.indicator, findingText(f, "zh")])).toEqual([
      [undefined, undefined, "A-2", "规划定义第 2 行“target”列无效：“很多”不是数字"],
      [undefined, undefined, "A-3", "规划定义第 3 行“partOf”列无效：包含于“Z-9”不是规划中的有效指标"],
      [undefined, undefined, undefined, "规划定义第 4 行“unit”列无效：应为文字或数字"],
    ]);
  });

  test("a missing required key is named by its English alias", () => {
    const { code: _omit, ...noCode } = row;
    const load = loadPlanFromJson([noCode], "p.json");
    expect(load.findings.map((f) => findingText(f, "zh"))).toEqual(["规划定义第 1 行“code”列无效：不能为空"]);
  });

  test("text that is not JSON, and JSON of the wrong shape", () => {
    const bad = loadPlanFromJson("{ indicators: [", "p.json");
    expect(bad.plan.indicators).toEqual([]);
    expect(bad.findings).toMatchObject([{ kind: "plan-invalid-file", category: "structure" }]);
    expect(findingText(bad.findings[0], "zh")).toBe("规划文件无法读取：不是有效的 JSON");
    for (const shape of [{ rows: [] }, 42, "\"text\"", null]) {
      const load = loadPlanFromJson(shape, "p.json");
      expect(load.findings.map((f) => f.kind)).toEqual(["plan-invalid-file"]);
    }
    expect(loadPlanFromJson({ indicators: [] }, "p.json").findings.map((f) => f.kind)).toEqual(["plan-empty"]);
  });

  test("a loaded plan written out as JSON loads back the same", async () => {
    const { plan } = await loadXlsx("plan-zh.xlsx");
    expect(loadPlanFromJson(JSON.stringify(plan), "again.json")).toEqual({ plan, findings: [] });
  });

  test("never throws, whatever the JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const load = loadPlanFromJson(v, "p.json");
        return Array.isArray(load.plan.indicators) && Array.isArray(load.findings);
      }),
    );
    const keys = fc.constantFrom("code", "name", "unit", "targetYear", "target", "min", "max", "aggregate", "partOf");
    fc.assert(
      fc.property(fc.array(fc.dictionary(keys, fc.jsonValue())), (rows) => {
        const load = loadPlanFromJson(rows, "p.json");
        return load.findings.every((f: Finding) => f.category === "structure" && f.severity === "error");
      }),
    );
  });
});

describe("parseAggregate: the 汇总方式 of §4", () => {
  test.each<[string, Aggregate]>([
    ["求和", { kind: "sum" }],
    ["sum", { kind: "sum" }],
    ["SUM", { kind: "sum" }],
    ["平均", { kind: "mean" }],
    ["mean", { kind: "mean" }],
    ["加权平均:YL-03", { kind: "weighted", by: "YL-03" }],
    ["加权平均：YL-03", { kind: "weighted", by: "YL-03" }],
    ["weighted:YL-03", { kind: "weighted", by: "YL-03" }],
    ["比值:YL-02/YL-POP×1000", { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 1000 }],
    ["比值：YL-02/YL-POP*1000", { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 1000 }],
    ["ratio:YL-02/YL-POP*1000", { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 1000 }],
    ["ratio:YL-02/YL-POPx1000", { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 1000 }],
    ["ratio: A / B", { kind: "ratio", num: "A", den: "B", factor: 1 }],
    ["ratio:A/XX", { kind: "ratio", num: "A", den: "XX", factor: 1 }],
    ["ratio:A/B×0.1", { kind: "ratio", num: "A", den: "B", factor: 0.1 }],
    ["最小", { kind: "min" }],
    ["min", { kind: "min" }],
    ["最大", { kind: "max" }],
    ["max", { kind: "max" }],
    ["不汇总", { kind: "none" }],
    ["none", { kind: "none" }],
  ])("%s", (text, expected) => {
    expect(parseAggregate(text)).toEqual(expected);
  });

  test.each(["累加", "加权平均:", "比值:A", "ratio:A/B×0", "weighted", ""])("%s is not an aggregate", (text) => {
    expect(parseAggregate(text)).toBeUndefined();
  });

  test("reads back what the 规划指标 sheet writer writes (template.aggregateText)", () => {
    const all: Aggregate[] = [
      { kind: "sum" }, { kind: "mean" }, { kind: "weighted", by: "YL-03" },
      { kind: "ratio", num: "YL-02", den: "YL-POP", factor: 1000 }, { kind: "min" }, { kind: "max" }, { kind: "none" },
    ];
    for (const a of all) expect(parseAggregate(aggregateText(a))).toEqual(a);
  });
});

describe("readUnitsSheet", () => {
  test("the first non-empty cell of each row; header words and repeats left out", () => {
    const sheet = sheetOf("填报单位", [["单位名称"], [null, "吴兴区"], ["南浔区", "备注"], ["ＤＥ县"], ["吴兴区"], []]);
    expect(readUnitsSheet(sheet)).toEqual(["吴兴区", "南浔区", "ＤＥ县"]);
  });
});
