// Lint rules for the atlas's own browser code (static/app/js) and its node tests (tests/js).
// Browser files are plain scripts that put one object on window and, when loaded by node's
// test runner through createRequire, on module.exports; tests are ES modules (.mjs).
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["static/app/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser, L: "readonly", module: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  {
    files: ["static/app/js/**/*.mjs", "tests/js/**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    rules: { eqeqeq: ["error", "always"], "no-var": "error", "prefer-const": "error" },
  },
];
