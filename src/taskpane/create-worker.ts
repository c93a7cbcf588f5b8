/**
 * The one place that creates the Web Worker: webpack 5 bundles worker.ts as its own chunk from
 * this `new URL(…, import.meta.url)`. Jest cannot parse import.meta, so tests mock this module.
 */
export function createWorker(): Worker {
  // tsconfig.json (jest, type checks) is CommonJS, where import.meta is not allowed; webpack's
  // ts-loader compiles this file as an ES module, where it is.
  // @ts-expect-error TS1343 (CommonJS type check only)
  return new Worker(new URL("./worker.ts", import.meta.url), { name: "indicators-engine" });
}
