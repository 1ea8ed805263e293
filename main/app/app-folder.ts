import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppSummary } from '../../common/types';
import { AnvilError } from '../contract';
import { environmentsOf } from './default-environments';
import { appIdOf } from './manifest-app-id';
import { MANIFEST_FILE_NAME } from '../manifest';

/**
 * Check that a folder is a Forge app folder and describe it for the header. `typed` is what the
 * developer wrote, when it differs from the folder: a refusal names both, so a wrong guess about
 * where a relative path or `~` leads is plain to see.
 */
export async function describeAppFolder(folder: string, typed?: string): Promise<AppSummary> {
  const absolute = path.resolve(folder);
  const named = typed !== undefined && typed.trim() !== absolute ? `"${typed.trim()}" (${absolute})` : absolute;
  const info = await stat(absolute).catch(() => null);
  if (!info?.isDirectory()) {
    throw new AnvilError(
      'not-an-app-folder',
      `${named} is not a folder. Choose the folder that holds your app's ${MANIFEST_FILE_NAME}: a full path, ~/… in your home folder, or a name beside the open app.`,
    );
  }
  const manifestText = await readFile(path.join(absolute, MANIFEST_FILE_NAME), 'utf8').catch(() => null);
  if (manifestText === null) {
    throw new AnvilError('not-an-app-folder', `${named} has no ${MANIFEST_FILE_NAME}. Choose the folder of a Forge app (the one where you run forge deploy), or create one with forge create.`);
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
