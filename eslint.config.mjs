// ESLint for the whole project: typescript-eslint's recommended rules, and React's hooks rules for the
// renderer (they catch effects that return the wrong thing and stale dependencies). `npm test` runs it
// and allows no warning.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'e2e/output/**', 'test-results/**', 'playwright-report/**', 'resources/**', '**/*.cjs', 'scripts/**/*.mjs', 'main/manifest/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Anvil shows and escapes terminal control characters on purpose: its patterns must name them.
      'no-control-regex': 'off',
      // A leading underscore marks a value taken only to leave it out (a rest spread, a callback's position).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and complete effect dependencies; the React Compiler's stricter rules are not used here.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
