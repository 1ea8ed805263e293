// Builds the scope tables Anvil ships (resources/generated/) from Atlassian's OpenAPI specs and the
// consent-title list, so the app never needs the specs themselves at run time.
//
//   node scripts/generate-scope-data.mjs [openapi-folder] [scope-titles.tsv]
//
// The folder defaults to ../shared/forge/openapi beside the project root; the titles file defaults to
// scope-titles.tsv in the folder above it. Output is deterministic: running it twice gives the same bytes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = 'scripts/generate-scope-data.mjs';

/** The specs, in the order an app's call is looked up; each names the product API it belongs to. */
export const SPECS = [
  { file: 'jira-platform.v3.json', product: 'jira' },
  { file: 'jira-software.v3.json', product: 'jira' },
  { file: 'confluence-v1.v3.json', product: 'confluence' },
  { file: 'confluence-v2.v3.json', product: 'confluence' },
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Granular scopes have three or more parts (`read:issue:jira`); classic ones two (`read:jira-work`). */
const isGranular = (scope) => scope.split(':').length >= 3;
const unique = (list) => [...new Set(list)];

/** The path part of a spec's first server URL: `https://{your-domain}/wiki/api/v2` → `/wiki/api/v2`. */
function serverBase(spec) {
  const url = spec.servers?.[0]?.url ?? '';
  const base = url.replace(/^[a-z][a-z0-9+.-]*:/i, '').replace(/^\/\/[^/]*/, '');
  return base.replace(/\/+$/, '');
}

/** The path an app passes to requestJira / requestConfluence for a spec path. */
export function fullPath(product, base, specPath) {
  let full = base && !specPath.startsWith(base + '/') ? base + specPath : specPath;
  // Some spec copies leave out the prefix their server adds: Confluence serves everything under /wiki
  // (v1's Connect module API under /wiki/rest), Jira Software its dev-tool APIs (/devinfo, /builds, …) under /rest.
  if (product === 'confluence' && !full.startsWith('/wiki/')) full = (/^\/(rest|api)\//.test(full) ? '/wiki' : '/wiki/rest') + full;
  if (product === 'jira' && !full.startsWith('/rest/')) full = '/rest' + full;
  return full;
}

/**
 * An operation's requirement. `x-atlassian-oauth2-scopes` gives Current (classic) and Beta (granular)
 * sets; without it the scopes are in `security`. Where the Current set is itself granular (Confluence
 * v2, Jira Software) it is kept as given and becomes the granular requirement.
 */
export function scopesOf(operation, where) {
  const declared = operation['x-atlassian-oauth2-scopes'];
  let current;
  let beta;
  if (Array.isArray(declared)) {
    current = declared.filter((entry) => entry.state === 'Current').flatMap((entry) => entry.scopes ?? []);
    beta = declared.filter((entry) => entry.state === 'Beta').flatMap((entry) => entry.scopes ?? []);
  } else {
    current = (operation.security ?? []).flatMap((entry) => [...(entry.OAuth2 ?? []), ...(entry.oAuthDefinitions ?? [])]);
    beta = [];
  }
  current = unique(current);
  beta = unique(beta);
  if (current.length > 0 && current.every(isGranular)) {
    if (beta.length > 0) console.warn(`${where}: granular Current and Beta sets; keeping the Current set only`);
    return { classic: [], granular: current };
  }
  return { classic: current, granular: beta };
}

function readSpec(folder, file) {
  try {
    return JSON.parse(readFileSync(path.join(folder, file), 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the OpenAPI spec ${file} in ${folder}: ${error.message}`);
  }
}

function endpointTable(folder) {
  const sources = [];
  const rows = [];
  SPECS.forEach(({ file, product }, sourceIndex) => {
    const spec = readSpec(folder, file);
    const base = serverBase(spec);
    let count = 0;
    for (const [specPath, item] of Object.entries(spec.paths ?? {})) {
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const { classic, granular } = scopesOf(operation, `${file} ${method.toUpperCase()} ${specPath}`);
        const full = fullPath(product, base, specPath);
        rows.push({ sourceIndex, method: method.toUpperCase(), path: full, classic, granular, deprecated: operation.deprecated === true });
        count++;
      }
    }
    sources.push({ file, product, title: spec.info?.title ?? null, version: spec.info?.version ?? null, operations: count });
  });
  // Intern every scope name once; rows refer to them by index into the sorted list.
  const scopes = unique(rows.flatMap((row) => [...row.classic, ...row.granular])).sort();
  const index = new Map(scopes.map((scope, position) => [scope, position]));
  const operations = rows.map((row) => [row.sourceIndex, row.method, row.path, row.classic.map((scope) => index.get(scope)), row.granular.map((scope) => index.get(scope)), row.deprecated ? 1 : 0]);
  return {
    generated: `by ${SCRIPT} from the OpenAPI specs in "sources"; do not edit by hand, run the script again`,
    sources,
    columns: ['source', 'method', 'path', 'classic', 'granular', 'deprecated'],
    scopes,
    operations,
  };
}

function scopeTitles(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the scope titles ${file}: ${error.message}`);
  }
  const titles = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [scope, title] = line.split('\t');
    if (!scope || scope === 'scope' || !title?.trim()) continue;
    titles[scope.trim()] = title.trim();
  }
  const sorted = Object.fromEntries(Object.entries(titles).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    generated: `by ${SCRIPT} from ${path.basename(file)}; do not edit by hand, run the script again`,
    titles: sorted,
  };
}

/** JSON with one operation per line: compact, yet a regenerated table diffs readably. */
function endpointJson(table) {
  const { operations, ...head } = table;
  const headText = JSON.stringify(head);
  return `${headText.slice(0, -1)},"operations":[\n${operations.map((row) => JSON.stringify(row)).join(',\n')}\n]}\n`;
}

function main() {
  const folder = path.resolve(process.argv[2] ?? path.join(root, '..', 'shared', 'forge', 'openapi'));
  const titlesFile = path.resolve(process.argv[3] ?? path.join(folder, '..', 'scope-titles.tsv'));
  const out = path.join(root, 'resources', 'generated');
  mkdirSync(out, { recursive: true });
  const table = endpointTable(folder);
  writeFileSync(path.join(out, 'endpoint-scopes.json'), endpointJson(table));
  const titles = scopeTitles(titlesFile);
  writeFileSync(path.join(out, 'scope-titles.json'), JSON.stringify(titles, null, 1) + '\n');
  const summary = table.sources.map((source) => `${source.file} ${source.operations}`).join(', ');
  console.log(`endpoint-scopes.json: ${table.operations.length} operations (${summary}), ${table.scopes.length} scopes`);
  console.log(`scope-titles.json: ${Object.keys(titles.titles).length} titles`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
