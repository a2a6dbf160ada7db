// Type-checked linting over every TypeScript folder, tests included.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".azurite/**", "eslint.config.mjs", "vitest.config.mts", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "no-console": ["error", { allow: ["warn", "error", "info"] }]
    }
  },
  {
    files: ["domain/**/*.ts"],
    rules: {
      // The domain layer stays framework-free so a later move off Teams AI v1 touches bot/ and functions/ only.
      "no-restricted-imports": ["error", { patterns: ["botbuilder*", "@microsoft/*", "@azure/*", "adaptivecards*"] }]
    }
  }
);
