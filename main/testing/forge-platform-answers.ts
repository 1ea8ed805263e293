import type { Selection } from './graphql-selection';

/** An app as the stand-in gateway knows it. */
export interface StandInApp {
  /** The app's ARI, as in manifest.yml. */
  id: string;
  environments: { id: string; key: string; type: string; createdAt: string }[];
  installations: { id: string; installationContext: string; environmentKey: string; version: string; isLatest: boolean }[];
  /** Deployed versions per environment key, newest first; details default to no permissions, no modules, no licensing. */
  versions: Record<string, StandInVersion[]>;
  /** Site host names by cloud id. */
  sites: Record<string, string>;
}

/** A deployed version as the platform keeps it (the wire's field names, as the version details query selects them). */
export interface StandInVersion {
  version: string;
  isLatest: boolean;
  createdAt: string;
  requiresLicense?: boolean;
  permissions?: {
    scopes: { key: string }[];
    egress?: { type: string; addresses: string[]; category?: string | null; inScopeEUD?: boolean | null }[];
    securityPolicies?: { type: string; policies: string[] }[];
  }[];
  extensions?: { nodes: { key: string; extensionData: Record<string, unknown> }[] };
}

/** A log line as the platform stores it (the wire's field names). */
export interface StandInLogLine {
  environmentId: string;
  invocationId: string;
  ts: string;
  appVersion?: string | null;
  message?: string | null;
  functionKey?: string | null;
  lvl?: string | null;
  error?: string | null;
  /** A JSON text of the further console arguments. */
  other?: string | null;
}

export interface StandInState {
  app: StandInApp;
  logs: StandInLogLine[];
  /** The most lines one logs page answers, whatever the client asks (the platform has such a cap). */
  pageMax: number;
}

/** What a root field answers, before projection onto the selection; undefined for a root field the stand-in does not know. */
export function answerRoot(state: StandInState, root: string, selection: Selection, variables: Record<string, unknown>): unknown {
  switch (root) {
    case 'app':
      return appAnswer(state, selection, variables);
    case 'ecosystem':
      return { appInstallationsByApp: installationsAnswer(state, variables) };
    case 'tenantContexts':
      return (asStrings(variables.cloudIds) ?? []).map((cloudId) => ({ cloudId, hostName: state.app.sites[cloudId] ?? null }));
    case 'appLogsWithMetaData':
      return logsAnswer(state, variables);
    default:
      return undefined;
  }
}

function appAnswer(state: StandInState, selection: Selection, variables: Record<string, unknown>): unknown {
  const id = variables.id ?? variables.appId ?? variables.appAri;
  if (id !== state.app.id) return null;
  const app = selection.app === true ? {} : (selection.app ?? {});
  if (app.environmentsPage) return { environmentsPage: paged(state.app.environments, variables) };
  if (app.environmentByKey) {
    const key = variables.key ?? variables.environmentKey;
    const environment = state.app.environments.find((candidate) => candidate.key === key);
    if (!environment) return { environmentByKey: null };
    // The version details query filters by major version and names its page size firstN, as the Forge CLI's does.
    const major = typeof variables.majorVersion === 'number' ? variables.majorVersion : null;
    const versions = (state.app.versions[environment.key] ?? [])
      .filter((entry) => major === null || Number(entry.version.split('.')[0]) === major)
      .map((entry) => ({ requiresLicense: false, permissions: [{ scopes: [], egress: [], securityPolicies: [] }], extensions: { nodes: [] }, ...entry }));
    return { environmentByKey: { ...environment, versions: paged(versions, { ...variables, first: variables.first ?? variables.firstN }) } };
  }
  return { id: state.app.id };
}

function installationsAnswer(state: StandInState, variables: Record<string, unknown>): unknown {
  const filter = variables.filter as { apps?: { ids?: unknown } } | undefined;
  if (!asStrings(filter?.apps?.ids)?.includes(state.app.id)) return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
  const nodes = state.app.installations.map((installation) => {
    const environment = state.app.environments.find((candidate) => candidate.key === installation.environmentKey);
    return {
      id: installation.id,
      installationContext: installation.installationContext,
      appEnvironment: environment ? { key: environment.key, type: environment.type } : null,
      appEnvironmentVersion: { version: installation.version, isLatest: installation.isLatest },
    };
  });
  return paged(nodes, variables);
}

/** Cursor paging as the platform's connections do it: `first`, `after` (here the index as text). */
function paged<T>(items: T[], variables: Record<string, unknown>): { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number } {
  const start = typeof variables.after === 'string' ? Number(variables.after) : 0;
  const first = typeof variables.first === 'number' ? variables.first : items.length;
  const nodes = items.slice(start, start + first);
  const end = start + nodes.length;
  return { nodes, pageInfo: { hasNextPage: end < items.length, endCursor: nodes.length > 0 ? String(end) : null }, totalCount: items.length };
}

function logsAnswer(state: StandInState, variables: Record<string, unknown>): unknown {
  const uuid = state.app.id.slice(state.app.id.lastIndexOf('/') + 1);
  const dates = (variables.dateSearchInput ?? {}) as { earliestStart?: unknown; latestStart?: unknown };
  const earliest = typeof dates.earliestStart === 'string' ? Date.parse(dates.earliestStart) : -Infinity;
  const latest = typeof dates.latestStart === 'string' ? Date.parse(dates.latestStart) : Infinity;
  const inWindow = state.logs
    .filter((line) => variables.appId === uuid && line.environmentId === variables.environmentId)
    .filter((line) => Date.parse(line.ts) >= earliest && Date.parse(line.ts) <= latest)
    .sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  const offset = typeof variables.offset === 'number' ? variables.offset : 0;
  const limit = Math.min(typeof variables.limit === 'number' ? variables.limit : 20, state.pageMax);
  const page = inWindow.slice(offset, offset + limit);
  return {
    appLogs: page.map((line) => ({ appId: uuid, appVersion: null, message: null, functionKey: null, lvl: null, error: null, other: null, ...line })),
    hasNextPage: offset + page.length < inWindow.length,
    totalLogs: inWindow.length,
  };
}

function asStrings(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}
