import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE_NAME, modulesOf, parseManifest } from '../manifest';
import { CommandError, type CommandIO } from './command';
import { openLocalApp, tunnelLine } from './local-app';
import { visibleText } from '../../common/terminal-text';

export interface WebTriggerOptions {
  environment?: string;
  port?: number;
  dataDir?: string;
}

/** `anvil webtrigger <app-folder>`: serve the app's web triggers on loopback and print their URLs, until interrupted. */
export async function webtrigger(appFolder: string, options: WebTriggerOptions, io: CommandIO): Promise<number> {
  const environment = options.environment ?? 'development';
  const app = await openLocalApp(appFolder, {
    dataDir: options.dataDir,
    webTriggerPort: options.port,
    onLog: (invocationId, level, message, platformDrop) => io.out(tunnelLine(level, invocationId, message, platformDrop)),
    onTriggerLog: (_environment, line) => io.out(tunnelLine(line.level, line.invocationId, line.message)),
  });
  try {
    const parsed = parseManifest(await readFile(path.join(app.folder, MANIFEST_FILE_NAME), 'utf8'));
    const keys = modulesOf(parsed.value).filter((module) => module.type === 'webtrigger' && module.key !== null);
    if (keys.length === 0) throw new CommandError(`${app.folder} has no webtrigger modules; add one to manifest.yml.`);
    const view = await app.triggers.view(environment);
    for (const trigger of view.webTriggers) {
      // Module keys come from the app's manifest: shown, never obeyed by the terminal.
      io.out(visibleText(`${trigger.moduleKey} (${trigger.installation}, ${environment}): ${trigger.url}`));
      io.out(`  ${visibleText(trigger.curl)}`);
    }
    io.out('Serving web triggers on 127.0.0.1; press Ctrl+C to stop.');
    await io.untilInterrupted();
    return 0;
  } finally {
    await app.close();
  }
}
