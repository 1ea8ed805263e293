// Generates the manifest schema validator at build time, so no Anvil process compiles @forge/manifest's
// 2 MB schema (seconds of Ajv work). Ajv's standalone code for the whole schema is one 6 MB function
// (every module type inline), which itself takes most of a second to load; so each module type gets
// its own file, required only when a manifest declares that type. The root validator keeps a marker
// where each module's checks go, and index.cjs puts the module's violations there: same violations,
// same order as one compiled schema.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST_VALIDATOR_FOLDER = path.join(ROOT, 'out', 'main', 'manifest-schema');
const STAMP = 'stamp.json';
const requireHere = createRequire(path.join(ROOT, 'package.json'));

/** The same options the run-time compile used: every violation, lenient about Atlassian's schema extensions, no formats. */
export const AJV_OPTIONS = { allErrors: true, strict: false, validateFormats: false };

/** What the generated files depend on: the schema's package, Ajv, and this generator. */
export function currentStamp() {
  const version = (name) => JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const generator = createHash('sha256')
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest('hex');
  return { forgeManifest: version('@forge/manifest'), ajv: version('ajv'), generator };
}

/** Whether the generated validator is missing or was made from another schema, Ajv or generator. */
export function manifestValidatorIsStale(folder = MANIFEST_VALIDATOR_FOLDER) {
  const file = path.join(folder, STAMP);
  if (!existsSync(file)) return true;
  try {
    return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) !== JSON.stringify(currentStamp());
  } catch {
    return true;
  }
}

// Loads the root validator at once and each module type's on first use; replaces each marker with that
// module's violations. Plain CommonJS so a worker thread can require it as well as the core.
const INDEX_SOURCE = (moduleFiles) => `'use strict';
// Loaded on the first validation: reading the module types alone must not compile the root validator.
let validateRoot = null;
const MODULE_FILES = ${JSON.stringify(moduleFiles)};
const MARKER_PREFIX = '#/definitions/ModuleSchema/properties/';
const loaded = new Map();
function moduleValidator(type) {
  let validate = loaded.get(type);
  if (!validate) {
    validate = require('./modules/' + MODULE_FILES[type]);
    loaded.set(type, validate);
  }
  return validate;
}
function unescapePointer(part) {
  return part.replace(/~1/g, '/').replace(/~0/g, '~');
}
/** Every violation of the manifest schema, in the order one compiled schema reports them. */
function validateManifest(manifest) {
  validateRoot = validateRoot || require('./root.cjs');
  if (validateRoot(manifest)) return [];
  const violations = [];
  for (const error of validateRoot.errors) {
    if (error.keyword !== 'not' || !error.schemaPath.startsWith(MARKER_PREFIX)) {
      violations.push(error);
      continue;
    }
    const type = unescapePointer(error.instancePath.slice(error.instancePath.lastIndexOf('/') + 1));
    const validate = moduleValidator(type);
    const modules = manifest.modules;
    if (!validate(modules[type], { instancePath: error.instancePath, parentData: modules, parentDataProperty: type, rootData: manifest })) violations.push(...validate.errors);
  }
  return violations;
}
// The module types are the schema's own list: the command line reads them here instead of parsing the 2 MB schema.
module.exports = { validateManifest, moduleTypes: Object.keys(MODULE_FILES) };
`;

/** Write out/main/manifest-schema/: root.cjs, modules/*.cjs, index.cjs, and the stamp last. */
export async function buildManifestValidator() {
  const Ajv = requireHere('ajv').default;
  const standaloneCode = requireHere('ajv/dist/standalone').default;
  const { transform } = await import('esbuild');
  const schema = JSON.parse(readFileSync(requireHere.resolve('@forge/manifest/schema.json'), 'utf8'));
  const moduleSchema = schema.definitions?.ModuleSchema;
  if (!moduleSchema?.properties) throw new Error('@forge/manifest schema has no definitions.ModuleSchema.properties; update scripts/manifest-validator.mjs for its new shape');
  const definitions = { ...schema.definitions };
  delete definitions.ModuleSchema;

  const generate = async (oneSchema) => {
    const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true } });
    const code = standaloneCode(ajv, ajv.compile(oneSchema));
    return (await transform(code, { minify: true, format: 'cjs', platform: 'node', target: 'node20' })).code;
  };

  const staging = `${MANIFEST_VALIDATOR_FOLDER}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(path.join(staging, 'modules'), { recursive: true });
  const moduleFiles = {};
  const markers = {};
  let index = 0;
  for (const [type, typeSchema] of Object.entries(moduleSchema.properties)) {
    const file = `module-${index++}.cjs`;
    moduleFiles[type] = file;
    // `not: {}` always fails: a marker index.cjs replaces with the module's own violations.
    markers[type] = { not: {} };
    const { $schema } = schema;
    writeFileSync(path.join(staging, 'modules', file), await generate({ $schema, definitions, ...typeSchema }));
  }
  const rootSchema = { ...schema, definitions: { ...schema.definitions, ModuleSchema: { ...moduleSchema, properties: markers } } };
  writeFileSync(path.join(staging, 'root.cjs'), await generate(rootSchema));
  writeFileSync(path.join(staging, 'index.cjs'), INDEX_SOURCE(moduleFiles));
  writeFileSync(path.join(staging, STAMP), JSON.stringify(currentStamp(), null, 2) + '\n');
  rmSync(MANIFEST_VALIDATOR_FOLDER, { recursive: true, force: true });
  renameSync(staging, MANIFEST_VALIDATOR_FOLDER);
}
