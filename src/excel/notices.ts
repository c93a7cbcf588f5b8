/**
 * Notices (提示): what the Office.js adapter tells the user about how it worked on this host,
 * when a richer feature was not available (older Excel) or something was left alone. A notice
 * is a message of the catalogue's `notice` section (src/core/messages), rendered by the pane
 * and the ribbon in their language.
 */
import type { Catalogue } from "../core/messages/types";
import type { MessageData, Param } from "../core/messages";

export type NoticeKind = keyof Catalogue["notice"];

export interface Notice extends MessageData {
  kind: NoticeKind;
}

export function notice(kind: NoticeKind, params: Record<string, Param> = {}): Notice {
  return { kind, key: `notice.${kind}`, params };
}
