import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConsentBase, ConsentPreview } from '../../common/types';
import { describeAppFolder } from '../app';
import type { CloudVersionDetails } from '../cloud';
import { AnvilError } from '../contract';
import { MANIFEST_FILE_NAME, manifestOverLimit, manifestTooLargeFor, parseManifest } from '../manifest';
import { readBaseManifest } from './consent-bases';
import { buildConsentScreen } from './consent-screen';
import { installedVersionPermissions } from './installed-version';
import { manifestPermissions } from './manifest-permissions';
import { upgradeDiff } from './upgrade-diff';

export interface PreviewOptions {
  appFolder: string;
  /** The manifest being edited; the file on disk when absent. */
  manifestText?: string;
  product?: string;
  base?: ConsentBase;
  dataDir?: string;
  environment?: string;
  /** The version an installation runs in the cloud, for the `installation` base (the workbench asks the platform). */
  installedVersion?: (installation: string) => Promise<{ details: CloudVersionDetails; label: string }>;
}

function readable(text: string, what: string): unknown {
  const bytes = manifestOverLimit(text);
  if (bytes !== null) {
    const tooLarge = manifestTooLargeFor(bytes, 'install screen');
    throw new AnvilError('bad-request', what === 'The manifest' ? tooLarge : `${what}: ${tooLarge}`);
  }
  const parsed = parseManifest(text);
  if (parsed.value === null || typeof parsed.value !== 'object') {
    const first = parsed.problems[0];
    throw new AnvilError('bad-request', `${what} cannot be read${first ? ` (line ${first.line}: ${first.message})` : ''}; fix it to see the consent screen.`);
  }
  return parsed.value;
}

/** The admin's install screen for a manifest, and the upgrade from a base version when one is given. */
export async function previewConsent(options: PreviewOptions): Promise<ConsentPreview> {
  // The text being edited is judged first: one too large to show is refused before the folder is read.
  if (options.manifestText !== undefined) readable(options.manifestText, 'The manifest');
  const summary = await describeAppFolder(options.appFolder);
  const text = options.manifestText ?? (await readFile(path.join(summary.folder, MANIFEST_FILE_NAME), 'utf8'));
  const manifest = readable(text, 'The manifest');
  const permissions = manifestPermissions(manifest);
  const screen = buildConsentScreen(manifest, permissions, { name: summary.name, appId: summary.appId, environment: options.environment ?? 'development' }, options.product);
  if (!options.base) return { screen, upgrade: null };
  if (options.base.kind === 'installation') {
    if (!options.installedVersion)
      throw new AnvilError('unsupported', 'Comparing with a cloud installation needs the workbench and an Atlassian login; compare with a snapshot, a git revision or a file here.');
    const installed = await options.installedVersion(options.base.installation);
    return { screen, upgrade: upgradeDiff(installedVersionPermissions(installed.details, permissions), permissions, screen, installed.label) };
  }
  const base = await readBaseManifest(summary.folder, options.base, options.dataDir);
  const basePermissions = manifestPermissions(readable(base.text, `The base manifest (${base.label})`));
  return { screen, upgrade: upgradeDiff(basePermissions, permissions, screen, base.label) };
}
