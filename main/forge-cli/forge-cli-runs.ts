import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ForgeCliInfo, ForgeCliRun } from '../../common/types';
import { AnvilError } from '../contract';
import type { TerminalSessions } from '../terminal';
import type { AtlassianLogin } from '../vault';
import { forgeCliArguments, PINNED_FORGE_CLI, type ForgeCliCommand } from './cli-arguments';
import { forgeCliEnvironment } from './cli-environment';
import { forgeCliVersion } from './cli-version';
import { locateForgeCli, type ForgeCliLocation } from './locate-forge-cli';
import { loginSecrets, secretRedactor } from './secret-redactor';

export interface ForgeCliOptions {
  appFolder: string;
  /** The environment Anvil was started with (PATH decides which CLI runs). */
  baseEnv: NodeJS.ProcessEnv;
  /** A folder of Anvil's own that npx takes as its project, never the app folder. */
  npxPrefix: string;
  terminals: TerminalSessions;
  /** The keychain's Atlassian login, for host code only. */
  login: () => Promise<AtlassianLogin | null>;
}

export const NO_LOGIN = 'No Atlassian login for the Forge CLI: in the Credentials pane, set your Atlassian account (email and API token) or import the Forge CLI login, then try again.';

/** A word as a shell would read it back, for showing the command line (never for running it). */
function shown(word: string): string {
  return /^[A-Za-z0-9_/.:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The real Forge CLI, run for the open app: where it is, and runs of it in terminals that carry the login and nothing else does. */
export class ForgeCli {
  private location: ForgeCliLocation | null = null;
  private version: { file: string; value: Promise<string | null> } | null = null;

  constructor(private readonly options: ForgeCliOptions) {}

  /** Found once, as an absolute path; a later run uses the same file. */
  locate(): ForgeCliLocation {
    this.location ??= locateForgeCli({ searchPath: this.options.baseEnv.PATH, appFolder: this.options.appFolder, npxPrefix: this.options.npxPrefix });
    return this.location;
  }

  async describe(): Promise<ForgeCliInfo> {
    const location = this.locate();
    const login = await this.options.login();
    const loginInfo = login ? { email: login.email } : null;
    if (location.kind === 'missing') return { kind: 'missing', path: null, version: null, description: location.message, login: loginInfo };
    if (location.kind === 'npx') {
      return {
        kind: 'npx',
        path: location.file,
        version: null,
        description: `No forge on PATH: Anvil runs ${PINNED_FORGE_CLI} through npx (${location.file}); npm downloads it on the first run.`,
        login: loginInfo,
      };
    }
    if (this.version?.file !== location.file) this.version = { file: location.file, value: forgeCliVersion(location, forgeCliEnvironment(this.options.baseEnv, null, this.options.appFolder)) };
    const version = await this.version.value;
    return { kind: 'path', path: location.file, version, description: `Forge CLI ${version ?? '(its version did not answer)'} at ${location.file}`, login: loginInfo };
  }

  /**
   * Start the CLI in a terminal of its own, in the app folder, with the login in that process's
   * environment only; what it prints is shown with every form of the token replaced.
   */
  async run(request: ForgeCliCommand, size: { cols: number; rows: number }, onExit: (exitCode: number) => void): Promise<ForgeCliRun> {
    const args = forgeCliArguments(request);
    const location = this.locate();
    if (location.kind === 'missing') throw new AnvilError('unsupported', location.message);
    const login = await this.options.login();
    if (!login) throw new AnvilError('bad-request', NO_LOGIN);
    const env = forgeCliEnvironment(this.options.baseEnv, login, this.options.appFolder);
    if (location.kind === 'npx') mkdirSync(location.npxPrefix, { recursive: true, mode: 0o700 });
    const words = [...location.prefix, ...args];
    const terminalId = this.options.terminals.run({ file: location.file, args: words }, this.options.appFolder, env, size, secretRedactor(loginSecrets(login)), onExit);
    const program = location.kind === 'npx' ? path.basename(location.file) : 'forge';
    const commandLine = [program, ...(location.kind === 'npx' ? ['--yes', PINNED_FORGE_CLI] : []), ...args].map(shown).join(' ');
    return { terminalId, commandLine };
  }
}
