import type { AtlassianLogin } from '../vault';

// Variables that carry credentials or Anvil's own internals: a terminal gets them only when asked.
const WITHHELD = /^(FORGE_EMAIL|FORGE_API_TOKEN|ANVIL_.*)$/;

/** The environment of a terminal: the user's own, without credentials, plus the Forge login when requested. */
export function terminalEnvironment(base: NodeJS.ProcessEnv, forgeLogin: AtlassianLogin | null): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value !== undefined && !WITHHELD.test(name)) env[name] = value;
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  if (forgeLogin) {
    env.FORGE_EMAIL = forgeLogin.email;
    env.FORGE_API_TOKEN = forgeLogin.token;
  }
  return env;
}
