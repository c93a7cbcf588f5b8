/**
 * Messages between the pane and its Web Worker (standalone mode): every request carries what
 * it needs (no state in the worker), so that a cancelled request can simply terminate it.
 * Everything crosses as plain data (structured clone): findings and errors as messages of the
 * catalogue (src/core/messages), rendered in the pane's language on the pane's side.
 */
import type { Report } from "../core/check";
import type { Confirmation, ConfirmationDecision } from "../core/confirmations";
import type { ErrorData } from "../core/errors";
import type { Finding } from "../core/findings";
import type { Lang } from "../core/messages";
import type { WorkbookModel } from "../core/model";
import type { MidtermSummary } from "../core/views";
import type { PlanView, WorkProgress } from "./workspace";

/** The plan as opened: a workbook holding a 规划指标 sheet, or a JSON file's text. */
export type PlanInput = { kind: "workbook"; model: WorkbookModel } | { kind: "json"; name: string; text: string };

export type WorkerRequest =
  /** Reads an .xlsx file into the workbook model. */
  | { type: "read"; name: string; bytes: ArrayBuffer }
  /**
   * Validates the district workbooks against the plan (absent: each against the plan it
   * carries), the session's 情况属实 decisions over the confirmations the workbooks carry.
   */
  | { type: "validate"; plan?: PlanInput; workbooks: WorkbookModel[]; decisions: ConfirmationDecision[] }
  /** Validates, consolidates, evaluates and renders the mid-term workbook in `lang`. */
  | { type: "compile"; plan?: PlanInput; workbooks: WorkbookModel[]; asOf?: string; decisions: ConfirmationDecision[]; lang: Lang }
  /** A copy of a district workbook with its findings marked and its confirmations in `_indicators`. */
  | { type: "mark"; bytes: ArrayBuffer; findings: Finding[]; confirmations: Confirmation[]; lang: Lang }
  /** The plan's indicators and definition errors. */
  | { type: "plan"; plan: PlanInput }
  /** A district template from the plan. */
  | { type: "template"; plan: PlanInput; district: string; period?: string }
  /** An empty 规划指标 sheet. */
  | { type: "skeleton" };

export type WorkerResult =
  | { type: "read"; model: WorkbookModel }
  | { type: "validate"; report: Report }
  | { type: "compile"; summary: MidtermSummary; bytes: Uint8Array }
  | { type: "mark"; bytes: Uint8Array }
  | { type: "plan"; view: PlanView }
  | { type: "template"; bytes: Uint8Array; name: string }
  | { type: "skeleton"; bytes: Uint8Array };

/** What the pane posts: a request with an id. */
export interface WorkerEnvelope {
  id: number;
  request: WorkerRequest;
}

/** What the worker posts back for a request id. */
export type WorkerMessage =
  | { id: number; kind: "progress"; progress: WorkProgress }
  | { id: number; kind: "done"; result: WorkerResult }
  | { id: number; kind: "error"; error: ErrorData };
