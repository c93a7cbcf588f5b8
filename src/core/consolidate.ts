/**
 * Consolidation (汇总), reporting-conventions §4: the city value of every plan indicator,
 * computed from the district values by its 汇总方式, knowing which districts it used and
 * which it left out and why.
 *
 * Decisions where §4 is silent or ambiguous:
 * - 最小 / 最大 (min / max) take the smallest / the largest district value, literally, whatever
 *   the indicator's 方向. §4's gloss "the worst / best district" holds for 正向 indicators only;
 *   for a 逆向 indicator the smallest value is the best district. The note names the
 *   district(s) and says whether they are the worst or the best in the indicator's direction.
 *   (A plan author who writes 最小 means the smallest number; silently returning the largest
 *   for 逆向 indicators would surprise them.)
 * - 不汇总 (none): no city value (null), the districts' own values are reported per district,
 *   and the note says "不汇总，仅分区县报告". Evaluation gives such a row its own status.
 * - 比值 (ratio): the city value is ΣNUM / ΣDEN × K over the districts that have both NUM and
 *   DEN usable; the indicator's own district values are reported per district but do not enter
 *   the city value. ΣDEN = 0 gives null, with the reason in the note.
 * - 加权平均 (weighted): Σ(value × weight) / Σweight over the districts having both; Σweight = 0
 *   gives null, with the reason in the note.
 * - The same district and indicator twice in `values` (upstream resolves duplicates; this is
 *   a guard): the later report period wins; for equal periods, the later entry in the list.
 * - A district whose value entered is not also listed as excluded for that indicator.
 * - Numbers are not rounded here; rendering rounds.
 */
import { msg, type MessageData } from "./messages";
import { comparePeriods } from "./period";
import type { Aggregate, Indicator, Plan } from "./plan";
import type { DistrictValue, ExcludedValue } from "./validate";

/** A district left out of an indicator's city value, and why. */
export interface ExcludedDistrict {
  district: string;
  reason: MessageData;
}

/** The consolidated (city) value of one indicator. */
export interface CityValue {
  /** Indicator code. */
  indicator: string;
  /** The city value in the indicator's unit; null when nothing usable (or 不汇总). */
  value: number | null;
  /** Districts whose values entered the city value, in district order. */
  used: string[];
  /** Districts left out, with the reason (error findings, a missing ratio/weight component). */
  excluded: ExcludedDistrict[];
  /** Each district's own value of the indicator (null: none usable), for every district. */
  perDistrict: Record<string, number | null>;
  /** How the value was computed, when that needs saying (ratio, weighted, min/max, none, null causes). */
  note?: MessageData;
}

export interface Consolidation {
  /** Every district that appears in the values or the excluded list, in first-appearance order. */
  districts: string[];
  /** One city value per plan indicator, in plan order. */
  cityValues: CityValue[];
}

/** Every district named in the values or the excluded list, in first-appearance order. */
export function districtsOf(values: DistrictValue[], excluded: ExcludedValue[]): string[] {
  const seen = new Set<string>();
  for (const v of values) seen.add(v.district);
  for (const e of excluded) seen.add(e.district);
  return [...seen];
}

/** indicator code → district → value; for a repeated district and indicator the later period wins. */
function valueTable(values: DistrictValue[]): Map<string, Map<string, number>> {
  const chosen = new Map<string, DistrictValue>();
  for (const v of values) {
    const key = `${v.indicator}\u0000${v.district}`;
    const prior = chosen.get(key);
    if (!prior || comparePeriods(v.period, prior.period) >= 0) chosen.set(key, v);
  }
  const table = new Map<string, Map<string, number>>();
  for (const v of chosen.values()) {
    let byDistrict = table.get(v.indicator);
    if (!byDistrict) table.set(v.indicator, (byDistrict = new Map()));
    byDistrict.set(v.district, v.value);
  }
  return table;
}

/** indicator code → district → the first exclusion recorded for it. */
function exclusionTable(excluded: ExcludedValue[]): Map<string, Map<string, ExcludedValue>> {
  const table = new Map<string, Map<string, ExcludedValue>>();
  for (const e of excluded) {
    let byDistrict = table.get(e.indicator);
    if (!byDistrict) table.set(e.indicator, (byDistrict = new Map()));
    if (!byDistrict.has(e.district)) byDistrict.set(e.district, e);
  }
  return table;
}

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

type Component = { role: "numerator" | "denominator" | "weight"; code: string };

export function consolidate(plan: Plan, values: DistrictValue[], excluded: ExcludedValue[]): Consolidation {
  const districts = districtsOf(values, excluded);
  const valuesOf = valueTable(values);
  const exclusionsOf = exclusionTable(excluded);
  const nameOf = (code: string): string => plan.indicators.find((i) => i.code === code)?.name ?? code;

  const value = (code: string, district: string): number | undefined => valuesOf.get(code)?.get(district);
  const exclusion = (code: string, district: string): ExcludedValue | undefined => exclusionsOf.get(code)?.get(district);
  /** Districts (in district order) with anything, usable or excluded, for one of these codes. */
  const touching = (codes: string[]): string[] =>
    districts.filter((d) => codes.some((c) => value(c, d) !== undefined || exclusion(c, d) !== undefined));

  /** Why a district's ratio or weight components are unusable. */
  const componentReason = (district: string, missing: Component[], leftOutOf: MessageData): ExcludedDistrict => {
    const reasons = missing.map((c): MessageData => {
      const role = msg(`consolidation.${c.role}`);
      const e = exclusion(c.code, district);
      return e
        ? msg("consolidation.componentLeftOut", { role, name: nameOf(c.code), code: c.code, reason: e.reason })
        : msg("consolidation.componentMissing", { role, name: nameOf(c.code), code: c.code });
    });
    const both = reasons.length > 1 ? msg("consolidation.both", { first: reasons[0], second: reasons[1] }) : reasons[0];
    return { district, reason: msg("consolidation.leftOutOf", { reasons: both, of: leftOutOf }) };
  };

  const ownExclusions = (code: string, used: Set<string>): ExcludedDistrict[] =>
    districts
      .filter((d) => !used.has(d))
      .flatMap((d) => {
        const e = exclusion(code, d);
        return e ? [{ district: d, reason: e.reason }] : [];
      });

  function cityValue(ind: Indicator): CityValue {
    const code = ind.code;
    const perDistrict: Record<string, number | null> = {};
    for (const d of districts) perDistrict[d] = value(code, d) ?? null;
    const own = districts.filter((d) => value(code, d) !== undefined);
    const ownValues = own.map((d) => value(code, d) as number);
    const agg: Aggregate = ind.aggregate;

    switch (agg.kind) {
      case "sum":
      case "mean": {
        const total = sum(ownValues);
        const v = own.length === 0 ? null : agg.kind === "sum" ? total : total / own.length;
        return { indicator: code, value: v, used: own, excluded: ownExclusions(code, new Set(own)), perDistrict };
      }
      case "min":
      case "max": {
        const base = { indicator: code, used: own, excluded: ownExclusions(code, new Set(own)), perDistrict };
        if (own.length === 0) return { ...base, value: null };
        const v = agg.kind === "min" ? Math.min(...ownValues) : Math.max(...ownValues);
        const at = own.filter((d) => value(code, d) === v);
        // The smallest value is the worst district of a 正向 indicator and the best of a 逆向 one.
        const worst = (agg.kind === "min") === (ind.direction === "up");
        const judgement = msg(`consolidation.${worst ? "worst" : "best"}${ind.direction === "up" ? "Up" : "Down"}`);
        const note = msg(`consolidation.${agg.kind === "min" ? "smallest" : "largest"}`, { districts: at, judgement });
        return { ...base, value: v, note };
      }
      case "none":
        return {
          indicator: code,
          value: null,
          used: [],
          excluded: ownExclusions(code, new Set()),
          perDistrict,
          note: msg("consolidation.none"),
        };
      case "weighted": {
        const leftOutOf = msg("consolidation.ofWeighted");
        const used = own.filter((d) => value(agg.by, d) !== undefined);
        const usedSet = new Set(used);
        const excludedHere = districts
          .filter((d) => !usedSet.has(d))
          .flatMap((d): ExcludedDistrict[] => {
            const e = exclusion(code, d);
            if (e) return [{ district: d, reason: e.reason }];
            if (value(code, d) !== undefined) return [componentReason(d, [{ role: "weight", code: agg.by }], leftOutOf)];
            return [];
          });
        const weights = used.map((d) => value(agg.by, d) as number);
        const weightSum = sum(weights);
        const weighted = sum(used.map((d, i) => (value(code, d) as number) * weights[i]));
        const lacking = own.length - used.length;
        let note = msg("consolidation.weighted", { name: nameOf(agg.by), code: agg.by, used: used.length, lacking });
        let v: number | null = used.length === 0 ? null : weighted / weightSum;
        if (used.length > 0 && weightSum === 0) {
          v = null;
          note = msg("consolidation.weightsZero", { note });
        }
        return { indicator: code, value: v, used, excluded: excludedHere, perDistrict, note };
      }
      case "ratio": {
        const leftOutOf = msg("consolidation.ofRatio");
        const candidates = touching([code, agg.num, agg.den]);
        const used = candidates.filter((d) => value(agg.num, d) !== undefined && value(agg.den, d) !== undefined);
        const usedSet = new Set(used);
        const excludedHere = candidates
          .filter((d) => !usedSet.has(d))
          .map((d) => {
            const missing: Component[] = [];
            if (value(agg.num, d) === undefined) missing.push({ role: "numerator", code: agg.num });
            if (value(agg.den, d) === undefined) missing.push({ role: "denominator", code: agg.den });
            return componentReason(d, missing, leftOutOf);
          });
        const numSum = sum(used.map((d) => value(agg.num, d) as number));
        const denSum = sum(used.map((d) => value(agg.den, d) as number));
        let note = msg("consolidation.ratio", { num: nameOf(agg.num), den: nameOf(agg.den), factor: agg.factor, used: used.length });
        let v: number | null = used.length === 0 ? null : (numSum / denSum) * agg.factor;
        if (used.length > 0 && denSum === 0) {
          v = null;
          note = msg("consolidation.denominatorZero", { note });
        }
        return { indicator: code, value: v, used, excluded: excludedHere, perDistrict, note };
      }
    }
  }

  return { districts, cityValues: plan.indicators.map(cityValue) };
}
