import fc from "fast-check";
import {
  comparePeriods,
  isDateFormat,
  parsePeriod,
  parsePeriodCell,
  periodEnd,
} from "../../src/core/period";
import { formatPeriod } from "../../src/core/format";

describe("parsePeriod: the spellings of §2", () => {
  test.each([
    ["2018年6月", 2018, 6],
    ["2018年06月", 2018, 6],
    ["2018-06", 2018, 6],
    ["2018-6", 2018, 6],
    ["2018/06", 2018, 6],
    ["2018.06", 2018, 6],
    ["2018.6", 2018, 6],
    ["201806", 2018, 6],
    ["2018年", 2018, 12],
    ["2018", 2018, 12],
    ["2018年度", 2018, 12],
    ["2018年上半年", 2018, 6],
    ["2018上半年", 2018, 6],
    ["2018年下半年", 2018, 12],
    ["2018年第二季度", 2018, 6],
    ["2018年二季度", 2018, 6],
    ["2018年第2季度", 2018, 6],
    ["2018年第一季度", 2018, 3],
    ["2018年前三季度", 2018, 9],
    ["2018年四季度", 2018, 12],
    ["2018Q2", 2018, 6],
    ["2018q3", 2018, 9],
    ["2018-Q4", 2018, 12],
    ["2018年1-6月", 2018, 6],
    ["2018年1—6月", 2018, 6],
    ["2018年1～6月", 2018, 6],
    ["2018年1月-6月", 2018, 6],
    ["2018年1月至6月", 2018, 6],
    ["2018年六月", 2018, 6],
    ["2018年十二月", 2018, 12],
    ["2018年6月份", 2018, 6],
    ["2018年6月末", 2018, 6],
    ["2018年6月底", 2018, 6],
    ["截至2018年6月", 2018, 6],
    ["截至2018年6月底", 2018, 6],
    ["2018-06-30", 2018, 6],
    ["2018/6/30", 2018, 6],
    ["2018年6月30日", 2018, 6],
    ["２０１８年６月", 2018, 6],
    ["２０１８－０６", 2018, 6],
    ["２０１８年上半年", 2018, 6],
    [" 2018 年 6 月 ", 2018, 6],
    ["2016年12月", 2016, 12],
  ])("%s → %i-%i", (text, year, month) => {
    expect(parsePeriod(text)).toEqual({ year, month, label: text.trim() });
  });

  test.each([
    "",
    "待填",
    "x年x月",
    "201年6月",
    "2018年13月",
    "2018-00",
    "2018年0月",
    "2018年第五季度",
    "2018Q5",
    "2018年6-1月",
    "2018-02-30",
    "18年6月",
    "6月",
    "吴兴区",
    "2018年6月吴兴区",
  ])("%s is not a period", (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  test("numbers: a year, or yyyymm", () => {
    expect(parsePeriod(2018)).toEqual({ year: 2018, month: 12, label: "2018" });
    expect(parsePeriod(201806)).toEqual({ year: 2018, month: 6, label: "201806" });
    expect(parsePeriod(43281)).toBeNull();
    expect(parsePeriod(18)).toBeNull();
  });

  test("a Date is read in UTC and labelled in Chinese", () => {
    expect(parsePeriod(new Date(Date.UTC(2018, 5, 30)))).toEqual({ year: 2018, month: 6, label: "2018年6月" });
    expect(parsePeriod(new Date(Date.UTC(2018, 0, 1)))).toEqual({ year: 2018, month: 1, label: "2018年1月" });
    expect(parsePeriod(new Date(Number.NaN))).toBeNull();
  });

  test("never throws on any string, and what it reads is a real month", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = parsePeriod(s);
        return p === null || (Number.isInteger(p.month) && p.month >= 1 && p.month <= 12 && p.year >= 1900);
      }),
    );
  });

  test("reads back every month it formats, in each notation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const mm = String(month).padStart(2, "0");
        for (const text of [formatPeriod({ year, month }), `${year}-${mm}`, `${year}/${month}`, `${year}.${mm}`, `${year}年${mm}月`]) {
          const p = parsePeriod(text);
          if (!p || p.year !== year || p.month !== month) return false;
        }
        return true;
      }),
    );
  });
});

describe("parsePeriodCell: a period in a cell", () => {
  test("a Date value (ExcelJS date cell)", () => {
    expect(parsePeriodCell({ value: new Date(Date.UTC(2018, 5, 1)), text: "", numFmt: "yyyy年m月" })).toMatchObject({ year: 2018, month: 6 });
  });

  test("a serial number with a date format (as Office.js gives it), labelled by its displayed text", () => {
    // 43281 is 2018-06-30 in Excel's 1900 date system.
    expect(parsePeriodCell({ value: 43281, text: "2018年6月", numFmt: 'yyyy"年"m"月"' })).toEqual({ year: 2018, month: 6, label: "2018年6月" });
    expect(parsePeriodCell({ value: 43252, text: "", numFmt: "yyyy-mm" })).toEqual({ year: 2018, month: 6, label: "2018年6月" });
  });

  test("a serial number without a date format is not taken for a date", () => {
    expect(parsePeriodCell({ value: 43281, text: "" })).toBeNull();
  });

  test("text cells and a bare year typed as a number", () => {
    expect(parsePeriodCell({ value: "2018年上半年", text: "2018年上半年" })).toEqual({ year: 2018, month: 6, label: "2018年上半年" });
    expect(parsePeriodCell({ value: 2018, text: "" })).toEqual({ year: 2018, month: 12, label: "2018" });
    expect(parsePeriodCell(undefined)).toBeNull();
    expect(parsePeriodCell({ value: null, text: "" })).toBeNull();
    expect(parsePeriodCell({ value: true, text: "" })).toBeNull();
  });
});

describe("isDateFormat", () => {
  test.each([
    ["yyyy年m月", true],
    ["yyyy\\年m\\月", true],
    ['yyyy"年"m"月"', true],
    ["[$-804]yyyy年m月d日", true],
    ["m/d/yyyy", true],
    ["yyyy-mm-dd hh:mm", true],
    ["0%", false],
    ["0.00\\张", false],
    ['0.00"张"', false],
    ['"TRUE";"TRUE";"FALSE"', false],
    ["#,##0.00", false],
    ["General", false],
    ["[Red]0.00", false],
    ["0.00E+00", false],
  ])("%s → %s", (fmt, expected) => {
    expect(isDateFormat(fmt)).toBe(expected);
  });

  test("no format is not a date format", () => {
    expect(isDateFormat(undefined)).toBe(false);
  });
});

describe("periodEnd, comparePeriods, formatPeriod", () => {
  test("a period ends on the last day of its month, leap years included", () => {
    expect(periodEnd({ year: 2018, month: 6 })).toEqual({ year: 2018, month: 6, day: 30 });
    expect(periodEnd({ year: 2018, month: 12 })).toEqual({ year: 2018, month: 12, day: 31 });
    expect(periodEnd({ year: 2019, month: 2 })).toEqual({ year: 2019, month: 2, day: 28 });
    expect(periodEnd({ year: 2020, month: 2 })).toEqual({ year: 2020, month: 2, day: 29 });
    expect(periodEnd({ year: 2100, month: 2 })).toEqual({ year: 2100, month: 2, day: 28 });
    expect(periodEnd({ year: 2000, month: 2 })).toEqual({ year: 2000, month: 2, day: 29 });
  });

  test("a bare year ends on 31 December", () => {
    const p = parsePeriod("2018年");
    expect(p && periodEnd(p)).toEqual({ year: 2018, month: 12, day: 31 });
  });

  test("comparePeriods orders by year, then month", () => {
    const ps = ["2018年下半年", "2017年", "2018-06", "2018Q1", "2019年1月"].map((t) => parsePeriod(t)!);
    expect(ps.sort(comparePeriods).map((p) => formatPeriod(p))).toEqual(["2017年12月", "2018年3月", "2018年6月", "2018年12月", "2019年1月"]);
    expect(comparePeriods(parsePeriod("2018年上半年")!, parsePeriod("2018-06")!)).toBe(0);
  });

  test("formatPeriod writes 2018年6月", () => {
    expect(formatPeriod({ year: 2018, month: 6 })).toBe("2018年6月");
  });
});
