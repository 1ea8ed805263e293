import type { ConsentChanges, ConsentEgress, ConsentPermission, ConsentPreview, ConsentScreen } from '../../common/types';

const PRODUCT_NAMES: Record<string, string> = {
  jira: 'Jira',
  'jira-software': 'Jira Software',
  'jira-service-management': 'Jira Service Management',
  confluence: 'Confluence',
  compass: 'Compass',
  bitbucket: 'Bitbucket',
  app: 'App-wide (shown with every product)',
  platform: 'App-wide (shown with every product)',
};

/** A product key as people say it (jira → Jira); app-wide permissions get their own label. Shared by every consent format. */
export function productLabel(product: string): string {
  return PRODUCT_NAMES[product] ?? product;
}

/** What each kind of upgrade change is called, in the order every format lists them. */
export const CHANGE_LABELS: readonly (readonly [keyof ConsentChanges, string])[] = [
  ['scopes', 'scopes'],
  ['egress', 'places data may go'],
  ['providers', 'external account providers'],
  ['remotes', 'remote backends'],
  ['dynamicWebTriggers', 'dynamic web triggers'],
  ['contentSecurity', 'Custom UI content options'],
  ['licensing', 'licensing'],
];

/** Permissions grouped by product: the screen's products first, app-wide ones after, in the order given. */
export function permissionsByProduct(screen: Pick<ConsentScreen, 'products' | 'permissions'>): [string, ConsentPermission[]][] {
  return groupBy(screen.permissions, (permission) => permission.product).sort(([a], [b]) => productRank(screen.products, a) - productRank(screen.products, b));
}

/** Egress entries grouped by kind (backend fetch, images, …), in first-seen order. */
export function egressByKind(egress: readonly ConsentEgress[]): [string, ConsentEgress[]][] {
  return groupBy(egress, (entry) => entry.kind);
}

/** "adds the scope x" → "Adds the scope x", for reasons printed as sentences. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Control characters, line breaks and bidi overrides from the manifest shown as visible `\u{…}` codes: they could rewrite a terminal or reorder what a reviewer reads. */
export function showControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

/** The consent screen for a terminal: what an admin approves, and what an upgrade asks them to approve again. */
export function consentText(preview: ConsentPreview): string {
  const { screen, upgrade } = preview;
  const lines: string[] = [];
  lines.push(`${screen.app.name} (${screen.app.environment} environment)`);
  if (screen.app.appId) lines.push(`App id: ${screen.app.appId}`);
  lines.push(`Installs into: ${screen.products.length > 0 ? screen.products.map(productLabel).join(', ') : 'no product (the manifest names none)'}`);
  lines.push('', ...screenLines(screen));
  if (upgrade) {
    lines.push('', upgrade.major ? `Upgrade from ${upgrade.base}: MAJOR — site admins must approve it` : `Upgrade from ${upgrade.base}: minor — reaches sites without a new approval`);
    for (const reason of upgrade.reasons) lines.push(`  - ${sentence(reason)}`);
    lines.push(...changeLines('Added', '+', upgrade.added), ...changeLines('Removed', '-', upgrade.removed));
    if (upgrade.screen.permissions.length > 0) {
      lines.push('', 'New permissions on the upgrade screen', ...permissionLines(upgrade.screen));
    }
  }
  // Each line is ours; a line break or escape inside one came from the manifest.
  return lines.map(showControls).join('\n');
}

function screenLines(screen: ConsentScreen): string[] {
  const lines: string[] = ['Permissions'];
  if (screen.permissions.length === 0) lines.push('  none: the app asks for no scopes');
  else {
    lines.push(...permissionLines(screen));
    if (screen.permissions.some((permission) => permission.powerful)) lines.push('  (! = admin or delete power)');
  }

  lines.push('', 'Data that may leave Atlassian');
  if (screen.egress.length === 0) lines.push('  none declared');
  for (const [kind, entries] of egressByKind(screen.egress)) {
    lines.push(`  ${kind}`);
    for (const entry of entries) {
      const notes = [entry.analytics ? 'analytics: admins can turn it off' : '', entry.global ? 'ANY domain: data may go anywhere' : ''].filter(Boolean);
      lines.push(`    ${entry.address}${notes.length > 0 ? `  (${notes.join('; ')})` : ''}`);
    }
  }

  lines.push('', 'External accounts');
  if (screen.providers.length === 0) lines.push('  none');
  for (const provider of screen.providers) {
    const details = [provider.scopes.length > 0 ? `scopes ${provider.scopes.join(', ')}` : '', provider.remotes.length > 0 ? `through ${provider.remotes.join(', ')}` : ''].filter(Boolean);
    lines.push(`  ${provider.name} [${provider.key}]${details.length > 0 ? `: ${details.join('; ')}` : ''}`);
  }

  lines.push('');
  if (screen.userConsent) {
    lines.push('Users will also be asked to consent');
    for (const reason of screen.userConsentReasons) lines.push(`  - ${sentence(reason)}`);
  } else {
    lines.push('Users are not asked to consent one by one: the admin approves for the site');
  }

  lines.push('', 'What the app can do with no one watching');
  if (screen.capabilities.length === 0) lines.push('  nothing: it runs only when someone uses it');
  for (const capability of screen.capabilities) {
    lines.push(`  - ${capability.text}${capability.sources.length > 0 ? ` [${capability.sources.join(', ')}]` : ''}`);
  }

  lines.push(
    '',
    `Custom UI content options (CSP): ${screen.contentSecurity.length > 0 ? screen.contentSecurity.join(', ') : 'none'}`,
    `Licensing: ${screen.licensing ? 'on (installations need a Marketplace licence)' : 'off'}`,
  );
  return lines;
}

function permissionLines(screen: Pick<ConsentScreen, 'products' | 'permissions'>): string[] {
  const lines: string[] = [];
  for (const [product, permissions] of permissionsByProduct(screen)) {
    lines.push(`  ${productLabel(product)}`);
    for (const permission of permissions) {
      const mark = permission.powerful ? '!' : ' ';
      const power = permission.powerful ? `  (${permission.power})` : '';
      lines.push(`  ${mark} ${permission.title ?? permission.scope} [${permission.scope}]${power}`);
      if (permission.description) lines.push(`      ${permission.description}`);
    }
  }
  return lines;
}

function changeLines(heading: string, sign: string, changes: ConsentChanges): string[] {
  const lines: string[] = [];
  for (const [key, label] of CHANGE_LABELS) {
    for (const item of changes[key]) lines.push(`  ${sign} ${label}: ${item}`);
  }
  return lines.length > 0 ? [`${heading}:`, ...lines] : [`${heading}: nothing`];
}

function productRank(products: readonly string[], product: string): number {
  const index = products.indexOf(product);
  if (index >= 0) return index;
  return product === 'app' || product === 'platform' ? products.length + 1 : products.length;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()];
}
