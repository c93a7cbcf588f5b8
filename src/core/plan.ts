/**
 * Plan target definitions (规划指标), reporting-conventions §1.
 */

/** 属性: 约束性 (binding) or 预期性 (anticipatory). */
export type IndicatorType = "binding" | "anticipatory";
/** 方向: 正向 (higher is better) or 逆向 (lower is better). */
export type Direction = "up" | "down";

/** 汇总方式, §4. */
export type Aggregate =
  | { kind: "sum" }
  | { kind: "mean" }
  | { kind: "weighted"; by: string }
  | { kind: "ratio"; num: string; den: string; factor: number }
  | { kind: "min" }
  | { kind: "max" }
  | { kind: "none" };

export interface Indicator {
  /** 指标编码, unique. */
  code: string;
  /** 指标名称. */
  name: string;
  /** 领域. */
  domain?: string;
  /** 单位, as written in the plan (张, %, ‰, 万元, 张/千人 …). */
  unit: string;
  type: IndicatorType;
  direction: Direction;
  /** 基期年. */
  baseYear?: number;
  /** 基期值. */
  baseline?: number;
  /** 目标年. */
  targetYear: number;
  /** 目标值. */
  target: number;
  /** 下限 (plausibility). */
  min?: number;
  /** 上限 (plausibility); a % rate defaults to 100. */
  max?: number;
  aggregate: Aggregate;
  /** 包含于: code of the total this indicator is a part of (其中项). */
  partOf?: string;
  /** 说明. */
  note?: string;
}

export interface Plan {
  indicators: Indicator[];
  /** 填报单位 the plan expects to report, when it lists them (sheet 填报单位 or JSON "units"). */
  units?: string[];
}
