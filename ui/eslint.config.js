// ESLint flat config: the recommended JS, TypeScript and Svelte rules, plus the IPC seam.
import js from "@eslint/js";
import svelte from "eslint-plugin-svelte";
import globals from "globals";
import { defineConfig } from "eslint/config";
import ts from "typescript-eslint";
import svelteConfig from "./svelte.config.js";

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "src/lib/ipc/bindings.ts"] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // `{#each rows as _, i}` names the unused item `_` on purpose; a leading underscore marks "unused by design".
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Collections are built fresh inside $derived and never mutated afterwards, so SvelteMap/SvelteSet would only add tracking.
      "svelte/prefer-svelte-reactivity": "off",
    },
  },
  {
    files: ["**/*.svelte", "**/*.svelte.ts", "**/*.svelte.js"],
    languageOptions: {
      parserOptions: { parser: ts.parser, extraFileExtensions: [".svelte"], svelteConfig },
    },
  },
  {
    // Config files run in Node.
    files: ["*.config.js", "*.config.ts"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The typed client in src/lib/ipc/ is the one door to the back end: nothing else talks to Tauri directly.
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@tauri-apps/*"],
              message: "Call the back end through `commands` from src/lib/ipc/, never @tauri-apps/* directly.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/lib/ipc/**"],
    rules: { "no-restricted-imports": "off" },
  },
);
