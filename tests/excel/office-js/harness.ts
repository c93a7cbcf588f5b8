/**
 * Shortcuts for tests on Microsoft's library: a runtime's HostInfo as src/host builds it from
 * the runtime's Office object, and the options the use-cases of src/excel/actions.ts take.
 */
import type { ActionOptions } from "../../../src/excel/actions";
import { RECORD_SHEET } from "../../../src/excel/record";
import { hostInfoFromOffice, type HostInfo } from "../../../src/host";
import type { OfficeHost, Runtime } from "./runtime";
import type { CellState } from "./stand-in";

/** The HostInfo src/host makes of this runtime's Office (requirement sets, platform, language). */
export function hostInfo(runtime: Runtime): HostInfo {
  const office = (runtime.window as unknown as { Office: Parameters<typeof hostInfoFromOffice>[0] }).Office;
  return hostInfoFromOffice(office, "Excel");
}

/** The options a use-case gets in this runtime (as the pane's workspace passes them). */
export function optionsOf<T extends object = object>(runtime: Runtime, extra?: T): ActionOptions & T {
  return { host: hostInfo(runtime), store: runtime.store, ...(extra as T) };
}

/** The task pane's runtime of a host. */
export function pane(host: OfficeHost): Runtime {
  return host.start({ name: "pane" });
}

export function fillOf(cell: CellState | undefined): CellState["fill"] | null {
  return cell?.fill ?? null;
}

/** Every cell's value and formula but those of the add-in's record sheet: what marking and clearing must never change. */
export function snapshotValues(host: OfficeHost): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of host.excel.sheets) {
    if (s.name === RECORD_SHEET) continue;
    for (const [k, c] of s.cells) out[`${s.name}:${k}`] = [c.value, c.formula];
  }
  return out;
}
