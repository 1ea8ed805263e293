import type { ConsentChanges, ConsentScreen, UpgradeDiff } from '../../common/types';
import type { ManifestPermissions } from './manifest-permissions';

const egressLabel = (entry: ManifestPermissions['egress'][number]) => `${entry.kind} ${entry.address}${entry.analytics ? ' (analytics)' : ''}`;

function difference(after: readonly string[], before: readonly string[]): string[] {
  const seen = new Set(before);
  return [...new Set(after.filter((item) => !seen.has(item)))];
}

function changesOf(from: ManifestPermissions, to: ManifestPermissions): ConsentChanges {
  return {
    scopes: difference(to.scopes, from.scopes),
    egress: difference(to.egress.map(egressLabel), from.egress.map(egressLabel)),
    providers: difference(
      to.providers.map((provider) => provider.key),
      from.providers.map((provider) => provider.key),
    ),
    remotes: difference(
      to.remotes.map((remote) => `${remote.key} ${remote.baseUrl}`),
      from.remotes.map((remote) => `${remote.key} ${remote.baseUrl}`),
    ),
    dynamicWebTriggers: difference(to.dynamicWebTriggers, from.dynamicWebTriggers),
    contentSecurity: difference(to.contentSecurity, from.contentSecurity),
    licensing: to.licensing && !from.licensing ? ['licensing enabled'] : [],
  };
}

/**
 * Compare the installed version's permissions with this one's. A change is major (site admins must
 * approve it) for the reasons the platform gives (FACTS §5.4); each reason names the change.
 */
export function upgradeDiff(base: ManifestPermissions, current: ManifestPermissions, currentScreen: ConsentScreen, baseLabel: string): UpgradeDiff {
  const added = changesOf(base, current);
  const removed = changesOf(current, base);
  const reasons: string[] = [];
  for (const scope of added.scopes) reasons.push(`adds the scope ${scope}`);
  for (const scope of removed.scopes) reasons.push(`removes the scope ${scope} (removing a scope also needs approval)`);
  for (const entry of added.egress) reasons.push(`allows data to go to a new place: ${entry}`);
  for (const option of added.contentSecurity) reasons.push(`adds the Custom UI content option ${option}`);
  if (added.dynamicWebTriggers.length > 0 && base.dynamicWebTriggers.length === 0) {
    reasons.push(`adds a dynamic web trigger (${added.dynamicWebTriggers.join(', ')}) where the app had none`);
  }
  for (const key of added.dynamicWebTriggers.filter((key) => base.staticWebTriggers.includes(key))) reasons.push(`turns the static web trigger ${key} dynamic`);
  if (added.licensing.length > 0) reasons.push('turns on licensing');
  for (const key of added.providers) reasons.push(`adds the external account provider ${key}`);
  for (const key of removed.providers) reasons.push(`removes the external account provider ${key}`);
  for (const provider of current.providers) {
    const before = base.providers.find((candidate) => candidate.key === provider.key);
    if (before && before.clientId !== provider.clientId) reasons.push(`changes the client id of provider ${provider.key}`);
  }
  if (added.remotes.length > 0 || removed.remotes.length > 0) reasons.push(`changes remote backends (${[...added.remotes, ...removed.remotes].map((remote) => remote.split(' ')[0]).join(', ')})`);
  if (current.configurableEgress && !base.configurableEgress) reasons.push('lets admins configure egress (external.configurable)');
  if (current.hasSql && !base.hasSql) reasons.push('adds Forge SQL');
  for (const entry of current.inScopeEUD.filter((entry) => !base.inScopeEUD.includes(entry))) {
    const [list, address] = entry.split(' ');
    const existed = base.egress.some((item) => item.address === address) && !added.egress.some((label) => label.endsWith(` ${address}`));
    if (existed) reasons.push(`marks ${list} ${address} as in scope for data residency`);
  }

  const newScopes = new Set(added.scopes);
  const newEgress = new Set(added.egress);
  const newProviders = new Set(added.providers);
  const screen: ConsentScreen = {
    ...currentScreen,
    permissions: currentScreen.permissions.filter((permission) => newScopes.has(permission.scope)),
    egress: currentScreen.egress.filter((entry) => newEgress.has(egressLabel(entry))),
    providers: currentScreen.providers.filter((provider) => newProviders.has(provider.key)),
    capabilities: [],
    contentSecurity: added.contentSecurity,
    licensing: added.licensing.length > 0,
  };
  return { base: baseLabel, major: reasons.length > 0, reasons, added, removed, screen };
}
