const APP_ARI_PREFIX = 'ari:cloud:ecosystem::app/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An app id as the manifest's `app.id` holds it (`ari:cloud:ecosystem::app/<uuid>`) or as the bare
 * uuid. The platform wants the full ARI for `app(id:)` and installation filters, and the uuid alone
 * for the logs query (the Forge CLI does the same).
 */
export interface AppIds {
  ari: string;
  uuid: string;
}

export function appIds(appId: string): AppIds {
  const uuid = appId.startsWith(APP_ARI_PREFIX) ? appId.slice(APP_ARI_PREFIX.length) : appId;
  if (!UUID.test(uuid)) throw new Error(`"${appId}" is not a Forge app id; app.id in manifest.yml looks like ari:cloud:ecosystem::app/<uuid>.`);
  return { ari: `${APP_ARI_PREFIX}${uuid}`, uuid };
}

/** The Forge CLI's names for the built-in environments (development, staging, production) and the platform's keys. */
const OPTION_TO_KEY: Readonly<Record<string, string>> = { development: 'default' };

/** The platform's key for an environment as a user names it: `development` is `default`; others are the same. */
export function platformEnvironmentKey(name: string): string {
  return Object.hasOwn(OPTION_TO_KEY, name) ? OPTION_TO_KEY[name]! : name;
}

/** The name a user knows for a platform environment key: `default` reads as `development`. */
export function environmentName(key: string): string {
  return key === 'default' ? 'development' : key;
}
