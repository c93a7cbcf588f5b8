/**
 * Writes the clerk's 情况属实 confirmations into the open workbook's very hidden record sheet
 * (format and reasons: src/core/confirmations.ts). Reading them back needs no code here: the
 * reader (read.ts) puts hidden sheets into the workbook model, and readConfirmations parses it.
 * Requests: 2 syncs (the sheet list, then the write). Only ExcelApi 1.1 calls. A user's sheet
 * of the same name (Excel's names ignore case) stops it with a message, untouched.
 */
import { confirmationRows, type Confirmation } from "../core/confirmations";
import { CONFIRMATIONS_SHEET } from "../core/sheets";
import { a1 } from "../core/model";
import { foreignSheet, sameSheetName } from "./record";

/** Replaces the record sheet's contents with `list` (creating the very hidden sheet when needed). */
export async function writeConfirmations(context: Excel.RequestContext, list: readonly Confirmation[]): Promise<void> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility");
  await context.sync();
  // Excel's names ignore case: a user's "_Indicators" is not the record sheet, and is never overwritten.
  const found = worksheets.items.find((ws) => sameSheetName(ws.name, CONFIRMATIONS_SHEET));
  if (found && found.visibility !== "VeryHidden") throw foreignSheet(found.name);
  const ws = found ? worksheets.getItem(found.name) : worksheets.add(CONFIRMATIONS_SHEET);
  if (found) ws.getRange().clear("Contents");
  const rows = confirmationRows(list);
  const range = ws.getRange(`A1:${a1(rows.length - 1, rows[0].length - 1)}`);
  // Text format first: a reason that begins with "=" stays text.
  range.numberFormat = rows.map((row) => row.map(() => "@"));
  range.values = rows;
  ws.visibility = "VeryHidden";
  await context.sync();
}
