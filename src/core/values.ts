/**
 * Values as clerks write them (reporting-conventions §3): reading one value cell against
 * the indicator's unit.
 */

/** The prose qualifier a clerk wrote with a number; kept with the value, never reported. */
export type Qualifier = "approx" | "at-least" | "more-than" | "at-most" | "less-than";

export type ValueReading =
  /** A usable number, already converted into the indicator's unit. */
  | { kind: "number"; value: number; qualifier?: Qualifier; writtenUnit?: string }
  /** Nothing in the cell. */
  | { kind: "blank" }
  /** An unfilled template placeholder (x%, xx, 待填, —, …). */
  | { kind: "placeholder"; token: string }
  /** A number with a unit that does not convert to the indicator's unit. */
  | { kind: "unit-mismatch"; value: number; writtenUnit: string }
  /** Text that is neither a number nor a placeholder. */
  | { kind: "not-a-number"; text: string };
