/**
 * The types of the message catalogue (src/core/messages): a catalogue is one object per
 * language, sections of entries; an entry is a string, or a function of named parameters
 * (strings and numbers) when it has any. The Chinese catalogue (zh.ts) is the reference:
 * every other language has exactly its sections, entries and parameters (the compiler checks
 * the entries and their parameter types; tests/core/messages.test.ts checks that every
 * language uses the same parameters).
 */
import type { zh } from "./zh";

export type Lang = "zh" | "en";

/** The languages of the catalogue, Chinese first. */
export const LANGS: readonly Lang[] = ["zh", "en"];

/** The catalogue of one language. */
export type Catalogue = typeof zh;

export type SectionName = keyof Catalogue;

/**
 * A parameter of a message as data: a number, a text as the message shows it, a list of texts
 * or messages (joined as the language joins names: 吴兴区、德清县 / 吴兴区, 德清县), or a message of its own
 * (a plan row's reason, the finding behind a left-out value), rendered in the same language.
 * Plain data: it survives JSON and the worker boundary (structured clone).
 */
export type Param = string | number | MessageData | readonly (string | MessageData)[];

/** A message as data: a key of the catalogue ("section.entry") and its parameters. */
export interface MessageData {
  key: string;
  params?: Readonly<Record<string, Param>>;
}

/** "section.entry" for every entry of the catalogue. */
export type MessageKey = { [S in SectionName]: `${S}.${keyof Catalogue[S] & string}` }[SectionName];

/** The entry of a key. */
export type EntryAt<K extends string> = K extends `${infer S}.${infer E}`
  ? S extends SectionName
    ? E extends keyof Catalogue[S]
      ? Catalogue[S][E]
      : never
    : never
  : never;

/** The parameters msg() takes for a key: the entry's, each also as a message or a list. */
export type MessageArgs<K extends string> =
  EntryAt<K> extends (...a: infer A) => string
    ? A extends [infer P]
      ? [{ [N in keyof P]: P[N] | MessageData | readonly (string | MessageData)[] }]
      : []
    : [];
