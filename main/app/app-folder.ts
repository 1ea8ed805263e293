import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { AppSummary } from '../../common/types';
import { AnvilError } from '../contract';
import { environmentsOf } from './default-environments';
import { MANIFEST_FILE_NAME } from '../manifest';

/** Check that a folder is a Forge app folder and describe it for the header. */
export async function describeAppFolder(folder: string): Promise<AppSummary> {
  const absolute = path.resolve(folder);
  const info = await stat(absolute).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AnvilError('not-an-app-folder', `${absolute} is not a folder. Choose the folder that holds your app's ${MANIFEST_FILE_NAME}.`);
  }
  const manifestText = await readFile(path.join(absolute, MANIFEST_FILE_NAME), 'utf8').catch(() => null);
  if (manifestText === null) {
    throw new AnvilError(
      'not-an-app-folder',
      `${absolute} has no ${MANIFEST_FILE_NAME}. Choose the folder of a Forge app (the one where you run forge deploy), or create one with forge create.`,
    );
  }
  return {
    folder: absolute,
    name: (await packageName(absolute)) ?? path.basename(absolute),
    appId: appIdOf(manifestText),
    environments: environmentsOf(),
  };
}

async function packageName(folder: string): Promise<string | null> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8'));
    const name = (parsed as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name : null;
  } catch {
    return null;
  }
}

// Reading the id must never fail the open: a broken manifest is exactly what the editor is for.
function appIdOf(manifestText: string): string | null {
  try {
    const document = parseDocument(manifestText);
    const id: unknown = document.getIn(['app', 'id']);
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
