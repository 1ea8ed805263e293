import { describe, expect, it } from 'vitest';
import { cliQuery, declaredVariables, forgeCliReferenceFile, leafPaths, parseOperation, schemaTypes, unknownPaths } from '../testing';
import { APP_LOGS_QUERY } from './app-logs';
import { ENVIRONMENT_ID_QUERY, LIST_ENVIRONMENTS_QUERY } from './environments';
import { LIST_INSTALLATIONS_QUERY, SITE_HOST_NAMES_QUERY } from './installations';
import { VERSION_DETAILS_QUERY } from './version-details';
import { LIST_VERSIONS_QUERY } from './versions';

// Anvil's queries are its own text, written from the Forge CLI's. These tests read the pinned CLI
// release (fetched by scripts/forge-cli-reference.mjs) so that the two cannot drift apart silently.
const cliLogs = forgeCliReferenceFile('@forge/cli-shared', 'out/app-logs/graphql-client.js');
const schema = forgeCliReferenceFile('@forge/cli-shared', 'out/graphql/graphql-types.d.ts');
const cliVersions = forgeCliReferenceFile('@forge/cli', 'out/version/graphql-client.js');

describe.skipIf(cliLogs === null)("Anvil's logs query against the Forge CLI's", () => {
  const cli = cliQuery(cliLogs ?? '', 'forge_cli_getApplicationLogsV2');

  it("selects only fields the Forge CLI's own logs query selects", () => {
    const cliFields = new Set(leafPaths(parseOperation(cli).selection));
    const anvilFields = leafPaths(parseOperation(APP_LOGS_QUERY).selection);
    expect(anvilFields.length).toBeGreaterThan(5);
    expect(anvilFields.filter((field) => !cliFields.has(field))).toEqual([]);
  });

  it('declares its variables with the types the Forge CLI declares', () => {
    const cliVariables = declaredVariables(cli);
    const anvilVariables = declaredVariables(APP_LOGS_QUERY);
    expect(Object.keys(anvilVariables)).toEqual(expect.arrayContaining(['appId', 'environmentId', 'dateSearchInput', 'offset', 'limit', 'queryStartTime']));
    expect(Object.fromEntries(Object.keys(anvilVariables).map((name) => [name, cliVariables[name]]))).toEqual(anvilVariables);
  });
});

describe.skipIf(cliVersions === null)("Anvil's version details query against the Forge CLI's", () => {
  const cli = cliQuery(cliVersions ?? '', 'forge_cli_getApplicationVersionDetails');

  // Anvil pages through a major version to find an installation's exact version; the CLI asks for one.
  const paging = (field: string) => field.includes('.pageInfo.');

  it("selects only fields the Forge CLI's own version details query selects, besides paging", () => {
    const cliFields = new Set(leafPaths(parseOperation(cli).selection));
    const anvilFields = leafPaths(parseOperation(VERSION_DETAILS_QUERY).selection);
    expect(anvilFields).toEqual(expect.arrayContaining(['app.environmentByKey.versions.nodes.permissions.scopes.key', 'app.environmentByKey.versions.nodes.permissions.egress.type']));
    expect(anvilFields.filter((field) => !paging(field) && !cliFields.has(field))).toEqual([]);
  });

  it('declares the variables it shares with the Forge CLI with the same types', () => {
    const cliVariables = declaredVariables(cli);
    const anvilVariables = declaredVariables(VERSION_DETAILS_QUERY);
    const shared = Object.keys(anvilVariables).filter((name) => name !== 'after');
    expect(shared).toEqual(['appId', 'environmentKey', 'firstN', 'majorVersion']);
    expect(Object.fromEntries(shared.map((name) => [name, cliVariables[name]]))).toEqual(Object.fromEntries(shared.map((name) => [name, anvilVariables[name]])));
  });
});

describe.skipIf(schema === null)("Anvil's queries against the schema the Forge CLI was generated from", () => {
  const types = schemaTypes(schema ?? '');

  it.each([
    ['environments', LIST_ENVIRONMENTS_QUERY],
    ['environment id', ENVIRONMENT_ID_QUERY],
    ['installations', LIST_INSTALLATIONS_QUERY],
    ['site host names', SITE_HOST_NAMES_QUERY],
    ['versions', LIST_VERSIONS_QUERY],
    ['version details', VERSION_DETAILS_QUERY],
    ['logs', APP_LOGS_QUERY],
  ])('every field the %s query selects exists in the schema', (_name, query) => {
    expect(types.size).toBeGreaterThan(1000);
    expect(unknownPaths(parseOperation(query).selection, types)).toEqual([]);
  });

  it('notices a field the schema does not have', () => {
    expect(unknownPaths(parseOperation('query x { app(id: $id) { environmentByKey(key: $k) { id colour } } }').selection, types)).toEqual(['Query.app.environmentByKey.colour']);
  });
});
