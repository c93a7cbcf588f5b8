/**
 * The one error type (错误): something the user asked cannot be done, said as a code of the
 * catalogue's `error` section and its parameters, so that the command line, the pane and the
 * ribbon each render it in their own language. It crosses the worker boundary as plain data
 * (ErrorData: structured clone keeps no class), and becomes an AppError again on the other
 * side. `message` is the Chinese text, for logs and for code that only has an Error.
 *
 * Adding a code: one entry in the `error` section of each catalogue (src/core/messages).
 */
import { render, type Lang, type MessageArgs, type Param } from "./messages";
import type { Catalogue } from "./messages/types";

export type ErrorCode = keyof Catalogue["error"] & string;

/** An error as plain data. */
export interface ErrorData {
  code: ErrorCode;
  params?: Readonly<Record<string, Param>>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: Readonly<Record<string, Param>>;

  constructor(code: ErrorCode, params: Readonly<Record<string, Param>> = {}) {
    super(render({ key: `error.${code}`, params }, "zh"));
    this.name = "AppError";
    this.code = code;
    this.params = params;
  }

  /** The message in a language. */
  text(lang: Lang): string {
    return render({ key: `error.${this.code}`, params: this.params }, lang);
  }

  /** The error as data, to post across the worker boundary. */
  toData(): ErrorData {
    return { code: this.code, params: this.params };
  }
}

/** An AppError with its parameters checked against the catalogue. */
export function appError<C extends ErrorCode>(code: C, ...params: MessageArgs<`error.${C}`>): AppError {
  return new AppError(code, ((params as unknown[])[0] ?? {}) as Record<string, Param>);
}

/** The user cancelled (AbortSignal). */
export class CancelledError extends AppError {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

/** Whether the error says the work was cancelled (ours, or a DOM AbortError). */
export function isCancelled(e: unknown): boolean {
  return (
    e instanceof Error && (e.name === "AbortError" || e.name === "CancelledError" || (e instanceof AppError && e.code === "cancelled"))
  );
}

/** Any thrown value as data: an AppError as it is, anything else as an unexpected error with its message. */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof AppError) return e.toData();
  return { code: "unexpected", params: { detail: e instanceof Error ? e.message : String(e) } };
}

/** The AppError of data received across the worker boundary. */
export function fromErrorData(d: ErrorData): AppError {
  return d.code === "cancelled" ? new CancelledError() : new AppError(d.code, d.params ?? {});
}

/** A thrown value as a message's parameter (a reason): an AppError as its message, rendered in the message's language; anything else as its text. */
export function errorParam(e: unknown): Param {
  if (e instanceof AppError) return { key: `error.${e.code}`, params: e.params };
  return e instanceof Error ? e.message : String(e);
}

/** What to show the user for a thrown value, in a language (several errors one per line). */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof AppError) return e.text(lang);
  if (e instanceof AggregateError) return e.errors.map((x) => errorText(x, lang)).join("\n");
  return e instanceof Error ? e.message : String(e);
}
