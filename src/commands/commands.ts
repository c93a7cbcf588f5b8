/**
 * The ribbon's function commands (校验本表、汇总评估、清除标记): the same use-cases as the task
 * pane (src/excel/actions.ts), run without opening it.
 *
 * Reporting the outcome: an ExecuteFunction command has no UI of its own. Office's
 * notification messages exist only in Outlook, and Office.addin.showAsTaskpane needs a shared
 * runtime (SharedRuntime 1.1, Office 2021+/365 and a <Runtimes> manifest element that the
 * 2016–2019 schemas reject). What every Excel from 2016 on has is the Dialog API (DialogApi
 * 1.1): the outcome is shown in a small dialog (this same page, ?notice=…) with an OK button.
 * Where even that is missing, the marks and sheets in the workbook are the outcome.
 * event.completed() is always called, after the dialog is closed.
 *
 * Time: Office ends a command's runtime 5 minutes after the click (RIBBON_TIME.limitMs). Host
 * detection gets at most detectMs, the outcome dialog dialogMs, and the work what is left
 * (less marginMs): when that runs out, the work is cancelled between two requests — what it
 * did is recorded and can be cleared (清除标记) or was taken away (result sheets) — and the
 * dialog says so. The dialog's text travels in its URL one line per parameter: Excel on the
 * web refuses a dialog URL with an escaped line break (office-js#2762).
 *
 * 校验本表 checks the active sheet (with the plan and record sheets), as its name says.
 * The ribbon cannot ask questions: 汇总评估 writes beside a user's sheet of the same name
 * ("中期评估表 (2)") and says so; the pane asks instead.
 */
import { CATEGORY_INFO } from "../core/findings";
import { clearMarks, compileInWorkbook, validateActiveWorkbook } from "../excel/actions";
import type { Notice } from "../excel/notices";
import { officeSettings } from "../excel/record";
import { CancelledError, excelRun } from "../excel/run";
import { detectHost, type HostInfo, type UiLanguage } from "../host";
import { formatPeriod } from "../core/period";

/** One line of the dialog's text per URL parameter of this name. */
const LINE_PARAM = "line";

/** A ribbon command's time, in milliseconds (changed only by tests). */
export const RIBBON_TIME = {
  /** Office ends the command's runtime this long after the click. */
  limitMs: 300_000,
  /** At most this long to find Office. */
  detectMs: 10_000,
  /** Kept for the outcome dialog. */
  dialogMs: 60_000,
  /** Kept in hand: a request under way when the work is stopped still has to come back. */
  marginMs: 20_000,
  /** The dialog closes itself this long before the limit, so that the command completes in time. */
  closeMs: 2_000,
};

type Text = { zh: string; en: string };
const pick = (t: Text, lang: UiLanguage) => (lang === "en" ? t.en : t.zh);

/** An outcome in both languages, with the notices of the run. */
interface Outcome {
  text: Text;
  notices: Notice[];
}

function noticeLines(notices: readonly Notice[], lang: UiLanguage): string {
  return notices.map((n) => `\n• ${lang === "en" ? n.messageEn : n.message}`).join("");
}

/** Shows the outcome in a dialog and resolves when it is closed (or after `timeoutMs`). */
function showOutcome(host: HostInfo, message: string, timeoutMs: number): Promise<void> {
  if (!host.supports("DialogApi", "1.1") || timeoutMs <= 0) return Promise.resolve();
  const url = new URL(window.location.href);
  const query = new URLSearchParams(message.split("\n").map((line) => [LINE_PARAM, line]));
  query.set("lang", host.displayLanguage);
  url.search = `?${query.toString()}`;
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (dialog?: Office.Dialog) => {
      if (done) return;
      done = true;
      try {
        dialog?.close();
      } catch {
        // Already closed by the user.
      }
      resolve();
    };
    Office.context.ui.displayDialogAsync(url.href, { height: 30, width: 30, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) return finish();
      const dialog = result.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => finish(dialog));
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish());
      setTimeout(() => finish(dialog), timeoutMs);
    });
  });
}

function errorText(e: unknown): Text {
  const zh = e instanceof Error ? e.message : String(e);
  const en = e instanceof Error && "messageEn" in e && typeof e.messageEn === "string" ? e.messageEn : zh;
  return { zh: `未能完成：${zh}`, en: `Could not finish: ${en}` };
}

const OUT_OF_TIME: Text = {
  zh: "未能完成：已到 Excel 给功能区命令的时限（5 分钟），工作已停止。已做的标记可用“清除标记”撤销，未写完的结果表已删除。请在面板中处理这个工作簿。",
  en: "Could not finish: Excel's time limit for ribbon commands (5 minutes) was reached and the work stopped. Marks already set can be cleared (清除标记); unfinished result sheets were deleted. Use the pane for this workbook.",
};

/** Runs one command: detect the host, run within the time left, report, always complete the event. */
async function runCommand(event: Office.AddinCommands.Event, work: (host: HostInfo, signal: AbortSignal) => Promise<Outcome>): Promise<void> {
  const t = RIBBON_TIME;
  const end = Date.now() + t.limitMs;
  try {
    const host = await detectHost({ timeoutMs: t.detectMs });
    const lang = host.displayLanguage;
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), end - t.closeMs - t.dialogMs - t.marginMs - Date.now());
    let message: string;
    try {
      const outcome = await work(host, stop.signal);
      message = pick(outcome.text, lang) + noticeLines(outcome.notices, lang);
    } catch (e) {
      message = pick(e instanceof CancelledError && stop.signal.aborted ? OUT_OF_TIME : errorText(e), lang);
    } finally {
      clearTimeout(timer);
    }
    await showOutcome(host, message, Math.min(t.dialogMs, end - t.closeMs - Date.now()));
  } catch {
    // Nothing more can be shown; the command must still complete.
  } finally {
    event.completed();
  }
}

export function validate(event: Office.AddinCommands.Event): Promise<void> {
  return runCommand(event, async (host, signal) => {
    const out = await validateActiveWorkbook(excelRun, { host, store: officeSettings(), scope: "activeSheet", signal });
    const errors = out.findings.filter((f) => f.severity === "error").length;
    const warnings = out.findings.length - errors;
    const byCategory = [...new Set(out.findings.map((f) => f.category))];
    const zhCats = byCategory.map((c) => `${CATEGORY_INFO[c].zh} ${out.findings.filter((f) => f.category === c).length}`).join("，");
    const enCats = byCategory.map((c) => `${CATEGORY_INFO[c].en} ${out.findings.filter((f) => f.category === c).length}`).join(", ");
    const marked = out.marks?.cells ?? 0;
    const text: Text =
      out.findings.length === 0
        ? { zh: `校验完成：${out.result.submissions.length} 张填报表，没有发现问题。`, en: `Checked ${out.result.submissions.length} submission(s): no findings.` }
        : {
            zh: `校验完成：${out.result.submissions.length} 张填报表，${out.findings.length} 个问题（错误 ${errors}，提示 ${warnings}；${zhCats}），已标记 ${marked} 个单元格。详情请打开面板。`,
            en: `Checked ${out.result.submissions.length} submission(s): ${out.findings.length} findings (${errors} errors, ${warnings} warnings; ${enCats}); ${marked} cells marked. Open the pane for details.`,
          };
    return { text, notices: out.notices };
  });
}

export function compile(event: Office.AddinCommands.Event): Promise<void> {
  return runCommand(event, async (host, signal) => {
    const out = await compileInWorkbook(excelRun, { host, store: officeSettings(), onConflict: "rename", signal });
    if (out.status !== "written") throw new Error("unexpected conflict");
    const asOf = formatPeriod(out.result.asOf);
    return {
      text: {
        zh: `汇总完成（评估时点 ${asOf}，${out.result.submissions.length} 个填报单位）：已写入 ${out.sheets.join("、")}。`,
        en: `Compiled as of ${out.result.asOf.year}-${String(out.result.asOf.month).padStart(2, "0")} (${out.result.submissions.length} reporting units): wrote ${out.sheets.join(", ")}.`,
      },
      notices: out.notices,
    };
  });
}

export function clearMarksCommand(event: Office.AddinCommands.Event): Promise<void> {
  return runCommand(event, async (host, signal) => {
    const out = await clearMarks(excelRun, { host, store: officeSettings(), signal });
    return {
      text:
        out.restored === 0
          ? { zh: "没有需要清除的标记。", en: "There were no marks to clear." }
          : { zh: `已清除标记：恢复了 ${out.restored} 个单元格的底色，删除了 ${out.removed} 条说明。`, en: `Marks cleared: ${out.restored} fills restored, ${out.removed} notes removed.` },
      notices: out.notices,
    };
  });
}

/** This page opened as the outcome dialog (?line=…&line=…): show the message, close on OK. */
function showDialogPage(message: string, lang: string | null): void {
  const main = document.getElementById("dialog") as HTMLElement;
  (document.getElementById("notice") as HTMLElement).textContent = message;
  const ok = document.getElementById("ok") as HTMLButtonElement;
  if (lang === "en") {
    document.documentElement.lang = "en";
    ok.textContent = "OK";
  }
  main.hidden = false;
  ok.focus();
  ok.addEventListener("click", () => Office.context.ui.messageParent("close"));
}

const params = new URLSearchParams(window.location.search);
const lines = params.getAll(LINE_PARAM);
if ((window as { indicatorsUnsupportedWebview?: string }).indicatorsUnsupportedWebview) {
  // commands.html's guard has defined the commands for an old webview (IE11, EdgeHTML).
} else if (lines.length > 0) {
  Office.onReady(() => showDialogPage(lines.join("\n"), params.get("lang")));
} else {
  // Classic function files: Office calls the global function named in the manifest.
  const commands = { validate, compile, clearMarks: clearMarksCommand };
  Object.assign(globalThis, commands);
  Office.onReady(() => {
    // Newer hosts look functions up by Office.actions.associate.
    if (Office.actions?.associate) for (const [name, f] of Object.entries(commands)) Office.actions.associate(name, f);
  });
}
