import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AnvilError } from '../contract';
import { MANIFEST_FILE_NAME, modulesOf, parseManifest } from '../manifest';
import { CommandError, type CommandIO } from './command';
import { openLocalApp, tunnelLine } from './local-app';
import { parsePayload, printOutcome } from './run';
import { terminalJson, visibleText } from '../../common/terminal-text';
import type { EventDelivery } from '../../common/types';

export interface TriggerOptions {
  event?: string;
  payload?: string;
  environment?: string;
  installation?: string;
  json: boolean;
  dataDir?: string;
}

/** `anvil trigger <app-folder> <module-key>`: fire a trigger module as the platform would. */
export async function trigger(appFolder: string, moduleKey: string, options: TriggerOptions, io: CommandIO): Promise<number> {
  const payload = parsePayload(options.payload);
  const environment = options.environment ?? 'development';
  const app = await openLocalApp(appFolder, {
    dataDir: options.dataDir,
    onLog: (invocationId, level, message, platformDrop) => {
      if (!options.json) io.out(tunnelLine(level, invocationId, message, platformDrop));
    },
    onTriggerLog: (_environment, line) => {
      if (!options.json) io.out(tunnelLine(line.level, line.invocationId, line.message));
    },
  });
  try {
    const parsed = parseManifest(await readFile(path.join(app.folder, MANIFEST_FILE_NAME), 'utf8'));
    const module = modulesOf(parsed.value).find((candidate) => candidate.type !== 'function' && candidate.key === moduleKey);
    if (!module) throw new CommandError(`No module "${moduleKey}" in the manifest; trigger takes the key of a trigger, scheduledTrigger, webtrigger or consumer module.`);
    if (module.type === 'trigger') {
      const events = (module.value.events as unknown[] | undefined) ?? [];
      const first = events.map((event) => (typeof event === 'string' ? event : String((event as { eventType?: unknown }).eventType ?? ''))).find(Boolean);
      const eventType = options.event ?? first;
      if (!eventType) throw new CommandError(`Trigger "${moduleKey}" subscribes to no events; give one with --event.`);
      const event = payload ?? (await app.triggers.eventTemplate(environment, options.installation, eventType));
      const deliveries = await app.triggers.fireEvent(environment, options.installation, eventType, event, moduleKey);
      if (options.json) io.out(terminalJson(deliveries.map((delivery) => (delivery.outcome ? { ...delivery, outcome: app.redactOutcome(delivery.outcome) } : delivery))));
      else for (const delivery of deliveries) io.out(visibleText(deliveryLine(eventType, delivery)));
      return deliveries.every((delivery) => delivery.delivered && delivery.outcome?.status === 'ok') ? 0 : 1;
    }
    if (options.event) throw new CommandError(`--event applies to trigger modules; "${moduleKey}" is a ${module.type}.`);
    const outcome =
      module.type === 'scheduledTrigger' && payload === undefined
        ? await app.triggers.runSchedule(environment, options.installation, moduleKey)
        : await app.runner.run({ functionKey: moduleKey, moduleKey, payload: payload ?? defaultPayload(module.type), environment, installation: options.installation });
    printOutcome(app.redactOutcome(outcome), options.json, io);
    return outcome.status === 'ok' ? 0 : 1;
  } catch (error) {
    if (error instanceof AnvilError) throw new CommandError(error.message);
    throw error;
  } finally {
    await app.close();
  }
}

// What the platform would send when the developer gives no payload.
function defaultPayload(moduleType: string): unknown {
  if (moduleType === 'consumer') return { body: {}, jobId: randomUUID() };
  if (moduleType === 'webtrigger') return { method: 'GET', path: '/x1/local', userPath: '', headers: {}, queryParameters: {}, body: '' };
  return {};
}

/** One delivery as a line: a function that threw is FAILED with its error, never DELIVERED. */
function deliveryLine(eventType: string, delivery: EventDelivery): string {
  const took = delivery.outcome ? ` (${delivery.outcome.status} in ${delivery.outcome.durationMs} ms)` : '';
  if (delivery.error !== null) return `FAILED ${eventType} at ${delivery.moduleKey}: ${delivery.error}${took}`;
  return `${delivery.delivered ? 'DELIVERED' : 'NOT DELIVERED'} ${eventType} to ${delivery.moduleKey}: ${delivery.reason}${took}`;
}
