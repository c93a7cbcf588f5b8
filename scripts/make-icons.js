#!/usr/bin/env node
/**
 * Draws the add-in's icons (a small table with a green check mark) and writes them as PNG
 * files into assets/: icon-16.png, icon-32.png, icon-64.png, icon-80.png. No packages: the
 * PNG is encoded here with node's zlib. The icons are committed; run this again only when the
 * drawing changes:  node scripts/make-icons.js
 */
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** RGBA pixels (size × size × 4) → PNG bytes. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const WHITE = [255, 255, 255, 255];
const GRID = [90, 110, 140, 255];
const HEADER = [47, 85, 151, 255]; // dark blue header row
const CHECK = [33, 140, 60, 255]; // green check mark

/** Draws the icon at one size with 4× supersampling for smooth edges. */
function draw(size) {
  const S = 4;
  const n = size * S;
  const u = n / 16; // drawing unit: the icon is designed on a 16 × 16 grid
  const px = new Float64Array(n * n * 4);
  const put = (x, y, c) => {
    if (x < 0 || y < 0 || x >= n || y >= n) return;
    const i = (y * n + x) * 4;
    for (let k = 0; k < 4; k++) px[i + k] = c[k];
  };
  const rect = (x0, y0, x1, y1, c) => {
    for (let y = Math.round(y0 * u); y < Math.round(y1 * u); y++)
      for (let x = Math.round(x0 * u); x < Math.round(x1 * u); x++) put(x, y, c);
  };
  // The table: white sheet, blue header row, grid lines.
  const line = Math.max(1, Math.round(u * (size <= 16 ? 1 : 0.75))) / u;
  rect(0.5, 1.5, 13.5, 14.5, WHITE);
  rect(0.5, 1.5, 13.5, 4.5, HEADER);
  for (const y of [1.5, 4.5, 7.8, 11.1, 14.5 - line]) rect(0.5, y, 13.5, y + line, GRID);
  for (const x of [0.5, 5, 13.5 - line]) rect(x, 1.5, x + line, 14.5, GRID);
  // The check mark: two thick strokes, over the lower right corner.
  const stroke = (ax, ay, bx, by, w, c) => {
    const len = Math.hypot(bx - ax, by - ay);
    for (let y = 0; y < n; y++)
      for (let x = 0; x < n; x++) {
        const X = (x + 0.5) / u, Y = (y + 0.5) / u;
        const t = Math.max(0, Math.min(1, ((X - ax) * (bx - ax) + (Y - ay) * (by - ay)) / (len * len)));
        const d = Math.hypot(X - (ax + t * (bx - ax)), Y - (ay + t * (by - ay)));
        if (d <= w / 2) put(x, y, c);
      }
  };
  const w = size <= 16 ? 2.4 : 2.1;
  const strokes = [[7.2, 10.6, 10, 13.6], [10, 13.6, 15.2, 6.2]];
  // A white halo keeps the mark legible over the grid, then the green stroke on top.
  for (const [a, b, c, d] of strokes) stroke(a, b, c, d, w + 1.4, WHITE);
  for (const [a, b, c, d] of strokes) stroke(a, b, c, d, w, CHECK);
  // Downsample S × S blocks (premultiplied average).
  const out = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let dy = 0; dy < S; dy++)
        for (let dx = 0; dx < S; dx++) {
          const i = ((y * S + dy) * n + (x * S + dx)) * 4;
          const al = px[i + 3] / 255;
          r += px[i] * al; g += px[i + 1] * al; b += px[i + 2] * al; a += al;
        }
      const o = (y * size + x) * 4;
      out[o] = a ? Math.round(r / a) : 0;
      out[o + 1] = a ? Math.round(g / a) : 0;
      out[o + 2] = a ? Math.round(b / a) : 0;
      out[o + 3] = Math.round((a / (S * S)) * 255);
    }
  return out;
}

const dir = path.join(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(dir, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, draw(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
