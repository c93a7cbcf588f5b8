/**
 * The record of what the add-in changed in the open workbook (加载项修改记录): the cells it
 * marked (with each cell's previous fill and the note or comment it added) and the result
 * sheets it created. It lives in the workbook's add-in settings
 * (Office.context.document.settings, key RECORD_KEY, saved with saveAsync: Settings 1.1,
 * every Excel since 2013), so 清除标记 works after the file is saved and reopened, and on
 * another computer. It is outside data when read back: checked with zod; a record that does
 * not parse is treated as empty (and reported), never trusted.
 */
import { z } from "zod";

export const RECORD_KEY = "indicators.record";

/** A cell's fill before the add-in marked it; null: it had none. */
const fillSchema = z
  .object({
    color: z.string(),
    /** Fill pattern (ExcelApi 1.9), when the host told it. */
    pattern: z.string().optional(),
  })
  .nullable();

const markSchema = z.object({
  sheet: z.string(),
  cell: z.string(),
  fill: fillSchema,
  /** The explanation the add-in added: a note, a threaded comment, or none. */
  explanation: z.enum(["note", "comment"]).nullable(),
  /** Id of the comment the add-in added. */
  commentId: z.string().optional(),
});

const recordSchema = z.object({
  version: z.literal(1),
  marks: z.array(markSchema),
  /** Names of the result sheets the add-in created (and may therefore replace or delete). */
  sheets: z.array(z.string()),
});

export type PreviousFill = z.infer<typeof fillSchema>;
export type MarkEntry = z.infer<typeof markSchema>;
export type AddinRecord = z.infer<typeof recordSchema>;

export const EMPTY_RECORD: AddinRecord = { version: 1, marks: [], sheets: [] };

/** Where the record is kept: the workbook's add-in settings in Office; a Map in tests. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  /** Persists the settings into the document (saved with the file). */
  save(): Promise<void>;
}

/** The settings of the open document (Office.context.document.settings). Only call inside Office. */
export function officeSettings(settings: Office.Settings = Office.context.document.settings): SettingsStore {
  return {
    get: (key) => settings.get(key),
    set: (key, value) => settings.set(key, value),
    remove: (key) => settings.remove(key),
    save: () =>
      new Promise<void>((resolve, reject) =>
        settings.saveAsync((result) =>
          String(result.status) === "succeeded" ? resolve() : reject(new Error(result.error?.message ?? "saveAsync failed")),
        ),
      ),
  };
}

/** The record in the store; EMPTY_RECORD when there is none, `damaged` when it did not parse. */
export function loadRecord(store: SettingsStore): { record: AddinRecord; damaged: boolean } {
  const raw = store.get(RECORD_KEY);
  if (raw === null || raw === undefined) return { record: structuredCopy(EMPTY_RECORD), damaged: false };
  const parsed = recordSchema.safeParse(typeof raw === "string" ? safeJson(raw) : raw);
  return parsed.success ? { record: parsed.data, damaged: false } : { record: structuredCopy(EMPTY_RECORD), damaged: true };
}

/** Writes the record (removes the key when the record is empty) and persists the settings. */
export async function saveRecord(store: SettingsStore, record: AddinRecord): Promise<void> {
  if (record.marks.length === 0 && record.sheets.length === 0) store.remove(RECORD_KEY);
  else store.set(RECORD_KEY, record);
  await store.save();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function structuredCopy(record: AddinRecord): AddinRecord {
  return { version: 1, marks: [...record.marks], sheets: [...record.sheets] };
}
