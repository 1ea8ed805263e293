export { CommandError, processIO, type CommandIO } from './command';
export { TEST_ONLY_GATEWAY_CA_FILE } from './gateway-ca';

/**
 * Each command's module, imported only when that command runs: `--version`, `--help` and `explain`
 * then never load the runner, SQLite, the keychain or TypeScript, which cost most of a second.
 */
export const loadCommand = {
  serve: () => import('./serve'),
  lint: () => import('./lint'),
  explain: () => import('./explain'),
  consent: () => import('./consent'),
  vault: () => import('./vault'),
  run: () => import('./run'),
  trigger: () => import('./trigger'),
  env: () => import('./env'),
  logs: () => import('./logs'),
  webtrigger: () => import('./webtrigger'),
};
