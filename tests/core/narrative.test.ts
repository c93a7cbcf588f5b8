/**
 * The text scanner on excerpts of the seeds: seeds/004 (an unfinished submission) must give
 * its placeholders, missing numbers and truncated years; the published plans and the mid-term
 * report (seeds 000–003) must give nothing.
 */
import { scanText, type TextHit } from "../../src/core/narrative";

const kinds = (t: string): [TextHit["kind"], string][] => scanText(t).map((h) => [h.kind, h.match]);

/** seeds/004, 一、各项考核指标完成情况 (first paragraph, verbatim). */
const SEED_004 =
  "市对区考核指标完成情况:对照《2017年度区、县(市)养老服务体系建设目标考核办法》,居家养老照料中心建设方面:" +
  "建成综合照料中心家,完成考核目标的x%。建成街道级照料中心4家,完成考核目标的x%;社区居家养老服务照料中心社会化运营x家," +
  "完成考核目标的x%;提供医疗服务的照料中心90家,完成考核目标的x%。家庭医生责任签约方面:到201年家庭责任签约数x万人," +
  "完成考核目标的x%;到2017年家庭责任签约数x万人,完成考核目标的x%。养老机构建设方面:养老机构新增床位x张,均为护理型床位," +
  "完成考核目标的x%;公建民营的养老机构家,完成考核目标x%。养老护理员培训方面:201年,养老护理员全年培训人数达x人," +
  "完成考核目标的x%。";

/** seeds/004, further down. */
const SEED_004_LATER = [
  "截止目前,共发放救助金x余万元。",
  "共救助困难家庭x余户,发放各类救助资金x余万元。圆满完成第x次春风行动,募集资金超x万元。",
  "完成32个未达标社区的“两化”建设,建成个社区服务综合体,做好4个回迁安置社区配套建设工作。",
  "确保我区开发建设的1个社区配套标准达到每百户建筑面积0平方米;",
  "以松龄苑老人公寓为试点,引进“想家宝”“健康小屋”等智能健康穿戴设备。制定“一人一案”7x24小时关爱照护计划,",
  "承办xx市第11个国际社工日主题宣传等系列活动。",
];

/** Clean passages of seeds 000–003 (verbatim), full of numbers, measure words and years. */
const CLEAN = [
  // 003
  "低保提标扩面,市区标准为738元/月/人,三县标准为681元/月/人,分别比\"十二五\"期间增长11%和10.7%,全市在册低保对象共3.28万人占比1.24%,支出低保金10962.94万元,低保边缘保障对象共1.35万人占比0.51%。",
  "全市建成社会养老床位39467张,其中,养老机构床位25097张、居家养老服务照料中心床位14370张,每千名老人拥有社会养老床位约59张(超额9张)。全市建成养老机构147家,每千名老人机构床位37.6张,其中民办机构床位19423张,占比78%(超额8%)。",
  "自2016年起,全市民政系统勠力同心,着眼目标积极履职,突出改革奋力作为,提升基础增强实效,经过2年半发展,全市民政事业取得预期发展。",
  "全市建成避灾安置场所1232个,创建国家级减灾示范社区54个,省级减灾示范社区64个。创新形式加大防灾减灾宣传。",
  "全市累计登记注册社会组织共2483家,每万人社会组织数达9.4个。全市街道和城市社区枢纽型、支持型社区社会组织达152家,覆盖率达83.5%。",
  "依托信息平台升级,在全省率先建立社会救助综合信息共享平台,实现救助核对平台省、市、县(区)以及多部门提档升级。",
  "全市享受政府购买居家养老服务老人24987人,占老年人口3.8%(完成任务)。政府出资为全市60周岁以上老人购买意外伤害险。",
  // 000–002
  "到2020年末,全区养老机构护理型床位占比达到70%以上,创建全国级减灾示范社区16个以上。",
  "至2020年养老床位总量达到9155张,每万人拥有社会组织数8.5家,社区居委会依法自治达标率保持在94%以上。",
  "火化率提升至65%以上,力争节地生态安葬率达到25%以上,新增养老机构床位数不少于2500张。",
  "搭建社会组织孵化平台,完善1+X的孵化模式。一是加大政策扶持力度,二是培育一批品牌社会组织。",
  "建成一个示范点,新增两家养老院,培训各类人员,提供个性化服务,建立健全台账,出台相关文件,为人民服务,大家共同努力建设美好家园。",
  "以社区为家,发挥专家作用,推进国家级示范创建,老年人口比重逐年上升,个别街道进展较慢,近20年来首次,5年内完成。",
];

describe("scanText on seeds/004", () => {
  it("finds every x placeholder, the missing numbers and the truncated years of the first paragraph", () => {
    const hits = kinds(SEED_004);
    expect(hits).toEqual([
      ["missing-number", "建成综合照料中心家"],
      ["placeholder", "x%"],
      ["placeholder", "x%"],
      ["placeholder", "x家"],
      ["placeholder", "x%"],
      ["placeholder", "x%"],
      ["truncated-year", "201年"],
      ["placeholder", "x万人"],
      ["placeholder", "x%"],
      ["placeholder", "x万人"],
      ["placeholder", "x%"],
      ["placeholder", "x张"],
      ["placeholder", "x%"],
      ["missing-number", "养老机构家"],
      ["placeholder", "x%"],
      ["truncated-year", "201年"],
      ["placeholder", "x人"],
      ["placeholder", "x%"],
    ]);
  });

  it("gives positions and context for messages", () => {
    const [first] = scanText(SEED_004);
    expect(SEED_004.slice(first.index, first.index + first.match.length)).toBe(first.match);
    expect(first.context).toContain("建成综合照料中心家");
    expect(first.context.length).toBeLessThanOrEqual(first.match.length + 20);
  });

  it("finds the placeholders, the missing number and the lone 0 of the later paragraphs, not 7x24", () => {
    expect(SEED_004_LATER.map(kinds)).toEqual([
      [["placeholder", "x余万元"]],
      [
        ["placeholder", "x余户"],
        ["placeholder", "x余万元"],
        ["placeholder", "第x次"],
        ["placeholder", "超x万元"],
      ],
      [["missing-number", "建成个"]],
      [["placeholder", "0平方米"]],
      [],
      [["placeholder", "xx市"]],
    ]);
  });
});

describe("scanText on clean text", () => {
  it.each(CLEAN.map((t, i) => [i, t]))("passage %d gives no hit", (_, t) => {
    expect(scanText(t as string)).toEqual([]);
  });
});

describe("placeholders in prose", () => {
  it.each([
    ["完成考核目标的x%", "x%"],
    ["签约数x万人", "x万人"],
    ["第x次", "第x次"],
    ["xx市民政局", "xx市"],
    ["××街道", "××街道"],
    ["数据待填", "待填"],
    ["时间待定", "待定"],
    ["完成考核目标的ｘ％", "ｘ％"],
  ])("%j → %j", (t, match) => {
    expect(kinds(t)).toEqual([["placeholder", match]]);
  });

  it("not inside Latin words, numbers or formulas, nor 有待", () => {
    for (const t of ["7x24小时", "1+X模式", "Excel表格", "X光检查", "3 × 4", "有待定论", "APP", "xbox", "本期新增0家"]) {
      expect(kinds(t)).toEqual([]);
    }
  });
});

describe("missing numbers", () => {
  it.each([
    ["建成综合照料中心家,完成考核目标", "建成综合照料中心家"],
    ["建成个社区服务综合体", "建成个"],
    ["新增张床位", "新增张"],
    ["培训养老护理员人,持证率达90%", "培训养老护理员人"],
    ["发放智慧养老终端台", "发放智慧养老终端台"],
    ["新增床位张", "新增床位张"],
    ["共发放救助资金万元", "救助资金万元"],
    ["建成居家养老服务照料中心家", "建成居家养老服务照料中心家"],
    ["培育规范个以上的社会组织", "范个以上"],
    ["精心打造5—个双拥示范点", "5—个"],
    ["不少于家", "不少于家"],
    ["8家国家级、家省级", "、家"],
    ["由2013年的元提高至现行的588元", "的元"],
    ["比2012年提高了个百分点", "提高了个"],
  ])("%j → %j", (t, match) => {
    expect(kinds(t)).toEqual([["missing-number", match]]);
  });

  it("numbers written in Chinese are numbers, and words that begin with a measure word are words", () => {
    for (const t of [
      "建成一个", "建成两家", "新增十个", "建成首个", "培训各个街道", "建成多家", "人家", "大家", "国家", "专家",
      "个人", "个别", "人员", "家庭", "人口", "培训人员", "提供个性化服务", "建立台账", "服务到家", "老年人以上",
    ]) {
      expect(kinds(t)).toEqual([]);
    }
  });
});

describe("truncated years", () => {
  it.each([
    ["到201年家庭责任签约数", "201年"],
    ["201年,养老护理员全年培训", "201年"],
    ["自201年以来", "201年"],
    ["到20年底", "到20年"],
    ["截至18年6月", "截至18年"],
    ["于20年底建成", "20年"],
    ["20年末完成全覆盖", "20年"],
  ])("%j → %j", (t, match) => {
    expect(kinds(t)).toEqual([["truncated-year", match]]);
  });

  it("full years, plan names and durations are not truncated years", () => {
    for (const t of ["到2020年", "十三五", "20年来", "5年", "近200年来", "200多年", "延长至20年", "到20年代末", "经过2年半发展", "2020年底前建成", "近20年末"]) {
      expect(kinds(t)).toEqual([]);
    }
  });
});

describe("robustness", () => {
  it("empty and odd input", () => {
    expect(scanText("")).toEqual([]);
    expect(scanText(undefined as unknown as string)).toEqual([]);
    expect(scanText(42 as unknown as string)).toEqual([]);
  });
});
