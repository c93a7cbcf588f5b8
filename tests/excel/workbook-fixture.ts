/**
 * A small plan and district submission, as sheets of the recording mock: the shapes of
 * reporting-conventions §1 and §2, with defects of the kinds seeds/004 shows.
 */
/** A workbook to seed: the recording mock or the Excel stand-in. */
interface Seedable {
  addSheet(name: string, rows: (string | number | null)[][]): unknown;
}

export const PLAN_ROWS: (string | number | null)[][] = [
  ["指标编码", "指标名称", "领域", "单位", "属性", "方向", "基期年", "基期值", "目标年", "目标值", "下限", "上限", "汇总方式"],
  ["YL-01", "每千名老人拥有社会养老床位数", "养老服务", "张/千人", "预期性", "正向", 2015, 35, 2020, 50, 0, 200, "比值:YL-02/YL-03×1000"],
  ["YL-02", "社会养老床位数", "养老服务", "张", "约束性", "正向", 2015, 20000, 2020, 30000, 0, null, "求和"],
  ["YL-03", "老年人口数", "养老服务", "人", "预期性", "正向", 2015, 500000, 2020, 600000, 0, null, "求和"],
  ["SH-01", "城乡低保标准", "社会救助", "元/人/月", "预期性", "正向", 2015, 600, 2020, 900, 0, 5000, "平均"],
];

/** A district sheet: header block, then `rows` of [code, name, unit, value, remark]. */
export function districtRows(district: string, rows: (string | number | null)[][]): (string | number | null)[][] {
  return [
    ["填报单位", district],
    ["报告期", "2018年6月"],
    ["填报人", "张三", "联系电话", "0572-1234567"],
    [],
    ["指标编码", "指标名称", "单位", "本期值", "备注"],
    ...rows,
  ];
}

export const GOOD_ROWS: (string | number | null)[][] = [
  ["YL-01", "每千名老人拥有社会养老床位数", "张/千人", 42, null],
  ["YL-02", "社会养老床位数", "张", 6000, null],
  ["YL-03", "老年人口数", "人", 142000, null],
  ["SH-01", "城乡低保标准", "元/人/月", 760, null],
];

/** Defects: a placeholder value (D6), a placeholder in a remark (E7), text (D9), an unknown row (A10). */
export const DEFECT_ROWS: (string | number | null)[][] = [
  ["YL-01", "每千名老人拥有社会养老床位数", "张/千人", "x", null],
  ["YL-02", "社会养老床位数", "张", 6000, "完成考核目标的x%"],
  ["YL-03", "老年人口数", "人", 142000, null],
  ["SH-01", "城乡低保标准", "元/人/月", "较高", null],
  ["ZZ-09", "自拟指标", "个", 3, null],
];

export function seedWorkbook(excel: Seedable, districts: Record<string, (string | number | null)[][]> = { 吴兴区: DEFECT_ROWS }): void {
  for (const [name, rows] of Object.entries(districts)) excel.addSheet(name, districtRows(name, rows));
  excel.addSheet("规划指标", PLAN_ROWS);
}
