/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // Suites that need Debian programs run under their own npm scripts (see README).
  testPathIgnorePatterns: ["/node_modules/", "/tests/browser/", "/tests/libreoffice/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  moduleNameMapper: {
    // office-addin-mock only needs the OfficeApp enum; the package's full entry pulls in ESM-only code.
    "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js",
  },
};
