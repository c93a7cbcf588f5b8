/**
 * The one note rule for marked cells (src/core/mark-note.ts): what the add-in and a marked copy
 * write, and how the add-in tells its own notes from the clerk's when it clears its marks.
 */
import { makeFinding } from "../../src/core/findings";
import { isMarkNote, markNote, markNoteDigest } from "../../src/core/mark-note";
import { LANGS, messages } from "../../src/core/messages";

const at = { file: "吴兴区.xlsx", sheet: "吴兴区", cell: "D6" };
const placeholder = makeFinding("placeholder-value", at, { name: "每千名老人拥有社会养老床位数", text: "xx" });
const zero = makeFinding("zero-placeholder", at, { name: "每千名老人拥有社会养老床位数" });

test("a note begins with the catalogue's prefix, one line per finding, the same line once", () => {
  const note = markNote([placeholder, zero, placeholder], "zh");
  expect(note.startsWith(messages("zh").mark.prefix)).toBe(true);
  expect(note.split("\n")).toHaveLength(2);
  expect(markNote([placeholder], "en").startsWith("[Indicator check] ")).toBe(true);
});

test("the add-in's notes are recognised in every language, a clerk's are not", () => {
  for (const lang of LANGS) expect(isMarkNote(markNote([placeholder], lang))).toBe(true);
  expect(isMarkNote("本栏已与区局核实")).toBe(false);
  expect(isMarkNote(`已核实 ${markNote([placeholder], "zh")}`)).toBe(false);
});

test("the digest is of the exact text: line ends made equal, any edit changes it", () => {
  const note = markNote([placeholder, zero], "zh");
  expect(markNoteDigest(note)).toMatch(/^[0-9a-f]{8}$/);
  expect(markNoteDigest(note.replace(/\n/g, "\r\n"))).toBe(markNoteDigest(note));
  expect(markNoteDigest(`${note}（已核实）`)).not.toBe(markNoteDigest(note));
  expect(markNoteDigest(markNote([placeholder], "en"))).not.toBe(markNoteDigest(markNote([placeholder], "zh")));
});
