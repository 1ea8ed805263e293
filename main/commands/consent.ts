import path from 'node:path';
import type { ConsentBase } from '../../common/types';
import { CONSENT_FORMATS, previewConsent, renderConsent, type ConsentFormat } from '../consent';
import { AnvilError } from '../contract';
import { CommandError, type CommandIO } from './command';

/** `anvil consent <app-folder>`: the screen a site admin approves, and what an upgrade from a base asks them to approve again. */
export async function consent(appFolder: string, options: { product?: string; base?: ConsentBase; format: ConsentFormat; dataDir?: string }, io: CommandIO): Promise<number> {
  const preview = await previewConsent({ appFolder, product: options.product, base: options.base, dataDir: options.dataDir }).catch((error: unknown) => {
    if (error instanceof AnvilError) throw new CommandError(error.message);
    throw error;
  });
  io.out(renderConsent(preview, options.format));
  return 0;
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
