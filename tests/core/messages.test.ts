/**
 * The message catalogue: every language has every entry of the Chinese reference with the
 * same parameters (every finding kind with exactly the parameters FINDING_KINDS declares), and
 * rendering messages as data (nested messages, lists, an unknown key) and the formatters.
 */
import { FINDING_KINDS, makeFinding, type FindingKind } from "../../src/core/findings";
import { formatFixed, formatPercent, formatPeriod, periodKey } from "../../src/core/format";
import { AppError, appError, errorParam, errorText, fromErrorData, toErrorData } from "../../src/core/errors";
import { findingText, LANGS, messages, msg, render } from "../../src/core/messages";
import type { Catalogue } from "../../src/core/messages/types";

type Entry = string | readonly string[] | ((p: Record<string, unknown>) => string);

/**
 * Parameters an entry deliberately leaves out in one language: a library's own English words
 * (the JSON parser's, the zip reader's) are shown in English only, so the Chinese UI never
 * shows a library's English.
 */
const LEFT_OUT: Record<string, { lang: string; params: string[] }> = {
  "reason.invalidJson": { lang: "zh", params: ["why"] },
  "readDetail.damaged": { lang: "zh", params: ["why"] },
  "readDetail.malformedXml": { lang: "zh", params: ["why"] },
  "readDetail.damagedZip": { lang: "zh", params: ["why"] },
  "readDetail.unparsable": { lang: "zh", params: ["why"] },
  "error.mark-part-unreadable": { lang: "zh", params: ["why"] },
};

/**
 * The parameters an entry reads: called with a recording stand-in for its parameters, once
 * with every parameter truthy and once with every one falsy, so that both sides of a condition
 * (同值 / 超过, 提前完成 / 完成) are read.
 */
function paramsRead(entry: Entry): string[] {
  if (typeof entry !== "function") return [];
  const read = new Set<string>();
  for (const truthy of [true, false]) {
    const params = new Proxy({} as Record<string, unknown>, {
      get(_, key) {
        if (typeof key === "string") read.add(key);
        return truthy ? `⟨${String(key)}⟩` : "";
      },
    });
    entry(params);
  }
  return [...read].sort();
}

const entries = (lang: (typeof LANGS)[number]) => messages(lang) as unknown as Record<string, Record<string, Entry>>;

describe("every language has the reference's entries and parameters", () => {
  const zh = entries("zh");
  for (const lang of LANGS.filter((l) => l !== "zh")) {
    const other = entries(lang);
    test(`${lang}: the same sections and entries as zh`, () => {
      expect(Object.keys(other).sort()).toEqual(Object.keys(zh).sort());
      for (const section of Object.keys(zh)) expect(Object.keys(other[section]).sort()).toEqual(Object.keys(zh[section]).sort());
    });

    test(`${lang}: each entry reads the same parameters as zh (a string stays a string, a function a function)`, () => {
      for (const [section, list] of Object.entries(zh)) {
        for (const [key, entry] of Object.entries(list)) {
          const theirs = other[section][key];
          expect([`${section}.${key}`, typeof theirs]).toEqual([`${section}.${key}`, typeof entry]);
          const left = LEFT_OUT[`${section}.${key}`];
          const want = paramsRead(entry)
            .concat(left?.lang === "zh" ? left.params : [])
            .sort();
          const got = paramsRead(theirs)
            .concat(left?.lang === lang ? left.params : [])
            .sort();
          expect([`${section}.${key}`, got]).toEqual([`${section}.${key}`, want]);
        }
      }
    });
  }

  test("every finding kind has a message in every language that uses exactly its declared parameters", () => {
    for (const lang of LANGS) {
      const finding = messages(lang).finding as unknown as Record<FindingKind, Entry>;
      expect(Object.keys(finding).sort()).toEqual(Object.keys(FINDING_KINDS).sort());
      for (const [kind, def] of Object.entries(FINDING_KINDS)) {
        expect([lang, kind, paramsRead(finding[kind as FindingKind])]).toEqual([lang, kind, [...def.params].sort()]);
      }
    }
  });

  test("no entry leaves a {placeholder} unfilled", () => {
    for (const lang of LANGS) {
      for (const [section, list] of Object.entries(entries(lang))) {
        for (const [key, entry] of Object.entries(list)) {
          const text = typeof entry === "function" ? entry(new Proxy({}, { get: () => "值" })) : String(entry);
          expect([section, key, /\{\w+\}/.test(text)]).toEqual([section, key, false]);
        }
      }
    }
  });
});

describe("messages as data", () => {
  test("a finding keeps its kind and parameters and renders in each language", () => {
    const f = makeFinding("placeholder-value", { file: "a.xlsx", sheet: "吴兴区", cell: "D7" }, { name: "养老床位数", text: "x" });
    expect(f).toEqual({
      file: "a.xlsx",
      sheet: "吴兴区",
      cell: "D7",
      kind: "placeholder-value",
      category: "placeholder",
      severity: "error",
      params: { name: "养老床位数", text: "x" },
    });
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
    expect(findingText(f, "zh")).toBe("“养老床位数”的本期值是未填写的占位符“x”");
    expect(findingText(f, "en")).toBe("The value of “养老床位数” is an unfilled placeholder “x”");
  });

  test("nested messages and lists render in the language of the whole", () => {
    const m = msg("consolidation.leftOutOf", {
      reasons: msg("consolidation.componentMissing", { role: msg("consolidation.numerator"), name: "床位", code: "YL-02" }),
      of: msg("consolidation.ofRatio"),
    });
    expect(render(m, "zh")).toBe("缺少分子指标“床位”（YL-02）的值，未计入比值");
    expect(render(m, "en")).toBe("No value of the numerator “床位” (YL-02); left out of the ratio");
    const note = msg("consolidation.smallest", { districts: ["吴兴区", "德清县"], judgement: msg("consolidation.worstUp") });
    expect(render(note, "zh")).toBe("取各区县最小值（吴兴区、德清县），正向指标中为最差区县");
    expect(render(note, "en")).toBe("Smallest district value (吴兴区, 德清县): the worst district of a higher-is-better indicator");
  });

  test("a key the catalogue does not know shows as itself instead of failing", () => {
    expect(render({ key: "finding.from-a-newer-version", params: { x: 1 } }, "zh")).toBe("finding.from-a-newer-version");
  });
});

describe("the one error type", () => {
  test("a code and parameters, rendered per language, that survive structured clone", () => {
    const e = appError("plan-not-found", { path: "规划.xlsx" });
    expect(e).toBeInstanceOf(AppError);
    expect(e.message).toBe("找不到规划文件：规划.xlsx");
    const back = fromErrorData(structuredClone(toErrorData(e)));
    expect(back).toBeInstanceOf(AppError);
    expect(errorText(back, "en")).toBe("Plan file not found: 规划.xlsx");
    expect(errorText(back, "zh")).toBe("找不到规划文件：规划.xlsx");
  });

  test("anything else crosses as an unexpected error with its own words; several errors one per line", () => {
    const data = toErrorData(new TypeError("x is undefined"));
    expect(data).toEqual({ code: "unexpected", params: { detail: "x is undefined" } });
    expect(errorText(fromErrorData(data), "zh")).toBe("程序出错：x is undefined");
    const many = new AggregateError([appError("need-plan"), appError("compile-first")]);
    expect(errorText(many, "en")).toBe("Choose a plan file (a workbook or .json) first.\nCompile first.");
  });

  test("an error given as a reason renders in the language of the message around it", () => {
    const failed = appError("sheets-incomplete", { reason: errorParam(appError("protected-old-host")) });
    expect(errorText(failed, "en")).toMatch(/^The sheets could not be written completely \(The sheet is protected .*ExcelApi 1\.2/);
    expect(errorText(failed, "zh")).toMatch(/^工作表未能写完（工作表受保护，.*ExcelApi 1\.2/);
    expect(errorParam(new Error("The request payload size has exceeded the limit."))).toBe("The request payload size has exceeded the limit.");
  });

  test("every error code has a message in every language", () => {
    const codes = Object.keys(messages("zh").error) as (keyof Catalogue["error"])[];
    for (const lang of LANGS) for (const code of codes) expect(new AppError(code).text(lang)).not.toBe(`error.${code}`);
  });
});

describe("one formatter for percentages, numbers and year-months", () => {
  test("percent with one decimal, no grouping, no -0", () => {
    expect(formatPercent(0.5)).toBe("50.0%");
    expect(formatPercent(-0.5333, "en")).toBe("-53.3%");
    expect(formatPercent(123.456)).toBe("12345.6%");
    expect(formatPercent(-0.00001)).toBe("0.0%");
  });

  test("fixed decimals as the tables show them", () => {
    expect(formatFixed(58.94, 1)).toBe("58.9");
    expect(formatFixed(-0.01, 1)).toBe("0.0");
    expect(formatFixed(12345.66, 1)).toBe("12345.7");
  });

  test("a report period as each language writes a month, and as yyyy-mm", () => {
    expect(formatPeriod({ year: 2018, month: 6 })).toBe("2018年6月");
    expect(formatPeriod({ year: 2018, month: 6 }, "en")).toBe("June 2018");
    expect(periodKey({ year: 2018, month: 6 })).toBe("2018-06");
  });
});
