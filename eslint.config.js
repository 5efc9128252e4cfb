// ESLint 9 flat config for a Remix (classic compiler) + TypeScript strict app.
// Formatting is Prettier's job (`prettier --check` in `npm run lint`), so no
// stylistic rules here.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const NO_HTTP =
  "A domain module never speaks HTTP: throw a DomainError (~/utils/domain-error); the route's formAction/loaderWith answers it (docs/decisions/0017).";

const DECISION_0031 = "docs/decisions/0031-zod-mini-and-page-translations.md";
// Libraries the app reaches only through its own modules, wherever code runs.
const WRAPPED_LIBRARIES = [
  { name: "lucia", message: "See docs/decisions/0003." },
  {
    name: "zod",
    message: `Schemas are built with zod/mini (import * as z from "zod/mini"): classic zod does not tree-shake (${DECISION_0031}).`,
  },
  {
    name: "react-i18next",
    message: `Use ~/i18n/react: the same translator renders on the server and in the browser (${DECISION_0031}).`,
  },
  {
    name: "i18next",
    message: `Use ~/i18n/react (components) or getT from ~/i18n/i18n.server (${DECISION_0031}).`,
  },
];

export default tseslint.config(
  {
    ignores: [
      "build/",
      "build-*/",
      "public/build/",
      "app/generated/",
      "data/",
      "node_modules/",
      ".cache/",
      "test-results/",
      "playwright-report/",
      "blob-report/",
      "bench-results/",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  // Everything outside app/ runs in Node: server, scripts, config, tests, e2e.
  {
    files: ["**/*.{js,mjs,cjs,ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
  // app/ is both: *.server.ts run in Node, the rest is bundled for the browser too.
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },

  // React, hooks and accessibility for the UI.
  {
    files: ["app/**/*.{ts,tsx}"],
    ...react.configs.flat.recommended,
    settings: { react: { version: "detect" } },
  },
  { files: ["app/**/*.{ts,tsx}"], ...react.configs.flat["jsx-runtime"] },
  { files: ["app/**/*.{ts,tsx}"], ...reactHooks.configs["recommended-latest"] },
  { files: ["app/**/*.{ts,tsx}"], ...jsxA11y.flatConfigs.recommended },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      // TypeScript checks props.
      "react/prop-types": "off",
    },
  },

  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      // STYLE.md: `import type` for types (inline `type` specifiers are fine too).
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { prefer: "type-imports", fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "@typescript-eslint/no-import-type-side-effects": "error",
    },
  },
  {
    rules: {
      // `_name` marks a deliberately unused binding (e.g. a field dropped by destructuring).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      "no-console": "off",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },

  // Playwright fixtures must destructure their first parameter, even when empty: `async ({}, use)`.
  {
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },

  // docs/decisions/0003: lucia stays behind the session module; 0027: zod/mini and Adal's translator.
  {
    files: ["**/*.{js,ts,tsx}"],
    ignores: ["app/modules/auth/session.server.ts", "app/modules/auth/lucia-adapter.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "lucia",
              message:
                "Use ~/modules/auth/session.server: only it and lucia-adapter.server.ts import lucia (docs/decisions/0003).",
            },
            ...WRAPPED_LIBRARIES.slice(1),
          ],
        },
      ],
    },
  },
  // STYLE.md: components never reach the server or the database directly
  // (`import type` from a server module or the generated client is fine: it is erased).
  {
    files: ["app/components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: WRAPPED_LIBRARIES,
          patterns: [
            {
              group: ["**/*.server", "~/db.server"],
              allowTypeImports: true,
              message: "Components must not import server modules; load data in a route loader.",
            },
            {
              group: ["~/generated/**"],
              allowTypeImports: true,
              message: "Components must not import the Prisma client; load data in a route loader.",
            },
          ],
        },
      ],
    },
  },
  // docs/decisions/0017: domain modules never speak HTTP. They throw a DomainError;
  // app/utils/answer.server.ts alone turns it into a status and an answer. The
  // auth guards are the exception: redirecting to the sign-in page is their job.
  {
    files: ["app/modules/**/*.{ts,tsx}"],
    ignores: ["app/modules/**/*.test.ts", "app/modules/auth/guards.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [...WRAPPED_LIBRARIES, { name: "~/utils/answer.server", message: NO_HTTP }],
          patterns: [{ group: ["@remix-run/*"], message: NO_HTTP }],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "Response", message: NO_HTTP },
        { name: "Headers", message: NO_HTTP },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.name=/^(json|redirect|data|defer)$/]",
          message: NO_HTTP,
        },
      ],
    },
  },
  {
    files: ["app/modules/auth/session.server.ts", "app/modules/auth/lucia-adapter.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            ...WRAPPED_LIBRARIES.slice(1),
            { name: "~/utils/answer.server", message: NO_HTTP },
          ],
          patterns: [{ group: ["@remix-run/*"], message: NO_HTTP }],
        },
      ],
    },
  },
);
