/* Sheets the add-in writes, through Microsoft's library (issue 11, defect 7): Excel compares
 * sheet names without case; protection options newer than the host are not sent. */
import { AppError } from "../../../src/core/errors";
import { confirmFinding, validateActiveWorkbook, writeSheets } from "../../../src/excel/actions";
import { loadPlanFromWorkbook } from "../../../src/core/plan";
import { buildTemplate } from "../../../src/core/template";
import { PLAN_ROWS, seedWorkbook } from "../workbook-fixture";
import { optionsOf, pane } from "./harness";
import { OfficeHost } from "./runtime";
import { DESKTOP, OFFICE_2016 } from "./stand-in";

function plan() {
  const sheet = {
    name: "规划指标",
    rows: PLAN_ROWS.map((r) => r.map((v) => (v === null ? undefined : { value: v, text: String(v) }))),
    merges: [],
    hiddenRows: [],
  };
  return loadPlanFromWorkbook({ name: "规划.xlsx", sheets: [sheet] }, "规划.xlsx").plan;
}

test("a district template on ExcelApi 1.2 (Office 2016) is written and protected without the 1.7 option selectionMode", async () => {
  const host = new OfficeHost(OFFICE_2016);
  const p = pane(host);
  const out = await writeSheets(p.run, buildTemplate(plan(), { district: "吴兴区" }), { ...optionsOf(p), onConflict: "rename" });
  expect(out.status).toBe("written");
  const sheet = host.excel.sheet("吴兴区");
  expect(sheet.protection.protected).toBe(true);
  expect(sheet.protection.options).toEqual({ allowFormatColumns: true, allowFormatRows: true });
});

test("a template for “Wuxing” beside a user's sheet “WUXING” goes beside it, as Excel's names ignore case", async () => {
  const host = new OfficeHost(DESKTOP);
  host.excel.addSheet("WUXING", [["我的表"]]);
  const p = pane(host);
  const out = await writeSheets(p.run, buildTemplate(plan(), { district: "Wuxing" }), { ...optionsOf(p), onConflict: "rename" });
  expect(out).toMatchObject({ status: "written", sheets: expect.arrayContaining(["Wuxing (2)"]) });
  expect(host.excel.cell("WUXING", "A1")?.value).toBe("我的表");
});

test("a user's sheet “_Indicators” is never taken for the add-in's record sheet", async () => {
  const host = new OfficeHost(DESKTOP);
  seedWorkbook(host.excel);
  host.excel.addSheet("_Indicators", [
    ["指标", "说明"],
    ["YL-01", "本区口径"],
  ]);
  const p = pane(host);
  const { findings } = await validateActiveWorkbook(p.run, optionsOf(p, { mark: false }));
  const warning = findings.find((f) => f.kind === "unknown-indicator")!;
  const attempt = confirmFinding(p.run, warning, "本区自设指标", optionsOf(p));
  await expect(attempt).rejects.toThrow(AppError);
  await expect(confirmFinding(p.run, warning, "本区自设指标", optionsOf(p))).rejects.toThrow(/“_Indicators”/);
  expect(host.excel.cell("_Indicators", "B2")?.value).toBe("本区口径");
  expect(host.excel.sheet("_Indicators").visibility).toBe("Visible");
});
