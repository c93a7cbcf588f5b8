/**
 * Bounded inflate for the browser (and the default of the browser-safe readers): fflate's
 * streaming Inflate, fed 16 KB at a time, stops as soon as the output passes the bound, so a
 * zip bomb costs at most the bound plus one step's output. Node passes node:zlib instead
 * (read-node.ts), which is native and faster.
 */
import { Inflate } from "fflate";
import { ZipTooLarge, type Inflater } from "./zip";

const STEP = 16 * 1024;

export const inflateBounded: Inflater = (data, maxBytes) => {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new ZipTooLarge(maxBytes);
    chunks.push(chunk);
  });
  if (data.length === 0) inflate.push(data, true);
  for (let at = 0; at < data.length; at += STEP) inflate.push(data.subarray(at, at + STEP), at + STEP >= data.length);
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
