import { modulesOf, type ModuleEntry } from '../../main/manifest';

/** One way the platform calls into an app: what the corpus run invokes and reports as a row. */
export type EntryPoint =
  /** A key defined with `resolver.define`, run through the resolver function of a UI module. */
  | { kind: 'resolver'; key: string; label: string }
  /** A function a UI Kit 1 module (or a macro's `config`) renders with: called with render effects. */
  | { kind: 'ui-kit-1'; functionKey: string; moduleKey: string | null; moduleType: string; label: string }
  | { kind: 'scheduled'; moduleKey: string; label: string }
  | { kind: 'product-event'; moduleKey: string; eventType: string; label: string }
  | { kind: 'webtrigger'; moduleKey: string; label: string }
  | { kind: 'consumer'; moduleKey: string; queue: string; label: string }
  | { kind: 'rovo-action'; moduleKey: string; inputs: Record<string, { type?: string; required?: boolean }>; label: string }
  /** A module the platform serves from elsewhere (`endpoint:` on Forge Remote): nothing to run here. */
  | { kind: 'remote'; moduleKey: string; label: string };

// UI modules: the ones whose `function` (not `resolver.function`) is a UI Kit 1 render function.
const NOT_UI = new Set(['function', 'trigger', 'scheduledTrigger', 'webtrigger', 'consumer', 'action', 'rovo:agent', 'rovo:action', 'endpoint', 'remote', 'sql', 'jira:entityProperty']);

/** Every entry point of the manifest, in manifest order, with the resolver keys the code defines. */
export function entryPointsOf(manifest: unknown, resolverKeys: readonly string[]): EntryPoint[] {
  const modules = modulesOf(manifest);
  const points: EntryPoint[] = [];
  const seenUiFunctions = new Set<string>();
  let hasResolverModule = false;
  for (const module of modules) {
    if (module.key === null) continue;
    const resolver = record(module.value.resolver);
    if (resolver && typeof resolver.function === 'string' && module.type !== 'consumer') hasResolverModule = true;
    if (resolver && typeof resolver.endpoint === 'string') points.push({ kind: 'remote', moduleKey: module.key, label: `${module.type} ${module.key} (resolver endpoint)` });
    switch (module.type) {
      case 'scheduledTrigger':
        points.push(
          typeof module.value.function === 'string'
            ? { kind: 'scheduled', moduleKey: module.key, label: `scheduledTrigger ${module.key}` }
            : { kind: 'remote', moduleKey: module.key, label: `scheduledTrigger ${module.key} (endpoint)` },
        );
        break;
      case 'trigger': {
        if (typeof module.value.function !== 'string') {
          points.push({ kind: 'remote', moduleKey: module.key, label: `trigger ${module.key} (endpoint)` });
          break;
        }
        for (const eventType of eventTypes(module)) points.push({ kind: 'product-event', moduleKey: module.key, eventType, label: `trigger ${module.key} ${eventType}` });
        break;
      }
      case 'webtrigger':
        points.push({ kind: 'webtrigger', moduleKey: module.key, label: `webtrigger ${module.key}` });
        break;
      case 'consumer':
        points.push({ kind: 'consumer', moduleKey: module.key, queue: String(module.value.queue ?? ''), label: `consumer ${module.key}` });
        break;
      case 'action':
        if (typeof module.value.function === 'string') points.push({ kind: 'rovo-action', moduleKey: module.key, inputs: inputsOf(module), label: `action ${module.key}` });
        else points.push({ kind: 'remote', moduleKey: module.key, label: `action ${module.key} (endpoint)` });
        break;
      default:
        if (NOT_UI.has(module.type)) break;
        for (const [functionKey, label] of uiKit1Functions(module)) {
          if (seenUiFunctions.has(functionKey)) continue;
          seenUiFunctions.add(functionKey);
          points.push({
            kind: 'ui-kit-1',
            functionKey,
            moduleKey: label === 'config' ? null : module.key,
            moduleType: module.type,
            label: `${module.type} ${module.key}${label === 'config' ? ' config' : ''} (UI Kit 1 function ${functionKey})`,
          });
        }
    }
  }
  // A consumer's `resolver.method` is how the queue calls in, not a key a frontend invokes.
  const consumerMethods = new Set(
    modules.flatMap((module) => (module.type === 'consumer' && typeof record(module.value.resolver)?.method === 'string' ? [String(record(module.value.resolver)!.method)] : [])),
  );
  if (hasResolverModule) for (const key of resolverKeys) if (!consumerMethods.has(key)) points.push({ kind: 'resolver', key, label: `resolver ${key}` });
  return points;
}

function uiKit1Functions(module: ModuleEntry): [string, 'module' | 'config'][] {
  const found: [string, 'module' | 'config'][] = [];
  if (typeof module.value.function === 'string') found.push([module.value.function, 'module']);
  const config = record(module.value.config);
  if (config && typeof config.function === 'string') found.push([config.function, 'config']);
  return found;
}

function eventTypes(module: ModuleEntry): string[] {
  const events = Array.isArray(module.value.events) ? module.value.events : [];
  return events.map((event) => (typeof event === 'string' ? event : String(record(event)?.eventType ?? ''))).filter(Boolean);
}

function inputsOf(module: ModuleEntry): Record<string, { type?: string; required?: boolean }> {
  const inputs = record(module.value.inputs) ?? {};
  return Object.fromEntries(
    Object.entries(inputs).map(([name, value]) => {
      const input = record(value) ?? {};
      return [name, { type: typeof input.type === 'string' ? input.type : undefined, required: input.required === true }];
    }),
  );
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
