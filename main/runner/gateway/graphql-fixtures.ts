import path from 'node:path';
import { anything, fields, optional, passes, required, string } from '../../contract';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import { FIXTURES_FOLDER, readFixtureFile } from './fixture-files';
import { fixtureResponse } from './product-gateway';

/** Where `requestGraph` (asApp or asUser) sends its query, through the platform's API gateway. */
export const GRAPHQL_PATH = '/graphql';

// A GraphQL name: also a safe file name (no dot, separator or space), so it can name its fixture directly.
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/**
 * Answers a `requestGraph` call from the app's fixtures, keyed by operation name:
 * `.anvil/fixtures/graphql/<operationName>.json` holding `{"status": 200, "body": {"data": …}}`. A
 * miss names the file to add, as for REST calls. Anvil cannot tell which scopes a GraphQL operation
 * needs (the gateway decides per field), so the call record says so.
 */
export async function answerGraphqlFromFixtures(appFolder: string, bodyText: string | null): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const name = operationName(bodyText);
  if (!name.ok) {
    return {
      response: jsonResponse(400, { errors: [{ message: name.reason }] }),
      record: { kind: 'product', target: 'graphql', method: 'POST', allowed: false, reason: name.reason },
    };
  }
  const file = path.join(appFolder, FIXTURES_FOLDER, 'graphql', `${name.value}.json`);
  const relative = `${FIXTURES_FOLDER}/graphql/${name.value}.json`;
  const target = `graphql ${name.value}`;
  const unchecked = 'Anvil cannot tell which scopes a GraphQL operation needs; answered from fixtures, never sent anywhere';
  let text: string | null;
  try {
    text = await readFixtureFile(appFolder, file);
  } catch (error) {
    // A fixture through a link, or not a plain file: the app gets an error, the record says which file and what to do.
    const message = (error as Error).message;
    return {
      response: jsonResponse(500, { errors: [{ message }] }),
      record: { kind: 'product', target, method: 'POST', allowed: true, reason: `${unchecked}; ${message}`, fixture: { file: relative, found: true } },
    };
  }
  if (text === null) {
    const message = `Anvil has no fixture for the GraphQL operation ${name.value}: add ${relative} with {"status": 200, "body": {"data": …}}`;
    return {
      response: jsonResponse(404, { errors: [{ message, extensions: { errorType: 'ANVIL_NO_FIXTURE' } }] }),
      record: { kind: 'product', target, method: 'POST', allowed: true, reason: `${unchecked}; no fixture yet: add ${relative}`, fixture: { file: relative, found: false } },
    };
  }
  return { response: fixtureResponse(text, relative), record: { kind: 'product', target, method: 'POST', allowed: true, reason: unchecked, fixture: { file: relative, found: true } } };
}

const graphqlRequest = fields({ query: required(string()), operationName: optional(anything) });

/** The operation's name: `operationName` when sent, else the first named operation in the query text. */
function operationName(bodyText: string | null): { ok: true; value: string } | { ok: false; reason: string } {
  let value: unknown;
  try {
    value = JSON.parse(bodyText || 'null');
  } catch {
    return { ok: false, reason: 'The GraphQL request body is not JSON; send {"query": "...", "variables": {...}}' };
  }
  if (!passes(value, graphqlRequest)) return { ok: false, reason: 'The GraphQL request has no query; send {"query": "...", "variables": {...}}' };
  const body = value;
  const given = typeof body.operationName === 'string' ? body.operationName : /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(body.query)?.[1];
  if (given === undefined) {
    return {
      ok: false,
      reason: 'Anvil answers GraphQL calls from fixtures named after the operation, and this one has no name; name it (query MyIssues { … }) and add .anvil/fixtures/graphql/MyIssues.json',
    };
  }
  if (!OPERATION_NAME.test(given)) return { ok: false, reason: `"${given.slice(0, 60)}" is not a GraphQL operation name (letters, digits and _ only)` };
  return { ok: true, value: given };
}
