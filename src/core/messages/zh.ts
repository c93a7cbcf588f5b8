/**
 * The Chinese catalogue (中文): every word the product shows — findings, errors, notices,
 * result tables, the draft statements, the command line, the pane and the ribbon. It is the
 * reference catalogue: its sections, entries and parameter types are what every other
 * language (en.ts) must have. An entry with parameters is a function of them (strings and
 * numbers, already formatted); without parameters it is a string (or a row of column headers).
 *
 * Adding a finding kind: its definition in src/core/findings.ts (FINDING_KINDS), then one
 * entry in `finding` here and in en.ts. A status, a category, an error code, a notice: one
 * entry in `status`, `category` (+ `categoryDescription`), `error`, `notice` here and in en.ts.
 */
import { formatCount } from "../format";
import type { Category, FindingKind, FindingParamName, Severity } from "../findings";
import type { Status } from "../evaluate";
import type { RuleId } from "../rules";

/** Named parameters, as messages receive them: already formatted. */
type P<N extends string> = Readonly<Record<N, string | number>>;

/** 一, 二, … 十, 十一, … 九十九. */
function chineseNumeral(n: number): string {
  const digits = "零一二三四五六七八九";
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ""}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ""}`;
}

const finding = {
  "placeholder-value": (p) => `“${p.name}”的本期值是未填写的占位符“${p.text}”`,
  "placeholder-text": (p) => `文字中有未填写的占位符“${p.match}”：${p.context}`,
  "missing-number": (p) => `文字中量词前缺少数字“${p.match}”：${p.context}`,
  "truncated-year": (p) => `文字中的年份不完整“${p.match}”：${p.context}`,
  "zero-placeholder": (p) => `“${p.name}”填了 0，该指标不可能为 0，可能是未填写`,
  "missing-row": (p) => `缺少指标 ${p.indicator}“${p.name}”`,
  "missing-value": (p) => `“${p.name}”的本期值为空`,
  "not-a-number": (p) => `“${p.name}”的本期值“${p.text}”不是数值`,
  "below-min": (p) => `“${p.name}”的值 ${p.value} 低于下限 ${p.min}`,
  "above-max": (p) => `“${p.name}”的值 ${p.value} 高于上限 ${p.max}`,
  "unit-mismatch": (p) => `“${p.name}”的值“${p.text}”带单位“${p.written}”，无法换算为指标单位“${p.unit}”`,
  "part-exceeds-total": (p) => `其中项“${p.name}”(${p.value}) 大于其合计“${p.totalName}”(${p.total})`,
  "unknown-indicator": (p) => `“${p.text}”与规划中的任何指标都对不上`,
  "duplicate-same": (p) => `指标“${p.name}”填报了两次（值相同，按一次计），另见 ${p.other}`,
  "duplicate-different": (p) => `指标“${p.name}”填报了两次且值不同（${p.value} 与 ${p.otherValue}），均不计入汇总，另见 ${p.other}`,
  "no-district": () => "工作表有指标表但没有“填报单位”，未作为填报表读取",
  "no-period": (p) => `缺少报告期或报告期“${p.text}”无法识别`,
  "no-table": () => "工作表有“填报单位”但找不到指标表（需要“指标编码”或“指标名称”以及“本期值”列）",
  "no-submission": () => "文件中没有可识别的填报表",
  "plan-row-invalid": (p) => `规划定义第 ${p.row} 行“${p.column}”列无效：${p.reason}`,
  "plan-column-missing": (p) => `规划指标表缺少必需的列“${p.column}”（${p.alias}），无法读取指标`,
  "plan-no-header": (p) => `“${p.sheet}”表中找不到规划指标的表头行（需要“指标编码”“指标名称”“单位”“目标年”“目标值”等列）`,
  "plan-no-sheet": () => "工作簿中没有“规划指标”工作表",
  "plan-invalid-file": (p) => `规划文件无法读取：${p.reason}`,
  "plan-empty": () => "规划中没有任何指标",
  "sheet-part-missing": (p) => `工作表“${p.sheet}”的数据部件缺失（${p.part}），未读取`,
  "sheet-damaged": (p) => `工作表“${p.sheet}”的数据已损坏（${p.detail}），未读取`,
  "sheet-too-large": (p) => `工作表“${p.sheet}”超过读取上限（${p.limit}），未读取`,
  "sheet-name-duplicate": (p) => `工作簿中已有名为“${p.sheet}”的工作表，同名的另一张工作表未读取`,
  "sheet-name-unusual": (p) => `工作表名称“${p.sheet}”${p.why}，Excel 打开时可能修复或改名；已照常读取`,
  "cell-duplicate": (p) => `单元格在文件中存了两次，值不同（“${p.first}”与“${p.second}”），均不采用`,
  "row-duplicate": (p) => `第 ${p.row} 行在文件中存了两次，本单元格两次的值不同（“${p.first}”与“${p.second}”），均不采用`,
  "cell-shared-string": (p) => `单元格引用的共享字符串 ${p.index} 不存在（文件中共 ${p.count} 个），未读取`,
  "cell-non-finite": (p) => `单元格中存的数“${p.text}”不是有限数值，未读取`,
  "cell-date": (p) => `单元格中的日期“${p.text}”无法识别，未读取`,
  "cell-type": (p) => `单元格的类型“${p.type}”与内容“${p.text}”不符，未读取`,
} satisfies { [K in FindingKind]: (p: P<FindingParamName<K>>) => string };

export const zh = {
  /** How the language joins things. */
  sep: {
    /** Names in a list: 吴兴区、德清县. */
    names: "、",
    /** Parts of one statement: 问题 2 条；未计入：吴兴区. */
    parts: "；",
    /** Sentences of a paragraph. */
    sentences: "",
    /** A label and what follows it: 类别：… */
    label: "：",
  },

  category: {
    placeholder: "未填占位符",
    missing: "缺报",
    "not-a-number": "非数值",
    "out-of-range": "超出范围",
    "unit-mismatch": "单位不符",
    inconsistent: "前后矛盾",
    "unknown-indicator": "未知指标",
    duplicate: "重复填报",
    structure: "结构问题",
  } satisfies Record<Category, string>,

  categoryDescription: {
    placeholder: "模板留下的占位符（x%、xx、待填…）、缺数字的量词或残缺年份",
    missing: "规划中的指标在填报表中没有行或没有值",
    "not-a-number": "既不是数字也不是占位符的文字",
    "out-of-range": "超出下限/上限、百分比超过100或计数为负",
    "unit-mismatch": "单元格中写的单位无法换算为指标单位",
    inconsistent: "其中项大于合计等指标之间的矛盾",
    "unknown-indicator": "表中某行与规划中任何指标都对不上",
    duplicate: "同一指标在一张填报表中出现两次",
    structure: "缺填报单位、报告期或指标表，规划定义行无效，或工作表、单元格无法按文件格式读取",
  } satisfies Record<Category, string>,

  severity: { error: "错误", warning: "提示" } satisfies Record<Severity, string>,

  /** 评价 (§5). */
  status: {
    met: "已完成",
    "on-track": "符合进度",
    behind: "滞后",
    "no-data": "无数据",
  } satisfies Record<Status, string>,

  evaluation: {
    /** 无数据 of an indicator that is not consolidated (不汇总). */
    notConsolidated: (p: P<"status">) => `${p.status}（不汇总）`,
    attention: "重点关注",
    withAttention: (p: P<"status">) => `${p.status}（重点关注）`,
  },

  indicatorType: { binding: "约束性", anticipatory: "预期性" },

  finding,

  /** A finding that stands for many of its kind in one sheet (collapseFindings). */
  repeat: {
    findings: (p: P<"count" | "category" | "range" | "message">) => `${formatCount(Number(p.count), "zh")} 处${p.category}（${p.range}），首处：${p.message}`,
    noRange: (p: P<"count" | "category" | "message">) => `${formatCount(Number(p.count), "zh")} 处${p.category}，首处：${p.message}`,
  },


  /** Why a plan row, a plan file or a value is not usable (parameters of other messages). */
  reason: {
    required: "不能为空",
    notAType: (p: P<"text">) => `无法识别“${p.text}”，应为约束性或预期性`,
    notADirection: (p: P<"text">) => `无法识别“${p.text}”，应为正向或逆向`,
    notAYear: (p: P<"text">) => `“${p.text}”不是四位年份`,
    unknownUnit: (p: P<"text">) => `无法识别的单位“${p.text}”`,
    unknownAggregate: (p: P<"text">) =>
      `无法识别的汇总方式“${p.text}”，应为 求和、平均、加权平均:编码、比值:分子编码/分母编码×倍数、最小、最大 或 不汇总`,
    unitMismatch: (p: P<"shown" | "written" | "unit">) => `“${p.shown}”带单位“${p.written}”，无法换算为指标单位“${p.unit}”`,
    notANumber: (p: P<"text">) => `“${p.text}”不是数字`,
    minAboveMax: (p: P<"min" | "max">) => `下限 ${p.min} 大于上限 ${p.max}`,
    baseYearNotBefore: (p: P<"baseYear" | "targetYear">) => `基期年 ${p.baseYear} 不早于目标年 ${p.targetYear}`,
    duplicateCode: (p: P<"code" | "row">) => `编码“${p.code}”与第 ${p.row} 行重复`,
    partOfMissing: (p: P<"code">) => `包含于“${p.code}”不是规划中的有效指标`,
    partOfSelf: "指标不能包含于自身",
    partOfCycle: (p: P<"cycle">) => `包含于关系形成循环（${p.cycle}），没有可作总数的指标`,
    weightSelf: "加权平均不能以指标自身为权重",
    numeratorSelf: "比值的分子不能是指标自身",
    denominatorSelf: "比值的分母不能是指标自身",
    weightMissing: (p: P<"code">) => `加权指标“${p.code}”不是规划中的有效指标`,
    numeratorMissing: (p: P<"code">) => `分子指标“${p.code}”不是规划中的有效指标`,
    denominatorMissing: (p: P<"code">) => `分母指标“${p.code}”不是规划中的有效指标`,
    notScalar: "应为文字或数字",
    /** The JSON parser's own words (why) are for developers: English only. */
    invalidJson: (_p: P<"why">) => "不是有效的 JSON",
    notAPlan: "应为指标数组，或含 indicators 数组的对象",
    /** A value left out of consolidation: the category and the message of the finding that blocks it. */
    excluded: (p: P<"category" | "message">) => `${p.category}：${p.message}`,
  },

  /** How a city value was computed, and why a district is left out of it (§4). */
  consolidation: {
    numerator: "分子",
    denominator: "分母",
    weight: "权重",
    componentLeftOut: (p: P<"role" | "name" | "code" | "reason">) => `${p.role}指标“${p.name}”（${p.code}）的值未计入：${p.reason}`,
    componentMissing: (p: P<"role" | "name" | "code">) => `缺少${p.role}指标“${p.name}”（${p.code}）的值`,
    both: (p: P<"first" | "second">) => `${p.first}；${p.second}`,
    ofWeighted: "加权平均",
    ofRatio: "比值",
    leftOutOf: (p: P<"reasons" | "of">) => `${p.reasons}，未计入${p.of}`,
    smallest: (p: P<"districts" | "judgement">) => `取各区县最小值（${p.districts}），${p.judgement}`,
    largest: (p: P<"districts" | "judgement">) => `取各区县最大值（${p.districts}），${p.judgement}`,
    worstUp: "正向指标中为最差区县",
    bestUp: "正向指标中为最好区县",
    worstDown: "逆向指标中为最差区县",
    bestDown: "逆向指标中为最好区县",
    none: "不汇总，仅分区县报告",
    weighted: (p: P<"name" | "code" | "used" | "lacking">) =>
      `按“${p.name}”（${p.code}）加权平均，计入 ${p.used} 个区县${Number(p.lacking) > 0 ? `；${p.lacking} 个区县缺少权重，未计入` : ""}`,
    weightsZero: (p: P<"note">) => `${p.note}；权重合计为 0，无法计算`,
    ratio: (p: P<"num" | "den" | "factor" | "used">) =>
      `按“${p.num}”合计 ÷ “${p.den}”合计${Number(p.factor) === 1 ? "" : ` × ${p.factor}`}计算，比值按同时报送分子和分母的 ${p.used} 个区县计算`,
    denominatorZero: (p: P<"note">) => `${p.note}；分母合计为 0，无法计算比值`,
  },

  /** The result sheets of compile (src/core/tables.ts). */
  table: {
    title: "民政事业发展规划中期评估表",
    districtsTitle: "分区县指标数据",
    findingsTitle: "填报问题清单",
    statementsTitle: "民政事业发展规划中期评估要点",
    overall: "总体情况",
    statement: "评估表述（草稿）",
    no: "序号",
    code: "指标编码",
    name: "指标名称",
    unit: "单位",
    type: "属性",
    baseline: "基期值",
    target: "目标值",
    actual: "中期值",
    progress: "目标完成进度",
    timeProgress: "时间进度",
    status: "评价",
    remarks: "备注",
    city: "汇总值",
    file: "文件",
    sheet: "工作表",
    cell: "单元格",
    district: "填报单位",
    category: "类别",
    severity: "严重程度",
    message: "说明",
    confirmation: "情况属实说明",
    notSubmitted: "未报送",
    leftOut: "未计入",
    other: "其他",
    noFindings: "未发现问题。",
    notes: "说明：",
    notSubmittedHeader: (p: P<"district">) => `${p.district}（未报送）`,
    group: (p: P<"index" | "domain">) => `${chineseNumeral(Number(p.index))}、${p.domain}`,
    submissionRef: (p: P<"file" | "sheet" | "period">) => `${p.file} / ${p.sheet}（${p.period}）`,
    noteTime: (p: P<"asOf" | "time">) =>
      `时间进度为截至${p.asOf}末规划期已过时间的比例（${p.time}）；目标完成进度 =（中期值 − 基期值）÷（目标值 − 基期值），无基期值时为中期值 ÷ 目标值（逆向指标为目标值 ÷ 中期值）。`,
    noteStatus:
      "评价：达到目标值为“已完成”；未完成但目标完成进度不低于时间进度为“符合进度”，低于时间进度为“滞后”；约束性指标滞后的标注“重点关注”。",
    noteErrors: "有错误的分区县数值不计入汇总，详见“分区数据”和“问题清单”。",
    noteNotSubmitted: (p: P<"units">) => `未报送单位：${p.units}。`,
    noteDuplicate: (p: P<"district" | "kept" | "dropped">) => `${p.district}重复报送：采用 ${p.kept}，未采用 ${p.dropped}。`,
    /** Separates the dropped submissions of a duplicate note. */
    refSeparator: "、",
    findingCount: (p: P<"count">) => `问题 ${p.count} 条`,
    leftOutDistricts: (p: P<"districts">) => `未计入：${p.districts}`,
    districtReason: (p: P<"district" | "reason">) => `${p.district}：${p.reason}`,
    midtermSubtitle: (p: P<"asOf" | "time" | "submitted" | "missing">) =>
      `评估时点：截至${p.asOf}\u3000\u3000时间进度：${p.time}\u3000\u3000报送单位：${p.submitted} 个${Number(p.missing) > 0 ? `（未报送 ${p.missing} 个）` : ""}`,
    printHeader: (p: P<"title" | "asOf">) => `${p.title}（截至${p.asOf}）`,
    districtsSubtitle: (p: P<"asOf">) => `截至${p.asOf}；标色单元格有问题，批注中有说明`,
    findingsSubtitle: (p: P<"asOf" | "total" | "errors" | "warnings">) =>
      `截至${p.asOf}；共 ${p.total} 条，其中错误 ${p.errors} 条（错误的数值不计入汇总）、提示 ${p.warnings} 条`,
    statementsSubtitle: (p: P<"asOf">) => `截至${p.asOf}；由中期评估表生成的表述草稿，供撰写评估报告时修改使用，数值以中期评估表为准`,
  },

  /** The note on a marked cell (the workbook, a marked copy, 分区数据): one line per finding. */
  mark: {
    /** Begins every note the add-in or a marked copy writes, so a reader knows where it comes from. */
    prefix: "【指标校验】",
    /** The author of the notes a marked copy adds. */
    author: "民政指标校验",
    line: (p: P<"severity" | "message">) => `【${p.severity}】${p.message}`,
    confirmed: (p: P<"line" | "reason">) => `${p.line}（已确认情况属实：${p.reason}）`,
  },

  /** The draft statements of 评估要点 (src/core/statements.ts). */
  statement: {
    percentPoints: "个百分点",
    perMillePoints: "个千分点",
    none: (p: P<"name">) => `${p.name}不汇总，各区县数值见“分区数据”。`,
    noData: (p: P<"name">) => `${p.name}没有可用的区县数值，无法评价。`,
    leftOut: (p: P<"districts">) => `${p.districts}的数值有问题，未计入汇总。`,
    attention: "该指标为约束性指标，需重点关注。",
    met: (p: { name: string; actual: string; target: string; diff: string; up: boolean; same: boolean; early: boolean }) =>
      `${p.name}${p.up ? "达到" : "为"}${p.actual}，${p.same ? "达到目标值" : `${p.up ? "超过" : "低于"}目标值（${p.target}）${p.diff}`}，${p.early ? "已提前完成" : "已完成"}规划目标。`,
    backwards: (p: { baseline: string; up: boolean }) => `，较基期值（${p.baseline}）${p.up ? "不升反降" : "不降反升"}`,
    rest: (p: { target: string; gap: string; up: boolean }) => `距目标值（${p.target}）尚${p.up ? "差" : "需降低"}${p.gap}`,
    onTrack: (p: P<"name" | "actual" | "progress" | "time" | "rest">) =>
      `${p.name}为${p.actual}，目标完成进度${p.progress}，不低于时间进度（${p.time}），符合进度；${p.rest}。`,
    behind: (p: P<"name" | "actual" | "backwards" | "progress" | "points" | "rest">) =>
      `${p.name}为${p.actual}${p.backwards}，目标完成进度${p.progress}，落后时间进度${p.points}个百分点，滞后；${p.rest}。`,
    overall: (p: P<"asOf" | "time" | "total" | "met" | "onTrack" | "behind" | "noData">) =>
      `截至${p.asOf}，规划期时间进度${p.time}。纳入评估的${p.total}项指标中，已完成${p.met}项，符合进度${p.onTrack}项，滞后${p.behind}项，无数据${p.noData}项。`,
    overallMet: (p: { names: string; early: boolean }) => `${p.early ? "已提前完成" : "已完成"}的指标：${p.names}。`,
    overallAttention: (p: P<"count" | "names">) => `约束性指标中有${p.count}项滞后，需重点关注：${p.names}。`,
  },

  /** Why something cannot be done: the one error type's codes (src/core/errors.ts). */
  error: {
    unexpected: (p: P<"detail">) => `程序出错：${p.detail}`,
    cancelled: () => "已取消",
    "no-as-of": () => "没有可用的填报表，无法确定评估时点，请指定报告期（如 --as-of 2018-06）",
    "as-of-invalid": (p: P<"text">) => `“${p.text}”不是可识别的报告期，请写成 2018-06 这样的形式。`,
    "option-as-of": (p: P<"text">) => `无法识别评估时点 --as-of “${p.text}”，请写作 2018-06 或 2018年6月`,
    "option-period": (p: P<"text">) => `无法识别报告期 --period “${p.text}”，请写作 2018-06 或 2018年6月`,
    "option-invalid": (p: P<"option" | "detail">) => `选项 --${p.option} 的值无效：${p.detail}`,
    "plan-not-found": (p: P<"path">) => `找不到规划文件：${p.path}`,
    "plan-unreadable": (p: P<"path" | "why">) => `无法读取规划文件（${p.why}）：${p.path}`,
    "plan-unusable": (p: P<"path" | "reason">) => `${p.reason}：${p.path}`,
    "plan-none-carried": (p: P<"path">) =>
      `未指定 --plan，且工作簿中没有随附的“规划指标”工作表（由 indicators template 生成的填报模板才有）：${p.path}`,
    "folder-empty": (p: P<"path">) => `文件夹中没有工作簿文件（.xlsx、.xlsm、.xls、.ods、.et）：${p.path}`,
    "output-is-input": (p: P<"path">) => `输出文件不能是输入文件：${p.path}`,
    "output-is-plan": (p: P<"path">) => `输出文件不能是规划文件：${p.path}`,
    "output-unwritable": (p: P<"path" | "why">) => `无法写入输出文件（${p.why}）：${p.path}`,
    "output-not-xlsx": (p: P<"path">) => `输出文件应以 .xlsx 结尾（写出的是 .xlsx 工作簿）：${p.path}`,
    "output-not-file": (p: P<"path">) => `输出位置不是普通文件（文件夹、设备、管道或链接不会被替换）：${p.path}`,
    "output-read-only": (p: P<"path">) => `输出文件是只读的，不会替换它：${p.path}`,
    "output-exists": (p: P<"path">) => `输出文件已存在，未覆盖（加 --force 覆盖）：${p.path}`,
    "file-not-found": (p: P<"file" | "detail">) => `找不到文件${p.detail ? `（${p.detail}）` : ""}：${p.file}`,
    "not-a-workbook": (p: P<"file" | "detail">) => `不是可读取的工作簿${p.detail ? `（${p.detail}）` : ""}：${p.file}`,
    encrypted: (p: P<"file" | "detail">) =>
      `文件已加密（设有打开密码），请另存为未加密的工作簿${p.detail ? `（${p.detail}）` : ""}：${p.file}`,
    "too-large": (p: P<"file" | "detail">) => `文件过大${p.detail ? `（${p.detail}）` : ""}：${p.file}`,
    "mark-not-xlsx": () => "只能为 .xlsx / .xlsm 工作簿生成标记副本：请先在 Excel 或 WPS 中另存为 .xlsx",
    "mark-part-unreadable": (p: P<"part" | "why">) => `工作簿部件 ${p.part} 无法读取，未生成标记副本`,
    "mark-part-incomplete": (p: P<"part">) => `工作簿部件不完整（${p.part}），未生成标记副本`,
    truncated: (p: P<"file" | "detail">) => `文件不完整（可能下载或复制时中断）${p.detail ? `（${p.detail}）` : ""}：${p.file}`,
    "empty-file": (p: P<"file" | "detail">) => `文件是空的${p.detail ? `（${p.detail}）` : ""}：${p.file}`,
    "no-plan-sheet": () => "本工作簿中没有“规划指标”工作表：请在面板中选择规划文件，或用“指标定义”创建规划指标表。",
    "reason-required": () => "请写明情况属实的原因",
    "confirm-needs-sheet": () => "只有工作表中的问题可以确认。",
    "sheet-conflict": () => "工作表名称冲突",
    "need-plan": () => "请先选择规划指标文件（工作簿或 .json）。",
    "need-submissions": () => "请先选择至少一个区县填报工作簿（.xlsx、.xlsm、.xls、.ods、.et）。",
    "submission-not-workbook": (p: P<"file">) => `填报工作簿必须是工作簿文件（.xlsx、.xlsm、.xls、.ods、.et）：${p.file}`,
    "invalid-json-file": (p: P<"file">) => `不是有效的 JSON 文件：${p.file}`,
    "workbook-not-open": (p: P<"file">) => `没有打开工作簿：${p.file}`,
    "compile-first": () => "请先汇总。",
    "worker-failed": (p: P<"detail">) => `后台计算出错：${p.detail}`,
    "record-sheet-foreign": (p: P<"sheet">) =>
      `工作簿中已有名为“${p.sheet}”的工作表，它不是本加载项的记录表，加载项不会写入它：请将该工作表改名后再试。`,
    "protected-old-host": () =>
      "工作表受保护，此版本的 Excel 不能由加载项暂时撤销保护（需要 ExcelApi 1.2）：请先在“审阅 › 撤销工作表保护”后再标记或清除标记，完成后再保护。",
    "sheets-incomplete": (p: P<"reason">) => `工作表未能写完（${p.reason}），未写完的工作表已删除。`,
  },

  /** Details of a file that cannot be read (parameters of the error messages). */
  readDetail: {
    folder: "这是一个文件夹",
    cannotRead: (p: P<"why">) => `无法读取：${p.why}`,
    /** The zip or XML library's own words (why) are for developers: English only. */
    damaged: (_p: P<"why">) => "文件已损坏",
    noSheets: "工作簿中没有工作表",
    zeroBytes: "0 字节",
    notZip: "不是 zip 格式",
    noWorkbookInZip: "压缩包中没有 Excel 工作簿",
    notAWorkbookFile: "不是 .xlsx、.xlsm、.xls 或 .ods 文件",
    odfNotSpreadsheet: "这是 OpenDocument 文档，不是表格",
    malformedXml: (_p: P<"why">) => "XML 格式错误",
    damagedZip: (_p: P<"why">) => "压缩数据损坏",
    unparsable: (_p: P<"why">) => "无法解析",
    partDamaged: (p: P<"part" | "detail">) => `文件已损坏：${p.part} ${p.detail}`,
    partOverLimit: (p: P<"part" | "limit">) => `${p.part} 超过读取上限（${p.limit}）`,
    overLimit: (p: P<"limit">) => `超过读取上限（${p.limit}）`,
  },

  /** A read limit the reader stopped at (src/files/sheet-builder.ts), parameters of read messages. */
  readLimit: {
    part: (p: P<"mb">) => `解压后 ${p.mb} MB`,
    total: (p: P<"mb">) => `整个文件解压后 ${p.mb} MB`,
    rows: (p: P<"n">) => `${p.n} 行`,
    columns: (p: P<"n">) => `${p.n} 列`,
    cells: (p: P<"n">) => `整个文件 ${p.n} 个单元格`,
    sharedStrings: (p: P<"n">) => `${p.n} 个共享字符串`,
    fileBytes: (p: P<"mb">) => `文件 ${p.mb} MB`,
  },

  /** Why a sheet name is unusual (parameter of finding.sheet-name-unusual). */
  sheetName: {
    badCharacters: (p: P<"chars">) => `含有 Excel 不允许的字符 ${p.chars}`,
    empty: "为空",
    apostrophe: "以单引号开头或结尾",
    tooLong: "长于 31 个字符",
  },

  /** What the Office.js adapter tells the user about how it worked on this host (src/excel). */
  notice: {
    "explanations-unsupported": () =>
      "此版本的 Excel 不支持备注或批注（需要 ExcelApi 1.18 或 1.10）：只标记了单元格底色，问题说明请看问题列表。",
    "cells-had-notes": (p: P<"count">) => `${p.count} 个单元格原来已有备注或批注，未添加说明（原有内容保持不变）。`,
    "protected-sheets": (p: P<"sheets">) => `工作表“${p.sheets}”设有密码保护，加载项未改动其中的单元格。`,
    "comments-failed": (p: P<"reason">) => `此 Excel 拒绝添加批注（${p.reason}）：单元格已标记底色，问题说明请看问题列表。`,
    "fills-changed": (p: P<"count">) => `${p.count} 个单元格的底色在标记后已被改动，保留了现在的底色。`,
    "explanations-kept": (p: P<"count">) => `${p.count} 条加载项添加的备注或批注已被修改或已有回复，予以保留。`,
    "sheets-gone": (p: P<"sheets">) => `工作表“${p.sheets}”已不存在（已删除或改名），其中的问题未标记：请重新校验。`,
    "record-damaged": (p: P<"count">) => `加载项的修改记录中有 ${p.count} 行无法识别，这些单元格的底色无法恢复。`,
    "marks-gone": (p: P<"count">) => `${p.count} 处加载项添加的备注或批注已被删除，无需清除。`,
    "sheet-renamed": (p: P<"name" | "renamed">) => `已有一个不是加载项创建的工作表“${p.name}”，结果写入了“${p.renamed}”。`,
    "formatting-reduced": (p: P<"features">) => `此版本的 Excel 不支持部分格式（${p.features}），结果表已写入但格式从简。`,
    "extras-failed": (p: P<"reason">) => `结果表已写入，但此版本的 Excel 未能完成打印设置或进度对比图：${p.reason}`,
  },

  /** Formatting features an older Excel lacks (parameters of notice.formatting-reduced). */
  feature: {
    merges: "合并单元格",
    widths: "列宽",
    freeze: "冻结表头",
    validation: "数据有效性",
    print: "打印设置",
    protection: "工作表保护",
    notes: "批注",
  },

  /** What each validation rule checks (src/core/rules.ts), for the docs and reports. */
  rule: {
    read: "工作表或单元格无法按文件格式读取：数据部件缺失或损坏、超过读取上限、单元格重复存储、共享字符串不存在、数值非有限数、日期无法识别",
    structure: "工作表有指标表却无填报单位、有填报单位却无指标表、报告期缺失或无法识别，或整个文件没有填报表",
    "placeholder-value": "本期值是模板占位符（x%、xx、待填、—…）",
    "zero-placeholder": "下限大于 0 的指标填了 0（多为未填写）",
    missing: "规划中的指标在填报表中没有行，或本期值为空",
    "not-a-number": "本期值是既非数字也非占位符的文字",
    "unit-mismatch": "单元格中写的单位无法换算为指标单位",
    "out-of-range": "值低于下限或高于上限；百分比超过 100（规划另有上限除外）；计数为负",
    duplicate: "同一指标在一张填报表中出现两次：值相同按一次计（提示），值不同均不计入（错误）",
    "unknown-indicator": "表中某行的编码和名称都与规划对不上",
    "placeholder-text": "备注等文字中有占位符、量词前缺数字或残缺年份（提示，本行的值照常计入）",
    "part-exceeds-total": "其中项（包含于）大于其合计；标在其中项的单元格上",
  } satisfies Record<RuleId, string>,

  /** The progress chart the add-in writes beside the result sheets. */
  chart: {
    title: "目标完成进度与时间进度对比",
    category: "指标名称",
    progress: "目标完成进度",
    time: "时间进度",
  },

  /** The command line (src/cli). */
  cli: {
    program: "民政规划指标填报校验、汇总与中期评估",
    helpHint: "（运行 indicators --help 查看用法）",
    help: "显示帮助",
    helpCommand: "显示命令的帮助",
    usage: "用法：",
    options: "选项：",
    commands: "命令：",
    arguments: "参数：",
    globalOptions: "全局选项：",
    default: (p: P<"value">) => `（默认：${p.value}）`,
    choices: (p: P<"values">) => `（可选：${p.values}）`,
    optPlan: "规划指标：工作簿（含“规划指标”工作表）或 .json",
    optPlanCarried: "规划指标：工作簿（含“规划指标”工作表）或 .json；省略时用各工作簿随附的规划（填报模板中隐藏的“规划指标”）",
    optFormat: "输出格式：table 或 json",
    optLang: "语言：zh 或 en",
    optAsOf: "评估时点（报告期），如 2018-06 或 2018年6月；默认取各填报表中最晚的报告期",
    optOutput: "写出的中期评估工作簿（.xlsx）",
    optDistrict: "填报单位，如 吴兴区",
    optPeriod: "报告期，如 2018-06 或 2018年6月；不填则由填报人填写",
    optTemplateOutput: "写出的模板（.xlsx），默认为“填报单位.xlsx”",
    optForce: "覆盖已存在的输出文件",
    argFiles: "填报工作簿（.xlsx、.xlsm、.xls、.ods、.et），或含这些文件的文件夹",
    validate: "按规划指标校验各区县填报表，列出问题（退出码：0 无错误，1 有错误，2 无法读取输入）",
    compile: "汇总各区县填报表，按报告期做中期评估，写出中期评估表（退出码：0 完成，有问题也为 0，问题见“问题清单”；2 无法读取输入）",
    template: "按规划指标生成区县填报模板（含数据有效性和工作表保护）",
    demo: "在 examples/ 的示例数据上演示校验（及汇总评估）",
    /** commander's own errors, by its error code. */
    missingArgument: (p: P<"name">) => `错误：缺少必需的参数“${p.name}”`,
    optionMissingArgument: (p: P<"option">) => `错误：选项“${p.option}”缺少取值`,
    missingMandatoryOption: (p: P<"option">) => `错误：必须指定选项“${p.option}”`,
    unknownOption: (p: P<"option">) => `错误：未知选项“${p.option}”`,
    unknownCommand: (p: P<"command">) => `错误：未知命令“${p.command}”`,
    excessArguments: (p: P<"expected" | "received">) => `错误：参数过多，应为 ${p.expected} 个，实际 ${p.received} 个`,
    conflictingOption: (p: P<"detail">) => `错误：选项冲突（${p.detail}）`,
    invalidArgument: (p: P<"detail">) => `错误：参数无效（${p.detail}）`,
    didYouMean: (p: P<"suggestion">) => `（是否要输入 ${p.suggestion}？）`,
    progress: (p: P<"done" | "total" | "file">) => `读取 ${p.done}/${p.total} … ${p.file}`,
    read: (p: P<"files" | "submissions">) => `已读取 ${p.files} 个文件，${p.submissions} 张填报表。`,
    noFindings: "未发现问题。",
    summary: (p: P<"total" | "errors" | "warnings" | "confirmed">) =>
      `共 ${p.total} 个问题：错误 ${p.errors}，提示 ${p.warnings}${Number(p.confirmed) > 0 ? `（其中 ${p.confirmed} 个已确认情况属实）` : ""}`,
    headers: ["文件", "工作表", "单元格", "指标", "类别", "严重程度", "说明"],
    confirmedMessage: (p: P<"message" | "reason">) => `${p.message}（已确认：${p.reason}）`,
    written: (p: P<"path">) => `已写出中期评估工作簿：${p.path}`,
    compileHeaders: ["指标", "名称", "单位", "目标值", "中期值", "目标完成进度", "评价"],
    asOfLine: (p: P<"asOf" | "time" | "submissions">) => `评估时点：截至${p.asOf}，时间进度 ${p.time}；填报表 ${p.submissions} 张`,
    notSubmitted: (p: P<"units">) => `未报送：${p.units}`,
    duplicate: (p: P<"district" | "kept" | "dropped">) => `重复报送：${p.district}，采用 ${p.kept}，未采用 ${p.dropped}`,
    findings: (p: P<"total" | "errors">) => `问题 ${p.total} 条（错误 ${p.errors} 条，其数值未计入汇总），详见“问题清单”`,
    statement: (p: P<"statement">) => `评估要点：${p.statement}（逐项表述见“评估要点”）`,
    findingsNotWritten: (p: P<"total" | "errors">) => `问题 ${p.total} 条（错误 ${p.errors} 条，其数值未计入汇总）`,
    statementNotWritten: (p: P<"statement">) => `评估要点：${p.statement}`,
    notWritten: (p: P<"path">) => `未写出工作簿（未给 -o）：加 -o ${p.path} 即写出中期评估表、评估要点、分区数据和问题清单`,
    defaultOutput: "中期评估.xlsx",
    templateWritten: (p: P<"path" | "count">) => `已生成填报模板：${p.path}（${p.count} 项指标）`,
    demoValidate: "校验示例填报表（indicators validate --plan examples/plan.xlsx examples/submissions）",
    demoCompile: "汇总评估示例填报表（indicators compile --plan examples/plan.xlsx examples/submissions -o out/midterm.xlsx）",
  },

  /** The ribbon's commands (src/commands). */
  ribbon: {
    failed: (p: P<"reason">) => `未能完成：${p.reason}`,
    validatedClean: (p: P<"submissions">) => `校验完成：${p.submissions} 张填报表，没有发现问题。`,
    validated: (p: P<"submissions" | "total" | "errors" | "warnings" | "categories" | "marked">) =>
      `校验完成：${p.submissions} 张填报表，${p.total} 个问题（错误 ${p.errors}，提示 ${p.warnings}；${p.categories}），已标记 ${p.marked} 个单元格。详情请打开面板。`,
    categoryCount: (p: P<"category" | "count">) => `${p.category} ${p.count}`,
    categorySeparator: "，",
    compiled: (p: P<"asOf" | "units" | "sheets">) => `汇总完成（评估时点 ${p.asOf}，${p.units} 个填报单位）：已写入 ${p.sheets}。`,
    nothingToClear: "没有需要清除的标记。",
    cleared: (p: P<"restored" | "removed">) => `已清除标记：恢复了 ${p.restored} 个单元格的底色，删除了 ${p.removed} 条说明。`,
    outOfTime:
      "已到 Excel 给功能区命令的时限（5 分钟），工作已停止。已做的标记可用“清除标记”撤销，未写完的结果表已删除。请在面板中处理这个工作簿。",
    ok: "确定",
  },

  /** The task pane (src/taskpane). */
  pane: {
    appTitle: "民政规划指标",
    switchLanguage: "English",
    switchLanguageLabel: "Switch the pane to English",
    standaloneNotice: "未在 Excel 中运行：可以直接打开 .xlsx 文件进行校验和汇总。文件只在本机浏览器中读取，不会上传。",
    privacyNotice: "除加载 Office.js 外，本页面不发出任何网络请求。",
    loadingHost: "正在连接 Excel…",
    tabValidate: "填报校验",
    tabCompile: "汇总评估",
    tabPlan: "指标定义",
    tabsLabel: "功能",
    // files (standalone)
    filesTitle: "打开文件",
    planFile: "规划指标文件（.xlsx 或 .json）",
    pickPlan: "选择规划文件",
    districtFiles: "区县填报工作簿（可多选）",
    pickDistricts: "选择填报工作簿",
    dropHere: "也可以把文件拖到这里",
    dropZoneLabel: "拖放工作簿（.xlsx、.xls、.ods 等）或 .json 文件到此处",
    noPlanYet: "尚未选择规划指标文件",
    planCarried: "未选择规划文件：使用填报模板随附的规划",
    carriesPlan: "（随附规划）",
    noDistrictsYet: "尚未选择填报工作簿",
    removeFile: (p: P<"name">) => `移除 ${p.name}`,
    fileRead: (p: P<"name" | "sheets">) => `${p.name}：${p.sheets} 个工作表`,
    // validate tab
    validateWorkbook: "校验整个工作簿",
    validateSheet: "校验当前工作表",
    validateFiles: "校验所选文件",
    needPlanAndFiles: "请先选择规划指标文件和至少一个填报工作簿。",
    noFindings: "没有发现问题。",
    notValidatedYet: "尚未校验。",
    findingsSummary: (p: P<"total" | "errors" | "warnings">) => `共 ${p.total} 个问题：错误 ${p.errors} 个，提示 ${p.warnings} 个`,
    filterSeverity: "严重程度",
    filterCategory: "类别",
    allSeverities: "全部",
    allCategories: "全部类别",
    shownOf: (p: P<"shown" | "total">) => `显示 ${p.shown} / ${p.total}`,
    categoryCount: (p: P<"category" | "count">) => `${p.category}（${p.count}）`,
    wholeFile: "整个文件",
    noCell: "（无单元格）",
    markCells: "标记到单元格",
    markShown: (p: P<"count">) => `标记显示的 ${p.count} 个问题`,
    clearMarks: "清除标记",
    downloadMarked: (p: P<"name">) => `下载带标记的 ${p.name}`,
    markedCount: (p: P<"count">) => `已标记 ${p.count} 个单元格。`,
    notesUnsupported: "此版本的 Excel 不支持备注或批注：标记时只填充单元格底色，问题说明请看本列表。",
    marksCleared: "已清除加载项添加的标记。",
    confirm: "情况属实",
    confirmed: (p: P<"reason">) => `已确认情况属实：${p.reason}`,
    confirmTitle: "确认情况属实",
    confirmIntro: "此提示将随工作簿一起带到汇总和问题清单中。请写明原因：",
    confirmReason: "原因",
    confirmSave: "保存",
    cancel: "取消",
    markedCopyName: (p: P<"name" | "extension">) => `${p.name}（已标记）${p.extension}`,
    confirmSaved: "已记录“情况属实”。",
    unconfirm: "撤销确认",
    unconfirmSaved: "已撤销“情况属实”。",
    selectFinding: (p: P<"where">) => `定位到 ${p.where}`,
    previewTitle: (p: P<"file" | "sheet">) => `预览：${p.file} · ${p.sheet}`,
    previewSheet: "工作表",
    previewCapped: (p: P<"rows">) => `只显示前 ${p.rows} 行。`,
    previewEmpty: "选择一个问题或工作表以预览。",
    // compile tab
    planSource: "规划来源",
    planFromSheet: "本工作簿中的“规划指标”工作表",
    planFromFile: "规划文件（.xlsx / .json）",
    asOf: "评估截至",
    asOfHint: "如 2018-06；留空则取最新的报告期",
    submissions: "填报表",
    useWorkbookSheets: "本工作簿中的填报表",
    addDistrictFiles: "添加区县工作簿",
    compile: "汇总",
    compileNeedsPlan: "请先选择规划来源。",
    summaryTitle: (p: P<"asOf" | "time">) => `截至 ${p.asOf}，时间进度 ${p.time}`,
    statusCounts: "评价",
    statusCount: (p: P<"status" | "count">) => `${p.status} ${p.count}`,
    indicatorCol: "指标",
    actualCol: "中期值",
    targetShort: (p: P<"value">) => `目标 ${p.value}`,
    progressCol: "完成进度",
    statusCol: "评价",
    sheetsWritten: (p: P<"names">) => `已写入工作表：${p.names}`,
    conflictTitle: "已有同名工作表",
    conflictIntro: "本工作簿中已有以下工作表，它们不是加载项创建的：",
    conflictItem: (p: P<"name" | "suggested">) => `“${p.name}”（另存时写入“${p.suggested}”）`,
    conflictReplaceHint: "“替换”会删除这些工作表及其中的内容；“另存为”保留它们，结果写入新工作表。",
    conflictReplace: "替换",
    conflictRename: (p: P<"name">) => `另存为“${p.name}”`,
    conflictRenameAll: "另存为新工作表",
    conflictCancelled: "未写入工作表（原有工作表保持不变）。",
    sheetsCreated: (p: P<"names">) => `已创建工作表：${p.names}`,
    removeResults: "删除结果工作表",
    removeResultsTitle: "删除本加载项写入的结果工作表？",
    removeResultsText:
      "将删除本加载项汇总时写入的工作表（中期评估表、评估要点、分区数据、问题清单、进度对比图中由本加载项创建的那些），在其中所做的修改也会一并删除。您自己的工作表和填报数据不受影响。",
    removeResultsConfirm: "删除",
    resultsRemoved: (p: P<"names">) => `已删除工作表：${p.names}`,
    noResultsToRemove: "没有本加载项写入的结果工作表。",
    downloadMidterm: "下载 midterm.xlsx",
    downloadDone: (p: P<"name">) => `已生成 ${p.name}`,
    // plan tab
    loadPlan: "查看规划指标",
    reloadPlan: "重新读取规划指标",
    planEmpty: "尚未读取规划。",
    planNoFile: "请先在上方“打开文件”中选择规划文件（.xlsx 或 .json）。",
    planCount: (p: P<"count">) => `共 ${p.count} 项指标`,
    planErrors: (p: P<"count">) => `规划定义中有 ${p.count} 处错误：`,
    planOk: "规划定义没有错误。",
    colCode: "编码",
    colName: "名称",
    colUnit: "单位",
    colType: "属性",
    colTarget: "目标值",
    targetWithYear: (p: P<"target" | "year">) => `${p.target}（${p.year}）`,
    createSkeleton: "创建“规划指标”空白表",
    downloadSkeleton: "下载“规划指标”空白表",
    templateDistrict: "填报单位",
    templatePeriod: "报告期",
    createTemplate: "创建区县填报表",
    downloadTemplate: "下载区县填报模板",
    templateNeedsDistrict: "请填写填报单位。",
    // work
    working: "正在处理…",
    stageRead: "正在读取",
    stageValidate: "正在校验",
    stageMark: "正在标记",
    stageClear: "正在清除标记",
    stageCompile: "正在汇总",
    stageWrite: "正在写入工作表",
    cancelWork: "取消",
    cancelled: "已取消。",
    errorTitle: "出错了",
    dismiss: "关闭",
  },
};
