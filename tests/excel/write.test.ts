/* The writer's pure helpers; the writing itself is tested on Microsoft's library (office-js/write.test.ts). */
import { freeName, numberFormatOf, rectangles } from "../../src/excel/write";

describe("helpers", () => {
  test("freeName finds the first free “name (k)” within 31 characters", () => {
    expect(freeName("中期评估表", new Set(["中期评估表", "中期评估表 (2)"]))).toBe("中期评估表 (3)");
    expect(freeName("x".repeat(31), new Set())).toBe(`${"x".repeat(27)} (2)`);
  });

  test("numberFormatOf: every string is Text, numbers keep their format", () => {
    expect(numberFormatOf({ value: "=1" })).toBe("@");
    expect(numberFormatOf({ value: 3, format: { kind: "number", decimals: 2 } })).toBe("0.00");
    expect(numberFormatOf({ value: 3 })).toBe("General");
    expect(numberFormatOf(null)).toBe("General");
  });

  test("rectangles joins runs of equal keys across rows", () => {
    const keys = [
      ["a", "a", "b"],
      ["a", "a", "b"],
      ["c", null, "b"],
    ];
    const rects = rectangles(3, 3, (r, c) => keys[r][c]);
    expect(Object.fromEntries(rects)).toEqual({
      a: [{ top: 0, left: 0, bottom: 1, right: 1 }],
      b: [{ top: 0, left: 2, bottom: 2, right: 2 }],
      c: [{ top: 2, left: 0, bottom: 2, right: 0 }],
    });
  });
});
