/**
 * What every use-case of the Office.js adapter shares: how it gets a request context, how it
 * reports progress and how it is cancelled. UI-free: the task pane and the ribbon commands
 * pass their own callbacks.
 */

/** Runs a batch against the open workbook: `Excel.run` in Office, a mock in tests. */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The runner of the open workbook (Excel.run). Only call inside Excel. */
export const excelRun: ExcelRunner = (batch) => Excel.run(batch);

export type Stage = "read" | "validate" | "mark" | "clear" | "compile" | "write";

export interface Progress {
  stage: Stage;
  /** Units of work done and in all (cells read, cells marked, sheets written …). */
  done: number;
  total: number;
}

export interface RunOptions {
  onProgress?: (progress: Progress) => void;
  /** Cancels between two requests to Excel: nothing half-written is left behind a sync. */
  signal?: AbortSignal;
}

/** Thrown when the user cancelled (AbortSignal). */
export class CancelledError extends Error {
  readonly messageEn = "Cancelled";
  constructor() {
    super("已取消");
    this.name = "CancelledError";
  }
}

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** A use-case that cannot run, with the reason in Chinese and English. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
