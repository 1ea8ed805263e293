import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fields, list, parseJson, recordOf, required, string } from '../contract';
import { projectRoot } from '../project-root';
import { readForgeManifestJson } from './forge-manifest-data';

const scopeNames = list(string(), Number.POSITIVE_INFINITY);
const titlesFile = fields({ titles: required(recordOf(string())) });

interface Catalog {
  /** Every scope the platform accepts, sorted. */
  names: string[];
  known: Set<string>;
  titles: Map<string, string>;
}

let cached: Catalog | null = null;

/**
 * Titles in Anvil's own words for classic scopes whose consent-screen title is not published in
 * the scope tables the generated titles come from; without them the install screen would show a
 * bare scope name where an admin expects a sentence.
 */
const ANVIL_TITLES: Record<string, string> = {
  'read:confluence-content.summary': 'Read Confluence content summaries',
  'read:confluence-content.all': 'Read Confluence detailed content',
  'search:confluence': 'Search Confluence content and space summaries',
};

function readTitles(): Map<string, string> {
  const file = path.join(projectRoot(), 'resources', 'generated', 'scope-titles.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the scope titles ${file}: ${(error as Error).message}. Run node scripts/generate-scope-data.mjs.`, { cause: error });
  }
  const data = parseJson(text, titlesFile);
  if (!data.ok) throw new Error(`The scope titles ${file} are not valid: ${data.problem}. Run node scripts/generate-scope-data.mjs.`);
  return new Map([...Object.entries(ANVIL_TITLES), ...Object.entries(data.value.titles)]);
}

function catalog(): Catalog {
  if (cached) return cached;
  // The manifest validator accepts the union of both lists; so do we.
  const shipyard = readForgeManifestJson('scopes/shipyard-scopes.json', scopeNames);
  const deprecated = readForgeManifestJson('scopes/deprecated-shipyard-scopes.json', scopeNames);
  const known = new Set([...shipyard, ...deprecated]);
  cached = { names: [...known].sort(), known, titles: readTitles() };
  return cached;
}

/** Whether the platform accepts this scope name in `permissions.scopes`. */
export function isKnownScope(scope: string): boolean {
  return catalog().known.has(scope);
}

/** Consent-screen title of a scope, or null where it is not known. */
export function titleOf(scope: string): string | null {
  return catalog().titles.get(scope) ?? null;
}

/** Every scope the platform accepts, sorted, with its consent title where known (for completion). */
export function allScopes(): { name: string; title: string | null }[] {
  return catalog().names.map((name) => ({ name, title: titleOf(name) }));
}

/** Names only, for searching. */
export function knownScopeNames(): readonly string[] {
  return catalog().names;
}
