/**
 * `indicators validate` on a folder of the formats the reader takes: the same submission
 * saved by LibreOffice as .xlsx, .xls and .ods (and .xls bytes named .et, as WPS saves) gives
 * the same findings for each file.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/index";
import { fixture } from "../core/validate-helpers";

const FORMATS = join(__dirname, "..", "fixtures", "formats");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "indicators-formats-"));
  for (const ext of ["xlsx", "xls", "ods"]) copyFileSync(join(FORMATS, `金凤区.${ext}`), join(dir, `金凤区.${ext}`));
  copyFileSync(join(FORMATS, "金凤区.xls"), join(dir, "金凤区-wps.et"));
  writeFileSync(join(dir, "说明.txt"), "不是工作簿");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a folder stands for its .xlsx, .xls, .ods and .et files; each gives the same findings", async () => {
  let out = "";
  let err = "";
  const code = await main(["node", "indicators", "validate", "--plan", fixture("plan.json"), dir, "--format", "json"], {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: false,
  });
  expect(err).toBe("");
  expect(code).toBe(1);
  const findings = (JSON.parse(out) as { findings: { file: string; sheet: string; cell: string; message: string }[] }).findings;
  const byFile = new Map<string, string[]>();
  for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), `${f.sheet}!${f.cell} ${f.message}`]);
  expect([...byFile.keys()].sort()).toEqual(["金凤区-wps.et", "金凤区.ods", "金凤区.xls", "金凤区.xlsx"]);
  const xlsx = byFile.get("金凤区.xlsx")!;
  expect(xlsx.length).toBeGreaterThan(0);
  for (const list of byFile.values()) expect(list).toEqual(xlsx);
});
