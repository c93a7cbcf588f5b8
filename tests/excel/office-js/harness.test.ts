/* The harness itself: Microsoft's Excel library in a runtime of its own, answered by the Excel
 * stand-in. These pin down what the stand-in models, so that the tests built on it test the
 * add-in against Excel's behaviour, not against the stand-in's inventions. */
import { OfficeHost } from "./runtime";
import { DESKTOP, OFFICE_2016, WEB } from "./stand-in";

const run = (host: OfficeHost, name = "pane") => host.start({ name }).run;

test("load/sync bookkeeping is the library's: a property read before sync throws PropertyNotLoaded", async () => {
  const host = new OfficeHost(WEB);
  host.excel.addSheet("吴兴区", [["填报单位", "吴兴区"]]);
  const values = await run(host)(async (context) => {
    const range = context.workbook.worksheets.getItem("吴兴区").getRange("A1:B1");
    range.load("values");
    let before = "";
    try {
      void range.values;
    } catch (e) {
      before = (e as { code?: string }).code ?? "";
    }
    expect(before).toBe("PropertyNotLoaded");
    await context.sync();
    return range.values;
  });
  expect(values).toEqual([["填报单位", "吴兴区"]]);
});

test("a batch is not a transaction: the failing action stops it, what ran before stays", async () => {
  const host = new OfficeHost(DESKTOP);
  host.excel.addSheet("吴兴区");
  const attempt = run(host)(async (context) => {
    const ws = context.workbook.worksheets.getItem("吴兴区");
    ws.getRange("A1").format.fill.color = "#FF0000";
    ws.getRange("A2").values = [[1, 2]]; // wrong shape: fails
    ws.getRange("A3").format.fill.color = "#00FF00";
    await context.sync();
  });
  await expect(attempt).rejects.toMatchObject({ code: "InvalidArgument" });
  expect(host.excel.cell("吴兴区", "A1")?.fill?.color).toBe("#FF0000");
  expect(host.excel.cell("吴兴区", "A3")?.fill).toBeUndefined();
});

test("the web's 5 MB limits: a request above it runs nothing; a response above it is refused after its writes ran", async () => {
  const host = new OfficeHost(WEB);
  host.excel.addSheet("大表");
  const big = Array.from({ length: 3000 }, () => ["城乡社区养老服务设施覆盖情况说明".repeat(40)]);
  await expect(
    run(host)(async (context) => {
      context.workbook.worksheets.getItem("大表").getRange("A1:A3000").values = big;
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  expect(host.excel.sheet("大表").cells.size).toBe(0);

  const desktop = new OfficeHost(DESKTOP);
  desktop.excel.addSheet("大表");
  await run(desktop)(async (context) => {
    context.workbook.worksheets.getItem("大表").getRange("A1:A3000").values = big;
    await context.sync();
  });
  host.excel.sheets.splice(0, 1, desktop.excel.sheet("大表"));
  await expect(
    run(host)(async (context) => {
      const ws = context.workbook.worksheets.getItem("大表");
      ws.getRange("B1").values = [["写入"]];
      ws.getRange("A1:A3000").load("values");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  expect(host.excel.cell("大表", "B1")?.value).toBe("写入");
  expect(host.excel.requests.map((r) => r.error)).toEqual(["RequestPayloadSizeLimitExceeded", "ResponsePayloadSizeLimitExceeded"]);
});

test("Excel.run's own clean-up request removes the references it kept", async () => {
  const host = new OfficeHost(DESKTOP);
  host.excel.addSheet("吴兴区");
  await run(host)(async (context) => {
    const r = context.workbook.worksheets.getItem("吴兴区").getRange("A1:B2");
    r.load("address");
    await context.sync();
    r.format.fill.color = "#FFFF00"; // the kept reference, used again
    await context.sync();
  });
  await new Promise((r) => setTimeout(r, 20));
  expect(host.excel.requests.map((r) => r.cleanup)).toEqual([false, false, true]);
});

test("settings are a copy per runtime: a save writes the whole copy, a refresh takes a fresh one", async () => {
  const host = new OfficeHost(DESKTOP);
  const pane = host.start({ name: "pane" });
  const ribbon = host.start({ name: "ribbon" });
  ribbon.store.set("k", 1);
  await ribbon.store.save();
  expect(pane.store.get("k")).toBeNull(); // the pane's copy dates from its start
  pane.store.set("other", 2);
  await pane.store.save();
  expect(host.excel.settings).toEqual({ other: 2 }); // the ribbon's value is gone
  await new Promise<void>((resolve) =>
    (ribbon.window as unknown as { Office: typeof Office }).Office.context.document.settings.refreshAsync(() => resolve()),
  );
  expect(ribbon.store.get("other")).toBe(2);
});

test("sheet names compare without case, as in Excel: getItem finds, add refuses", async () => {
  const host = new OfficeHost(OFFICE_2016);
  host.excel.addSheet("_Indicators");
  const name = await run(host)(async (context) => {
    const ws = context.workbook.worksheets.getItem("_indicators");
    ws.load("name");
    await context.sync();
    return ws.name;
  });
  expect(name).toBe("_Indicators");
  await expect(
    run(host)(async (context) => {
      context.workbook.worksheets.add("_INDICATORS");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ItemAlreadyExists" });
});

test("Excel refuses an API above the host's requirement sets (the library's own check is inert)", async () => {
  const host = new OfficeHost(OFFICE_2016);
  host.excel.addSheet("吴兴区");
  await expect(
    run(host)(async (context) => {
      context.workbook.worksheets.getItem("吴兴区").comments.load("items");
      await context.sync();
    }),
  ).rejects.toMatchObject({ code: "ApiNotFound" });
  expect(host.excel.requests.map((r) => r.error)).toEqual(["ApiNotFound"]);
});

test("deleting a threaded comment deletes its thread, replies and all", async () => {
  const host = new OfficeHost(DESKTOP);
  host.excel.addSheet("吴兴区");
  const t = host.excel.addThread("吴兴区", "D6", "【指标校验】占位符", ["已核实"]);
  const replies = await run(host)(async (context) => {
    const c = context.workbook.comments.getItem(t.id);
    const count = c.replies.getCount();
    await context.sync();
    c.delete();
    await context.sync();
    return count.value;
  });
  expect(replies).toBe(1);
  expect(host.excel.threads).toEqual([]);
});

test("notes (ExcelApi 1.18) through the library's own builder: null objects, add, content", async () => {
  const host = new OfficeHost(DESKTOP);
  host.excel.addSheet("吴兴区");
  const out = await run(host)(async (context) => {
    const notes = context.workbook.worksheets.getItem("吴兴区").notes;
    const none = notes.getItemOrNullObject("A1");
    none.load("content");
    notes.add("B2", "说明");
    const b2 = notes.getItemOrNullObject("B2");
    b2.load("content");
    await context.sync();
    return [none.isNullObject, b2.isNullObject, b2.content];
  });
  expect(out).toEqual([true, false, "说明"]);
});
