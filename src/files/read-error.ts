/**
 * Why a file could not be read as a workbook at all (as opposed to one sheet or one cell of
 * it, which the reader carries in the model as read problems).
 */
import { AppError, type ErrorCode } from "../core/errors";
import type { MessageData } from "../core/messages";

/** Why a file could not be read as a workbook. */
export type WorkbookReadReason = "not-found" | "not-a-workbook" | "encrypted" | "truncated" | "empty" | "too-large";

/** The error code (src/core/errors.ts) of each reason. */
const READ_ERROR_CODE: Record<WorkbookReadReason, ErrorCode> = {
  "not-found": "file-not-found",
  "not-a-workbook": "not-a-workbook",
  encrypted: "encrypted",
  truncated: "truncated",
  empty: "empty-file",
  "too-large": "too-large",
};

/**
 * A file that cannot be read as a workbook: the one error type, its message naming the file
 * ("不是可读取的工作簿（文件已损坏）：a.xlsx"), with the reason and the file; `detail` a message
 * of the catalogue's `readDetail` section.
 */
export class WorkbookReadError extends AppError {
  readonly reason: WorkbookReadReason;
  readonly file: string;

  constructor(reason: WorkbookReadReason, file: string, detail?: MessageData) {
    super(READ_ERROR_CODE[reason], { file, detail: detail ?? "" });
    this.name = "WorkbookReadError";
    this.reason = reason;
    this.file = file;
  }
}
