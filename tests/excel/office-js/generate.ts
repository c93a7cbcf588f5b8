/**
 * Large workbooks for the Excel stand-in, made in memory (deterministic): a 规划指标 sheet of
 * `indicators` rows and `districts` district sheets in the template's layout, some values
 * placeholders or text and some remarks with placeholders, so that validation finds about
 * `defectRate` of the values. Used by the payload-limit tests and scripts/bench-excel.js.
 */
import type { Finding } from "../../../src/core/findings";
import { makeFinding } from "../../../src/core/findings";
import { a1 } from "../../../src/core/model";
import { districtRows } from "../workbook-fixture";
import type { StandInExcel } from "./stand-in";

const UNITS = ["个", "张", "人", "万元", "%"] as const;

export function planRows(indicators: number): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [
    ["指标编码", "指标名称", "领域", "单位", "属性", "方向", "基期年", "基期值", "目标年", "目标值", "下限", "上限", "汇总方式"],
  ];
  for (let i = 0; i < indicators; i++) {
    const unit = UNITS[i % UNITS.length];
    const pct = unit === "%";
    rows.push([
      code(i),
      `民政事业发展指标${i + 1}（城乡社区养老服务设施覆盖情况）`,
      `领域${(i % 7) + 1}`,
      unit,
      i % 3 ? "预期性" : "约束性",
      "正向",
      2015,
      pct ? 60 : 1000 + i,
      2020,
      pct ? 90 : 2000 + i,
      0,
      pct ? 100 : null,
      pct ? "不汇总" : "求和",
    ]);
  }
  return rows;
}

const code = (i: number) => `ZB-${String(i + 1).padStart(4, "0")}`;

/** A deterministic pseudo-random sequence (the same workbook on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface GeneratedWorkbook {
  districts: string[];
  /** Cells expected to be flagged (value or remark), "sheet!A1". */
  defects: number;
}

export function seedLarge(
  excel: StandInExcel,
  options: { districts: number; indicators: number; defectRate?: number; seed?: number },
): GeneratedWorkbook {
  const rnd = random(options.seed ?? 1);
  const rate = options.defectRate ?? 0.05;
  const names: string[] = [];
  let defects = 0;
  for (let d = 0; d < options.districts; d++) {
    const name = `第${d + 1}区`;
    names.push(name);
    const rows: (string | number | null)[][] = [];
    for (let i = 0; i < options.indicators; i++) {
      const unit = UNITS[i % UNITS.length];
      let value: string | number = unit === "%" ? Math.round(600 + rnd() * 300) / 10 : Math.round(50 + rnd() * 100);
      let remark: string | null = null;
      const r = rnd();
      if (r < rate / 2) {
        value = "x";
        defects++;
      } else if (r < rate) {
        remark = "完成考核目标的x%，建成综合照料中心家";
        defects++;
      }
      rows.push([code(i), `民政事业发展指标${i + 1}（城乡社区养老服务设施覆盖情况）`, unit, value, remark]);
    }
    excel.addSheet(name, districtRows(name, rows));
  }
  excel.addSheet("规划指标", planRows(options.indicators));
  excel.active = names[0] ?? "规划指标";
  return { districts: names, defects };
}

/**
 * `count` findings on distinct cells of `sheet` (rows from 2, columns A…T), errors and warnings
 * alternating; `text` is the clerk's text quoted in the errors' messages (it makes notes longer).
 */
export function syntheticFindings(sheet: string, count: number, text = "较高", file = "区县填报.xlsx"): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < count; i++) {
    const cell = a1(1 + Math.floor(i / 20), i % 20);
    out.push(
      i % 2
        ? makeFinding("placeholder-text", { file, sheet, cell }, { match: "x%", context: "完成考核目标的x%" })
        : makeFinding("not-a-number", { file, sheet, cell }, { name: `民政事业发展指标${i + 1}`, text }),
    );
  }
  return out;
}
