/**
 * What every use-case of the Office.js adapter shares: how it gets a request context, how it
 * reports progress and how it is cancelled. UI-free: the task pane and the ribbon commands
 * pass their own callbacks. Errors are the one error type of src/core/errors.ts (AppError),
 * cancelling throws its CancelledError.
 */
import { CancelledError } from "../core/errors";

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

export function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
