/**
 * `indicators validate` and `indicators demo`: main() called directly with captured output,
 * on the LibreOffice-made fixtures of tests/fixtures/validate; one spawn of bin/indicators.js.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main, type CliIO } from "../../src/cli/index";
import { buildCliInto } from "./build-cli";
import { fixture, FIXTURES } from "../core/validate-helpers";

const ROOT = join(__dirname, "..", "..");
const PLAN = fixture("plan.json");

async function run(args: string[], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (err += s), isTTY };
  const code = await main(["node", "indicators", ...args], io);
  return { code, out, err };
}

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "indicators-cli-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("exit 0 and a summary when nothing is wrong", async () => {
  const r = await run(["validate", "--plan", PLAN, fixture("clean.xlsx")]);
  expect(r).toMatchObject({ code: 0, err: "" });
  expect(r.out).toContain("已读取 1 个文件，1 张填报表");
  expect(r.out).toContain("未发现问题");
  expect(r.out.trim().split("\n").pop()).toBe("共 0 个问题：错误 0，提示 0");
});

test("exit 1 and a Chinese table grouped by file and sheet when there are errors", async () => {
  const r = await run(["validate", "--plan", PLAN, fixture("rules.xlsx")]);
  expect(r.code).toBe(1);
  const lines = r.out.trim().split("\n");
  expect(lines.pop()).toBe("共 15 个问题：错误 10，提示 5");
  const header = lines.find((l) => l.startsWith("文件"))!;
  expect(header.split(/\s+/)).toEqual(["文件", "工作表", "单元格", "指标", "类别", "严重程度", "说明"]);
  const rows = lines.slice(lines.indexOf(header) + 2).filter((l) => l.trim() !== "");
  expect(rows).toHaveLength(15);
  // The file and sheet are written once, on the first row of their group.
  expect(rows[0]).toMatch(/^rules\.xlsx\s+测试区\s+D8\s+T-02\s+前后矛盾\s+错误\s+其中项/);
  expect(rows[1]).toMatch(/^\s+D9\s+T-03\s+未填占位符\s+错误/);
  expect(rows.some((l) => /A19\s+未知指标\s+提示/.test(l))).toBe(true);
});

test("--format json prints exactly the findings, absent parts as null; --lang en", async () => {
  const r = await run(["validate", "--plan", PLAN, "--format", "json", fixture("rules.xlsx")]);
  expect(r.code).toBe(1);
  const doc = JSON.parse(r.out);
  expect(Object.keys(doc)).toEqual(["findings"]);
  expect(doc.findings).toHaveLength(15);
  for (const f of doc.findings) {
    expect(Object.keys(f)).toEqual(["file", "sheet", "cell", "indicator", "category", "severity", "message", "confirmed"]);
  }
  expect(doc.findings[0]).toEqual({
    file: "rules.xlsx",
    sheet: "测试区",
    cell: "D8",
    indicator: "T-02",
    category: "inconsistent",
    severity: "error",
    message: "其中项“养老机构床位数”(9500) 大于其合计“社会养老床位总数”(9400)",
    confirmed: null,
  });
  expect(doc.findings.find((f: { category: string }) => f.category === "unknown-indicator").indicator).toBeNull();
  expect(doc.findings.find((f: { indicator: string }) => f.indicator === "T-07")).toMatchObject({ cell: null, category: "missing" });

  const en = JSON.parse((await run(["validate", "--plan", PLAN, "--format", "json", "--lang", "en", fixture("rules.xlsx")])).out);
  expect(en.findings[0].message).toBe("The part “养老机构床位数” (9500) exceeds its total “社会养老床位总数” (9400)");
});

test("an .xlsx plan (sheet 规划指标) gives the same findings as the same plan in .json", async () => {
  const sample = join(ROOT, "examples", "submissions", "吴兴区.xlsx");
  const fromXlsx = await run(["validate", "--plan", join(ROOT, "examples", "plan.xlsx"), "--format", "json", sample]);
  const fromJson = await run(["validate", "--plan", join(ROOT, "examples", "plan.json"), "--format", "json", sample]);
  expect(fromXlsx.code).toBe(1);
  expect(JSON.parse(fromXlsx.out).findings.length).toBeGreaterThan(0);
  expect(JSON.parse(fromXlsx.out)).toEqual(JSON.parse(fromJson.out));
});

test("a folder stands for its .xlsx files", async () => {
  const r = await run(["validate", "--plan", PLAN, "--format", "json", FIXTURES]);
  const files = new Set(JSON.parse(r.out).findings.map((f: { file: string }) => f.file));
  expect(files).toEqual(new Set(["detect.xlsx", "rules.xlsx"])); // clean.xlsx has none
  expect(r.code).toBe(1);
});

describe("exit 2 with one Chinese line on stderr when input cannot be read", () => {
  const expect2 = async (args: string[], pattern: RegExp) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(pattern);
  };

  test("a missing file", () => expect2(["validate", "--plan", PLAN, join(tmp, "没有这个文件.xlsx")], /找不到文件.*没有这个文件\.xlsx/));

  test("a file that is not a workbook", async () => {
    const bad = join(tmp, "乱码.xlsx");
    writeFileSync(bad, "这不是工作簿\n".repeat(50));
    await expect2(["validate", "--plan", PLAN, bad], /不是可读取的工作簿.*乱码\.xlsx/);
  });

  test("an encrypted (OLE2) file", async () => {
    const bad = join(tmp, "加密.xlsx");
    writeFileSync(bad, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]));
    await expect2(["validate", "--plan", PLAN, bad], /加密/);
  });

  test("a plan workbook without a 规划指标 sheet", () =>
    expect2(["validate", "--plan", fixture("clean.xlsx"), fixture("clean.xlsx")], /规划指标.*clean\.xlsx/));

  test("a plan that is not valid JSON", async () => {
    const bad = join(tmp, "plan.json");
    writeFileSync(bad, "{ indicators: ");
    await expect2(["validate", "--plan", bad, fixture("clean.xlsx")], /JSON/);
  });

  test("a missing plan", () => expect2(["validate", "--plan", join(tmp, "无.json"), fixture("clean.xlsx")], /找不到规划文件/));

  test("a bad option value", () => expect2(["validate", "--plan", PLAN, "--format", "xml", fixture("clean.xlsx")], /--format/));

  test("a missing --plan", async () => {
    const r = await run(["validate", fixture("clean.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--plan");
  });
});

describe("the command line's own messages: Chinese by default, English with --lang en", () => {
  const cjk = /[\u4e00-\u9fff]/;

  test("commander's errors (a missing argument, an unknown option or command) in Chinese, exit 2", async () => {
    const missing = await run(["validate"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("错误：缺少必需的参数“files”");
    expect(missing.err).not.toMatch(/missing required argument/);
    expect((await run(["validate", "--bogus", fixture("clean.xlsx")])).err).toContain("错误：未知选项“--bogus”");
    const typo = await run(["valdate", fixture("clean.xlsx")]);
    expect(typo.err).toContain("错误：未知命令“valdate”");
    expect(typo.err).toContain("是否要输入 validate");
    expect((await run(["template", "--district", "吴兴区"])).err).toContain("错误：必须指定选项“--plan <file>”");
  });

  test("zod's words for a bad option value in Chinese; all of it in English with --lang en", async () => {
    const zh = await run(["validate", "--plan", PLAN, "--format", "xml", fixture("clean.xlsx")]);
    expect(zh.err).toMatch(/^选项 --format 的值无效：无效选项/);
    const en = await run(["validate", "--plan", PLAN, "--format", "xml", "--lang", "en", fixture("clean.xlsx")]);
    expect(en.err).toMatch(/^Invalid value of --format: Invalid option/);
    expect(en.err).not.toMatch(cjk);
    const missing = await run(["validate", "--lang", "en"]);
    expect(missing.err).toContain("error: missing required argument 'files'");
    expect(missing.err).not.toMatch(cjk);
  });

  test("an unreadable input in English names the file in English words", async () => {
    const r = await run(["validate", "--plan", PLAN, "--lang", "en", join(tmp, "missing.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^File not found: .*missing\.xlsx\n$/);
  });

  test("the help in Chinese, and in English with --lang en", async () => {
    const zh = await run(["validate", "--help"]);
    expect(zh.code).toBe(0);
    expect(zh.out).toMatch(/^用法：/);
    expect(zh.out).toContain("选项：");
    expect(zh.out).toContain("（默认：table）");
    const en = await run(["validate", "--help", "--lang", "en"]);
    expect(en.out).toMatch(/^Usage:/);
    expect(en.out).not.toMatch(/默认|选项/);
  });
});

test("progress on stderr only with more than five files: plain lines off a terminal, one rewritten line on it", async () => {
  const files = Array.from({ length: 6 }, (_, i) => {
    const p = join(tmp, `区${i + 1}.xlsx`);
    copyFileSync(fixture("clean.xlsx"), p);
    return p;
  });
  const plain = await run(["validate", "--plan", PLAN, ...files]);
  expect(plain.code).toBe(0);
  expect(plain.err.split("\n").filter(Boolean)).toEqual(files.map((f, i) => `读取 ${i + 1}/6 … 区${i + 1}.xlsx`));
  const tty = await run(["validate", "--plan", PLAN, ...files], true);
  expect(tty.err).not.toContain("\n");
  expect(tty.err).toContain("\r\x1b[K读取 6/6 … 区6.xlsx");
  const few = await run(["validate", "--plan", PLAN, ...files.slice(0, 5)]);
  expect(few.err).toBe("");
});

test("demo: validates the samples and exits 0 although they have findings", async () => {
  const r = await run(["demo"]);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^== 1\. 校验示例填报表/);
  expect(r.out).toMatch(/已读取 6 个文件，\d+ 张填报表/);
  expect(r.out).toMatch(/共 \d+ 个问题：错误 \d+，提示 \d+/);
});

test("bin/indicators.js exits with main's code", () => {
  const bin = buildCliInto(join(tmp, "pkg"));
  const env = { ...process.env, NODE_PATH: join(ROOT, "node_modules") };
  const spawn = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env });
  const ok = spawn(["validate", "--plan", PLAN, fixture("clean.xlsx")]);
  expect(ok.status).toBe(0);
  expect(ok.stdout).toContain("共 0 个问题");
  const bad = spawn(["validate", "--plan", PLAN, "--format", "json", fixture("rules.xlsx")]);
  expect(bad.status).toBe(1);
  expect(JSON.parse(bad.stdout).findings).toHaveLength(15);
  const missing = spawn(["validate", "--plan", PLAN, join(tmp, "无.xlsx")]);
  expect(missing.status).toBe(2);
  expect(missing.stderr).toMatch(/找不到文件/);
}, 30_000);
