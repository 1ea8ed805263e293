import path from 'node:path';
import { terminalEnvironment } from '../terminal';
import type { AtlassianLogin } from '../vault';
import { trustedSearchPath } from './locate-forge-cli';

/**
 * The Forge CLI's environment: the user's own without credentials or Anvil's internals (as a plain
 * terminal's), the keychain's Atlassian login as FORGE_EMAIL/FORGE_API_TOKEN (which the CLI prefers
 * to its own keychain entry), and a PATH without relative or app-folder entries, so the CLI's
 * `#!/usr/bin/env node` and whatever it starts never resolve to a file the app's author placed.
 */
export function forgeCliEnvironment(base: NodeJS.ProcessEnv, login: AtlassianLogin | null, appFolder: string): Record<string, string> {
  const env = terminalEnvironment(base, login);
  const pathName = Object.keys(env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathName] = trustedSearchPath(env[pathName], appFolder).join(path.delimiter);
  return env;
}
