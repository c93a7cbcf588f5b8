import { consolidate, districtsOf, type CityValue } from "../../src/core/consolidate";
import { msg, render, type MessageData } from "../../src/core/messages";
import type { Aggregate, Indicator, Plan } from "../../src/core/plan";
import type { DistrictValue, ExcludedValue } from "../../src/core/validate";

function indicator(code: string, aggregate: Aggregate, extra: Partial<Indicator> = {}): Indicator {
  return {
    code,
    name: `指标${code}`,
    unit: "个",
    type: "anticipatory",
    direction: "up",
    targetYear: 2020,
    target: 100,
    aggregate,
    ...extra,
  };
}

const JUNE_2018 = { year: 2018, month: 6, label: "2018年6月" };

function value(district: string, code: string, v: number, period = JUNE_2018): DistrictValue {
  return { district, indicator: code, value: v, period, file: `${district}.xlsx`, sheet: district, cell: "D5" };
}

/** A value left out, with a reason that names `text`. */
function excluded(district: string, code: string, text: string): ExcludedValue {
  return { district, indicator: code, reason: msg("reason.notANumber", { text }), file: `${district}.xlsx`, sheet: district, cell: "D5" };
}

const zh = (m: MessageData | undefined): string | undefined => (m ? render(m, "zh") : undefined);
const en = (m: MessageData | undefined): string | undefined => (m ? render(m, "en") : undefined);

function cityValue(plan: Plan, values: DistrictValue[], ex: ExcludedValue[] = [], code = plan.indicators[0].code): CityValue {
  const found = consolidate(plan, values, ex).cityValues.find((c) => c.indicator === code);
  if (!found) throw new Error(`no city value for ${code}`);
  return found;
}

describe("consolidate: sum and mean", () => {
  const values = [value("吴兴区", "A", 10), value("南浔区", "A", 20), value("德清县", "A", 45)];

  test("求和 adds the district values", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "sum" })] }, values);
    expect(c.value).toBe(10 + 20 + 45);
    expect(c.used).toEqual(["吴兴区", "南浔区", "德清县"]);
    expect(c.excluded).toEqual([]);
    expect(c.perDistrict).toEqual({ 吴兴区: 10, 南浔区: 20, 德清县: 45 });
  });

  test("平均 is the plain mean", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "mean" })] }, values);
    expect(c.value).toBeCloseTo((10 + 20 + 45) / 3, 12);
  });

  test("a value blocked by an error is left out, named with its reason, and null per district", () => {
    const c = cityValue(
      { indicators: [indicator("A", { kind: "sum" })] },
      values.slice(0, 2),
      [excluded("德清县", "A", "占位符“x”")],
    );
    expect(c.value).toBe(30);
    expect(c.used).toEqual(["吴兴区", "南浔区"]);
    expect(c.excluded).toEqual([{ district: "德清县", reason: msg("reason.notANumber", { text: "占位符“x”" }) }]);
    expect(c.perDistrict["德清县"]).toBeNull();
  });

  test("every value excluded gives no city value", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "mean" })] }, [], [excluded("吴兴区", "A", "缺报")]);
    expect(c.value).toBeNull();
    expect(c.used).toEqual([]);
    expect(c.excluded.map((e) => e.district)).toEqual(["吴兴区"]);
  });

  test("a district submitted twice: the later report period wins", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "sum" })] }, [
      value("吴兴区", "A", 99, { year: 2018, month: 12, label: "2018年" }),
      value("吴兴区", "A", 10, JUNE_2018),
      value("南浔区", "A", 20),
    ]);
    expect(c.value).toBe(99 + 20);
    expect(c.perDistrict["吴兴区"]).toBe(99);
  });

  test("a district with a usable value is not also listed as excluded", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "sum" })] }, values, [excluded("吴兴区", "A", "重复填报")]);
    expect(c.used).toContain("吴兴区");
    expect(c.excluded).toEqual([]);
  });
});

describe("consolidate: min and max follow the literal smallest / largest value", () => {
  const values = [value("吴兴区", "A", 12), value("南浔区", "A", 7), value("德清县", "A", 30)];

  test("最小 of a 正向 indicator: the smallest value, the worst district", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "min" }, { direction: "up" })] }, values);
    expect(c.value).toBe(7);
    expect(zh(c.note)).toContain("南浔区");
    expect(zh(c.note)).toContain("最差");
    expect(en(c.note)).toContain("worst");
  });

  test("最小 of a 逆向 indicator: still the smallest value, which is the best district", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "min" }, { direction: "down" })] }, values);
    expect(c.value).toBe(7);
    expect(zh(c.note)).toContain("最好");
  });

  test("最大 of a 正向 indicator is the best district, of a 逆向 one the worst", () => {
    const up = cityValue({ indicators: [indicator("A", { kind: "max" }, { direction: "up" })] }, values);
    const down = cityValue({ indicators: [indicator("A", { kind: "max" }, { direction: "down" })] }, values);
    expect(up.value).toBe(30);
    expect(down.value).toBe(30);
    expect(zh(up.note)).toContain("德清县");
    expect(zh(up.note)).toContain("最好");
    expect(zh(down.note)).toContain("最差");
  });

  test("ties name every district at the extreme", () => {
    const c = cityValue({ indicators: [indicator("A", { kind: "max" })] }, [...values, value("长兴县", "A", 30)]);
    expect(zh(c.note)).toContain("德清县、长兴县");
  });
});

describe("consolidate: 不汇总", () => {
  test("no city value, district values reported, and the note says so", () => {
    const c = cityValue(
      { indicators: [indicator("A", { kind: "none" })] },
      [value("吴兴区", "A", 3), value("南浔区", "A", 4)],
      [excluded("德清县", "A", "非数值")],
    );
    expect(c.value).toBeNull();
    expect(c.used).toEqual([]);
    expect(c.perDistrict).toEqual({ 吴兴区: 3, 南浔区: 4, 德清县: null });
    expect(c.excluded.map((e) => e.district)).toEqual(["德清县"]);
    expect(zh(c.note)).toBe("不汇总，仅分区县报告");
  });
});

describe("consolidate: weighted mean", () => {
  const plan: Plan = {
    indicators: [
      indicator("RATE", { kind: "weighted", by: "POP" }, { unit: "%", name: "城乡低保覆盖率" }),
      indicator("POP", { kind: "sum" }, { unit: "人", name: "户籍人口" }),
    ],
  };

  test("weights each district's value by its value of the weight indicator", () => {
    const c = cityValue(plan, [
      value("吴兴区", "RATE", 90), value("吴兴区", "POP", 1000),
      value("南浔区", "RATE", 60), value("南浔区", "POP", 3000),
    ]);
    expect(c.value).toBeCloseTo((90 * 1000 + 60 * 3000) / (1000 + 3000), 12);
    expect(c.used).toEqual(["吴兴区", "南浔区"]);
    expect(zh(c.note)).toContain("户籍人口");
  });

  test("a district lacking the weight is left out, named, and the note counts it", () => {
    const c = cityValue(
      plan,
      [
        value("吴兴区", "RATE", 90), value("吴兴区", "POP", 1000),
        value("南浔区", "RATE", 60), value("南浔区", "POP", 3000),
        value("德清县", "RATE", 10),
        value("长兴县", "RATE", 20),
      ],
      [excluded("长兴县", "POP", "人口填了占位符“x万人”")],
    );
    expect(c.value).toBeCloseTo((90 * 1000 + 60 * 3000) / 4000, 12);
    expect(c.used).toEqual(["吴兴区", "南浔区"]);
    expect(c.perDistrict["德清县"]).toBe(10);
    const byDistrict = Object.fromEntries(c.excluded.map((e) => [e.district, e]));
    expect(Object.keys(byDistrict)).toEqual(["德清县", "长兴县"]);
    expect(zh(byDistrict["德清县"].reason)).toContain("缺少权重指标“户籍人口”（POP）");
    expect(zh(byDistrict["长兴县"].reason)).toContain("人口填了占位符“x万人”");
    expect(en(byDistrict["德清县"].reason)).toMatch(/weight/);
    expect(zh(c.note)).toContain("2 个区县缺少权重");
  });

  test("weights summing to 0 give no value, with the reason", () => {
    const c = cityValue(plan, [value("吴兴区", "RATE", 90), value("吴兴区", "POP", 0)]);
    expect(c.value).toBeNull();
    expect(zh(c.note)).toContain("权重合计为 0");
  });
});

describe("consolidate: ratio", () => {
  const plan: Plan = {
    indicators: [
      indicator("YL-01", { kind: "ratio", num: "YL-02", den: "RK-01", factor: 1000 }, { unit: "张/千人", name: "每千名老人拥有社会养老床位数" }),
      indicator("YL-02", { kind: "sum" }, { unit: "张", name: "社会养老床位数" }),
      indicator("RK-01", { kind: "sum" }, { unit: "人", name: "老年人口数" }),
    ],
  };

  test("sum of numerators over sum of denominators times K, not a mean of district ratios", () => {
    const c = cityValue(plan, [
      value("吴兴区", "YL-01", 50), value("吴兴区", "YL-02", 500), value("吴兴区", "RK-01", 10000),
      value("南浔区", "YL-01", 80), value("南浔区", "YL-02", 2400), value("南浔区", "RK-01", 30000),
    ]);
    expect(c.value).toBeCloseTo(((500 + 2400) / (10000 + 30000)) * 1000, 12);
    expect(c.value).not.toBeCloseTo((50 + 80) / 2, 3);
    expect(c.perDistrict).toEqual({ 吴兴区: 50, 南浔区: 80 });
    expect(c.used).toEqual(["吴兴区", "南浔区"]);
    expect(zh(c.note)).toContain("比值按同时报送分子和分母的 2 个区县计算");
  });

  test("a district missing a component is left out of the ratio and the table says so", () => {
    const c = cityValue(
      plan,
      [
        value("吴兴区", "YL-02", 500), value("吴兴区", "RK-01", 10000),
        value("南浔区", "YL-02", 2400), value("南浔区", "RK-01", 30000),
        value("德清县", "YL-01", 61), value("德清县", "YL-02", 900),
        value("长兴县", "YL-01", 40), value("长兴县", "YL-02", 700), value("长兴县", "RK-01", 17000),
      ],
      [excluded("安吉县", "RK-01", "老年人口为空")],
    );
    expect(c.value).toBeCloseTo(((500 + 2400 + 700) / (10000 + 30000 + 17000)) * 1000, 12);
    expect(c.used).toEqual(["吴兴区", "南浔区", "长兴县"]);
    expect(c.excluded.map((e) => e.district)).toEqual(["德清县", "安吉县"]);
    expect(zh(c.excluded[0].reason)).toContain("缺少分母指标“老年人口数”（RK-01）");
    expect(zh(c.excluded[1].reason)).toContain("缺少分子指标“社会养老床位数”（YL-02）");
    expect(zh(c.excluded[1].reason)).toContain("分母指标“老年人口数”（RK-01）的值未计入：“老年人口为空”");
    expect(c.perDistrict["德清县"]).toBe(61);
    expect(zh(c.note)).toContain("3 个区县");
  });

  test("a denominator summing to 0 gives no value, with the reason", () => {
    const c = cityValue(plan, [value("吴兴区", "YL-02", 5), value("吴兴区", "RK-01", 0)]);
    expect(c.value).toBeNull();
    expect(zh(c.note)).toContain("分母合计为 0");
    expect(en(c.note)).toContain("denominator sums to 0");
  });
});

describe("consolidate: districts", () => {
  test("every district of the values and the excluded list, in first-appearance order", () => {
    const values = [value("南浔区", "A", 1), value("吴兴区", "A", 2), value("南浔区", "B", 3)];
    const ex = [excluded("德清县", "A", "缺报"), excluded("吴兴区", "B", "缺报")];
    expect(districtsOf(values, ex)).toEqual(["南浔区", "吴兴区", "德清县"]);
    const result = consolidate({ indicators: [indicator("A", { kind: "sum" }), indicator("B", { kind: "sum" })] }, values, ex);
    expect(result.districts).toEqual(["南浔区", "吴兴区", "德清县"]);
    expect(result.cityValues.map((c) => c.indicator)).toEqual(["A", "B"]);
    expect(Object.keys(result.cityValues[1].perDistrict)).toEqual(["南浔区", "吴兴区", "德清县"]);
  });
});
