/**
 * @jest-environment jsdom
 */
/* The ribbon's function commands, in a page with Office.js and Excel stood in for by the
 * recording mock: they run the shared use-cases, report through a dialog, and always call
 * event.completed(). */
import { RecordingExcel } from "./recording-mock";
import { seedWorkbook } from "./workbook-fixture";

type Commands = typeof import("../../src/commands/commands");

function setUp(excel: RecordingExcel, dialog = true) {
  const shown: string[] = [];
  const g = globalThis as Record<string, unknown>;
  g.Excel = { run: excel.run };
  g.Office = {
    onReady: () => Promise.resolve({ host: "Excel" }),
    AsyncResultStatus: { Succeeded: "succeeded" },
    EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
    actions: { associate: jest.fn() },
    context: {
      displayLanguage: "zh-CN",
      platform: "PC",
      requirements: { isSetSupported: (set: string, v: string) => (set === "DialogApi" ? dialog : excel.host.supports("ExcelApi", v)) },
      document: {
        settings: {
          get: (k: string) => excel.settings.get(k),
          set: (k: string, v: unknown) => excel.settings.set(k, v),
          remove: (k: string) => excel.settings.remove(k),
          saveAsync: (cb: (r: { status: string }) => void) => void excel.settings.save().then(() => cb({ status: "succeeded" })),
        },
      },
      ui: {
        displayDialogAsync: (url: string, _o: unknown, cb: (r: unknown) => void) => {
          shown.push(new URL(url).searchParams.get("notice") ?? "");
          const handlers: Record<string, () => void> = {};
          cb({ status: "succeeded", value: { addEventHandler: (t: string, h: () => void) => (handlers[t] = h), close: jest.fn() } });
          setTimeout(() => handlers.message?.(), 0); // the user clicks 确定
        },
      },
    },
  };
  let commands: Commands | undefined;
  jest.isolateModules(() => {
    commands = require("../../src/commands/commands") as Commands;
  });
  return { commands: commands as Commands, shown };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
  delete (globalThis as Record<string, unknown>).Excel;
});

test("校验本表 marks the cells, reports in a dialog and completes the event", async () => {
  const excel = new RecordingExcel("1.1");
  seedWorkbook(excel);
  const { commands, shown } = setUp(excel);
  const event = { completed: jest.fn() };
  await commands.validate(event as unknown as Office.AddinCommands.Event);
  expect(event.completed).toHaveBeenCalledTimes(1);
  expect(shown).toHaveLength(1);
  expect(shown[0]).toMatch(/^校验完成：1 张填报表，4 个问题（错误 2，提示 2；/);
  expect(shown[0]).toContain("只标记了单元格底色"); // the old host's notice
  expect(excel.writes.filter((w) => w.kind === "fill")).toHaveLength(4);
  expect((globalThis as { validate?: unknown }).validate).toBe(commands.validate);
});

test("清除标记 and 汇总评估 complete too; an error is reported, not thrown", async () => {
  const excel = new RecordingExcel("1.18");
  seedWorkbook(excel);
  const { commands, shown } = setUp(excel);
  const event = { completed: jest.fn() };
  await commands.validate(event as unknown as Office.AddinCommands.Event);
  await commands.clearMarksCommand(event as unknown as Office.AddinCommands.Event);
  expect(shown[1]).toBe("已清除标记：恢复了 4 个单元格的底色，删除了 4 条说明。");
  await commands.compile(event as unknown as Office.AddinCommands.Event);
  expect(shown[2]).toMatch(/^汇总完成（评估时点 2018年6月，1 个填报单位）：已写入 中期评估表、评估要点、分区数据、问题清单、进度对比图。/);

  excel.sheets.splice(excel.sheets.findIndex((s) => s.name === "规划指标"), 1);
  await commands.compile(event as unknown as Office.AddinCommands.Event);
  expect(shown[3]).toMatch(/^未能完成：本工作簿中没有“规划指标”工作表/);
  expect(event.completed).toHaveBeenCalledTimes(4);
});

test("without the Dialog API the command still completes", async () => {
  const excel = new RecordingExcel("1.1");
  seedWorkbook(excel);
  const { commands, shown } = setUp(excel, false);
  const event = { completed: jest.fn() };
  await commands.validate(event as unknown as Office.AddinCommands.Event);
  expect(shown).toEqual([]);
  expect(event.completed).toHaveBeenCalledTimes(1);
});
