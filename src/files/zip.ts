/**
 * The zip container of .xlsx/.xlsm/.ods packages (PKWARE APPNOTE 6.3): the central directory,
 * and each entry's bytes inflated under a bound. Browser-safe: the inflate itself is handed in
 * (node:zlib in Node, fflate in the page), so one reader serves both.
 *
 * What it refuses, and how:
 * - no end-of-central-directory record, or a directory beyond the end of the bytes: truncated
 *   (the directory is written last, so a cut file loses it);
 * - an entry whose declared or actual inflated size passes the bound: ZipTooLarge, found from
 *   the central directory first and again while inflating (a declared size can lie);
 * - encryption, a compression other than stored/deflate, bytes that do not inflate: ZipDamaged
 *   for that entry only.
 * Zip64 archives are read (their sizes and offsets come from the zip64 records).
 */

/** One entry of the central directory. */
export interface ZipEntry {
  /** The name as stored (UTF-8, or CP437 read as Latin-1 without the UTF-8 flag). */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** The uncompressed size the directory declares (it can lie). */
  size: number;
  localOffset: number;
  crc: number;
  /** MS-DOS time (low 16 bits) and date (high 16 bits) of the entry. */
  modified: number;
}

/**
 * Inflates raw deflate data, throwing ZipTooLarge as soon as the output passes `maxBytes`
 * (never holding much more than that), and any other error for data that does not inflate.
 */
export type Inflater = (data: Uint8Array, maxBytes: number) => Uint8Array;

/** The archive itself cannot be read: no directory (truncated), or not a zip at all. */
export class ZipUnreadable extends Error {
  constructor(readonly reason: "truncated" | "damaged", detail: string) {
    super(detail);
    this.name = "ZipUnreadable";
  }
}

/** An entry whose inflated size passes the bound. */
export class ZipTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`inflates to more than ${limit} bytes`);
    this.name = "ZipTooLarge";
  }
}

/** An entry that cannot be inflated (encrypted, unknown method, corrupt data). */
export class ZipDamaged extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "ZipDamaged";
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
/** A little-endian 64-bit size; beyond 2^53 it is no size a file of ours can have. */
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/** The central directory's entries, in directory order. Throws ZipUnreadable. */
export function readCentralDirectory(bytes: Uint8Array): ZipEntry[] {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= lowest; i--) {
    if (u32(bytes, i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipUnreadable("truncated", "no end of central directory");
  let count = u16(bytes, eocd + 10);
  let size = u32(bytes, eocd + 12);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== ZIP64_LOCATOR) throw new ZipUnreadable("truncated", "zip64 locator missing");
    const record = u64(bytes, locator + 8);
    if (record + 56 > bytes.length || u32(bytes, record) !== ZIP64_EOCD) throw new ZipUnreadable("truncated", "zip64 record missing");
    count = u64(bytes, record + 32);
    size = u64(bytes, record + 40);
    offset = u64(bytes, record + 48);
  }
  if (offset + size > bytes.length) throw new ZipUnreadable("truncated", "central directory beyond the end");
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) throw new ZipUnreadable("truncated", "central directory cut short");
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const nameBytes = bytes.subarray(at + 46, at + 46 + nameLength);
    const entry: ZipEntry = {
      name: (flags & 0x800 ? utf8 : latin1).decode(nameBytes),
      method: u16(bytes, at + 10),
      flags,
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
      crc: u32(bytes, at + 16),
      modified: u32(bytes, at + 12),
    };
    readZip64Extra(bytes, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Fills the sizes and offset a zip64 extra field carries in place of 0xffffffff. */
function readZip64Extra(bytes: Uint8Array, start: number, length: number, entry: ZipEntry): void {
  if (entry.size !== 0xffffffff && entry.compressedSize !== 0xffffffff && entry.localOffset !== 0xffffffff) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = u16(bytes, at);
    const len = u16(bytes, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ["size", "compressedSize", "localOffset"] as const) {
        if (entry[key] === 0xffffffff && field + 8 <= at + 4 + len) {
          entry[key] = u64(bytes, field);
          field += 8;
        }
      }
      return;
    }
    at += 4 + len;
  }
}

/** Where an entry's stored (compressed) bytes lie; throws ZipDamaged. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || u32(bytes, local) !== LOCAL) throw new ZipDamaged("local header missing");
  const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipDamaged("data beyond the end of the file");
  return bytes.subarray(start, end);
}

/**
 * An entry's content, at most `maxBytes` once inflated. Throws ZipTooLarge (declared or actual
 * size over the bound) or ZipDamaged.
 */
export function extractEntry(bytes: Uint8Array, entry: ZipEntry, inflate: Inflater, maxBytes: number): Uint8Array {
  if (entry.size > maxBytes) throw new ZipTooLarge(maxBytes);
  if (entry.flags & 0x41) throw new ZipDamaged("encrypted entry");
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipTooLarge(maxBytes);
    return data;
  }
  if (entry.method !== 8) throw new ZipDamaged(`compression method ${entry.method}`);
  try {
    return inflate(data, maxBytes);
  } catch (e) {
    if (e instanceof ZipTooLarge) throw e;
    throw new ZipDamaged(e instanceof Error ? e.message : String(e));
  }
}

// ---------------------------------------------------------------------------------------
// Writing (marked copies): entries copied as stored, or new content deflated.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry of the zip to write: its name, and its stored bytes as they go into the file. */
export interface ZipOutEntry {
  name: string;
  method: number;
  crc: number;
  size: number;
  modified: number;
  stored: Uint8Array;
}

/** An entry of a read zip, to be written again as it is stored: its bytes are never inflated. */
export function copiedEntry(bytes: Uint8Array, entry: ZipEntry): ZipOutEntry {
  return { name: entry.name, method: entry.method, crc: entry.crc, size: entry.size, modified: entry.modified, stored: entryData(bytes, entry) };
}

const encoder = new TextEncoder();

/** The fields local header and central record share, from "version needed" to the name's length. */
function headerFields(view: DataView, at: number, e: ZipOutEntry, nameLength: number): void {
  view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(at + 2, 0x800, true); // UTF-8 names
  view.setUint16(at + 4, e.method, true);
  view.setUint32(at + 6, e.modified, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.stored.length, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, nameLength, true);
}

/** Writes a zip (no zip64: a marked copy stays within the read limits). Names are UTF-8. */
export function writeZip(entries: readonly ZipOutEntry[]): Uint8Array {
  const names = entries.map((e) => encoder.encode(e.name));
  const localSize = entries.reduce((n, e, i) => n + 30 + names[i].length + e.stored.length, 0);
  const centralSize = names.reduce((n, name) => n + 46 + name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  entries.forEach((e, i) => {
    offsets.push(at);
    view.setUint32(at, LOCAL, true);
    headerFields(view, at + 4, e, names[i].length);
    out.set(names[i], at + 30);
    out.set(e.stored, at + 30 + names[i].length);
    at += 30 + names[i].length + e.stored.length;
  });
  const central = at;
  entries.forEach((e, i) => {
    view.setUint32(at, CENTRAL, true);
    view.setUint16(at + 4, 20, true); // version made by
    headerFields(view, at + 6, e, names[i].length);
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + 46);
    at += 46 + names[i].length;
  });
  view.setUint32(at, EOCD, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - central, true);
  view.setUint32(at + 16, central, true);
  return out;
}
