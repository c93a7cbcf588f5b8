/**
 * The message catalogue (文字目录): one catalogue per language (zh.ts, the reference, and
 * en.ts) and the functions that render messages at the edge — the command line's output, the
 * pane, the ribbon's dialog, the result sheets. Findings, errors and notices travel as data
 * (MessageData: a key and parameters) and become text only here, in the language asked.
 *
 *   messages(lang).table.title                     a string entry
 *   messages(lang).pane.removeFile({ name })       an entry with parameters
 *   render(msg("reason.notAYear", { text }), lang) a message as data, rendered
 *   findingText(finding, lang)                      a finding's message
 */
import type { Finding } from "../findings";
import { findingMessage } from "../findings";
import { en } from "./en";
import type { Catalogue, Lang, MessageArgs, MessageData, MessageKey, Param } from "./types";
import { zh } from "./zh";

export type { Catalogue, Lang, MessageArgs, MessageData, MessageKey, Param } from "./types";
export { LANGS } from "./types";

const CATALOGUES: Record<Lang, Catalogue> = { zh, en };

/** The catalogue of a language. */
export function messages(lang: Lang): Catalogue {
  return CATALOGUES[lang];
}

type Entry = string | readonly string[] | ((p: never) => string);

/** A message as data, its parameters checked against the catalogue. */
export function msg<K extends MessageKey>(key: K, ...params: MessageArgs<K>): MessageData {
  const p = (params as unknown[])[0] as Record<string, Param> | undefined;
  return p === undefined ? { key } : { key, params: p };
}

/** A list of names as the language writes it: 吴兴区、德清县 / 吴兴区, 德清县. */
export function list(items: readonly string[], lang: Lang): string {
  return items.join(CATALOGUES[lang].sep.names);
}

function entryOf(key: string, lang: Lang): Entry | undefined {
  const dot = key.indexOf(".");
  const section = (CATALOGUES[lang] as unknown as Record<string, Record<string, Entry> | undefined>)[key.slice(0, dot)];
  return dot > 0 && section && Object.prototype.hasOwnProperty.call(section, key.slice(dot + 1)) ? section[key.slice(dot + 1)] : undefined;
}

function paramText(p: Param, lang: Lang): string | number {
  if (typeof p === "string" || typeof p === "number") return p;
  if (Array.isArray(p))
    return list(
      (p as readonly (string | MessageData)[]).map((x) => (typeof x === "string" ? x : render(x, lang))),
      lang,
    );
  return render(p as MessageData, lang);
}

/**
 * A message in a language: its parameters rendered first (lists joined, nested messages
 * rendered), then the entry. A key the catalogue does not know (data from a newer version)
 * shows as the key itself rather than failing.
 */
export function render(m: MessageData, lang: Lang): string {
  const entry = entryOf(m.key, lang);
  if (entry === undefined) return m.key;
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) return entry.join(" ");
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = paramText(v, lang);
  return (entry as (p: Record<string, string | number>) => string)(params);
}

/** A finding's message in a language. */
export function findingText(f: Pick<Finding, "kind" | "params">, lang: Lang): string {
  return render(findingMessage(f), lang);
}
