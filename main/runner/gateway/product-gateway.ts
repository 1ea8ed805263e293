import path from 'node:path';
import { AnvilError, anything, fields, integer, optional, parseJson, recordOf, string } from '../../contract';
import { findOperation, missingScopes, requirementOf, type ProductApi } from '../../scopes';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import { FIXTURES_FOLDER, readFixtureFile, writeFixtureFile } from './fixture-files';
import type { Installation } from './installation';
import { canonicalProductPath, pathWithQuery } from './product-path';

export { FIXTURES_FOLDER };

// Calls that would change who a user is (identity properties) are refused whatever the scopes (seed: "cannot be changed").
// Any REST version (2, 3, latest, …): a path outside the tables is sent on too, so this guard cannot rely on the table.
const IDENTITY_CHANGES = [/^\/rest\/api\/[^/]+\/(user|myself)(\/|\?|$)/, /^\/wiki\/rest\/api\/user(\/|\?|$)/];

export interface ProductRequest {
  /** The `remote` of `__forge_fetch__`'s first argument: jira, confluence, bitbucket. */
  product: string;
  method: string;
  path: string;
  body: string | null;
}

/** Decide a product call as the platform would (product installed, scopes approved, identity untouched), then answer it. */
export async function productCall(
  appFolder: string,
  installation: Installation,
  request: ProductRequest,
  send: (installation: Installation, request: ProductRequest) => Promise<{ response: GatewayResponse; fixture?: CallRecord['fixture']; note?: string }>,
): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const method = request.method.toUpperCase();
  const refuse = (status: number, reason: string, body: unknown, target = `${request.product} ${request.path}`) => ({
    response: jsonResponse(status, body),
    record: { kind: 'product' as const, target, method, allowed: false, reason },
  });

  if (request.product !== installation.product) {
    return refuse(403, `the app is installed in ${installation.product} on ${installation.site}; it may not call ${request.product} from there`, {
      message: `Request ${request.product} is not allowed from ${installation.product} context`,
    });
  }
  // Every check below, the fixture lookup and the site all see this one canonical path, never the raw one.
  const canonical = canonicalProductPath(request.path);
  if (!canonical.ok) return refuse(400, `${canonical.reason}`, { message: `Anvil refused the ${request.product} call: ${canonical.reason}` });
  const pathOnly = canonical.path;
  const sent: ProductRequest = { ...request, method, path: pathWithQuery(canonical) };
  const target = `${request.product} ${sent.path}`;
  if (method !== 'GET' && IDENTITY_CHANGES.some((pattern) => pattern.test(pathOnly))) {
    return refuse(403, 'apps cannot change the identity of users (profile, email, password)', { message: 'Apps cannot change user identity properties' }, target);
  }
  const operation = findOperation(request.product as ProductApi, method, pathOnly);
  if (!operation) return unknownOperation(installation, sent, pathOnly, send);
  const missing = missingScopes(new Set(installation.approvedScopes), requirementOf(operation));
  if (missing.length > 0) {
    return refuse(
      401,
      `${method} ${operation.path} needs the scope ${missing.join(' and ')}, which the installation has not approved; add it to permissions.scopes`,
      { code: 401, message: 'Unauthorized; scope does not match' },
      target,
    );
  }
  const { response, fixture, note } = await send(installation, sent);
  const answered = (fixture && !fixture.found ? `; no fixture yet: add ${fixture.file}` : '') + (note ? `; ${note}` : '');
  return { response, record: { kind: 'product', target, method, allowed: true, reason: `${method} ${operation.path} (scopes approved)${answered}`, ...(fixture ? { fixture } : {}) } };
}

/**
 * A path no table knows: the platform forwards it and the product decides, so it goes on to the
 * fixtures too, with a warning that Anvil cannot tell which scope it needs (identity, product and
 * path checks already ran). Never to a real site: Anvil calls a site with the developer's own
 * account, not a token limited to the app's scopes, so a call whose scopes cannot be checked would
 * run with every permission the developer has.
 */
async function unknownOperation(
  installation: Installation,
  sent: ProductRequest,
  pathOnly: string,
  send: (installation: Installation, request: ProductRequest) => Promise<{ response: GatewayResponse; fixture?: CallRecord['fixture']; note?: string }>,
): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const target = `${sent.product} ${sent.path}`;
  if (installation.target === 'site') {
    const reason = `${sent.method} ${pathOnly} is not a ${sent.product} REST operation Anvil knows, so it cannot check which scopes it needs, and it is not sent to ${installation.site} with your account. Run it against fixtures (an installation without a site), where it is answered with a warning, or check the path`;
    return {
      response: jsonResponse(403, { message: `Anvil did not send ${sent.method} ${pathOnly} to ${installation.site}: ${reason}` }),
      record: { kind: 'product', target, method: sent.method, allowed: false, reason },
    };
  }
  const { response, fixture, note } = await send(installation, sent);
  const answered = (fixture && !fixture.found ? `; no fixture yet: add ${fixture.file}` : '') + (note ? `; ${note}` : '');
  const reason = `WARNING: Anvil cannot tell which scope ${sent.method} ${pathOnly} needs (no ${sent.product} REST operation it knows matches); answered as the platform would forward it, and the product decides${answered}`;
  return { response, record: { kind: 'product', target, method: sent.method, allowed: true, reason, ...(fixture ? { fixture } : {}) } };
}

/** The fixture file for a call: `.anvil/fixtures/<product>/<METHOD>/<path template>.json`. */
export function fixtureFile(appFolder: string, product: string, method: string, templatePath: string): string {
  return path.join(appFolder, FIXTURES_FOLDER, product, method.toUpperCase(), `${templatePath.replace(/^\//, '')}.json`);
}

/** Answer a product call from the app's fixtures; a miss says which file to add. */
export async function answerFromFixtures(appFolder: string, request: ProductRequest): Promise<{ response: GatewayResponse; fixture: { file: string; found: boolean } }> {
  // Only a path productCall has canonicalised names a fixture: no `..` may steer the file name.
  const canonical = canonicalProductPath(request.path);
  if (!canonical.ok || pathWithQuery(canonical) !== request.path) {
    throw new AnvilError('bad-request', `Fixtures answer only canonical paths; ${canonical.ok ? `${request.path} is sent as ${pathWithQuery(canonical)}` : canonical.reason}.`);
  }
  const operation = findOperation(request.product as ProductApi, request.method, canonical.path);
  const file = fixtureFile(appFolder, request.product, request.method, operation?.path ?? canonical.path);
  const relative = path.relative(appFolder, file).split(path.sep).join('/');
  let text: string | null;
  try {
    text = await readFixtureFile(appFolder, file);
  } catch (error) {
    // A fixture path through a link, or not a plain file: the app gets an error, the log says which file and what to do.
    return { response: jsonResponse(500, { message: (error as Error).message }), fixture: { file: relative, found: true } };
  }
  if (text === null) {
    return {
      response: jsonResponse(404, { message: `Anvil has no fixture for ${request.method.toUpperCase()} ${request.path}: add ${relative} with {"status": 200, "body": …}` }),
      fixture: { file: relative, found: false },
    };
  }
  return { response: fixtureResponse(text, relative), fixture: { file: relative, found: true } };
}

/**
 * A fixture file: `{"status", "headers"?, "body"}`. It is the app folder's, so a status that is not an
 * HTTP status or a header that is not text is named as the fixture's fault, never sent on to app code.
 */
const fixtureShape = fields({ status: optional(integer(200, 599)), headers: optional(recordOf(string())), body: optional(anything) });

/** The answer a fixture file's text gives; a broken one says which file to fix and what is wrong in it. */
export function fixtureResponse(text: string, relative: string): GatewayResponse {
  const parsed = parseJson(text, fixtureShape);
  if (!parsed.ok) return jsonResponse(500, { message: `The fixture ${relative} is not valid: ${parsed.problem}; fix it in the Runner pane or an editor.` });
  const fixture = parsed.value;
  return {
    status: fixture.status ?? 200,
    headers: { 'content-type': 'application/json', ...(fixture.headers ?? {}) },
    body: typeof fixture.body === 'string' ? fixture.body : JSON.stringify(fixture.body ?? null),
  };
}

/** Read a fixture for the Runner pane's editor (only files under .anvil/fixtures of the app). */
export async function readFixture(appFolder: string, file: string): Promise<string> {
  return (await readFixtureFile(appFolder, fixturePath(appFolder, file))) ?? '{\n  "status": 200,\n  "body": {}\n}\n';
}

/** Write a fixture from the Runner pane; it must be JSON of the form {status, headers?, body}. */
export async function writeFixture(appFolder: string, file: string, text: string): Promise<void> {
  const parsed = parseJson(text, fixtureShape);
  if (!parsed.ok) throw new AnvilError('bad-request', `A fixture is an object {"status": 200, "headers": {…}, "body": …}, and this one is not valid: ${parsed.problem}; nothing was saved.`);
  await writeFixtureFile(appFolder, fixturePath(appFolder, file), text.endsWith('\n') ? text : `${text}\n`);
}

function fixturePath(appFolder: string, file: string): string {
  const root = path.resolve(appFolder, FIXTURES_FOLDER);
  const target = path.resolve(appFolder, file);
  if (!target.startsWith(root + path.sep) || !target.endsWith('.json')) {
    throw new AnvilError('bad-request', `"${file}" is not a fixture: fixtures are .json files under ${FIXTURES_FOLDER}/ in the app.`);
  }
  return target;
}
