import type { Environment } from '../../common/types';

/** The three environments every Forge app has from creation (custom ones are added by the developer). */
export const DEFAULT_ENVIRONMENTS: readonly Environment[] = [
  { key: 'development', kind: 'development' },
  { key: 'staging', kind: 'staging' },
  { key: 'production', kind: 'production' },
];

/** The environments of an app: the defaults, then any custom development environments. */
export function environmentsOf(customKeys: readonly string[] = []): Environment[] {
  return [...DEFAULT_ENVIRONMENTS, ...customKeys.map((key): Environment => ({ key, kind: 'custom' }))];
}
