/**
 * Why a file could not be read as a workbook at all (as opposed to one sheet or one cell of
 * it, which the reader carries in the model as read problems).
 */

/** Why a file could not be read as a workbook. */
export type WorkbookReadReason = "not-found" | "not-a-workbook" | "encrypted" | "truncated" | "empty" | "too-large";

const READ_ERROR_TEXT: Record<WorkbookReadReason, { zh: string; en: string }> = {
  "not-found": { zh: "找不到文件", en: "File not found" },
  "not-a-workbook": { zh: "不是可读取的工作簿", en: "Not a readable workbook" },
  encrypted: {
    zh: "文件已加密（设有打开密码），请另存为未加密的工作簿",
    en: "The file is encrypted (it has an opening password); save it without a password",
  },
  truncated: { zh: "文件不完整（可能下载或复制时中断）", en: "The file is truncated (an interrupted download or copy?)" },
  empty: { zh: "文件是空的", en: "The file is empty" },
  "too-large": { zh: "文件过大", en: "The file is too large" },
};

/**
 * A file that cannot be read as a workbook. `message` is one line of Chinese naming the
 * file ("不是可读取的工作簿（…）（文件已损坏）：a.xlsx"); `messageEn` the same in English.
 */
export class WorkbookReadError extends Error {
  readonly reason: WorkbookReadReason;
  readonly file: string;
  readonly messageEn: string;

  constructor(reason: WorkbookReadReason, file: string, detail?: { zh: string; en: string }) {
    const text = READ_ERROR_TEXT[reason];
    super(`${text.zh}${detail ? `（${detail.zh}）` : ""}：${file}`);
    this.name = "WorkbookReadError";
    this.reason = reason;
    this.file = file;
    this.messageEn = `${text.en}${detail ? ` (${detail.en})` : ""}: ${file}`;
  }
}
