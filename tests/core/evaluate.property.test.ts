import fc from "fast-check";
import { status, targetProgress, timeProgress } from "../../src/core/evaluate";
import type { Indicator } from "../../src/core/plan";

const indicator = (baseline: number | undefined, target: number, direction: Indicator["direction"] = "up"): Indicator => ({
  code: "A",
  name: "指标A",
  unit: "个",
  type: "binding",
  direction,
  baseYear: 2015,
  baseline,
  targetYear: 2020,
  target,
  aggregate: { kind: "sum" },
});

const num = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const time = fc.double({ min: 0, max: 1, noNaN: true });
/** Away from the relative float tolerance (1e-9) within which a counts as equal to g. */
const clearOf = (a: number, g: number): boolean => a === g || Math.abs(a - g) > 1e-6 * Math.max(1, Math.abs(g));
/** b < g, with a margin so that g − b is not a rounding artefact. */
const baseAndTarget = fc.tuple(num, fc.double({ min: 1e-3, max: 1e6, noNaN: true })).map(([b, d]) => [b, b + d] as const);

describe("evaluation properties", () => {
  test("正向 with b < g: met iff a ≥ g (outside the float tolerance)", () => {
    fc.assert(
      fc.property(baseAndTarget, num, time, ([b, g], a, t) => {
        fc.pre(clearOf(a, g));
        const ind = indicator(b, g);
        expect(status(ind, a, targetProgress(ind, a), t) === "met").toBe(a >= g);
      }),
    );
  });

  test("正向 with b < g: progress is monotone in the actual", () => {
    fc.assert(
      fc.property(baseAndTarget, num, num, ([b, g], a1, a2) => {
        const ind = indicator(b, g);
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        expect(targetProgress(ind, lo) as number).toBeLessThanOrEqual(targetProgress(ind, hi) as number);
      }),
    );
  });

  test("逆向 with b > g: progress decreases as the actual rises, met iff a ≤ g", () => {
    fc.assert(
      fc.property(baseAndTarget, num, num, time, ([g, b], a1, a2, t) => {
        const ind = indicator(b, g, "down");
        const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
        expect(targetProgress(ind, lo) as number).toBeGreaterThanOrEqual(targetProgress(ind, hi) as number);
        if (clearOf(a1, g)) expect(status(ind, a1, targetProgress(ind, a1), t) === "met").toBe(a1 <= g);
      }),
    );
  });

  test("not met: on-track exactly when p ≥ t (outside the float tolerance)", () => {
    fc.assert(
      fc.property(baseAndTarget, num, time, ([b, g], a, t) => {
        fc.pre(a < g && clearOf(a, g));
        const ind = indicator(b, g);
        const p = targetProgress(ind, a) as number;
        fc.pre(Math.abs(p - t) > 1e-6);
        expect(status(ind, a, p, t)).toBe(p >= t ? "on-track" : "behind");
      }),
    );
  });

  test("time progress stays within [0, 1] and never falls as the report period advances", () => {
    const month = fc.record({ year: fc.integer({ min: 2000, max: 2040 }), month: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(month, month, (m1, m2) => {
        const ind = indicator(1, 2);
        const t1 = timeProgress(ind, { ...m1, label: "" });
        const t2 = timeProgress(ind, { ...m2, label: "" });
        expect(t1).toBeGreaterThanOrEqual(0);
        expect(t1).toBeLessThanOrEqual(1);
        const order = m1.year * 12 + m1.month - (m2.year * 12 + m2.month);
        if (order <= 0) expect(t1).toBeLessThanOrEqual(t2);
      }),
    );
  });
});
