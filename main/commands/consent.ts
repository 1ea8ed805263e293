import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsentBase } from '../../common/types';
import { CONSENT_FORMATS, previewConsent, renderConsent, type ConsentFormat, type PreviewOptions } from '../consent';
import { AnvilError } from '../contract';
import { describeAppFolder } from '../app';
import { defaultDataDir } from '../data-dir';
import { CommandError, type CommandIO } from './command';

export interface ConsentCommandOptions {
  product?: string;
  base?: ConsentBase;
  /** `--installation`: compare with the version an installation runs in the cloud (its site or its id). */
  installation?: string;
  format: ConsentFormat;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** `anvil consent <app-folder>`: the screen a site admin approves, and what an upgrade from a base asks them to approve again. */
export async function consent(appFolder: string, options: ConsentCommandOptions, io: CommandIO): Promise<number> {
  const preview = await withInstalledVersion(appFolder, options)
    .then((installed) => previewConsent({ appFolder, product: options.product, base: installed?.base ?? options.base, dataDir: options.dataDir, ...installed?.options }))
    .catch((error: unknown) => {
      if (error instanceof AnvilError) throw new CommandError(error.message);
      throw error;
    });
  io.out(renderConsent(preview, options.format));
  return 0;
}

/**
 * For `--installation`: the installation on the platform (found by site or id, with the developer's
 * Atlassian login) and how to read the version it runs, as the workbench's Consent pane does.
 */
async function withInstalledVersion(appFolder: string, options: ConsentCommandOptions): Promise<{ base: ConsentBase; options: Pick<PreviewOptions, 'installedVersion'> } | null> {
  const wanted = options.installation;
  if (wanted === undefined) return null;
  if (options.base) throw new CommandError('--installation and --base/--base-manifest both name the installed version; give one.');
  if (wanted.trim() === '') throw new CommandError('--installation needs a site (e.g. --installation your-team.atlassian.net) or an installation id.');
  // Loaded only here: the platform client and the keychain are not what a plain consent screen needs.
  const [{ AppCloud }, { findLogin, TEST_ONLY_GATEWAY_CA_FILE }] = await Promise.all([import('../cloud'), import('./cloud-logs')]);
  const env = options.env ?? process.env;
  const summary = await describeAppFolder(appFolder);
  if (!summary.appId) throw new CommandError('manifest.yml has no app.id: run forge register to give the app its id on the platform, then try again.');
  const { login } = await findLogin(path.resolve(options.dataDir ?? defaultDataDir()), env);
  const caFile = env[TEST_ONLY_GATEWAY_CA_FILE];
  const cloud = new AppCloud({
    appId: async () => summary.appId,
    login: async () => login,
    gateway: env.FORGE_GRAPHQL_GATEWAY || undefined,
    testOnlyExtraCaCertificates: caFile ? [readFileSync(caFile, 'utf8')] : [],
  });
  const overview = await cloud.overview(false);
  if (overview.status !== 'ready') throw new CommandError(`Cannot read the app's installations from the Forge platform: ${overview.message ?? overview.status}`);
  const site = wanted.trim().toLowerCase();
  const matches = overview.installations.filter((installation) => installation.id === wanted.trim() || installation.site.toLowerCase() === site);
  const listed = (installations: typeof matches) =>
    installations.map((installation) => `${installation.site} (${installation.environment}, ${installation.product}): --installation ${installation.id}`).join('; ');
  if (matches.length === 0) {
    throw new CommandError(
      overview.installations.length === 0
        ? `The app has no installations on the platform, so there is no "${wanted}" to compare with; use --base or --base-manifest.`
        : `The app has no installation on "${wanted}". Its installations: ${listed(overview.installations)}.`,
    );
  }
  if (matches.length > 1) throw new CommandError(`The app is installed more than once on ${wanted}; name one by its id: ${listed(matches)}.`);
  return { base: { kind: 'installation', installation: matches[0]!.id }, options: { installedVersion: (id) => cloud.installedVersion(id) } };
}

/** `--format` checked against the formats there are; absent means text. */
export function parseConsentFormat(value: unknown): ConsentFormat {
  if (value === undefined) return 'text';
  const format = CONSENT_FORMATS.find((known) => known === value);
  if (!format) throw new CommandError(`--format must be one of ${CONSENT_FORMATS.join(', ')}; got "${String(value)}". For a pull-request comment use --format markdown.`);
  return format;
}

/** `--base <git-rev>` or `--base-manifest <file>` (relative to where the command runs), never both; neither means no upgrade. */
export function parseConsentBase(revision: unknown, manifestFile: unknown, cwd: string = process.cwd()): ConsentBase | undefined {
  if (revision !== undefined && manifestFile !== undefined) {
    throw new CommandError('--base and --base-manifest both name the installed version; give one: --base <git-rev> or --base-manifest <file>.');
  }
  if (typeof revision === 'string') {
    if (revision.trim() === '') throw new CommandError('--base needs a git revision, e.g. --base HEAD or --base main.');
    return { kind: 'git', revision };
  }
  if (typeof manifestFile === 'string') {
    if (manifestFile.trim() === '') throw new CommandError('--base-manifest needs a file, e.g. --base-manifest old/manifest.yml.');
    return { kind: 'file', path: path.resolve(cwd, manifestFile) };
  }
  return undefined;
}
