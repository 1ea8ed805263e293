import type { UpgradeDiff } from '../../common/types';
import { buildConsentScreen } from './consent-screen';
import { manifestPermissions } from './manifest-permissions';
import { upgradeDiff } from './upgrade-diff';

/** Whether going from one deployed manifest to the next is a major version (site admins must approve), and why. */
export function versionChange(base: unknown, current: unknown, baseLabel: string): UpgradeDiff {
  const permissions = manifestPermissions(current);
  const screen = buildConsentScreen(current, permissions, { name: '', appId: null, environment: '' });
  return upgradeDiff(manifestPermissions(base), permissions, screen, baseLabel);
}
