/**
 * Host detection (宿主检测), in one place (as Script Lab does): are we inside Office, in which
 * application, which requirement sets does it support, which language does it show. Every other
 * module asks a HostInfo instead of testing `typeof Office` itself.
 *
 * Office.js is loaded from Microsoft's CDN with an `async` script tag, so `Office` may appear
 * late or never (offline). detectHost waits for it and for Office.onReady, up to a timeout,
 * and never throws: outside Office (a plain browser, no network) it reports inOffice false.
 * A page Office opened says so in its address (Office adds `_host_Info` to the add-in's URL,
 * or puts it in window.name): there the wait is IN_OFFICE_TIMEOUT_MS, so that a slow link
 * does not turn the pane into the file page for good after 5 seconds.
 */

export type UiLanguage = "zh" | "en";

export interface HostInfo {
  /** True when running inside an Office application (Office.onReady reported a host). */
  inOffice: boolean;
  /** The Office application; only Excel is supported. */
  host: "excel" | null;
  /** Whether the host supports a requirement set at a version, e.g. ("ExcelApi", "1.18"). */
  supports(set: RequirementSet, version: string): boolean;
  /** Office's display language (the browser's outside Office): zh unless it is English. */
  displayLanguage: UiLanguage;
  /** Office.context.platform ("PC", "Mac", "OfficeOnline", …), null outside Office. */
  platform: string | null;
}

export type RequirementSet = "ExcelApi" | "DialogApi" | "SharedRuntime" | "RibbonApi";

/** The subset of the Office.js global this module reads. */
interface OfficeGlobal {
  onReady(): Promise<{ host: unknown; platform?: unknown }>;
  context?: {
    displayLanguage?: string;
    platform?: unknown;
    requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

/** zh for any Chinese locale and for anything unknown; en for English locales. */
export function uiLanguage(locale: string | undefined | null): UiLanguage {
  return locale && /^en\b/i.test(locale) ? "en" : "zh";
}

function browserLanguage(): UiLanguage {
  const nav = (globalThis as { navigator?: { language?: string } }).navigator;
  return uiLanguage(nav?.language);
}

/** The HostInfo of a page that is not inside Office. */
export function notInOffice(language: UiLanguage = browserLanguage()): HostInfo {
  return { inOffice: false, host: null, supports: () => false, displayLanguage: language, platform: null };
}

function officeGlobal(): OfficeGlobal | undefined {
  const office = (globalThis as { Office?: OfficeGlobal }).Office;
  return office && typeof office.onReady === "function" ? office : undefined;
}

/** How long detectHost waits by default: on a page Office opened, and elsewhere. */
export const IN_OFFICE_TIMEOUT_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 5_000;

/** Whether Office opened this page: the `_host_Info` Office adds to the add-in's address (or to window.name). */
export function openedByOffice(): boolean {
  const g = globalThis as { location?: { search?: string; hash?: string }; name?: unknown };
  const where = `${g.location?.search ?? ""}${g.location?.hash ?? ""}${typeof g.name === "string" ? g.name : ""}`;
  return /_host_Info=|"hostInfo"/i.test(where);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with `promise`'s value, or with `fallback` after `ms`. */
function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The HostInfo of an Office host that has reported ready. */
export function hostInfoFromOffice(office: OfficeGlobal, readyHost: unknown): HostInfo {
  const host = String(readyHost ?? "").toLowerCase() === "excel" ? "excel" : null;
  if (readyHost === null || readyHost === undefined) return notInOffice();
  const requirements = office.context?.requirements;
  const platform = office.context?.platform;
  return {
    inOffice: true,
    host,
    supports(set, version) {
      try {
        return !!requirements?.isSetSupported(set, version);
      } catch {
        return false;
      }
    },
    displayLanguage: uiLanguage(office.context?.displayLanguage),
    platform: platform === undefined || platform === null ? null : String(platform),
  };
}

/**
 * Waits (up to `timeoutMs`; default 60 s on a page Office opened, 5 s elsewhere) for Office.js
 * to load and report ready, and describes the host. Never throws; outside Office, or when
 * Office.js never loads, the result has inOffice false.
 */
export async function detectHost(options: { timeoutMs?: number } = {}): Promise<HostInfo> {
  const deadline = Date.now() + (options.timeoutMs ?? (openedByOffice() ? IN_OFFICE_TIMEOUT_MS : DEFAULT_TIMEOUT_MS));
  try {
    let office = officeGlobal();
    while (!office && Date.now() < deadline) {
      await sleep(50);
      office = officeGlobal();
    }
    if (!office) return notInOffice();
    const ready = await within(
      office.onReady().then(
        (info) => info ?? { host: null },
        () => ({ host: null }),
      ),
      deadline - Date.now(),
      { host: null },
    );
    return hostInfoFromOffice(office, ready.host);
  } catch {
    return notInOffice();
  }
}
