/**
 * The pane's words come from the message catalogue (src/core/messages, section `pane`), like
 * every other word the product shows: `t(key, params)` is that section's entry in the pane's
 * language. Findings, errors and notices are rendered with findingText / errorText / render.
 */
import { createContext, useContext } from "react";
import { messages, type Lang } from "../core/messages";
import type { Catalogue } from "../core/messages/types";

type Pane = Catalogue["pane"];
export type StringKey = keyof Pane & string;

/** The parameters of an entry: none for a plain string. */
type ParamsOf<K extends StringKey> = Pane[K] extends (p: infer P) => string ? [params: P] : [];

export type Translate = <K extends StringKey>(key: K, ...params: ParamsOf<K>) => string;

export function translator(lang: Lang): Translate {
  const pane = messages(lang).pane as Record<string, string | ((p: unknown) => string)>;
  return (key, ...params) => {
    const entry = pane[key];
    return typeof entry === "function" ? entry(params[0]) : entry;
  };
}

export const LangContext = createContext<{ lang: Lang; t: Translate }>({ lang: "zh", t: translator("zh") });

export function useStrings(): { lang: Lang; t: Translate } {
  return useContext(LangContext);
}
