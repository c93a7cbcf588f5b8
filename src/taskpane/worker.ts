/**
 * The Web Worker of standalone mode: reading, validation, compilation and marking run here so
 * that the page never freezes. All the work is in worker-handler.ts. An error crosses back as
 * data (code and parameters), so the pane renders it in its own language.
 */
import { toErrorData } from "../core/errors";
import { handleRequest } from "./worker-handler";
import type { WorkerEnvelope, WorkerMessage } from "./worker-protocol";

// The DOM and webworker libs cannot share one program: type the two members used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerEnvelope>) => void) | null;
  postMessage(message: WorkerMessage, transfer: Transferable[]): void;
};

scope.onmessage = (event: MessageEvent<WorkerEnvelope>) => void answer(event);

async function answer(event: MessageEvent<WorkerEnvelope>): Promise<void> {
  const { id, request } = event.data;
  const post = (m: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  try {
    const result = await handleRequest(request, (progress) => post({ id, kind: "progress", progress }));
    const transfer = "bytes" in result && result.bytes instanceof Uint8Array ? [result.bytes.buffer] : [];
    post({ id, kind: "done", result }, transfer);
  } catch (e) {
    post({ id, kind: "error", error: toErrorData(e) });
  }
}
