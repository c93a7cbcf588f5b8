/** @jest-environment jsdom */
/**
 * The pane's flows against a mocked use-case layer (the workspace), never Office itself:
 * validate → list → select, filters, 情况属实, compile, language switch, an old host without
 * notes, standalone mode.
 */
import { findingText, msg, render as renderMessage } from "../../src/core/messages";
import { notice } from "../../src/excel/notices";
import "./jsdom-shims";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { readFileSync } from "node:fs";
import path from "node:path";
import { makeFinding, type Finding } from "../../src/core/findings";
import { loadPlanFromJson } from "../../src/core/plan";
import type { ExcelWorkspace, MidtermSummary, StandaloneWorkspace } from "../../src/taskpane/workspace";

// Fluent UI under jsdom takes a second or two per flow; more when the machine is busy.
jest.setTimeout(30_000);

const FILE = "湖州市.xlsx";

function sampleFindings(): Finding[] {
  return [
    makeFinding("placeholder-value", { file: FILE, sheet: "吴兴区", cell: "D7", indicator: "YL-01" }, { name: "每千名老人拥有社会养老床位数", text: "x" }),
    makeFinding("above-max", { file: FILE, sheet: "吴兴区", cell: "D9", indicator: "YL-03" }, { name: "护理型床位占比", value: 120, max: 100 }),
    makeFinding("missing-number", { file: FILE, sheet: "南浔区", cell: "E8" }, { match: "建成综合照料中心家", context: "建成综合照料中心家" }),
  ];
}

function excelWorkspace(overrides: Partial<ExcelWorkspace> = {}): ExcelWorkspace {
  return {
    kind: "excel",
    notesSupported: true,
    dark: false,
    validate: jest.fn(async () => sampleFindings()),
    selectCell: jest.fn(async () => undefined),
    markFindings: jest.fn(async () => ({ marked: 3, notes: true, notices: [] })),
    clearMarks: jest.fn(async () => []),
    removeResults: jest.fn(async () => ["中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"]),
    confirm: jest.fn(async () => undefined),
    unconfirm: jest.fn(async () => undefined),
    compile: jest.fn(async () => ({ ...summary(), sheets: ["中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"], notices: [] })),
    loadPlan: jest.fn(),
    createPlanSkeleton: jest.fn(async () => ({ sheets: ["规划指标"], notices: [] })),
    createTemplate: jest.fn(async (d: string) => ({ sheets: [d], notices: [] })),
    ...overrides,
  };
}

function summary(): MidtermSummary {
  const row = (indicator: string, status: MidtermSummary["rows"][number]["status"], binding = false) => ({
    indicator,
    name: `指标${indicator}`,
    domain: "养老服务",
    unit: "%",
    binding,
    target: 75,
    actual: status === "no-data" ? null : 60,
    progress: status === "no-data" ? null : 0.4,
    status,
    attention: binding && status === "behind",
  });
  return {
    asOf: { year: 2018, month: 6 },
    timeProgress: 0.5,
    submissions: 4,
    statement: { zh: "截至2018年6月，规划期时间进度50.0%。", en: "As of 2018-06, 50.0% of the plan period has elapsed." },
    rows: [row("YL-01", "met"), row("YL-02", "met"), row("YL-03", "behind", true), row("YL-04", "no-data")],
    findings: [],
  };
}

async function validateWorkbook() {
  fireEvent.click(screen.getByRole("button", { name: "校验整个工作簿" }));
  await screen.findByText("共 3 个问题：错误 2 个，提示 1 个");
}

/** The finding buttons currently listed. */
const findingButtons = () => screen.queryAllByRole("button", { name: /^定位到/ });

describe("task pane inside Excel", () => {
  test("validate → grouped list with counts → a click selects the finding's cell", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    await validateWorkbook();
    expect(ws.validate).toHaveBeenCalledWith("workbook", expect.objectContaining({ signal: expect.anything() }));

    // Grouped by sheet, then by category, with counts.
    const wuxing = screen.getByRole("button", { name: /^吴兴区/ });
    expect(within(wuxing).getByText("2")).toBeTruthy();
    // 吴兴区 D7 and 南浔区 E8 are both placeholders, in two sheet groups.
    expect(screen.getAllByText("未填占位符（1）")).toHaveLength(2);
    expect(screen.getByText("超出范围（1）")).toBeTruthy();
    expect(findingButtons()).toHaveLength(3);

    fireEvent.click(screen.getByRole("button", { name: /吴兴区!D9/ }));
    await waitFor(() => expect(ws.selectCell).toHaveBeenCalledWith("吴兴区", "D9"));
    expect(screen.getByRole("button", { name: /吴兴区!D9/ }).getAttribute("aria-current")).toBe("true");

    fireEvent.click(screen.getByRole("button", { name: "校验当前工作表" }));
    await waitFor(() => expect(ws.validate).toHaveBeenLastCalledWith("sheet", expect.anything()));
  });

  test("filters by severity and by category", async () => {
    render(<App workspace={excelWorkspace()} initialLang="zh" />);
    await validateWorkbook();

    fireEvent.change(screen.getByRole("combobox", { name: "严重程度" }), { target: { value: "warning" } });
    expect(findingButtons()).toHaveLength(1);
    expect(findingButtons()[0].getAttribute("aria-label")).toContain("南浔区!E8");
    expect(screen.getByText("显示 1 / 3")).toBeTruthy();

    fireEvent.change(screen.getByRole("combobox", { name: "严重程度" }), { target: { value: "" } });
    fireEvent.change(screen.getByRole("combobox", { name: "类别" }), { target: { value: "out-of-range" } });
    expect(findingButtons()).toHaveLength(1);
    expect(findingButtons()[0].getAttribute("aria-label")).toContain("吴兴区!D9");
    // Only categories present in the findings are offered.
    const options = within(screen.getByRole("combobox", { name: "类别" })).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["全部类别", "未填占位符", "超出范围"]);
  });

  test("情况属实: a warning is confirmed with a reason through the use-case, and the list shows it", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    await validateWorkbook();

    // Only the warning offers 情况属实.
    const confirmButtons = screen.getAllByRole("button", { name: /^情况属实：/ });
    expect(confirmButtons).toHaveLength(1);
    fireEvent.click(confirmButtons[0]);

    const dialog = await screen.findByRole("dialog");
    const save = within(dialog).getByRole("button", { name: "保存" }) as HTMLButtonElement;
    expect(save.disabled).toBe(true); // a reason is required
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "该中心尚在建设，数量待竣工验收后填报" } });
    fireEvent.click(save);

    await waitFor(() => expect(ws.confirm).toHaveBeenCalledTimes(1));
    const [finding, reason] = (ws.confirm as jest.Mock).mock.calls[0];
    expect(finding).toMatchObject({ sheet: "南浔区", cell: "E8", severity: "warning" });
    expect(reason).toBe("该中心尚在建设，数量待竣工验收后填报");
    expect(await screen.findByText("已确认情况属实：该中心尚在建设，数量待竣工验收后填报")).toBeTruthy();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryAllByRole("button", { name: /^情况属实：/ })).toHaveLength(0);

    // Given by mistake: 撤销确认 withdraws it through the use-case, and 情况属实 is offered again.
    fireEvent.click(screen.getByRole("button", { name: "撤销确认：南浔区!E8" }));
    await waitFor(() => expect(ws.unconfirm).toHaveBeenCalledTimes(1));
    expect((ws.unconfirm as jest.Mock).mock.calls[0][0]).toMatchObject({ sheet: "南浔区", cell: "E8", kind: "missing-number" });
    expect(await screen.findByText("已撤销“情况属实”。")).toBeTruthy();
    expect(screen.queryByText(/^已确认情况属实/)).toBeNull();
    expect(screen.getAllByRole("button", { name: /^情况属实：/ })).toHaveLength(1);
  });

  test("a cancelled 情况属实 dialog records nothing", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    await validateWorkbook();
    fireEvent.click(screen.getByRole("button", { name: /^情况属实：/ }));
    fireEvent.click(within(await screen.findByRole("dialog")).getByRole("button", { name: "取消" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(ws.confirm).not.toHaveBeenCalled();
  });

  test("compile shows time progress, counts per status, the rows' statuses and the sheets written", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("tab", { name: "汇总评估" }));
    fireEvent.change(screen.getByRole("textbox", { name: /评估截至/ }), { target: { value: "2018-06" } });
    fireEvent.click(screen.getByRole("button", { name: "汇总" }));

    expect(await screen.findByText("截至 2018年6月，时间进度 50.0%")).toBeTruthy();
    expect(screen.getByTestId("statement").textContent).toBe("截至2018年6月，规划期时间进度50.0%。");
    expect(ws.compile).toHaveBeenCalledWith(
      { plan: { kind: "sheet" }, useWorkbookSheets: true, files: [], lang: "zh", asOf: "2018-06" },
      expect.anything(),
    );
    const counts = screen.getByLabelText("评价");
    expect(within(counts).getByText("已完成 2")).toBeTruthy();
    expect(within(counts).getByText("滞后 1")).toBeTruthy();
    expect(within(counts).getByText("无数据 1")).toBeTruthy();
    const behindRow = document.querySelector('tr[data-indicator="YL-03"]') as HTMLElement;
    expect(within(behindRow).getByText("滞后")).toBeTruthy();
    expect(within(behindRow).getByText("重点关注")).toBeTruthy();
    expect(within(behindRow).getByText("YL-03 · % · 目标 75")).toBeTruthy();

    expect(screen.getByText("已写入工作表：中期评估表、评估要点、分区数据、问题清单、进度对比图")).toBeTruthy();
  });

  test("删除结果工作表 asks first: 取消 deletes nothing, 删除 deletes and says which sheets", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("tab", { name: "汇总评估" }));
    fireEvent.click(screen.getByRole("button", { name: "删除结果工作表" }));
    let dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByText("删除本加载项写入的结果工作表？")).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).toBeNull());
    expect(ws.removeResults).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole("button", { name: "删除结果工作表" }));
    // Reopened while tabster (Fluent's focus manager) may still hide it for the closing one: found hidden or not.
    dialog = await screen.findByRole("alertdialog", { hidden: true });
    fireEvent.click(within(dialog).getByRole("button", { name: "删除", hidden: true }));
    expect(await screen.findByText("已删除工作表：中期评估表、评估要点、分区数据、问题清单、进度对比图")).toBeTruthy();
    expect(ws.removeResults).toHaveBeenCalledTimes(1);
  });

  test("an as-of period that cannot be read is refused before any work", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("tab", { name: "汇总评估" }));
    fireEvent.change(screen.getByRole("textbox", { name: /评估截至/ }), { target: { value: "明年" } });
    fireEvent.click(screen.getByRole("button", { name: "汇总" }));
    expect((await screen.findByRole("alert")).textContent).toContain("“明年”不是可识别的报告期");
    expect(ws.compile).not.toHaveBeenCalled();
  });

  test("an error of a use-case is shown in Chinese, and cancel aborts long work", async () => {
    let signal: AbortSignal | undefined;
    const ws = excelWorkspace({
      validate: jest.fn(
        (_scope, run) =>
          new Promise<Finding[]>((_resolve, reject) => {
            signal = run?.signal;
            run?.onProgress?.({ done: 1, total: 4, stage: "read", label: "吴兴区.xlsx" });
            signal?.addEventListener("abort", () => reject(Object.assign(new Error("已取消"), { name: "AbortError" })));
          }),
      ),
      compile: jest.fn(async () => {
        throw new Error("本工作簿中没有“规划指标”工作表");
      }),
    });
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("button", { name: "校验整个工作簿" }));
    expect(await screen.findByText("正在读取：吴兴区.xlsx")).toBeTruthy();
    expect(screen.getByRole("progressbar")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "取消" }));
    expect(await screen.findByText("已取消。")).toBeTruthy();
    expect(signal?.aborted).toBe(true);
    expect(screen.queryByRole("progressbar")).toBeNull();

    fireEvent.click(screen.getByRole("tab", { name: "汇总评估" }));
    fireEvent.click(screen.getByRole("button", { name: "汇总" }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("本工作簿中没有“规划指标”工作表");
  });

  test("language switch: the pane and the findings' messages in English", async () => {
    render(<App workspace={excelWorkspace()} initialLang="zh" />);
    await validateWorkbook();
    fireEvent.click(screen.getByRole("button", { name: "Switch the pane to English" }));
    expect(screen.getByRole("tab", { name: "Validate" })).toBeTruthy();
    expect(screen.getByText("3 problems: 2 errors, 1 warnings")).toBeTruthy();
    const expected = findingText(sampleFindings()[1], "en");
    expect(screen.getByText(expected)).toBeTruthy();
    expect(screen.getByText("Out of range (1)")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "切换为中文界面" }));
    expect(screen.getByRole("tab", { name: "填报校验" })).toBeTruthy();
  });

  test("English when Office's display language is English", () => {
    render(<App workspace={excelWorkspace()} initialLang="en" />);
    expect(screen.getByRole("button", { name: "Validate workbook" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Compile" })).toBeTruthy();
  });

  test("an old host without notes: the pane says marking only fills cells, and shows the use-case's notice", async () => {
    const unsupported = notice("explanations-unsupported");
    const unsupportedText = renderMessage(unsupported, "zh");
    const ws = excelWorkspace({
      notesSupported: false,
      markFindings: jest.fn(async () => ({ marked: 3, notes: false, notices: [unsupported] })),
    });
    render(<App workspace={ws} initialLang="zh" />);
    await validateWorkbook();
    expect(screen.getByText("此版本的 Excel 不支持备注或批注：标记时只填充单元格底色，问题说明请看本列表。")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "标记到单元格" }));
    expect(await screen.findByText("已标记 3 个单元格。")).toBeTruthy();
    expect(ws.markFindings).toHaveBeenCalledWith(sampleFindings(), "zh", expect.anything());
    expect(screen.getByText(unsupportedText)).toBeTruthy();
    // The list is still there: it is where the explanations are on this host.
    expect(findingButtons()).toHaveLength(3);
    fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
    expect(await screen.findByText("已清除加载项添加的标记。")).toBeTruthy();
    expect(ws.clearMarks).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(unsupportedText)).toBeNull();
  });

  test("a host with notes shows no degrade message", async () => {
    render(<App workspace={excelWorkspace()} initialLang="zh" />);
    await validateWorkbook();
    fireEvent.click(screen.getByRole("button", { name: "标记到单元格" }));
    expect(await screen.findByText("已标记 3 个单元格。")).toBeTruthy();
    expect(screen.queryByText(/不支持备注或批注/)).toBeNull();
  });

  test("marking marks exactly the findings listed: a filter narrows it, and the list stays", async () => {
    const ws = excelWorkspace({ markFindings: jest.fn(async () => ({ marked: 2, notes: true, notices: [] })) });
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("button", { name: "校验当前工作表" }));
    await screen.findByText("共 3 个问题：错误 2 个，提示 1 个");
    fireEvent.change(screen.getByRole("combobox", { name: "严重程度" }), { target: { value: "error" } });
    expect(screen.queryByRole("button", { name: "标记到单元格" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "标记显示的 2 个问题" }));
    expect(await screen.findByText("已标记 2 个单元格。")).toBeTruthy();
    expect(ws.markFindings).toHaveBeenCalledWith(
      sampleFindings().filter((f) => f.severity === "error"),
      "zh",
      expect.objectContaining({ signal: expect.anything() }),
    );
    expect(ws.validate).toHaveBeenCalledTimes(1); // marking does not validate again
    expect(findingButtons()).toHaveLength(2);
  });

  test("a 情况属实 confirmation reaches the findings handed to marking", async () => {
    const ws = excelWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    await validateWorkbook();
    fireEvent.click(screen.getByRole("button", { name: /^情况属实：/ }));
    const dialog = await screen.findByRole("dialog");
    fireEvent.change(within(dialog).getByRole("textbox"), { target: { value: "尚在建设" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "保存" }));
    await screen.findByText("已确认情况属实：尚在建设");
    fireEvent.click(screen.getByRole("button", { name: "标记到单元格" }));
    await waitFor(() => expect(ws.markFindings).toHaveBeenCalledTimes(1));
    const [marked] = (ws.markFindings as jest.Mock).mock.calls[0];
    expect(marked.find((f: Finding) => f.cell === "E8")).toMatchObject({ severity: "warning", confirmed: { reason: "尚在建设" } });
  });

  test("compile asks before writing over a user's sheet: 另存为 compiles again with rename", async () => {
    const conflicts = [{ name: "中期评估表", suggested: "中期评估表 (2)" }];
    const compile = jest
      .fn()
      .mockResolvedValueOnce({ ...summary(), conflicts })
      .mockResolvedValueOnce({ ...summary(), sheets: ["中期评估表 (2)", "分区数据", "问题清单", "进度对比图"], notices: [] });
    const ws = excelWorkspace({ compile });
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("tab", { name: "汇总评估" }));
    fireEvent.click(screen.getByRole("button", { name: "汇总" }));

    const dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByText("已有同名工作表")).toBeTruthy();
    expect(within(dialog).getByText("“中期评估表”（另存时写入“中期评估表 (2)”）")).toBeTruthy();
    expect(compile).toHaveBeenCalledTimes(1);
    expect(compile.mock.calls[0][0]).not.toHaveProperty("onConflict"); // the first call asks
    fireEvent.click(within(dialog).getByRole("button", { name: "另存为“中期评估表 (2)”" }));

    expect(await screen.findByText("已写入工作表：中期评估表 (2)、分区数据、问题清单、进度对比图")).toBeTruthy();
    expect(compile).toHaveBeenCalledTimes(2);
    expect(compile).toHaveBeenLastCalledWith(
      { plan: { kind: "sheet" }, useWorkbookSheets: true, files: [], lang: "zh", onConflict: "rename" },
      expect.anything(),
    );
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });

  test("compile conflict: 替换 compiles again with replace; 取消 writes nothing", async () => {
    const conflicts = [
      { name: "中期评估表", suggested: "中期评估表 (2)" },
      { name: "问题清单", suggested: "问题清单 (2)" },
    ];
    const compile = jest.fn(async (request: { onConflict?: string }) =>
      request.onConflict ? { ...summary(), sheets: ["中期评估表", "评估要点", "分区数据", "问题清单", "进度对比图"], notices: [] } : { ...summary(), conflicts },
    );
    const ws = excelWorkspace({ compile });
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("tab", { name: "汇总评估" }));

    fireEvent.click(screen.getByRole("button", { name: "汇总" }));
    let dialog = await screen.findByRole("alertdialog");
    expect(within(dialog).getByRole("button", { name: "另存为新工作表" })).toBeTruthy();
    fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    expect(await screen.findByText("未写入工作表（原有工作表保持不变）。")).toBeTruthy();
    expect(compile).toHaveBeenCalledTimes(1);
    // The summary computed is shown all the same.
    expect(screen.getByText("截至 2018年6月，时间进度 50.0%")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "汇总" }));
    // Reopened while tabster may still hide it for the closing one: found hidden or not.
    dialog = await screen.findByRole("alertdialog", { hidden: true });
    fireEvent.click(within(dialog).getByRole("button", { name: "替换", hidden: true }));
    expect(await screen.findByText("已写入工作表：中期评估表、评估要点、分区数据、问题清单、进度对比图")).toBeTruthy();
    expect(compile).toHaveBeenLastCalledWith(expect.objectContaining({ onConflict: "replace" }), expect.anything());
  });
});

describe("指标定义 inside Excel", () => {
  test("shows the plan's indicators and definition errors; creates a district sheet from it", async () => {
    const { plan } = loadPlanFromJson(readFileSync(path.join(__dirname, "..", "..", "examples", "plan.json"), "utf8"), "plan.json");
    const error = makeFinding("plan-row-invalid", { file: FILE, sheet: "规划指标", cell: "J5" }, { row: 5, column: "目标值", reason: msg("reason.notANumber", { text: "待定" }) });
    const ws = excelWorkspace({ loadPlan: jest.fn(async () => ({ source: "规划指标", indicators: plan.indicators, errors: [error] })) });
    render(<App workspace={ws} initialLang="zh" />);
    // Opening the tab reads the workbook's plan, without a click.
    fireEvent.click(screen.getByRole("tab", { name: "指标定义" }));
    expect(await screen.findByText(`规划指标 · 共 ${plan.indicators.length} 项指标`)).toBeTruthy();
    expect(ws.loadPlan).toHaveBeenCalledTimes(1);
    for (const ind of plan.indicators) expect(screen.getAllByText(ind.code).length).toBeGreaterThan(0);
    expect(screen.getByText("规划定义中有 1 处错误：", { exact: false })).toBeTruthy();
    expect(screen.getByText(`J5 ${findingText(error, "zh")}`)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "创建区县填报表" }));
    expect((await screen.findByRole("alert")).textContent).toContain("请填写填报单位。");
    expect(ws.createTemplate).not.toHaveBeenCalled();
    fireEvent.change(screen.getByRole("textbox", { name: "填报单位" }), { target: { value: "吴兴区" } });
    fireEvent.change(screen.getByRole("textbox", { name: "报告期" }), { target: { value: "2018-06" } });
    fireEvent.click(screen.getByRole("button", { name: "创建区县填报表" }));
    expect(await screen.findByText("已创建工作表：吴兴区")).toBeTruthy();
    expect(ws.createTemplate).toHaveBeenCalledWith("吴兴区", "2018-06");

    fireEvent.click(screen.getByRole("button", { name: "创建“规划指标”空白表" }));
    expect(await screen.findByText("已创建工作表：规划指标")).toBeTruthy();

    // Back on the tab later: the plan read is kept; the button reads the sheet again.
    fireEvent.click(screen.getByRole("tab", { name: "填报校验" }));
    fireEvent.click(screen.getByRole("tab", { name: "指标定义" }));
    expect(ws.loadPlan).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole("button", { name: "重新读取规划指标" }));
    await waitFor(() => expect(ws.loadPlan).toHaveBeenCalledTimes(2));
  });
});

describe("task pane outside Office", () => {
  function standaloneWorkspace(): StandaloneWorkspace {
    let opened: { name: string; role: "plan" | "submission"; sheets: string[] }[] = [];
    return {
      kind: "standalone",
      openFiles: jest.fn(async (files: File[], role) => {
        const added = files.map((f) => ({ name: f.name, role: role === "plan" ? ("plan" as const) : ("submission" as const), sheets: ["吴兴区"] }));
        opened = [...opened, ...added];
        return added;
      }),
      removeFile: jest.fn((name: string) => {
        opened = opened.filter((f) => f.name !== name);
      }),
      files: () => opened,
      sheet: () => ({ name: "吴兴区", rows: [], merges: [], hiddenRows: [] }),
      validate: jest.fn(async () => sampleFindings()),
      confirm: jest.fn(),
      unconfirm: jest.fn(),
      compile: jest.fn(async () => summary()),
      loadPlan: jest.fn(),
      markedCopy: jest.fn(),
      midtermWorkbook: jest.fn(),
      planSkeleton: jest.fn(),
      template: jest.fn(),
    };
  }

  test("指标定义 asks for a plan file first, then shows the opened plan without a click", async () => {
    const { plan } = loadPlanFromJson(readFileSync(path.join(__dirname, "..", "..", "examples", "plan.json"), "utf8"), "plan.json");
    const ws = { ...standaloneWorkspace(), loadPlan: jest.fn(async () => ({ source: "plan.json", indicators: plan.indicators, errors: [] })) };
    render(<App workspace={ws} initialLang="zh" />);
    fireEvent.click(screen.getByRole("tab", { name: "指标定义" }));
    expect(screen.getByText("请先在上方“打开文件”中选择规划文件（.xlsx 或 .json）。")).toBeTruthy();
    expect((screen.getByRole("button", { name: "查看规划指标" }) as HTMLButtonElement).disabled).toBe(true);
    expect(ws.loadPlan).not.toHaveBeenCalled();

    await act(async () => {
      fireEvent.change(screen.getByLabelText("规划指标文件（.xlsx 或 .json）"), {
        target: { files: [new File(["{}"], "plan.json", { type: "application/json" })] },
      });
    });
    expect(await screen.findByText(`plan.json · 共 ${plan.indicators.length} 项指标`)).toBeTruthy();
    expect(screen.getByText("规划定义没有错误。")).toBeTruthy();
    expect(ws.loadPlan).toHaveBeenCalledTimes(1);

    // Another file opened: the plan is read again and still shown.
    await act(async () => {
      fireEvent.change(screen.getByLabelText("区县填报工作簿（可多选）"), { target: { files: [new File(["x"], "吴兴区.xlsx")] } });
    });
    expect(await screen.findByText(`plan.json · 共 ${plan.indicators.length} 项指标`)).toBeTruthy();
    expect(ws.loadPlan).toHaveBeenCalledTimes(2);
  });

  test("says it is not in Excel and that files stay local; validation waits for a plan and a district file", async () => {
    const ws = standaloneWorkspace();
    render(<App workspace={ws} initialLang="zh" />);
    expect(
      screen.getByText("未在 Excel 中运行：可以直接打开 .xlsx 文件进行校验和汇总。文件只在本机浏览器中读取，不会上传。"),
    ).toBeTruthy();
    const validate = screen.getByRole("button", { name: "校验所选文件" }) as HTMLButtonElement;
    expect(validate.disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "标记到单元格" })).toBeNull();

    await act(async () => {
      fireEvent.change(screen.getByLabelText("规划指标文件（.xlsx 或 .json）"), {
        target: { files: [new File(["{}"], "plan.json", { type: "application/json" })] },
      });
    });
    await act(async () => {
      fireEvent.change(screen.getByLabelText("区县填报工作簿（可多选）"), {
        target: { files: [new File(["x"], "吴兴区.xlsx")] },
      });
    });
    expect(ws.openFiles).toHaveBeenCalledTimes(2);
    expect((ws.openFiles as jest.Mock).mock.calls.map((c) => c[1])).toEqual(["plan", "submission"]);
    await waitFor(() => expect(validate.disabled).toBe(false));
    fireEvent.click(validate);
    expect(await screen.findByText("共 3 个问题：错误 2 个，提示 1 个")).toBeTruthy();
  });
});
