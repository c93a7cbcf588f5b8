/**
 * Output safety of `-o` (compile and template): what is not a regular writable .xlsx file is
 * refused before any input is read, a read-only file or a device is never replaced, a template
 * never overwrites without --force, and an interrupt removes the temporary file and leaves the
 * old output whole. Also compile without -o, and compile with the plan a template carries.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./run-cli";
import { buildCliInto } from "./build-cli";

const COMPILE = join(__dirname, "..", "fixtures", "compile");
const PLAN = join(COMPILE, "plan.xlsx");
const DISTRICTS = ["甲区.xlsx", "乙区.xlsx", "丙县.xlsx"].map((n) => join(COMPILE, n));

const run = runCli;

const sha = async (p: string) =>
  createHash("sha256")
    .update(await readFile(p))
    .digest("hex");
const isRoot = process.getuid?.() === 0;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "output-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("compile -o", () => {
  it("refuses a read-only file (also for root), before any input is read, and leaves it as it was", async () => {
    const out = join(dir, "readonly.xlsx");
    await writeFile(out, "the bureau's final table");
    await chmod(out, 0o444);
    // A missing input would be reported if inputs were read first.
    const r = await run(["compile", "--plan", PLAN, join(dir, "无此文件.xlsx"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("输出文件是只读的");
    expect((await stat(out)).mode & 0o777).toBe(0o444);
    expect(await readFile(out, "utf8")).toBe("the bureau's final table");
  });

  it("never replaces what is not a regular file: a pipe, a folder, a symbolic link, a device node", async () => {
    const fifo = join(dir, "pipe.xlsx");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const folder = join(dir, "folder.xlsx");
    await mkdir(folder);
    const target = join(dir, "target.xlsx");
    await writeFile(target, "kept");
    const link = join(dir, "link.xlsx");
    await symlink(target, link);
    const outs = [fifo, folder, link];
    if (isRoot) {
      // A copy of /dev/null's device (1, 3) in the test's folder: what `-o /dev/null` would destroy.
      const dev = join(dir, "null.xlsx");
      expect(spawnSync("mknod", [dev, "c", "1", "3"]).status).toBe(0);
      outs.push(dev);
    }
    for (const out of outs) {
      const r = await run(["compile", "--plan", PLAN, ...DISTRICTS, "-o", out]);
      expect(r).toMatchObject({ code: 2 });
      expect(r.err).toContain("输出位置不是普通文件");
    }
    expect((await stat(fifo)).isFIFO()).toBe(true);
    expect((await stat(folder)).isDirectory()).toBe(true);
    expect(await readFile(target, "utf8")).toBe("kept");
    if (isRoot) expect((await stat(join(dir, "null.xlsx"))).isCharacterDevice()).toBe(true);
    expect((await run(["compile", "--plan", PLAN, ...DISTRICTS, "-o", "/dev/null"])).err).toContain("输出文件应以 .xlsx 结尾");
    expect((await stat("/dev/null")).isCharacterDevice()).toBe(true);
  });

  it("refuses another extension (it writes .xlsx) and a folder that does not exist, naming the path", async () => {
    const xls = await run(["compile", "--plan", PLAN, ...DISTRICTS, "-o", join(dir, "中期评估.xls")]);
    expect(xls.code).toBe(2);
    expect(xls.err).toContain("输出文件应以 .xlsx 结尾");
    const nowhere = await run(["compile", "--plan", PLAN, ...DISTRICTS, "-o", join(dir, "无此文件夹", "x.xlsx")]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.err).toMatch(/无法写入输出文件（ENOENT）/);
  });

  it("keeps the permissions of the file it replaces", async () => {
    const out = join(dir, "shared.xlsx");
    await writeFile(out, "old");
    await chmod(out, 0o640);
    expect((await run(["compile", "--plan", PLAN, ...DISTRICTS, "-o", out])).code).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o640);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
  });

  it("without -o says how to write the workbook instead of pointing at sheets that were not written", async () => {
    const r = await run(["compile", "--plan", PLAN, ...DISTRICTS]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("未写出工作簿（未给 -o）：加 -o 中期评估.xlsx");
    expect(r.out).not.toContain("详见“问题清单”");
    expect(r.out).not.toContain("逐项表述见“评估要点”");
    const en = await run(["compile", "--plan", PLAN, ...DISTRICTS, "--lang", "en"]);
    expect(en.out).toContain("No workbook written (no -o): add -o midterm.xlsx");
  });
});

describe("template -o", () => {
  it("never overwrites an existing file without --force, refuses .xls and a read-only file", async () => {
    const out = join(dir, "吴兴区.xlsx");
    await writeFile(out, "a clerk's filled sheet");
    const r = await run(["template", "--plan", PLAN, "--district", "吴兴区", "-o", out]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("输出文件已存在，未覆盖（加 --force 覆盖）");
    expect(await readFile(out, "utf8")).toBe("a clerk's filled sheet");
    expect((await run(["template", "--plan", PLAN, "--district", "吴兴区", "-o", out, "--force"])).code).toBe(0);
    expect((await readFile(out)).subarray(0, 2).toString()).toBe("PK");
    const xls = await run(["template", "--plan", PLAN, "--district", "吴兴区", "-o", join(dir, "吴兴区.xls")]);
    expect(xls.err).toContain("输出文件应以 .xlsx 结尾");
    await chmod(out, 0o444);
    const ro = await run(["template", "--plan", PLAN, "--district", "吴兴区", "-o", out, "--force"]);
    expect(ro.err).toContain("输出文件是只读的");
  });
});

describe("compile without --plan", () => {
  it("takes the plan the templates carry, as validate does", async () => {
    const paths: string[] = [];
    for (const d of ["甲区", "乙区"]) {
      const p = join(dir, `carried-${d}.xlsx`);
      expect((await run(["template", "--plan", PLAN, "--district", d, "--period", "2018-06", "-o", p])).code).toBe(0);
      paths.push(p);
    }
    const withPlan = JSON.parse((await run(["compile", "--plan", PLAN, ...paths, "--format", "json"])).out);
    const carried = await run(["compile", ...paths, "--format", "json"]);
    expect(carried.code).toBe(0);
    // The template carries the indicators, not the plan's 填报单位 list: rows alike, completeness not.
    expect(JSON.parse(carried.out).rows).toEqual(withPlan.rows);
    const none = await run(["compile", ...DISTRICTS]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("没有随附的“规划指标”工作表");
  });
});

describe("an interrupt while writing", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s removes the temporary file and leaves the old output whole",
    async (signal) => {
      const bin = buildCliInto(join(dir, `pkg-${signal}`));
      const writeNode = join(bin, "..", "..", "lib", "files", "write-node.js");
      const out = join(dir, `interrupted-${signal}.xlsx`);
      await writeFile(out, "the old output");
      const before = await sha(out);
      // A writer that hands over one chunk and then waits forever (as a long write would).
      const script = `
      const { writeFileAtomic } = require(${JSON.stringify(writeNode)});
      setInterval(() => {}, 1000);
      writeFileAtomic(${JSON.stringify(out)}, (async function* () {
        yield Buffer.from("PK partial");
        process.stdout.write("writing\\n");
        await new Promise(() => {});
      })());`;
      const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
      await new Promise<void>((resolve) => child.stdout.on("data", (d: Buffer) => d.toString().includes("writing") && resolve()));
      expect((await readdir(dir)).some((n) => n.startsWith(`.interrupted-${signal}.xlsx.`))).toBe(true);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
      child.kill(signal);
      expect(await exited).toBe(signal);
      expect((await readdir(dir)).filter((n) => n.includes(`interrupted-${signal}`))).toEqual([`interrupted-${signal}.xlsx`]);
      expect(await sha(out)).toBe(before);
    },
    30_000,
  );
});
