import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../project-root';
import type { Operation, ProductApi } from './types';

/** A spec the table was generated from, as recorded in its header. */
export interface TableSource {
  file: string;
  product: ProductApi;
  title: string | null;
  version: string | null;
  operations: number;
}

interface TableFile {
  sources: TableSource[];
  scopes: string[];
  /** [source index, method, path, classic scope indexes, granular scope indexes, deprecated 0|1] */
  operations: [number, string, string, number[], number[], number][];
}

interface EndpointTable {
  sources: TableSource[];
  operations: Operation[];
}

let cached: EndpointTable | null = null;

/** Where scripts/generate-scope-data.mjs writes the table. */
function endpointTableFile(): string {
  return path.join(projectRoot(), 'resources', 'generated', 'endpoint-scopes.json');
}

function load(): EndpointTable {
  const file = endpointTableFile();
  let data: TableFile;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as TableFile;
  } catch (error) {
    throw new Error(`Cannot read the endpoint scope table ${file}: ${(error as Error).message}. Run node scripts/generate-scope-data.mjs.`, { cause: error });
  }
  const scopeAt = (index: number): string => {
    const scope = data.scopes[index];
    if (scope === undefined) throw new Error(`${file} refers to scope #${index}, which it does not list; regenerate it.`);
    return scope;
  };
  const operations = data.operations.map(([source, method, operationPath, classic, granular, deprecated]): Operation => {
    const product = data.sources[source]?.product;
    if (!product) throw new Error(`${file} refers to source #${source}, which it does not list; regenerate it.`);
    return { product, method, path: operationPath, classic: classic.map(scopeAt), granular: granular.map(scopeAt), deprecated: deprecated === 1 };
  });
  return { sources: data.sources, operations };
}

/** Every REST operation of the bundled specs, read once from the generated table. */
export function allOperations(): readonly Operation[] {
  cached ??= load();
  return cached.operations;
}

/** The spec files and versions the table was generated from. */
export function tableSources(): readonly TableSource[] {
  cached ??= load();
  return cached.sources;
}
