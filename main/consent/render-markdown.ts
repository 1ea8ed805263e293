import type { ConsentChanges, ConsentPreview, ConsentScreen } from '../../common/types';
import { CHANGE_LABELS, egressByKind, permissionsByProduct, productLabel, sentence, showControls } from './render-text';

/** The consent screen as a pull-request comment: whether the change needs re-approval first, then what admins approve. */
export function consentMarkdown(preview: ConsentPreview): string {
  const { screen, upgrade } = preview;
  const app = text(screen.app.name);
  const lines: string[] = [];
  if (upgrade?.major) {
    lines.push(`### ⚠️ This change will ask site admins to re-approve ${app}`, '', `Compared with ${code(upgrade.base)}, this is a new major version because it:`, '');
    for (const reason of upgrade.reasons) lines.push(`- ${text(reason)}`);
    lines.push('', ...changeLines(upgrade.added, upgrade.removed));
  } else if (upgrade) {
    lines.push(
      '### ✅ No re-approval needed',
      '',
      `Compared with ${code(upgrade.base)}, nothing here needs a site admin's approval, so installed sites get it as a minor version.`,
      '',
      ...changeLines(upgrade.added, upgrade.removed),
    );
  }
  lines.push(
    `#### What a site admin approves when installing ${app}`,
    '',
    `Environment: ${text(screen.app.environment)} · installs into: ${screen.products.length > 0 ? screen.products.map((product) => text(productLabel(product))).join(', ') : 'no product'}`,
    '',
    ...screenLines(screen),
  );
  return lines.join('\n').trimEnd();
}

function screenLines(screen: ConsentScreen): string[] {
  const lines: string[] = [];
  if (screen.permissions.length === 0) lines.push('The app asks for no scopes.', '');
  else {
    lines.push('| Product | Permission | Scope | What it allows |', '| --- | --- | --- | --- |');
    for (const [product, permissions] of permissionsByProduct(screen)) {
      for (const permission of permissions) {
        const name = text(permission.title ?? permission.scope);
        const label = permission.powerful ? `⚠️ **${name}** (${permission.power})` : name;
        lines.push(`| ${text(productLabel(product))} | ${label} | ${code(permission.scope, true)} | ${text(permission.description)} |`);
      }
    }
    lines.push('');
  }

  lines.push('#### Data that may leave Atlassian', '');
  if (screen.egress.length === 0) lines.push('None declared.');
  for (const [kind, entries] of egressByKind(screen.egress)) {
    const addresses = entries.map((entry) => {
      const notes = [entry.analytics ? 'analytics: admins can turn it off' : '', entry.global ? '**any domain**: data may go anywhere' : ''].filter(Boolean);
      return `${code(entry.address)}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
    });
    lines.push(`- **${text(sentence(kind))}:** ${addresses.join(', ')}`);
  }
  lines.push('');

  if (screen.providers.length > 0) {
    lines.push('#### External accounts', '');
    for (const provider of screen.providers) {
      const details = [
        provider.scopes.length > 0 ? `scopes ${provider.scopes.map((scope) => code(scope)).join(', ')}` : '',
        provider.remotes.length > 0 ? `through ${provider.remotes.map((remote) => code(remote)).join(', ')}` : '',
      ].filter(Boolean);
      lines.push(`- **${text(provider.name)}** (${code(provider.key)})${details.length > 0 ? `: ${details.join('; ')}` : ''}`);
    }
    lines.push('');
  }

  if (screen.capabilities.length > 0) {
    lines.push('#### What the app can do with no one watching', '');
    for (const capability of screen.capabilities) {
      lines.push(`- ${text(capability.text)}${capability.sources.length > 0 ? ` (${capability.sources.map((source) => code(source)).join(', ')})` : ''}`);
    }
    lines.push('');
  }

  if (screen.userConsent) {
    lines.push('#### Users will also be asked to consent', '');
    for (const reason of screen.userConsentReasons) lines.push(`- ${text(sentence(reason))}`);
  } else {
    lines.push('Users are not asked to consent one by one: the admin approves for the site.');
  }
  lines.push('');

  if (screen.contentSecurity.length > 0) lines.push(`Custom UI content options (CSP): ${screen.contentSecurity.map((option) => code(option)).join(', ')}`, '');
  if (screen.licensing) lines.push('Licensing is on: installations need a Marketplace licence.', '');
  return lines;
}

function changeLines(added: ConsentChanges, removed: ConsentChanges): string[] {
  const lines: string[] = [];
  for (const [changes, verb] of [
    [added, 'Added'],
    [removed, 'Removed'],
  ] as const) {
    const parts = CHANGE_LABELS.filter(([key]) => changes[key].length > 0).map(([key, label]) => `${label} ${changes[key].map((item) => code(item)).join(', ')}`);
    if (parts.length > 0) lines.push(`**${verb}:** ${parts.join('; ')}`, '');
  }
  return lines;
}

// Manifest strings are untrusted: no markdown, links, HTML or table breaks may come through, and no line breaks.
function text(value: string): string {
  return showControls(value).replace(/[\\`*_[\]<>|#!~&]/g, (char) => `\\${char}`);
}

// A code span cannot hold an escaped backtick, so a value with one is shown as escaped text instead.
// Inside a table a `|` still ends the cell, even in a code span, unless it is escaped.
function code(value: string, inTable = false): string {
  const visible = showControls(value);
  if (visible.includes('`') || visible.trim() !== visible || visible === '') return text(value);
  return `\`${inTable ? visible.replace(/\|/g, '\\|') : visible}\``;
}
