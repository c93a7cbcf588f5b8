import { consolidate } from "../../src/core/consolidate";
import { render } from "../../src/core/messages";
import {
  evaluate,
  meetsTarget,
  status,
  STATUS_STYLE,
  statusText,
  isNotConsolidated,
  targetProgress,
  timeProgress,
} from "../../src/core/evaluate";
import type { ReportPeriod } from "../../src/core/period";
import type { Indicator, Plan } from "../../src/core/plan";
import type { DistrictValue } from "../../src/core/validate";

function indicator(extra: Partial<Indicator> = {}): Indicator {
  return {
    code: "A",
    name: "指标A",
    unit: "个",
    type: "anticipatory",
    direction: "up",
    baseYear: 2015,
    targetYear: 2020,
    target: 50,
    aggregate: { kind: "sum" },
    ...extra,
  };
}

const period = (year: number, month: number, label = `${year}-${month}`): ReportPeriod => ({ year, month, label });

describe("time progress (时间进度)", () => {
  const plan2016to2020 = indicator({ baseYear: 2015, targetYear: 2020 });

  test("Huzhou: as of 2018-06, plan 2016–2020, time is half gone (时间过半)", () => {
    expect(timeProgress(plan2016to2020, period(2018, 6, "2018年6月"))).toBe(0.5);
  });

  test("上半年 is June: the same as 2018-06", () => {
    expect(timeProgress(plan2016to2020, period(2018, 6, "2018年上半年"))).toBe(0.5);
  });

  test("a bare year ends on 31 December: three years of five", () => {
    expect(timeProgress(plan2016to2020, period(2018, 12, "2018年"))).toBe(3 / 5);
  });

  test("before the plan period starts: 0; after it ends: 1", () => {
    expect(timeProgress(plan2016to2020, period(2015, 12))).toBe(0);
    expect(timeProgress(plan2016to2020, period(2014, 6))).toBe(0);
    expect(timeProgress(plan2016to2020, period(2020, 12))).toBe(1);
    expect(timeProgress(plan2016to2020, period(2022, 3))).toBe(1);
  });

  test("the first month of the plan is one month of sixty", () => {
    expect(timeProgress(plan2016to2020, period(2016, 1))).toBe(1 / 60);
  });

  test("without 基期年 the plan period is the five years ending at 目标年", () => {
    const noBase = indicator({ baseYear: undefined, targetYear: 2025 });
    expect(timeProgress(noBase, period(2023, 6))).toBe(30 / 60);
  });

  test("a 14th-plan indicator (2021–2025) as of 2023-12", () => {
    expect(timeProgress(indicator({ baseYear: 2020, targetYear: 2025 }), period(2023, 12))).toBe(36 / 60);
  });
});

describe("target progress (目标完成进度)", () => {
  test("正向 with a baseline: (a − b) / (g − b)", () => {
    expect(targetProgress(indicator({ baseline: 35, target: 50 }), 42.5)).toBe((42.5 - 35) / (50 - 35));
  });

  test("逆向 with a baseline uses the same formula", () => {
    // 控制在 8‰ 以内, from 10‰: at 9‰ half of the way is done.
    const ind = indicator({ direction: "down", baseline: 10, target: 8 });
    expect(targetProgress(ind, 9)).toBe(0.5);
    expect(targetProgress(ind, 11)).toBe(-0.5);
  });

  test("正向 without a baseline: a / g", () => {
    expect(targetProgress(indicator({ target: 80 }), 60)).toBe(60 / 80);
  });

  test("逆向 without a baseline: g / a", () => {
    expect(targetProgress(indicator({ direction: "down", target: 8 }), 10)).toBe(8 / 10);
  });

  test("逆向 without a baseline and an actual of 0: the target is met, so 100%", () => {
    expect(targetProgress(indicator({ direction: "down", target: 8 }), 0)).toBe(1);
  });

  test("g = b: 100% if the target is met, else 0%", () => {
    const keep = indicator({ baseline: 94, target: 94 }); // 保持在94%以上
    expect(targetProgress(keep, 95)).toBe(1);
    expect(targetProgress(keep, 94)).toBe(1);
    expect(targetProgress(keep, 93.5)).toBe(0);
    const keepDown = indicator({ direction: "down", baseline: 5, target: 5 });
    expect(targetProgress(keepDown, 4)).toBe(1);
    expect(targetProgress(keepDown, 6)).toBe(0);
  });

  test("no actual: no progress", () => {
    expect(targetProgress(indicator({ baseline: 35 }), null)).toBeNull();
  });
});

describe("status (评价)", () => {
  const up = indicator({ baseline: 35, target: 50 });
  const down = indicator({ direction: "down", baseline: 10, target: 8 });

  test("met: a ≥ g for 正向, a ≤ g for 逆向", () => {
    expect(status(up, 50, targetProgress(up, 50), 0.5)).toBe("met");
    expect(status(up, 59, targetProgress(up, 59), 0.5)).toBe("met");
    expect(status(down, 8, targetProgress(down, 8), 0.5)).toBe("met");
    expect(status(down, 7.2, targetProgress(down, 7.2), 0.5)).toBe("met");
  });

  test("on-track: not met, progress at least the time progress", () => {
    expect(status(up, 42.5, targetProgress(up, 42.5), 0.5)).toBe("on-track");
    expect(status(down, 9, targetProgress(down, 9), 0.5)).toBe("on-track");
  });

  test("behind: not met, progress below the time progress", () => {
    expect(status(up, 40, targetProgress(up, 40), 0.5)).toBe("behind");
    expect(status(down, 9.5, targetProgress(down, 9.5), 0.5)).toBe("behind");
  });

  test("no-data: no actual", () => {
    expect(status(up, null, null, 0.5)).toBe("no-data");
  });

  test("a value equal to the target up to float rounding counts as met", () => {
    const rate = indicator({ baseline: 0.1, target: 0.3 });
    expect(status(rate, 0.1 + 0.2, targetProgress(rate, 0.1 + 0.2), 0.5)).toBe("met");
  });

  test("不汇总 indicators have no city value: 无数据, labelled as not consolidated", () => {
    const none = indicator({ aggregate: { kind: "none" } });
    expect(status(none, null, null, 0.5)).toBe("no-data");
    expect(statusText("no-data", isNotConsolidated(none), "zh")).toBe("无数据（不汇总）");
    expect(statusText("no-data", isNotConsolidated(indicator()), "zh")).toBe("无数据");
    expect(statusText("no-data", true, "en")).toBe("No data (not consolidated)");
  });

  test("labels and styles", () => {
    expect(statusText("met", false, "zh")).toBe("已完成");
    expect(statusText("on-track", false, "zh")).toBe("符合进度");
    expect(statusText("behind", false, "zh")).toBe("滞后");
    expect(statusText("no-data", false, "zh")).toBe("无数据");
    expect(STATUS_STYLE.behind).toBe("status-behind");
  });

  test("meetsTarget follows the direction", () => {
    expect(meetsTarget(up, 49.9)).toBe(false);
    expect(meetsTarget(down, 8.1)).toBe(false);
    expect(meetsTarget(down, 7)).toBe(true);
  });
});

const JUNE_2018 = period(2018, 6, "2018年6月");
const v = (district: string, indicatorCode: string, value: number): DistrictValue => ({
  district, indicator: indicatorCode, value, period: JUNE_2018, file: "f.xlsx", sheet: district, cell: "D5",
});

describe("evaluate", () => {
  const plan: Plan = {
    indicators: [
      indicator({ code: "JZ-01", domain: "社会救助", type: "binding", baseline: 10, target: 20 }),
      indicator({ code: "YL-01", domain: "养老服务", type: "binding", baseline: 35, target: 50 }),
      indicator({ code: "JZ-02", domain: "社会救助", type: "anticipatory", baseline: 10, target: 20 }),
      indicator({ code: "YL-02", domain: "养老服务", type: "binding", baseline: 35, target: 50 }),
      indicator({ code: "SW-01", domain: "社会事务", baseline: 1, target: 2, aggregate: { kind: "none" } }),
      indicator({ code: "SW-02", domain: "社会事务", type: "binding", baseline: 1, target: 2 }),
      indicator({ code: "XX-01", baseYear: 2020, targetYear: 2025, target: 5 }),
    ],
  };
  const values = [
    v("吴兴区", "JZ-01", 6), v("南浔区", "JZ-01", 5), // 11: p = 0.1, behind
    v("吴兴区", "JZ-02", 6), v("南浔区", "JZ-02", 5),
    v("吴兴区", "YL-01", 30), v("南浔区", "YL-01", 22), // 52: met
    v("吴兴区", "YL-02", 20), v("南浔区", "YL-02", 22.5), // 42.5: p = 0.5, on-track
    v("吴兴区", "SW-01", 1), v("南浔区", "SW-01", 1),
  ];
  const evaluation = evaluate(plan, consolidate(plan, values, []), JUNE_2018, { "JZ-01": 3 });
  const row = (code: string) => {
    const r = evaluation.rows.find((x) => x.indicator.code === code);
    if (!r) throw new Error(code);
    return r;
  };

  test("rows are grouped by 领域 in first-appearance order, then plan order", () => {
    expect(evaluation.rows.map((r) => r.indicator.code)).toEqual(["JZ-01", "JZ-02", "YL-01", "YL-02", "SW-01", "SW-02", "XX-01"]);
  });

  test("statuses, progress and attention for 约束性 indicators that are 滞后", () => {
    expect(row("JZ-01").actual).toBe(11);
    expect(row("JZ-01").progress).toBeCloseTo((11 - 10) / (20 - 10), 12);
    expect(row("JZ-01").status).toBe("behind");
    expect(row("JZ-01").attention).toBe(true);
    expect(row("JZ-02").status).toBe("behind");
    expect(row("JZ-02").attention).toBe(false); // 预期性
    expect(row("YL-01").status).toBe("met");
    expect(row("YL-01").attention).toBe(false);
    expect(row("YL-02").status).toBe("on-track");
    expect(row("SW-02").status).toBe("no-data");
    expect(row("SW-02").attention).toBe(false);
    expect(row("SW-01").status).toBe("no-data");
    expect(row("SW-01").perDistrict).toEqual({ 吴兴区: 1, 南浔区: 1 });
    expect(render(row("SW-01").note!, "zh")).toBe("不汇总，仅分区县报告");
  });

  test("time progress per row and for the plan's common period", () => {
    expect(evaluation.timeProgress).toBe(0.5);
    expect(row("YL-01").timeProgress).toBe(0.5);
    expect(row("XX-01").timeProgress).toBe(0);
    expect(evaluation.asOf).toBe(JUNE_2018);
  });

  test("finding counts, used districts and district columns are carried", () => {
    expect(row("JZ-01").findingCount).toBe(3);
    expect(row("YL-01").findingCount).toBe(0);
    expect(row("YL-01").used).toEqual(["吴兴区", "南浔区"]);
    expect(evaluation.districts).toEqual(["吴兴区", "南浔区"]);
  });
});

describe("Huzhou mid-term evaluation, July 2018 (seeds/003)", () => {
  // "全市建成社会养老床位39467张 … 每千名老人拥有社会养老床位约59张(超额9张)"; target 50 by 2020.
  // The split over five districts and the elderly population are made up; the totals are the seed's.
  const plan: Plan = {
    indicators: [
      indicator({
        code: "YL-01", name: "每千名老人拥有社会养老床位数", domain: "养老服务", unit: "张/千人",
        type: "binding", baseYear: 2015, targetYear: 2020, target: 50,
        aggregate: { kind: "ratio", num: "YL-02", den: "RK-01", factor: 1000 },
      }),
      indicator({ code: "YL-02", name: "社会养老床位数", domain: "养老服务", unit: "张", target: 35000 }),
      indicator({ code: "RK-01", name: "60岁以上老年人口", domain: "养老服务", unit: "人", target: 700000, aggregate: { kind: "none" } }),
    ],
  };
  const beds: Record<string, number> = { 吴兴区: 9000, 南浔区: 7000, 德清县: 7500, 长兴县: 8967, 安吉县: 7000 };
  const elderly: Record<string, number> = { 吴兴区: 152000, 南浔区: 120000, 德清县: 130000, 长兴县: 150000, 安吉县: 116000 };
  const values = Object.keys(beds).flatMap((d) => [v(d, "YL-02", beds[d]), v(d, "RK-01", elderly[d])]);
  const evaluation = evaluate(plan, consolidate(plan, values, []), period(2018, 6, "2018年6月"));
  const [perThousand, totalBeds] = evaluation.rows;

  test("the city has 39467 beds, about 59 per thousand elderly, 9 above the target: met", () => {
    expect(totalBeds.actual).toBe(39467);
    expect(Math.round(perThousand.actual as number)).toBe(59);
    expect(Math.round((perThousand.actual as number) - 50)).toBe(9);
    expect(perThousand.status).toBe("met");
    expect(perThousand.attention).toBe(false);
    expect(perThousand.timeProgress).toBe(0.5);
    expect(perThousand.used).toHaveLength(5);
  });
});
