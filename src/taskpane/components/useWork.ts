/**
 * One piece of long work at a time: its progress, its cancel button and its error, for the
 * whole pane (the progress bar and the error bar sit above the tabs).
 */
import { useCallback, useRef, useState } from "react";
import { isAbort, type RunOptions, type UseCaseNotice, type WorkProgress } from "../workspace";

export interface WorkState {
  busy: boolean;
  progress?: WorkProgress;
  error?: string;
  /** A short outcome message ("已标记 3 个单元格。"). */
  notice?: string;
  /** What the use-case said about how it went (an older host, a renamed sheet …). */
  warnings?: UseCaseNotice[];
}

export interface Work {
  state: WorkState;
  /** Runs a use-case; resolves to its result, or undefined when it failed or was cancelled. */
  run<T>(task: (opts: RunOptions) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
  setNotice(notice: string | undefined, warnings?: UseCaseNotice[]): void;
  setError(error: string | undefined): void;
}

export function useWork(describeError: (e: unknown) => string, cancelledText: string): Work {
  const [state, setState] = useState<WorkState>({ busy: false });
  const controller = useRef<AbortController | null>(null);

  const run = useCallback(
    async <T>(task: (opts: RunOptions) => Promise<T>): Promise<T | undefined> => {
      const ac = new AbortController();
      controller.current = ac;
      setState({ busy: true });
      try {
        const result = await task({
          signal: ac.signal,
          onProgress: (progress) => {
            if (controller.current === ac) setState((s) => ({ ...s, progress }));
          },
        });
        if (ac.signal.aborted) {
          setState({ busy: false, notice: cancelledText });
          return undefined;
        }
        setState({ busy: false });
        return result;
      } catch (e) {
        setState(ac.signal.aborted || isAbort(e) ? { busy: false, notice: cancelledText } : { busy: false, error: describeError(e) });
        return undefined;
      } finally {
        if (controller.current === ac) controller.current = null;
      }
    },
    [describeError, cancelledText],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const setNotice = useCallback(
    (notice: string | undefined, warnings?: UseCaseNotice[]) => setState((s) => ({ ...s, notice, warnings, error: undefined })),
    [],
  );
  const setError = useCallback((error: string | undefined) => setState((s) => ({ ...s, error, notice: undefined })), []);
  return { state, run, cancel, setNotice, setError };
}
