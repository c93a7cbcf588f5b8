/**
 * Property tests of the value reader and the text scanner: they never throw, and every number
 * reads back in each notation a clerk may use.
 */
import fc from "fast-check";
import type { Cell } from "../../src/core/model";
import { scanText } from "../../src/core/narrative";
import { readValue, type ValueReading } from "../../src/core/values";

const UNITS = ["张", "%", "‰", "个", "家", "人", "万人", "万元", "元", "亿元", "元/人/月", "张/千人", "平方米", "", "foo"];

/** Finite numbers a clerk may write, with at most 12 significant digits. */
const number = fc
  .oneof(
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
    fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }),
    fc.double({ min: -1, max: 1, noNaN: true, noDefaultInfinity: true }),
  )
  .map((n) => Number(n.toPrecision(12)))
  .map((n) => (Object.is(n, -0) ? 0 : n));

const fullWidth = (s: string): string =>
  s.replace(/[0-9.\-+e]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** "1234567.5" → "1,234,567.5" (numbers in exponent notation are left as they are). */
function withSeparators(s: string): string {
  if (/e/i.test(s)) return s;
  const [int, frac] = s.split(".");
  const sign = int.startsWith("-") ? "-" : "";
  const digits = sign ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return sign + grouped + (frac !== undefined ? `.${frac}` : "");
}

function valueOf(r: ValueReading): number {
  if (r.kind !== "number") throw new Error(`expected a number, got ${JSON.stringify(r)}`);
  return r.value;
}

/** Equal up to floating rounding of a scale conversion. */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
}

const text = (s: string): Cell => ({ value: s, text: "" });

describe("readValue never throws", () => {
  it("on any string in any unit", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), fc.constantFrom(...UNITS), (s, unit) => {
        const r = readValue(text(s), unit);
        expect(["number", "blank", "placeholder", "unit-mismatch", "not-a-number"]).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });

  it("on strings made of the characters that matter", () => {
    const chars = fc.constantFrom(..."0123456789.,-+e%‰万亿约以上余多xX×张人元/待填—？ （）()".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 14 }).map((a) => a.join("")), fc.constantFrom(...UNITS), (s, unit) => {
        readValue(text(s), unit);
      }),
      { numRuns: 3000 },
    );
  });

  it("on any cell, even one an adapter got wrong", () => {
    const value = fc.oneof(
      fc.string(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({ noInvalidDate: false }),
      fc.anything(),
    );
    const cell = fc.record(
      {
        value,
        text: fc.oneof(fc.string(), fc.constant(undefined)),
        numFmt: fc.oneof(fc.constantFrom("0%", "0.0%", '0.00"%"', '0"张"', "yyyy-mm-dd", "General", "[Red]0;-0;", '"'), fc.string()),
        formula: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(cell, fc.constant(undefined), fc.anything()), fc.constantFrom(...UNITS), (c, unit) => {
        const r = readValue(c as Cell, unit);
        expect(r).toHaveProperty("kind");
      }),
      { numRuns: 2000 },
    );
  });
});

describe("readValue reads back any number in each notation", () => {
  it("plain, as a string and as a numeric cell", () => {
    fc.assert(
      fc.property(number, (n) => {
        expect(valueOf(readValue(text(String(n)), "个"))).toBe(n);
        expect(valueOf(readValue({ value: n, text: "" }, "个"))).toBe(n);
      }),
    );
  });

  it("in full-width digits", () => {
    fc.assert(fc.property(number, (n) => expect(valueOf(readValue(text(fullWidth(String(n))), "个"))).toBe(n)));
  });

  it("with thousands separators", () => {
    fc.assert(fc.property(number, (n) => expect(valueOf(readValue(text(withSeparators(String(n))), "个"))).toBe(n)));
  });

  it("with 约 (and the qualifier kept)", () => {
    fc.assert(
      fc.property(number, (n) => {
        const r = readValue(text(`约${n}`), "个");
        expect(r).toEqual({ kind: "number", value: n, qualifier: "approx" });
      }),
    );
  });

  it("with its unit: 张 in a 张 indicator, % in a % indicator", () => {
    fc.assert(
      fc.property(number, (n) => {
        expect(valueOf(readValue(text(`${n}张`), "张"))).toBe(n);
        expect(valueOf(readValue(text(`${n}%`), "%"))).toBe(n);
      }),
    );
  });

  it("in 万人 for a 人 indicator", () => {
    fc.assert(
      fc.property(number, (n) => {
        const v = valueOf(readValue(text(`${n / 1e4}万人`), "人"));
        expect(close(v, n)).toBe(true);
      }),
    );
  });

  it("as a percent-formatted numeric cell in a % indicator", () => {
    fc.assert(
      fc.property(number, fc.constantFrom("0%", "0.0%", "0.00%", "#,##0.0%"), (n, numFmt) => {
        const v = valueOf(readValue({ value: n / 100, text: "", numFmt }, "%"));
        expect(close(v, n)).toBe(true);
      }),
    );
  });
});

describe("scanText never throws", () => {
  it("on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (s) => {
        for (const h of scanText(s)) {
          expect(s.slice(h.index, h.index + h.match.length)).toBe(h.match);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("on strings made of the characters the rules look at", () => {
    const chars = fc.constantFrom(..."0129x×X%建成新增个家人张台次户元万以上的、，到至年201达为约中心机构员终端".split(""));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join("")), (s) => {
        for (const h of scanText(s)) expect(s.slice(h.index, h.index + h.match.length)).toBe(h.match);
      }),
      { numRuns: 3000 },
    );
  });
});
