/**
 * How much one request to Excel may carry (请求大小). Excel on the web refuses a request or a
 * response above 5 MB (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded);
 * the add-in keeps every request and every expected response under REQUEST_BYTES_WEB there,
 * half the limit, measured in UTF-8 bytes of the JSON Office.js sends. Desktop Excel has no such
 * limit: larger requests, fewer round trips, memory still bounded.
 *
 * Sizes are estimated before a request is sent (Office.js builds the JSON only at sync):
 * - the data the add-in writes (values, number formats, note texts, record rows) by its own
 *   JSON size (jsonBytes);
 * - each object and action Office.js adds around it by a fixed cost per operation, measured
 *   on Microsoft's library (tests/excel/office-js) with a margin: see the constants below.
 * Reads are sized by the response they bring back, as measured on the previous request
 * (read.ts).
 */
import type { HostInfo } from "../host";

/** Bytes per request and per response in Excel on the web (the limit is 5 MB). */
export const REQUEST_BYTES_WEB = 2_500_000;
/** Bytes per request and per response in desktop Excel (no limit; bounds memory and pauses). */
export const REQUEST_BYTES_DESKTOP = 16_000_000;

/**
 * What one operation costs in a request, beyond its data (measured on excel-web-16.00.debug.js,
 * about 1.3× the largest figure seen, object ids of six digits):
 * - a range by address with one format property set or loaded: ~730–830 B → 1,100;
 * - a note added, or a comment added with its id loaded: ~180–300 B → 400;
 * - a note or comment looked up with its content (and replies) loaded: ~300–520 B → 700;
 * - a fill loaded: the response ~230 B a cell → 300.
 */
export const COST = {
  range: 1_100,
  explanation: 400,
  lookup: 700,
  loadedFill: 300,
  /** Any other single action (a sheet added, a property of a sheet set). */
  action: 300,
  /** A range's reference released (released). */
  release: 200,
} as const;

/** The byte budget of one request (and one response) on this host. */
export function requestBytes(host: HostInfo): number {
  return host.platform === "OfficeOnline" ? REQUEST_BYTES_WEB : REQUEST_BYTES_DESKTOP;
}

/** UTF-8 bytes of a string (what Excel counts), without encoding it. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a value as JSON. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? "");
}

/**
 * Cuts `items` into consecutive chunks whose estimated cost stays within `budget` (an item
 * dearer than the budget gets a chunk of its own).
 */
export function chunksByBytes<T>(items: readonly T[], budget: number, cost: (item: T) => number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const c = cost(item);
    if (current.length > 0 && used + c > budget) {
      out.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += c;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Excel.run keeps a reference to every Range created in it and releases them all in one
 * clean-up request of its own when the run ends: one _RemoveReference per range, ~115 bytes
 * each — over the web's 5 MB for some 45,000 ranges. Ranges the add-in creates by the
 * thousand are therefore held as soon as created (`held`: out of Excel.run's clean-up list)
 * and released after their last request (`released`: the removals go into the next request,
 * counted in its budget at COST.release each).
 */
export function held<T extends Excel.Range>(range: T): T {
  range.track();
  return range;
}

export function released(ranges: readonly Excel.Range[]): void {
  for (const range of ranges) range.untrack();
}

/**
 * Queues operations into the request context and syncs whenever the next one would take the
 * pending request over the budget: requests of bounded size, in the order the operations came.
 * Cancelling is checked before each sync; `onSync` runs after each (progress).
 */
export class RequestBatcher {
  private pending = 0;
  /** Requests sent. */
  syncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
    private readonly hooks: { beforeSync?: () => void; onSync?: () => void } = {},
  ) {}

  /** Ranges of the pending request, released once it is sent. */
  private ranges: Excel.Range[] = [];

  /**
   * Queues an operation estimated at `bytes`, sending the pending ones first when it would not
   * fit. The ranges it returns are released after its request.
   */
  async add(bytes: number, queue: () => Excel.Range[] | void): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.flush();
    for (const range of queue() ?? []) this.ranges.push(held(range));
    this.pending += bytes;
  }

  /** Sends what is pending. */
  async flush(): Promise<void> {
    if (this.pending === 0) return;
    this.hooks.beforeSync?.();
    const sent = this.ranges;
    this.ranges = [];
    this.pending = 0;
    this.syncs++;
    await this.context.sync();
    released(sent);
    this.pending += sent.length * COST.release;
    this.hooks.onSync?.();
  }
}
