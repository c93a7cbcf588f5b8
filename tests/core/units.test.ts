import {
  hundredPercentIn,
  isCountUnit,
  isKnownUnit,
  isPercentUnit,
  isRateUnit,
  parseUnit,
  unitFactor,
} from "../../src/core/units";

describe("parseUnit", () => {
  it.each([
    ["张", "张", 1, []],
    ["%", "ratio", 0.01, []],
    ["‰", "ratio", 0.001, []],
    ["家", "个", 1, []],
    ["万人", "人", 1e4, []],
    ["万元", "元", 1e4, []],
    ["亿元", "元", 1e8, []],
    ["百万元", "元", 1e6, []],
    ["平方米", "平方米", 1, []],
    ["人次", "人次", 1, []],
    ["岁", "岁", 1, []],
    ["（张）", "张", 1, []],
    ["元/人/月", "元", 1, [["人", 1], ["月", 1]]],
    ["元/人·月", "元", 1, [["人", 1], ["月", 1]]],
    ["元/(人·月)", "元", 1, [["人", 1], ["月", 1]]],
    ["万平方米", "平方米", 1e4, []],
    ["名/万人", "人", 1, [["人", 1e4]]],
    ["张/千人", "张", 1, [["人", 1000]]],
    ["张/千名老人", "张", 1, [["人", 1000]]],
    ["平方米/百户", "平方米", 1, [["户", 100]]],
  ])("%s", (unit, base, scale, dens) => {
    const u = parseUnit(unit);
    expect(u).toBeDefined();
    expect(u?.numerator).toEqual({ base, scale });
    expect(u?.denominators.map((d) => [d.base, d.scale])).toEqual(dens);
  });

  it.each(["", "十三五", "foo", "%/年", "万元GDP", "张/"])("%j is not a unit", (unit) => {
    expect(parseUnit(unit)).toBeUndefined();
    expect(isKnownUnit(unit)).toBe(false);
  });

  it("a bare scale is understood after a number but is not an indicator unit", () => {
    expect(parseUnit("万")?.numerator).toEqual({ base: "", scale: 1e4 });
    expect(isKnownUnit("万")).toBe(false);
  });
});

describe("unitFactor", () => {
  it.each([
    ["万人", "人", 1e4],
    ["人", "万人", 1e-4],
    ["亿元", "万元", 1e4],
    ["万元", "亿元", 1e-4],
    ["千元", "万元", 0.1],
    ["‰", "%", 0.1],
    ["%", "‰", 10],
    ["%", "%", 1],
    ["％", "%", 1],
    ["家", "个", 1],
    ["所", "家", 1],
    ["名", "人", 1],
    ["床", "张", 1],
    ["㎡", "平方米", 1],
    ["元/月/人", "元/人/月", 1],
    ["张/百人", "张/千人", 10],
    ["张", "张/千人", 1],
    ["张/千人", "张", 1],
    ["万元", "元/人/月", 1e4],
    ["万", "人", 1e4],
    ["亿", "万元", 1e4],
  ])("%s → %s: ×%d", (from, to, f) => {
    expect(unitFactor(from, to)).toBeCloseTo(f, 12);
  });

  it.each([
    ["张", "%"],
    ["%", "张"],
    ["人次", "人"],
    ["人", "户"],
    ["个百分点", "%"],
    ["张/千人", "张/户"],
    ["万", "%"],
    ["元", "张/千人"],
    ["foo", "张"],
    ["foo", "bar"],
  ])("%s does not convert into %s", (from, to) => {
    expect(unitFactor(from, to)).toBeUndefined();
  });

  it("an unknown word converts only into itself", () => {
    expect(unitFactor("床日", "床日")).toBe(1);
  });
});

describe("unit classes", () => {
  it("percent units", () => {
    expect(["%", "％", "‰", "百分比"].map(isPercentUnit)).toEqual([true, true, true, true]);
    expect(["张", "个百分点", "张/千人", "元"].map(isPercentUnit)).toEqual([false, false, false, false]);
    expect(hundredPercentIn("%")).toBe(100);
    expect(hundredPercentIn("‰")).toBe(1000);
    expect(hundredPercentIn("张")).toBeUndefined();
  });

  it("rate units: percentages and per-units", () => {
    expect(["%", "‰", "张/千人", "元/人/月", "个/万人"].every(isRateUnit)).toBe(true);
    expect(["张", "万人", "万元", "岁"].some(isRateUnit)).toBe(false);
  });

  it("count units: things and people, at any scale", () => {
    expect(["张", "个", "家", "人", "万人", "户", "人次", "台", "次", "所", "床"].every(isCountUnit)).toBe(true);
    expect(["%", "万元", "元", "平方米", "岁", "张/千人", "元/人/月", "foo"].some(isCountUnit)).toBe(false);
  });
});
