/**
 * What the XML schemas cannot check in manifest.xml (scripts/check-manifest.sh runs xmllint
 * against them): every resid resolves to a resource of the right kind, every URL is https and
 * names a file the build writes, both languages are there, and the production build swaps in
 * the deployment address.
 */
import fs from "fs";
import path from "path";
import { DEV_URL, normaliseAddinUrl, withAddinUrl } from "../../scripts/manifest-url";

const root = path.join(__dirname, "..", "..");
const manifest = fs.readFileSync(path.join(root, "manifest.xml"), "utf8").replace(/<!--[\s\S]*?-->/g, "");

/** The part of the manifest between <tag> and </tag>. */
function section(xml: string, tag: string): string {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!m) throw new Error(`no <${tag}>`);
  return m[1];
}

const ids = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element} id="([^"]+)"`, "g"))].map((m) => m[1]);

const resources = section(manifest, "Resources");
const images = ids(section(resources, "bt:Images"), "bt:Image");
const urls = ids(section(resources, "bt:Urls"), "bt:Url");
const shortStrings = ids(section(resources, "bt:ShortStrings"), "bt:String");
const longStrings = ids(section(resources, "bt:LongStrings"), "bt:String");

/** The file names the build writes into dist/ (read from webpack.config.js itself). */
async function builtFiles(): Promise<Set<string>> {
  const makeConfig = require(path.join(root, "webpack.config.js")) as (env: unknown, argv: { mode: string }) => Promise<{ plugins: object[] }>;
  const config = await makeConfig({}, { mode: "production" });
  const files = new Set<string>();
  for (const plugin of config.plugins) {
    const p = plugin as { userOptions?: { filename?: string }; patterns?: { from: string; to: string }[] };
    if (p.userOptions?.filename) files.add(p.userOptions.filename);
    for (const pattern of p.patterns ?? []) {
      if (pattern.from.includes("*")) {
        const dir = path.dirname(pattern.from);
        const ext = path.extname(pattern.from);
        for (const f of fs.readdirSync(path.join(root, dir))) if (f.endsWith(ext)) files.add(`${path.dirname(pattern.to)}/${f}`);
      } else files.add(pattern.to);
    }
  }
  return files;
}

describe("manifest.xml", () => {
  test("is an Excel task-pane add-in asking for ReadWriteDocument, zh-CN first", () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(manifest).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(manifest).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
    expect(manifest).toMatch(/<OfficeTab id="TabHome">/);
  });

  test("every resid resolves to a resource of the kind its element needs", () => {
    const uses = [...manifest.matchAll(/<(bt:Image|[A-Za-z]+)\b[^>]*\bresid="([^"]+)"/g)].map((m) => ({ element: m[1], resid: m[2] }));
    expect(uses.length).toBeGreaterThan(20);
    for (const { element, resid } of uses) {
      const pool =
        element === "bt:Image" ? images
        : element === "SourceLocation" || element === "FunctionFile" || element === "LearnMoreUrl" ? urls
        : element === "Label" || element === "Title" ? shortStrings
        : element === "Description" ? longStrings
        : [];
      expect({ element, resid, found: pool.includes(resid) }).toEqual({ element, resid, found: true });
    }
    // And every resource is used.
    for (const id of [...images, ...urls, ...shortStrings, ...longStrings]) expect(manifest).toContain(`resid="${id}"`);
  });

  test("the four buttons: open the pane, validate, compile, clear marks", () => {
    const labels = ["ShowPane", "Validate", "Compile", "ClearMarks"].map((id) => new RegExp(`<bt:String id="${id}.Label" DefaultValue="([^"]+)"`).exec(resources)?.[1]);
    expect(labels).toEqual(["打开面板", "校验本表", "汇总评估", "清除标记"]);
    expect(manifest).toMatch(/<Action xsi:type="ShowTaskpane">/);
    const functions = [...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]);
    expect(functions).toEqual(["validate", "compile", "clearMarks"]);
    // The function file registers exactly these names.
    const commands = fs.readFileSync(path.join(root, "src/commands/commands.ts"), "utf8");
    const registered = /const commands = \{([^}]+)\}/.exec(commands)?.[1].split(",").map((s) => s.split(":")[0].trim());
    expect(registered).toEqual(functions);
  });

  test("every string has an en-US override", () => {
    const strings = [...resources.matchAll(/<bt:String id="([^"]+)" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g)].map((m) => m[1]);
    expect(strings.sort()).toEqual([...shortStrings, ...longStrings].sort());
    expect(manifest).toMatch(/<DisplayName DefaultValue="[^"]+">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
    expect(manifest).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US" Value="[^"]+"\/>/);
  });

  test("icons at 16, 32, 64 and 80 px exist as PNG files of those sizes", () => {
    for (const size of [16, 32, 64, 80]) {
      const png = fs.readFileSync(path.join(root, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  test("every URL is https and names a file the build writes", async () => {
    const files = await builtFiles();
    const all = [...manifest.matchAll(/(?:DefaultValue="|<AppDomain>)(https?:\/\/[^"<]+)/g)].map((m) => m[1]);
    expect(all.length).toBeGreaterThan(5);
    for (const url of all) {
      expect(url.startsWith("https://")).toBe(true);
      if (url === DEV_URL.replace(/\/$/, "")) continue; // <AppDomain>
      expect(url.startsWith(DEV_URL)).toBe(true);
      expect({ url, built: files.has(url.slice(DEV_URL.length)) }).toEqual({ url, built: true });
    }
    expect([...files].sort()).toEqual(expect.arrayContaining(["taskpane.html", "commands.html", "manifest.xml", "assets/icon-64.png"]));
  });
});

describe("the production address", () => {
  test("replaces every dev-server URL, the AppDomain by the origin", () => {
    const out = withAddinUrl(manifest, "https://indicators.example.gov.cn/addin");
    expect(out).not.toContain("localhost");
    expect(out).toContain('<SourceLocation DefaultValue="https://indicators.example.gov.cn/addin/taskpane.html"/>');
    expect(out).toContain('<bt:Image id="Icon.16x16" DefaultValue="https://indicators.example.gov.cn/addin/assets/icon-16.png"/>');
    expect(out).toContain("<AppDomain>https://indicators.example.gov.cn</AppDomain>");
    expect(out.match(/https:\/\/indicators\.example\.gov\.cn\/addin\//g)?.length).toBe(manifest.match(/https:\/\/localhost:3000\//g)?.length);
  });

  test("only an https address without query is accepted", () => {
    expect(normaliseAddinUrl("https://a.example.cn")).toBe("https://a.example.cn/");
    expect(() => normaliseAddinUrl("http://a.example.cn/")).toThrow(/https/);
    expect(() => normaliseAddinUrl("https://a.example.cn/?x=1")).toThrow(/query/);
    expect(() => normaliseAddinUrl("not a url")).toThrow(/not a URL/);
  });
});
