/**
 * The browser tests (tests/browser): playwright-core driving Debian's Chromium over the built
 * dist/. The default jest config leaves them out; `npm run test:browser` builds and runs them.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  roots: ["<rootDir>/tests/browser"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 120000,
  // One browser at a time: the machine has two cores.
  maxWorkers: 1,
};
