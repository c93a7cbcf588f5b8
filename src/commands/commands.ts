/**
 * The ribbon's function commands (校验本表、汇总评估、清除标记): the same use-cases as the task
 * pane (src/excel/actions.ts), run without opening it.
 *
 * Reporting the outcome: an ExecuteFunction command has no UI of its own. Office's
 * notification messages exist only in Outlook, and Office.addin.showAsTaskpane needs a shared
 * runtime (SharedRuntime 1.1, Office 2021+/365 and a <Runtimes> manifest element that the
 * 2016–2019 schemas reject). What every Excel from 2016 on has is the Dialog API (DialogApi
 * 1.1): the outcome is shown in a small dialog (this same page, ?line=…&line=…) with an OK button.
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
import { CancelledError, errorText } from "../core/errors";
import { formatPeriod } from "../core/format";
import { list, messages, render, type Lang } from "../core/messages";
import { clearMarks, compileInWorkbook, validateActiveWorkbook } from "../excel/actions";
import type { Notice } from "../excel/notices";
import { officeSettings } from "../excel/record";
import { excelRun } from "../excel/run";
import { detectHost, type HostInfo } from "../host";

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

/** An outcome in the host's language, with the notices of the run. */
interface Outcome {
  text: string;
  notices: Notice[];
}

function noticeLines(notices: readonly Notice[], lang: Lang): string {
  return notices.map((n) => `\n• ${render(n, lang)}`).join("");
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

/** Runs one command: detect the host, run within the time left, report, always complete the event. */
async function runCommand(
  event: Office.AddinCommands.Event,
  work: (host: HostInfo, lang: Lang, signal: AbortSignal) => Promise<Outcome>,
): Promise<void> {
  const t = RIBBON_TIME;
  const end = Date.now() + t.limitMs;
  try {
    const host = await detectHost({ timeoutMs: t.detectMs });
    const lang = host.displayLanguage;
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), end - t.closeMs - t.dialogMs - t.marginMs - Date.now());
    let message: string;
    try {
      const outcome = await work(host, lang, stop.signal);
      message = outcome.text + noticeLines(outcome.notices, lang);
    } catch (e) {
      const m = messages(lang).ribbon;
      message = m.failed({ reason: e instanceof CancelledError && stop.signal.aborted ? m.outOfTime : errorText(e, lang) });
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
  return runCommand(event, async (host, lang, signal) => {
    const m = messages(lang);
    const out = await validateActiveWorkbook(excelRun, { host, store: officeSettings(), scope: "activeSheet", signal });
    const { counts } = out.report;
    const byCategory = [...new Set(out.findings.map((f) => f.category))];
    const categories = byCategory
      .map((c) => m.ribbon.categoryCount({ category: m.category[c], count: out.findings.filter((f) => f.category === c).length }))
      .join(m.ribbon.categorySeparator);
    const text =
      counts.findings === 0
        ? m.ribbon.validatedClean({ submissions: counts.submissions })
        : m.ribbon.validated({
            submissions: counts.submissions,
            total: counts.findings,
            errors: counts.errors,
            warnings: counts.warnings,
            categories,
            marked: out.marks?.cells ?? 0,
          });
    return { text, notices: out.notices };
  });
}

export function compile(event: Office.AddinCommands.Event): Promise<void> {
  return runCommand(event, async (host, lang, signal) => {
    const out = await compileInWorkbook(excelRun, { host, store: officeSettings(), onConflict: "rename", signal });
    if (out.status !== "written") throw new Error("unexpected conflict");
    const text = messages(lang).ribbon.compiled({
      asOf: formatPeriod(out.result.asOf, lang),
      units: out.result.submissions.length,
      sheets: list(out.sheets, lang),
    });
    return { text, notices: out.notices };
  });
}

export function clearMarksCommand(event: Office.AddinCommands.Event): Promise<void> {
  return runCommand(event, async (host, lang, signal) => {
    const m = messages(lang).ribbon;
    const out = await clearMarks(excelRun, { host, store: officeSettings(), signal });
    return { text: out.restored === 0 ? m.nothingToClear : m.cleared({ restored: out.restored, removed: out.removed }), notices: out.notices };
  });
}

/** This page opened as the outcome dialog (?line=…&line=…): show the message, close on OK. */
function showDialogPage(message: string, lang: string | null): void {
  const main = document.getElementById("dialog") as HTMLElement;
  (document.getElementById("notice") as HTMLElement).textContent = message;
  const ok = document.getElementById("ok") as HTMLButtonElement;
  if (lang === "en") {
    document.documentElement.lang = "en";
    ok.textContent = messages("en").ribbon.ok;
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
  void Office.onReady(() => showDialogPage(lines.join("\n"), params.get("lang")));
} else {
  // Classic function files: Office calls the global function named in the manifest.
  const commands = { validate, compile, clearMarks: clearMarksCommand };
  Object.assign(globalThis, commands);
  void Office.onReady(() => {
    // Newer hosts look functions up by Office.actions.associate. A command completes its event itself (runCommand).
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- Office awaits nothing here; the command calls event.completed()
    if (Office.actions?.associate) for (const [name, f] of Object.entries(commands)) Office.actions.associate(name, f);
  });
}
