/**
 * The value reader, reporting-conventions §3: every row of the table, the placeholder list,
 * qualifiers, units, percent-formatted cells, formulas and the odd cell types.
 */
import type { Cell } from "../../src/core/model";
import { isPlaceholderText, readValue, type ValueReading } from "../../src/core/values";

const text = (s: string): Cell => ({ value: s, text: "" });
const read = (s: string, unit: string): ValueReading => readValue(text(s), unit);

describe("§3 table: text values", () => {
  it.each([
    ["59", "张", 59, undefined],
    ["59张", "张", 59, undefined],
    ["约59张", "张", 59, "approx"],
    ["５９", "张", 59, undefined],
    ["５９张", "张", 59, undefined],
    ["78%", "%", 78, undefined],
    ["７８％", "%", 78, undefined],
    ["78％", "%", 78, undefined],
    ["3.28万人", "人", 32800, undefined],
    ["3.28万人", "万人", 3.28, undefined],
    ["10962.94万元", "万元", 10962.94, undefined],
    ["10962.94万元", "元", 109629400, undefined],
    ["1.2亿元", "万元", 12000, undefined],
    ["1.2亿元", "元", 120000000, undefined],
    ["1‰", "‰", 1, undefined],
    ["1‰", "%", 0.1, undefined],
    ["1%", "‰", 10, undefined],
    ["99%以上", "%", 99, "at-least"],
    ["不少于2500", "张", 2500, "at-least"],
    ["超过50%", "%", 50, "more-than"],
    ["1,234", "人", 1234, undefined],
    ["１，２３４", "人", 1234, undefined],
    [" 1234 ", "人", 1234, undefined],
    ["\u30001234\u3000", "人", 1234, undefined],
    ["-5", "人", -5, undefined],
    ["－5", "人", -5, undefined],
    ["1.5e3", "人", 1500, undefined],
    ["0", "人", 0, undefined],
    ["0.5", "%", 0.5, undefined],
  ])("%j in a %s indicator reads %d (%s)", (s, unit, value, qualifier) => {
    const r = read(s, unit);
    expect(r.kind).toBe("number");
    if (r.kind !== "number") return;
    expect(r.value).toBeCloseTo(value, 9);
    expect(r.qualifier).toBe(qualifier);
  });

  it("keeps the unit the clerk wrote beside the converted number", () => {
    expect(read("3.28万人", "人")).toEqual({ kind: "number", value: 32800, writtenUnit: "万人" });
    expect(read("59", "张")).toEqual({ kind: "number", value: 59 });
  });

  it("a unit that cannot be converted is a unit-mismatch, not a silent number", () => {
    expect(read("59张", "%")).toEqual({ kind: "unit-mismatch", value: 59, writtenUnit: "张" });
    expect(read("78%", "张")).toEqual({ kind: "unit-mismatch", value: 78, writtenUnit: "%" });
    expect(read("59人", "张")).toEqual({ kind: "unit-mismatch", value: 59, writtenUnit: "人" });
    expect(read("3万元", "人")).toEqual({ kind: "unit-mismatch", value: 3, writtenUnit: "万元" });
    expect(read("5个百分点", "%")).toEqual({ kind: "unit-mismatch", value: 5, writtenUnit: "个百分点" });
  });

  it("reads the shorthand of a per-unit as the seeds write it", () => {
    expect(read("59张", "张/千人")).toEqual({ kind: "number", value: 59, writtenUnit: "张" });
    expect(read("738元", "元/人/月")).toEqual({ kind: "number", value: 738, writtenUnit: "元" });
    expect(read("738元/月/人", "元/人/月")).toEqual({ kind: "number", value: 738, writtenUnit: "元/月/人" });
    expect(read("8.5家", "个/万人")).toMatchObject({ kind: "number", value: 8.5 });
    expect(read("5.9张/百人", "张/千人")).toMatchObject({ kind: "number", value: 59 });
    expect(read("59张/户", "张/千人").kind).toBe("unit-mismatch");
  });

  it("a bare scale takes the indicator's measure", () => {
    expect(read("2万", "人")).toMatchObject({ kind: "number", value: 20000 });
    expect(read("2万", "万人")).toMatchObject({ kind: "number", value: 2 });
    expect(read("1.2亿", "万元")).toMatchObject({ kind: "number", value: 12000 });
    expect(read("2万", "%").kind).toBe("unit-mismatch");
  });
});

describe("qualifiers", () => {
  it.each([
    ["约59", "approx"],
    ["大约59", "approx"],
    ["近59", "approx"],
    ["59左右", "approx"],
    ["59以上", "at-least"],
    ["不少于59", "at-least"],
    ["不低于59", "at-least"],
    ["至少59", "at-least"],
    ["达到59以上", "at-least"],
    ["≥59", "at-least"],
    ["超过59", "more-than"],
    ["多于59", "more-than"],
    ["逾59", "more-than"],
    ["59以下", "at-most"],
    ["不超过59", "at-most"],
    ["不高于59", "at-most"],
    ["59以内", "at-most"],
    ["控制在59以内", "at-most"],
    ["低于59", "less-than"],
    ["少于59", "less-than"],
    ["不足59", "less-than"],
    ["59余", "at-least"],
    ["59多", "at-least"],
    ["达到59", undefined],
    ["保持在59", undefined],
  ])("%j → 59 %s", (s, q) => {
    expect(read(s, "个")).toEqual(q ? { kind: "number", value: 59, qualifier: q } : { kind: "number", value: 59 });
  });

  it("余 inside a scaled number", () => {
    expect(read("2万余", "人")).toEqual({ kind: "number", value: 20000, qualifier: "at-least", writtenUnit: "万" });
    expect(read("2万余台", "台")).toEqual({ kind: "number", value: 20000, qualifier: "at-least", writtenUnit: "万台" });
    expect(read("20余家", "家")).toEqual({ kind: "number", value: 20, qualifier: "at-least", writtenUnit: "家" });
    expect(read("20多万元", "元")).toEqual({ kind: "number", value: 200000, qualifier: "at-least", writtenUnit: "万元" });
  });

  it("a qualifier before the number wins over one after it", () => {
    expect(read("超过50%以上", "%")).toMatchObject({ value: 50, qualifier: "more-than" });
    expect(read("约2万余人", "人")).toMatchObject({ value: 20000, qualifier: "approx" });
    expect(read("保持在94%以上", "%")).toMatchObject({ value: 94, qualifier: "at-least" });
  });
});

describe("placeholders in value cells", () => {
  const tokens = [
    "x%", "x", "xx", "X", "x万人", "x余万元", "超x万元", "第x次", "xx市", "××", "Ｘ", "ｘ％", "x.x%", "约x万次",
    "待填", "待定", "待补充", "待统计", "TBD", "tbd", "?", "？", "??", "—", "——", "-", "--", "/", "／", "N/A", "n/a",
    "#N/A", "…", "...", "未填写", "某某",
  ];
  it.each(tokens)("%j is a placeholder", (t) => {
    expect(read(t, "个")).toEqual({ kind: "placeholder", token: t.trim() });
    expect(isPlaceholderText(t)).toBe(true);
  });

  it("prose holding a placeholder is a placeholder", () => {
    expect(read("完成考核目标的x%", "%")).toEqual({ kind: "placeholder", token: "完成考核目标的x%" });
  });

  it.each(["7x24", "无", "暂无数据", "见附件", "良好", "#DIV/0!", "五十九", "Xbox"])("%j is not a placeholder", (t) => {
    expect(isPlaceholderText(t)).toBe(false);
    expect(read(t, "个")).toEqual({ kind: "not-a-number", text: t });
  });

  it("numbers and blanks are not placeholders", () => {
    for (const t of ["0", "59", "-5", "", "  "]) expect(isPlaceholderText(t)).toBe(false);
  });

  it("the error value #N/A delivered as an error object is a placeholder too", () => {
    const cell = { value: { error: "#N/A" }, text: "" } as unknown as Cell;
    expect(readValue(cell, "个")).toEqual({ kind: "placeholder", token: "#N/A" });
  });
});

describe("text that is not one number", () => {
  it.each(["59 60", "1,23", "2—3个", "2-3", "59/60", "59张床位费", "2018-06", "约五十"])("%j is not-a-number", (t) => {
    expect(read(t, "个")).toEqual({ kind: "not-a-number", text: t });
  });

  it("a trailing remark in brackets is ignored", () => {
    expect(read("约59张(超额9张)", "张")).toEqual({ kind: "number", value: 59, qualifier: "approx", writtenUnit: "张" });
    expect(read("59（含在建）", "张")).toEqual({ kind: "number", value: 59 });
  });
});

describe("blank", () => {
  it.each([
    ["no cell", undefined],
    ["null value", { value: null, text: "" }],
    ["empty string", { value: "", text: "" }],
    ["whitespace", { value: " \t\u3000", text: "" }],
  ])("%s", (_, cell) => {
    expect(readValue(cell as Cell | undefined, "个")).toEqual({ kind: "blank" });
  });
});

describe("numeric cells", () => {
  it("a plain number is the value", () => {
    expect(readValue({ value: 59, text: "" }, "张")).toEqual({ kind: "number", value: 59 });
    expect(readValue({ value: 1234, text: "1,234", numFmt: "#,##0" }, "人")).toEqual({ kind: "number", value: 1234 });
    expect(readValue({ value: 5, text: "", numFmt: "General" }, "人")).toEqual({ kind: "number", value: 5 });
  });

  it("a percent-formatted cell shows value × 100 in %", () => {
    expect(readValue({ value: 0.78, text: "", numFmt: "0%" }, "%")).toEqual({ kind: "number", value: 78, writtenUnit: "%" });
    expect(readValue({ value: 0.955, text: "", numFmt: "0.0%" }, "%")).toEqual({ kind: "number", value: 95.5, writtenUnit: "%" });
    expect(readValue({ value: 0.955, text: "", numFmt: "0.0%" }, "‰")).toMatchObject({ value: 955 });
    expect(readValue({ value: -0.05, text: "", numFmt: "0.0%;[Red]-0.0%" }, "%")).toMatchObject({ value: -5 });
    expect(readValue({ value: 0.5, text: "", numFmt: "[$-804]0.00%" }, "%")).toMatchObject({ value: 50 });
  });

  it("a percent-formatted cell in a non-% indicator is a unit-mismatch: the clerk sees a percentage", () => {
    expect(readValue({ value: 0.59, text: "", numFmt: "0%" }, "张")).toEqual({
      kind: "unit-mismatch",
      value: 59,
      writtenUnit: "%",
    });
  });

  it("a quoted or escaped % is a literal, not a percent format", () => {
    expect(readValue({ value: 78, text: "", numFmt: '0.00"%"' }, "%")).toEqual({ kind: "number", value: 78, writtenUnit: "%" });
    expect(readValue({ value: 78, text: "", numFmt: "0.0\\%" }, "%")).toEqual({ kind: "number", value: 78, writtenUnit: "%" });
    expect(readValue({ value: 78, text: "", numFmt: '0.00"%"' }, "张")).toEqual({ kind: "unit-mismatch", value: 78, writtenUnit: "%" });
  });

  it("a unit written by the number format converts like a written one", () => {
    expect(readValue({ value: 3.28, text: "", numFmt: '0.00"万人"' }, "人")).toEqual({ kind: "number", value: 32800, writtenUnit: "万人" });
    expect(readValue({ value: 59, text: "", numFmt: '0"张"' }, "%")).toEqual({ kind: "unit-mismatch", value: 59, writtenUnit: "张" });
    expect(readValue({ value: 59, text: "", numFmt: '0" (估)"' }, "张")).toEqual({ kind: "number", value: 59 });
  });

  it("uses the displayed text when there is no number format (Office.js)", () => {
    expect(readValue({ value: 0.78, text: "78%" }, "%")).toEqual({ kind: "number", value: 78, writtenUnit: "%" });
    expect(readValue({ value: 0.78, text: "0.78" }, "%")).toEqual({ kind: "number", value: 0.78 });
  });

  it("a date-formatted number, NaN and Infinity are not numbers", () => {
    expect(readValue({ value: 43252, text: "", numFmt: "yyyy-mm-dd" }, "个").kind).toBe("not-a-number");
    expect(readValue({ value: 43252, text: "2018/6/1", numFmt: "yyyy/m/d" }, "个")).toEqual({ kind: "not-a-number", text: "2018/6/1" });
    expect(readValue({ value: NaN, text: "" }, "个").kind).toBe("not-a-number");
    expect(readValue({ value: Infinity, text: "" }, "个").kind).toBe("not-a-number");
  });
});

describe("formulas, dates, booleans", () => {
  it("a formula reads its cached result", () => {
    expect(readValue({ value: 59, text: "", formula: "SUM(A1:A3)" }, "张")).toEqual({ kind: "number", value: 59 });
    expect(readValue({ value: 0.78, text: "", numFmt: "0%", formula: "A1/A2" }, "%")).toMatchObject({ value: 78 });
    expect(readValue({ value: "x%", text: "", formula: "B2" }, "%")).toEqual({ kind: "placeholder", token: "x%" });
  });

  it("a formula without a cached result is not-a-number showing the formula", () => {
    expect(readValue({ value: null, text: "", formula: "SUM(A1:A3)" }, "张")).toEqual({ kind: "not-a-number", text: "=SUM(A1:A3)" });
  });

  it("a formula whose displayed text is known (Office.js) reads that text", () => {
    expect(readValue({ value: null, text: "59", formula: "A1" }, "张")).toEqual({ kind: "number", value: 59 });
  });

  it("dates and booleans are not numbers", () => {
    expect(readValue({ value: new Date(Date.UTC(2018, 5, 30)), text: "" }, "个")).toEqual({ kind: "not-a-number", text: "2018-06-30" });
    expect(readValue({ value: new Date(NaN), text: "" }, "个")).toEqual({ kind: "not-a-number", text: "Invalid Date" });
    expect(readValue({ value: true, text: "" }, "个")).toEqual({ kind: "not-a-number", text: "TRUE" });
    expect(readValue({ value: false, text: "FALSE" }, "个")).toEqual({ kind: "not-a-number", text: "FALSE" });
  });
});
