/**
 * 填报单位 as the district it stands for. Clerks write the reporting unit as their office
 * signs it — "吴兴区民政局", "湖州市吴兴区民政局（盖章）", "吴 兴 区" — while consolidation
 * needs one name per district: two spellings of one district would otherwise be two columns
 * of 分区数据, two addends of a 求和, and no duplicate-submission notice.
 *
 * - Whitespace goes, full-width becomes half-width, a bracketed note such as （盖章） goes.
 * - A civil-affairs office suffix (民政局, 民政办, 民政办公室, 民政科, 民政处, 民政所) goes when
 *   what stands before it is an administrative area (…区, …县, …市, …旗, …乡, …镇, …街道):
 *   "吴兴区民政局" is 吴兴区. "市民政局" stays what it is.
 * - With the plan's list of reporting units (填报单位 sheet), a name is the listed unit it
 *   equals (compared as names are, §2), else the one listed unit it contains ("湖州市吴兴区"
 *   contains 吴兴区; the longest such unit when several are, none when two tie).
 */
import { normaliseName, toHalfWidth } from "./text";

const NOTE = /[(（][^()（）]*[)）]/g;
/** An area's name (a character at least before 区, 县 …) and the office suffix after it. */
const OFFICE_SUFFIX = /^(.+(?:区|县|市|旗|乡|镇|街道))(?:民政局|民政办公室|民政办|民政科|民政处|民政所)$/;

/** Without spaces, bracketed notes and the office suffix. */
function plainName(written: string): string {
  return toHalfWidth(written).replace(NOTE, "").replace(/\s+/g, "").replace(OFFICE_SUFFIX, "$1");
}

/**
 * The district a written 填报单位 names (see above); "" for blank text. Listed units are
 * compared in the same plain form, so a list of offices ("吴兴区民政局") works as well as a list
 * of districts, and the unit is returned as the list writes it.
 */
export function districtName(written: string, units?: readonly string[]): string {
  const plain = plainName(written);
  if (!units || units.length === 0 || plain === "") return plain;
  const key = normaliseName(plain);
  const listed = units.map((u) => ({ unit: u, key: normaliseName(plainName(u)) })).filter((u) => u.key !== "");
  const equal = listed.find((u) => u.key === key);
  if (equal) return equal.unit;
  const contained = listed.filter((u) => key.includes(u.key));
  if (contained.length === 0) return plain;
  const longest = Math.max(...contained.map((u) => u.key.length));
  const best = contained.filter((u) => u.key.length === longest);
  return best.length === 1 ? best[0].unit : plain;
}
