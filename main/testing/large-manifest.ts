import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { projectRoot, sampleAppFolder } from '../project-root';

// Real manifests of public Forge apps, kept beside the project (not in it).
const CORPUS_MANIFEST = path.join(projectRoot(), '..', 'shared', 'corpus', 'manifests', 'atlassian_jenkins-for-jira__app_manifest.yml');

/** A real manifest to grow: one from the corpus of public apps when it is there, else the sample app's. */
export function realManifest(): string {
  return readFileSync(existsSync(CORPUS_MANIFEST) ? CORPUS_MANIFEST : path.join(sampleAppFolder(), 'manifest.yml'), 'utf8');
}

type Module = Record<string, unknown>;

/**
 * `base` with its modules repeated, each copy's keys (and the function keys they name) made unique,
 * until the text is at least `targetBytes` long. Built in memory: a multi-megabyte manifest is never committed.
 */
export function largeManifest(targetBytes: number, base = realManifest()): string {
  const manifest = parse(base) as { modules: Record<string, Module[]> } & Record<string, unknown>;
  const { modules, ...rest } = manifest;
  const head = stringify(rest, { lineWidth: 0 });
  // One template per module type, its keys ending in a marker that each copy replaces with its number.
  const templates = Object.entries(modules).map(([type, list]) => [type, stringify(list.map(marked), { lineWidth: 0 }).replace(/^(?=.)/gm, '    ')] as const);
  const copies = new Map(templates.map(([type]) => [type, [] as string[]]));
  let size = head.length + 'modules:\n'.length;
  for (let copy = 1; size < targetBytes; copy += 1) {
    for (const [type, template] of templates) {
      const block = template.replaceAll(MARKER, `-${copy}`);
      copies.get(type)!.push(block);
      size += block.length;
    }
  }
  const body = [...copies].map(([type, blocks]) => `  ${type}:\n${blocks.join('')}`);
  return `modules:\n${body.join('')}${head}`;
}

const MARKER = '-copy-marker';

function marked(module: Module): Module {
  const renamed: Module = { ...module, key: `${String(module.key)}${MARKER}` };
  if (typeof module.function === 'string') renamed.function = `${module.function}${MARKER}`;
  const resolver = module.resolver as { function?: unknown } | undefined;
  if (resolver && typeof resolver.function === 'string') renamed.resolver = { ...resolver, function: `${resolver.function}${MARKER}` };
  return renamed;
}
