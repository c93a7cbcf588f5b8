// ESLint 9 (flat config): `npm run lint`.
// - typescript-eslint's recommended rules everywhere, and, in src/, the type-aware rules that
//   matter most for Office.js and the worker (promises not awaited or misused) — type-aware on
//   src/ only, where it is cheap enough (one program, the project service);
// - eslint-plugin-react-hooks (recommended: the rules of hooks and the React Compiler's checks)
//   on the task pane;
// - Microsoft's eslint-plugin-office-addins: the rules of its recommended config (load before
//   read, sync before read, no sync in a loop …) on the code that calls Office.js. Its
//   `prettier/prettier` rule is left out: formatting is Prettier's job (npm run format), not a
//   lint error, and the tree is not reformatted in one go.
import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** The office-addins rules of the plugin's own recommended config, at its levels. */
const officeRules = Object.fromEntries(
  officeAddins.configs.recommended.flatMap((c) => Object.entries(c.rules ?? {})).filter(([name]) => name.startsWith("office-addins/")),
);

export default tseslint.config(
  { ignores: ["lib/", "dist/", "out/", "coverage/", "test-artifacts/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (a destructured field left out, a parameter kept for its position).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  {
    files: ["src/excel/**/*.ts", "src/commands/**/*.ts", "src/host/**/*.ts", "src/taskpane/**/*.{ts,tsx}"],
    plugins: { "office-addins": officeAddins },
    rules: officeRules,
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    rules: {
      // Tests load the CommonJS scripts they test (scripts/*.js, which have no types) with require.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["tests/excel/recording-mock.ts", "tests/excel/office-js/runtime.ts"],
    // The mocks' Office.js objects are nested object literals whose methods close over the mock.
    rules: { "@typescript-eslint/no-this-alias": "off" },
  },
  {
    files: ["src/old-webview.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: globals.browser },
  },
  {
    files: ["**/*.js"],
    ignores: ["src/**"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
