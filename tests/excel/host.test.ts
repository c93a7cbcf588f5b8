import { detectHost, uiLanguage } from "../../src/host";

type OfficeLike = { onReady: () => Promise<{ host: unknown }>; context?: unknown };
const g = globalThis as { Office?: OfficeLike };

afterEach(() => {
  delete g.Office;
});

function office(host: unknown, sets: Record<string, string>, displayLanguage = "zh-CN", platform = "PC"): OfficeLike {
  return {
    onReady: () => Promise.resolve({ host }),
    context: {
      displayLanguage,
      platform,
      requirements: {
        isSetSupported: (name: string, version: string) => name in sets && Number(version.split(".")[1]) <= Number(sets[name].split(".")[1]),
      },
    },
  };
}

test("outside Office (no Office.js): inOffice false after the timeout, never throws", async () => {
  const host = await detectHost({ timeoutMs: 120 });
  expect(host).toMatchObject({ inOffice: false, host: null, platform: null });
  expect(host.supports("ExcelApi", "1.1")).toBe(false);
});

test("in a plain browser Office.onReady reports no host", async () => {
  g.Office = office(null, {});
  expect(await detectHost({ timeoutMs: 500 })).toMatchObject({ inOffice: false, host: null });
});

test("Office.js that never becomes ready: inOffice false after the timeout", async () => {
  g.Office = { onReady: () => new Promise(() => undefined) };
  const started = Date.now();
  expect((await detectHost({ timeoutMs: 150 })).inOffice).toBe(false);
  expect(Date.now() - started).toBeLessThan(2000);
});

test("in Excel: requirement sets through isSetSupported, language and platform", async () => {
  g.Office = office("Excel", { ExcelApi: "1.7" }, "en-US", "OfficeOnline");
  const host = await detectHost({ timeoutMs: 500 });
  expect(host).toMatchObject({ inOffice: true, host: "excel", displayLanguage: "en", platform: "OfficeOnline" });
  expect(host.supports("ExcelApi", "1.7")).toBe(true);
  expect(host.supports("ExcelApi", "1.10")).toBe(false);
  expect(host.supports("DialogApi", "1.1")).toBe(false);
});

test("Office.js that loads late (async script tag) is still found", async () => {
  setTimeout(() => (g.Office = office("Excel", { ExcelApi: "1.1" })), 100);
  const host = await detectHost({ timeoutMs: 2000 });
  expect(host).toMatchObject({ inOffice: true, host: "excel", displayLanguage: "zh" });
});

test("a host whose isSetSupported throws supports nothing, and does not crash", async () => {
  g.Office = { onReady: () => Promise.resolve({ host: "Excel" }), context: { requirements: { isSetSupported: () => { throw new Error("x"); } } } };
  const host = await detectHost({ timeoutMs: 500 });
  expect(host.inOffice).toBe(true);
  expect(host.supports("ExcelApi", "1.1")).toBe(false);
});

test("uiLanguage: English locales en, everything else zh", () => {
  expect(uiLanguage("en-GB")).toBe("en");
  expect(uiLanguage("zh-CN")).toBe("zh");
  expect(uiLanguage("zh-TW")).toBe("zh");
  expect(uiLanguage(undefined)).toBe("zh");
});

describe("a page Office opened (its address has Office's _host_Info)", () => {
  const g = globalThis as { location?: unknown };
  afterEach(() => {
    delete g.location;
    jest.useRealTimers();
  });

  test("waits for Office.js beyond 5 seconds (a slow link), and finds Excel", async () => {
    jest.useFakeTimers();
    g.location = { search: "?_host_Info=Excel$Win32$16.01$zh-CN$$$$0", hash: "" };
    const found = detectHost();
    await jest.advanceTimersByTimeAsync(7_000);
    (globalThis as { Office?: OfficeLike }).Office = office("Excel", { ExcelApi: "1.7" });
    await jest.advanceTimersByTimeAsync(100);
    expect(await found).toMatchObject({ inOffice: true, host: "excel" });
  });

  test("a plain page gives up after 5 seconds", async () => {
    jest.useFakeTimers();
    g.location = { search: "", hash: "" };
    const found = detectHost();
    await jest.advanceTimersByTimeAsync(5_100);
    (globalThis as { Office?: OfficeLike }).Office = office("Excel", { ExcelApi: "1.7" });
    await jest.advanceTimersByTimeAsync(100);
    expect(await found).toMatchObject({ inOffice: false });
  });
});
