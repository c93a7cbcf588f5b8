/** Loading the validation fixtures (tests/fixtures/validate): LibreOffice-made .xlsx and the test plan. */
import { findingText } from "../../src/core/messages";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { WorkbookModel } from "../../src/core/model";
import { loadPlanFromJson, type Plan } from "../../src/core/plan";
import { readWorkbookFile } from "../../src/files/read-node";

export const FIXTURES = join(__dirname, "..", "fixtures", "validate");
export const fixture = (name: string) => join(FIXTURES, name);

/** The test plan (tests/fixtures/validate/plan.json); it must load without findings. */
export function testPlan(): Plan {
  const { plan, findings } = loadPlanFromJson(readFileSync(fixture("plan.json"), "utf8"), "plan.json");
  if (findings.length > 0) throw new Error(`test plan has ${findings.length} finding(s), first: ${findingText(findings[0], "zh")}`);
  return plan;
}

export function readFixture(name: string): Promise<WorkbookModel> {
  return readWorkbookFile(fixture(name));
}
