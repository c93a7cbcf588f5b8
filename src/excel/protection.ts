/**
 * Sheet protection around the add-in's writes (工作表保护). The district template protects its
 * sheet without a password (the add-in made that protection): to mark or clear cells there,
 * the protection is lifted, the cells written, and the same protection put back, with the same
 * options. The lift is recorded first (record.ts, a 保护 row with the options), so that a run
 * stopped half-way leaves a record from which the next run restores it. A sheet whose
 * protection does not lift without a password is a user's: it is left exactly as it is and
 * reported. Needs ExcelApi 1.2 (WorksheetProtection); selectionMode and the edit-objects
 * options are sent only to hosts with ExcelApi 1.7.
 *
 * Requests: 1 (is each sheet protected, with which options), +1 to lift when any is, +2 for
 * each sheet that refuses; restoring is queued into the caller's last request.
 */
import type { HostInfo } from "../host";
import type { LiftEntry, Record, SheetInfo } from "./record";

/** The protection a district template gets (src/core/template.ts, written by write.ts and the .xlsx writer): no password. */
export const TEMPLATE_PROTECTION: Excel.WorksheetProtectionOptions = {
  selectionMode: "Normal",
  allowFormatColumns: true,
  allowFormatRows: true,
};

/** Options newer than ExcelApi 1.2 (Excel refuses them on older hosts). */
const SINCE_1_7 = new Set(["selectionMode", "allowEditObjects", "allowEditScenarios"]);

/** The options this host understands, from `options` (the template's, or those loaded from a sheet). */
export function protectionOptions(host: HostInfo, options: Excel.WorksheetProtectionOptions): Excel.WorksheetProtectionOptions {
  const out: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined && (host.supports("ExcelApi", "1.7") || !SINCE_1_7.has(k))) out[k] = v;
  return out as Excel.WorksheetProtectionOptions;
}

export interface Lifted {
  /** Sheets unprotected for this run (and those an earlier run left unprotected), to protect again. */
  lifted: { sheet: SheetInfo; row: number; options: Excel.WorksheetProtectionOptions }[];
  /** Protected sheets whose protection did not lift (a password): not to be touched. */
  refused: SheetInfo[];
}

/** Lifts the protection (without a password) of `sheets`, recording it first. */
export async function liftProtection(
  context: Excel.RequestContext,
  record: Record,
  sheets: readonly SheetInfo[],
  host: HostInfo,
): Promise<Lifted> {
  const out: Lifted = { lifted: [], refused: [] };
  // Protections an earlier run lifted and did not put back (it was stopped): put back at the
  // end, unless the sheet is gone or protected again since.
  const earlier = record.lifts().map(({ row, entry }) => ({ row, options: entry.options, sheet: record.sheetOf(entry) }));
  if (!host.supports("ExcelApi", "1.2") || (sheets.length === 0 && earlier.length === 0)) return out;
  const worksheets = context.workbook.worksheets;
  const load = (sheet: SheetInfo) => {
    const p = worksheets.getItem(sheet.id).protection;
    p.load("protected,options");
    return p;
  };
  const before = earlier.map((e) => ({ ...e, p: e.sheet ? load(e.sheet) : null }));
  const state = sheets.map((sheet) => ({ sheet, p: load(sheet) }));
  await context.sync();
  for (const { row, options, sheet, p } of before) {
    if (sheet && p && !p.protected) out.lifted.push({ sheet, row, options });
    else record.remove([row]);
  }
  const exact = host.supports("ExcelApi", "1.7");
  const isTemplates = (options: Excel.WorksheetProtectionOptions) =>
    Object.entries(options).every(([k, v]) => !!v === !!(TEMPLATE_PROTECTION as { [k: string]: unknown })[k] || SINCE_1_7.has(k));
  const locked = state.filter(({ p }) => p.protected).map(({ sheet, p }) => ({ sheet, options: protectionOptions(host, p.options) }));
  // Before ExcelApi 1.7 only the template's protection can be put back as it was.
  out.refused.push(...locked.filter(({ options }) => !exact && !isTemplates(options)).map(({ sheet }) => sheet));
  let pending = locked.filter(({ options }) => exact || isTemplates(options));
  while (pending.length > 0) {
    const first = record.addLifts(pending.map(({ sheet, options }): LiftEntry => ({ sheetId: sheet.id, sheet: sheet.name, options })));
    for (const { sheet } of pending) worksheets.getItem(sheet.id).protection.unprotect();
    try {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- again only after a sheet refused: at most once per protected sheet
      await context.sync();
      pending.forEach(({ sheet, options }, i) => out.lifted.push({ sheet, row: first + i, options }));
      return out;
    } catch {
      // Excel stops at the sheet that refused: those before it are lifted, those after it untried.
      const now = pending.map(({ sheet }) => {
        const p = worksheets.getItem(sheet.id).protection;
        p.load("protected");
        return p;
      });
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- again only after a sheet refused: at most once per protected sheet
      await context.sync();
      const failed = now.findIndex((p) => p.protected);
      pending.slice(0, failed).forEach(({ sheet, options }, i) => out.lifted.push({ sheet, row: first + i, options }));
      out.refused.push(pending[failed].sheet);
      record.remove(pending.slice(failed).map((_, i) => first + failed + i));
      pending = pending.slice(failed + 1);
    }
  }
  return out;
}

/** Queues the protections back on, with their options, and their record rows removed. */
export function restoreProtection(context: Excel.RequestContext, record: Record, lifted: Lifted["lifted"]): void {
  for (const { sheet, options } of lifted) context.workbook.worksheets.getItem(sheet.id).protection.protect(options);
  record.remove(lifted.map(({ row }) => row));
}
