/**
 * Scanning text cells (备注, narrative cells) for the tell-tales of an unfinished submission,
 * reporting-conventions §3 (from seeds/004):
 * - placeholders inside prose: "完成考核目标的x%", "x万人", "x余万元", "第x次", "xx市", "××",
 *   "待填", "待定", and a lone 0 before a measure of size ("每百户建筑面积0平方米", "0万元");
 * - a number missing before a measure word: "建成综合照料中心家", "公建民营的养老机构家",
 *   "建成个社区服务综合体";
 * - a truncated year: "到201年", "到20年".
 *
 * Precision matters more than reach here (a hit on a clean remark is a false alarm for a
 * clerk), so every rule is narrow:
 * - An x is a placeholder only when it is not part of a Latin word or a formula ("7x24",
 *   "1+X", "Excel", "X光" are not).
 * - A missing number is a measure word (家 个 张 人 台 次 户 万元 …) that does not begin a word
 *   of its own (家庭, 个人, 人员, 台账 …) and stands where a number must come:
 *   (1) right after a counting verb or a comparison (建成个社区, 新增张, 不少于家, 提高了个百分点),
 *   after a short lead word only before money, people and a few others (达万元, 约万人; not
 *   为家, 达人), after a list separator (8家国家级、家省级), after an open range (5—个), or
 *   after 的 for money (由2013年的元提高至);
 *   (2) right after a noun it counts that never forms a word with it: 中心家, 机构家, 护理员人,
 *   终端台, 床位张, 资金万元 — but not 国家, 专家, 大家, 老人, 出台, 层次 (the noun list is per
 *   measure word and short on purpose);
 *   (3) right before 以上 / 以下 / 左右 / 以内 with no number before it (规范个以上).
 *   Numbers written in Chinese (一个, 两家, 十个, 首个, 各个, 多家) are numbers.
 * - A truncated year is a three-digit 19x/20x followed by 年 (not "200多年", "近200年来"), or a
 *   two-digit number after 到/至/截至/截止 followed by 年 ("到20年", but not "延长至20年",
 *   "到20年代"), or two digits before 年底/年末/年初 ("于20年底建成"). "20年来" and "5年" are
 *   durations and never reported.
 */
import { escapeRegExp, toHalfWidth } from "./text";

export interface TextHit {
  kind: "placeholder" | "missing-number" | "truncated-year";
  /** The text that gave the hit, as written. */
  match: string;
  /** Index of the match in the scanned text. */
  index: number;
  /** About 20 characters around the match, for messages. */
  context: string;
}

/** Measure words that may follow an x placeholder, longest first, for the reported match. */
const X_UNIT =
  "%|‰|个百分点|平方米|万人次|万人|万元|亿元|万户|万台|万次|万张|万|人次|户次|街道|社区|[个家人张台次户元项所名位年月日天岁市区县镇村床]";
/** x, xx, ××, x.x — not inside a Latin word, a number or a formula. */
const X_RE = new RegExp(
  `(?<![A-Za-z0-9+*/=^_.\\\\-])(第|超过|超|约|近|共)?([xX×]{1,4}(?:\\.[xX×]{1,3})?)(?![A-Za-z0-9+=*/])(余|多)?(${X_UNIT})?`,
  "g",
);
/** X光, X射线 … are words, not placeholders. */
const X_WORDS = /^(?:光|射线|线|型|轴|染色体|片)/;
const PENDING_RE = /(?<![有尚亟仍还])待(?:填写|填报|填|定)|某某|\bTBD\b|\bTODO\b/g;
/**
 * A lone 0 before a measure of size ("建筑面积0平方米", "0万元"); not before a count, where 0 is
 * a plain statement ("新增0家").
 */
const ZERO_RE = /(?<![\d.,])0(?![\d.,])(平方米|万人|万元|亿元)/g;

const CLASSIFIERS = [
  "万人次", "平方米", "万人", "万元", "亿元", "万户", "人次", "户次",
  "家", "个", "张", "人", "名", "位", "台", "次", "户", "所", "项", "元", "床", "座", "件", "套", "辆",
];

/**
 * Where a number must follow: counting verbs and comparison words. When one is directly
 * followed by a measure word, the number is missing ("建成个社区", "不少于家").
 */
const VERBS = [
  "建成", "新增", "完成", "达到", "发放", "培训", "共有", "累计", "提供", "建设", "创建", "拥有", "签约",
  "救助", "资助", "扶持", "新建", "改建", "扩建", "建立", "设立", "成立", "开设", "培育", "引进", "孵化",
  "打造", "招募", "吸纳", "安置", "收养", "登记", "注册", "认定", "评定", "创成", "惠及", "帮扶", "慰问",
  "募集", "筹集", "投入", "支出", "举办", "开展", "配备", "受理", "办理", "覆盖", "共计", "合计", "总计",
  "数达", "量达", "数为", "人达", "户达", "增加", "减少", "培养", "表彰", "走访", "入住", "入选", "接收",
  "实施", "至少有", "形成", "安装", "提高", "上升", "下降", "增长", "提升", "降低",
  "不少于", "不低于", "不超过", "至少", "超过", "多于", "少于", "不足", "高于", "低于", "逾",
];
/**
 * Short words that lead to a number but also begin or end ordinary words (达人, 为家, 近人):
 * reported only before the measure words in WEAK_CLASSIFIERS.
 */
const WEAK_VERBS = ["达", "为", "约", "近", "共"];
const WEAK_CLASSIFIERS = new Set(["万元", "亿元", "元", "万人", "万人次", "人次", "户", "平方米", "台", "个", "套"]);
/** Money after 的: "由2013年的元提高至…". */
const DE_RE = /的/g;
const DE_CLASSIFIERS = new Set(["元", "万元", "亿元"]);
/** Measure words that cannot open a list item: "8家国家级、家省级", "，家社会组织". */
const LIST_CLASSIFIERS = new Set(["家", "个", "台", "户", "项", "所", "位", "万元", "亿元", "万人"]);

const alternation = (words: string[]): string =>
  [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|");
const VERB_IN_NOUN_RE = new RegExp(`(?:${alternation(VERBS)})`, "g");
const VERB_RE = new RegExp(`(?:${alternation(VERBS)})了?`, "g"); // 建成了个, 提高了个百分点
const WEAK_RE = new RegExp(`(?:${alternation(WEAK_VERBS)})`, "g");
/** A list separator, or an open range after a number ("5—个", "2至家"). */
const LIST_RE = /[、，,：:；;]/g;
const RANGE_RE = /\d[—–\-~～至到]/g;
/**
 * A measure word right before 以上 / 以下 / 左右 / 以内 needs a number before it ("规范个以上");
 * not words for people, which end many nouns (老年人以上, 单位以上).
 */
const BOUND_RE = /(以上|以下|左右|以内)/g;
const BOUND_CLASSIFIERS = new Set(["家", "个", "张", "项", "万元", "亿元", "万人", "人次", "平方米", "套"]);

/** Words that begin with a measure word (家庭, 个人, 人员 …): after one, nothing is missing. */
const WORD_AFTER: Record<string, string> = {
  家: "庭园属长居政门乡族风具电务人中里用校教访境底当喻常纺禽畜家训谱业产宴事书暴住有",
  个: "人别性体案数税子头例股展位",
  张: "贴家榜扬力开罗望口弛数",
  人: "员口数群才民均力身文士物工大社们间居性生类手格权情心道事家际选气为防寿造和本脸像体次人",
  名: "单称录义额片牌字誉胜人副列次校医师家城镇村优气目利言著为",
  位: "置于居列次数",
  台: "账阶湾风帐胞州上下前词",
  次: "数要生年日级序第均",
  户: "籍口数外型主均内头政",
  所: "有属在得需以谓长致示述辖涉获做能求想用作学见及处含占剩提建列办管",
  项: "目下",
  元: "旦素宵老年首帅气件月",
  床: "位铺头边单旁",
  座: "谈位椅右次席",
  件: "数",
  套: "餐房路用取",
  辆: "",
  万人: "空",
  万元: "户",
  亿元: "",
  万户: "",
  人次: "",
  户次: "",
  万人次: "",
  平方米: "",
};

/** verb + measure word that are words themselves (收养人 = adopter, 举办人 = sponsor …). */
const VERB_WORDS = new Set([
  "收养人", "签约人", "登记人", "注册人", "受理人", "办理人", "培训人", "举办人", "设立人", "接收人", "入住人",
]);

/** Nouns counted with a measure word: the character before it when the number is missing. */
const PEOPLE_END = "员者儿童兵象属";
const NOUN_BEFORE: Record<string, string> = {
  家: "构心织位院会司地堂站点所园社馆室体坊屋校",
  个: "区目村心站点体组队所台地构牌道镇街园室馆团会群院厅坊校部域",
  人: PEOPLE_END,
  名: PEOPLE_END,
  位: PEOPLE_END,
  人次: PEOPLE_END + "询诊",
  户: "庭象托审核请",
  张: "位卡证票",
  台: "端机器备脑",
  次: "动训议查导练诊问访助",
  万人: PEOPLE_END + "口民众",
  万人次: PEOPLE_END + "口民众",
  万元: "金费贴款资出入额助励",
  亿元: "金费贴款资出入额助励",
  元: "金费贴款资出入额助励",
  平方米: "积",
};

/** Digits and words that are or stand for a number (一 两 十 百 几 多 数 每 各 首 …). */
const NUMBER_CHARS = new Set("0123456789一二两三四五六七八九十百千万亿零〇几多数半双每各整全首第余些这那哪某诸若x×X");

/** Digits and numerals proper, and placeholders for them. */
const NUMERALS = new Set("0123456789一二两三四五六七八九十零〇xX×某");

const TRUNC3_RE = /(?<![\d.])((?:19|20)\d)年/g;
const TRUNC3_BEFORE = /(?:近|约|逾|达|历时|经过|长达|超过|第|百|数|了|用|余|共|每)$/;
const TRUNC3_AFTER = /^(?:代|多|余|间|左右|之久|历史|的历史)/;
const TRUNC2_RE = /(?:到|至|截至|截止)((?:1|2)\d)年/g;
const TRUNC2_BEFORE = /(?:[长加短高升降少增延]|\d{1,2}年)(?:到|至|截至|截止)$/;
const TRUNC2_AFTER = /^(?:代|来|多|余|间|以上|以下|以内|内|之|左右|期|的)/;
/** Two digits before 年底 / 年末 / 年初 are a year whatever precedes them ("于20年底建成"). */
const TRUNC2_END_RE = /(?<![\d.])([12]\d)年(?=底|末|初)/g;

function contextOf(text: string, index: number, length: number): string {
  const from = Math.max(0, index - 10);
  const to = Math.min(text.length, index + length + 10);
  return text.slice(from, to).replace(/\s+/g, " ").trim();
}

const CLASSIFIER_FIRST = new Set(CLASSIFIERS.map((c) => c[0]));

/** The measure word starting at position i of s, longest first. */
function classifierAt(s: string, i: number): string | undefined {
  for (const c of CLASSIFIERS) if (s.startsWith(c, i)) return c;
  return undefined;
}

/** True when the measure word at i begins a word of its own (家庭, 个人, 人员 …). */
function startsWord(s: string, i: number, cls: string): boolean {
  const next = s[i + cls.length];
  if (next === undefined) return false;
  if (NUMERALS.has(next)) return true; // "、张三", "为个xx": not a measure word
  if (cls === "家" && s.startsWith("居家", i + 1)) return false; // "建成家居家养老服务中心"
  const after = WORD_AFTER[cls];
  return after !== undefined && after.includes(next);
}

type Push = (kind: TextHit["kind"], index: number, length: number) => void;

/** A measure word right after a trigger match (verb, separator, range) that is not a word start. */
function afterTrigger(s: string, re: RegExp, allowed: Set<string> | undefined, push: Push): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    re.lastIndex = m.index + 1; // triggers may overlap: 新建成个 holds 新建 and 建成
    const at = m.index + m[0].length;
    const cls = classifierAt(s, at);
    if (!cls || (allowed && !allowed.has(cls)) || startsWord(s, at, cls)) continue;
    if (VERB_WORDS.has(m[0] + cls)) continue;
    push("missing-number", m.index, m[0].length + cls.length);
  }
}

/**
 * Where to start reporting a noun that ends at i: at the counting verb before it when there is
 * one within 14 characters ("建成综合照料中心家"), else at most 5 characters back, not across
 * punctuation, a number or 的 ("养老机构家").
 */
function nounStart(s: string, i: number): number {
  const lo = Math.max(0, i - 14);
  let verbAt = -1;
  VERB_IN_NOUN_RE.lastIndex = 0;
  const window = s.slice(lo, i);
  for (let m = VERB_IN_NOUN_RE.exec(window); m; m = VERB_IN_NOUN_RE.exec(window)) {
    if (m.index + m[0].length < window.length) verbAt = m.index;
    VERB_IN_NOUN_RE.lastIndex = m.index + 1;
  }
  let from = i - 1;
  while (from > lo && /[\u4e00-\u9fff]/.test(s[from - 1]) && !NUMBER_CHARS.has(s[from - 1]) && s[from - 1] !== "的") {
    if (verbAt < 0 && i - from >= 5) break;
    from--;
  }
  return verbAt >= 0 && lo + verbAt >= from ? lo + verbAt : from;
}

function missingNumbers(s: string, push: Push): void {
  // (1) a counting verb, a comparison word, a list separator or an open range, then a measure word.
  afterTrigger(s, VERB_RE, undefined, push);
  afterTrigger(s, WEAK_RE, WEAK_CLASSIFIERS, push);
  afterTrigger(s, LIST_RE, LIST_CLASSIFIERS, push);
  afterTrigger(s, RANGE_RE, undefined, push);
  afterTrigger(s, DE_RE, DE_CLASSIFIERS, push);
  // (2) a measure word right after a noun it counts.
  for (let i = 1; i < s.length; i++) {
    if (!CLASSIFIER_FIRST.has(s[i])) continue;
    const cls = classifierAt(s, i);
    if (!cls) continue;
    const before = NOUN_BEFORE[cls];
    if (before === undefined || !before.includes(s[i - 1])) continue;
    if (NUMBER_CHARS.has(s[i - 1]) || startsWord(s, i, cls)) continue;
    const from = nounStart(s, i);
    push("missing-number", from, i - from + cls.length);
    i += cls.length - 1;
  }
  // (3) a measure word before 以上 / 以下 / 左右 / 以内 with no number before it.
  BOUND_RE.lastIndex = 0;
  for (let m = BOUND_RE.exec(s); m; m = BOUND_RE.exec(s)) {
    for (let len = 3; len >= 1; len--) {
      const at = m.index - len;
      if (at < 1) continue;
      const cls = s.slice(at, m.index);
      if (!CLASSIFIERS.includes(cls)) continue;
      if (!BOUND_CLASSIFIERS.has(cls)) break;
      const prev = s[at - 1];
      if (/[\u4e00-\u9fff]/.test(prev) && !NUMBER_CHARS.has(prev) && !CLASSIFIER_FIRST.has(prev)) {
        push("missing-number", at - 1, 1 + len + m[0].length);
      }
      break;
    }
  }
}

/**
 * Every placeholder, missing number and truncated year in a text, in order of position.
 * Never throws; an empty text gives no hits.
 */
export function scanText(text: string): TextHit[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const s = toHalfWidth(text); // same length: indexes stay valid for the original text
  const hits: TextHit[] = [];
  const seen = new Set<number>(); // by end position: two rules on one measure word give one hit
  const push = (kind: TextHit["kind"], index: number, length: number): void => {
    if (seen.has(index + length)) return;
    seen.add(index + length);
    hits.push({ kind, match: text.slice(index, index + length), index, context: contextOf(text, index, length) });
  };

  X_RE.lastIndex = 0;
  for (let m = X_RE.exec(s); m; m = X_RE.exec(s)) {
    const xs = m[2];
    const afterX = m.index + (m[1]?.length ?? 0) + xs.length;
    if (X_WORDS.test(s.slice(afterX, afterX + 3))) continue;
    if (xs === "×" && isArithmeticTimes(s, afterX - 1)) continue;
    push("placeholder", m.index, m[0].length);
  }
  PENDING_RE.lastIndex = 0;
  for (let m = PENDING_RE.exec(s); m; m = PENDING_RE.exec(s)) push("placeholder", m.index, m[0].length);
  ZERO_RE.lastIndex = 0;
  for (let m = ZERO_RE.exec(s); m; m = ZERO_RE.exec(s)) {
    if (!startsWord(s, m.index + 1, m[1])) push("placeholder", m.index, m[0].length);
  }

  missingNumbers(s, push);

  TRUNC3_RE.lastIndex = 0;
  for (let m = TRUNC3_RE.exec(s); m; m = TRUNC3_RE.exec(s)) {
    const end = m.index + m[0].length;
    if (TRUNC3_BEFORE.test(s.slice(Math.max(0, m.index - 2), m.index))) continue;
    if (TRUNC3_AFTER.test(s.slice(end, end + 4))) continue;
    push("truncated-year", m.index, m[0].length);
  }
  TRUNC2_RE.lastIndex = 0;
  for (let m = TRUNC2_RE.exec(s); m; m = TRUNC2_RE.exec(s)) {
    const end = m.index + m[0].length;
    const numAt = end - m[1].length - 1;
    if (TRUNC2_BEFORE.test(s.slice(Math.max(0, m.index - 4), numAt))) continue;
    if (TRUNC2_AFTER.test(s.slice(end, end + 3))) continue;
    push("truncated-year", m.index, m[0].length);
  }
  TRUNC2_END_RE.lastIndex = 0;
  for (let m = TRUNC2_END_RE.exec(s); m; m = TRUNC2_END_RE.exec(s)) {
    if (TRUNC3_BEFORE.test(s.slice(Math.max(0, m.index - 2), m.index))) continue;
    push("truncated-year", m.index, m[0].length);
  }

  hits.sort((a, b) => a.index - b.index);
  return hits;
}

/** "3 × 4": a lone × between numbers is multiplication. */
function isArithmeticTimes(s: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && s[i] === " ") i--;
  let j = at + 1;
  while (j < s.length && s[j] === " ") j++;
  return /[\d)]/.test(s[i] ?? "") || /[\d(]/.test(s[j] ?? "");
}
