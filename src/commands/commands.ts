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
 * event.completed() is always called, after the dialog is closed (or after 2 minutes).
 *
 * The ribbon cannot ask questions: 汇总评估 writes beside a user's sheet of the same name
 * ("中期评估表 (2)") and says so; the pane asks instead.
 */
import { errorText } from "../core/errors";
import { formatPeriod } from "../core/format";
import { list, messages, render, type Lang } from "../core/messages";
import { clearMarks, compileInWorkbook, validateActiveWorkbook } from "../excel/actions";
import type { Notice } from "../excel/notices";
import { officeSettings } from "../excel/record";
import { excelRun } from "../excel/run";
import { detectHost, type HostInfo } from "../host";

const NOTICE_PARAM = "notice";
const DIALOG_TIMEOUT_MS = 120_000;

/** An outcome in the host's language, with the notices of the run. */
interface Outcome {
  text: string;
  notices: Notice[];
}

function noticeLines(notices: readonly Notice[], lang: Lang): string {
  return notices.map((n) => `\n• ${render(n, lang)}`).join("");
}

/** Shows the outcome in a dialog and resolves when it is closed (or after the timeout). */
function showOutcome(host: HostInfo, message: string): Promise<void> {
  if (!host.supports("DialogApi", "1.1")) return Promise.resolve();
  const url = new URL(window.location.href);
  url.search = `?${NOTICE_PARAM}=${encodeURIComponent(message)}&lang=${host.displayLanguage}`;
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
      setTimeout(() => finish(dialog), DIALOG_TIMEOUT_MS);
    });
  });
}

/** Runs one command: detect the host, run, report, always complete the event. */
async function runCommand(event: Office.AddinCommands.Event, work: (host: HostInfo, lang: Lang) => Promise<Outcome>): Promise<void> {
  let host: HostInfo | undefined;
  try {
    host = await detectHost({ timeoutMs: 10_000 });
    const lang = host.displayLanguage;
    let message: string;
    try {
      const outcome = await work(host, lang);
      message = outcome.text + noticeLines(outcome.notices, lang);
    } catch (e) {
      message = messages(lang).ribbon.failed({ reason: errorText(e, lang) });
    }
    await showOutcome(host, message);
  } catch {
    // Nothing more can be shown; the command must still complete.
  } finally {
    event.completed();
  }
}

export function validate(event: Office.AddinCommands.Event): Promise<void> {
  return runCommand(event, async (host, lang) => {
    const m = messages(lang);
    const out = await validateActiveWorkbook(excelRun, { host, store: officeSettings() });
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
  return runCommand(event, async (host, lang) => {
    const out = await compileInWorkbook(excelRun, { host, store: officeSettings(), onConflict: "rename" });
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
  return runCommand(event, async (host, lang) => {
    const m = messages(lang).ribbon;
    const out = await clearMarks(excelRun, { host, store: officeSettings() });
    return { text: out.restored === 0 ? m.nothingToClear : m.cleared({ restored: out.restored, removed: out.removed }), notices: out.notices };
  });
}

/** This page opened as the outcome dialog: show the message, close on OK. */
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
const noticeText = params.get(NOTICE_PARAM);
if ((window as { indicatorsUnsupportedWebview?: string }).indicatorsUnsupportedWebview) {
  // commands.html's guard has defined the commands for an old webview (IE11, EdgeHTML).
} else if (noticeText !== null) {
  void Office.onReady(() => showDialogPage(noticeText, params.get("lang")));
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
