/**
 * The pane's side of the worker: requests as promises, progress to the caller, and cancel by
 * terminating the worker (a fresh one starts with the next request; requests carry all they need).
 */
import { appError, CancelledError, fromErrorData } from "../core/errors";
import type { RunOptions } from "./workspace";
import type { WorkerEnvelope, WorkerMessage, WorkerRequest, WorkerResult } from "./worker-protocol";

interface Pending {
  resolve(result: WorkerResult): void;
  reject(error: Error): void;
  run: RunOptions;
}

const abortError = (): Error => new CancelledError();

export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly create: () => Worker) {}

  request<T extends WorkerResult["type"]>(
    request: WorkerRequest & { type: T },
    run: RunOptions = {},
    transfer: Transferable[] = [],
  ): Promise<Extract<WorkerResult, { type: T }>> {
    if (run.signal?.aborted) return Promise.reject(abortError());
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Extract<WorkerResult, { type: T }>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: WorkerResult) => void, reject, run });
      run.signal?.addEventListener("abort", () => this.terminate(abortError()), { once: true });
      const envelope: WorkerEnvelope = { id, request };
      worker.postMessage(envelope, transfer);
    });
  }

  /** Stops the worker and fails every pending request with the error. */
  terminate(error: Error): void {
    this.worker?.terminate();
    this.worker = undefined;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.create();
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data;
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === "progress") {
        p.run.onProgress?.(m.progress);
        return;
      }
      this.pending.delete(m.id);
      if (m.kind === "done") p.resolve(m.result);
      else p.reject(fromErrorData(m.error));
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault?.();
      this.terminate(appError("worker-failed", { detail: event.message || "Web Worker" }));
    };
    this.worker = worker;
    return worker;
  }
}
