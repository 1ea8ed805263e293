import type { ConsentChanges, ConsentPermission, ConsentPreview, ConsentScreen, UpgradeDiff } from '../../common/types';
import { CHANGE_LABELS, egressByKind, permissionsByProduct, productLabel, sentence, showControls } from './render-text';

// The workbench's dark colours (renderer/ui/workbench.css), so a saved page looks like the Consent pane.
const STYLE = `
:root { color-scheme: dark; --bg: #1e1f22; --panel: #25262a; --border: #3a3c42; --text: #dcdde1; --muted: #9a9ca3; --warning: #e2b93b; --error: #f06a6a; --ok: #5fc27e; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; }
main { max-width: 860px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 18px; margin: 0 0 4px; }
h2 { font-size: 14px; margin: 22px 0 8px; }
h3 { font-size: 13px; margin: 0 0 8px; }
code { font-family: ui-monospace, monospace; font-size: 12px; }
ul { margin: 4px 0; padding-left: 20px; }
.muted { color: var(--muted); }
.card { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 12px 14px; margin: 10px 0; }
.permission { padding: 6px 0; border-top: 1px solid #2d2f34; }
.permission:first-of-type { border-top: none; }
.permission-title { font-weight: 600; }
.permission.powerful { border-left: 3px solid var(--error); padding-left: 8px; }
.badge { display: inline-block; border-radius: 3px; padding: 0 6px; margin-left: 6px; font-size: 11px; font-weight: 600; vertical-align: 1px; }
.badge.danger { background: #5a2a2a; color: var(--error); }
.badge.note { background: #3b3320; color: var(--warning); }
.banner { border-radius: 6px; padding: 10px 14px; margin: 16px 0 8px; font-weight: 600; }
.banner.major { background: #3b3320; color: var(--warning); border: 1px solid var(--warning); }
.banner.minor { background: #203b2a; color: var(--ok); border: 1px solid var(--ok); }
.added { color: var(--ok); }
.removed { color: var(--error); }
.changes { list-style: none; padding-left: 0; margin: 8px 0 12px; }
.changes li { font-family: ui-monospace, monospace; font-size: 12px; padding: 1px 0; }
.global { color: var(--error); font-weight: 600; }
`;

/** A standalone page (no scripts, nothing loaded from anywhere) showing the consent screen the way the workbench's Consent pane does. */
export function consentHtml(preview: ConsentPreview): string {
  const { screen, upgrade } = preview;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Consent preview: ${esc(screen.app.name)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<header>',
    `<h1>${esc(screen.app.name)}</h1>`,
    `<div class="muted">${esc(screen.app.environment)} environment${screen.app.appId ? ` · <code>${esc(screen.app.appId)}</code>` : ''}</div>`,
    `<div>Installs into: ${screen.products.length > 0 ? screen.products.map((product) => esc(productLabel(product))).join(', ') : '<span class="muted">no product</span>'}</div>`,
    '</header>',
    upgrade ? upgradeSection(upgrade) : '',
    screenSection(screen),
    '</main>',
    '</body>',
    '</html>',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

function upgradeSection(upgrade: UpgradeDiff): string {
  const banner = upgrade.major
    ? `<div class="banner major" role="alert">⚠ Upgrade from ${esc(upgrade.base)}: a major version. Site admins must approve it before their sites get it.</div>`
    : `<div class="banner minor">✓ Upgrade from ${esc(upgrade.base)}: a minor version. It reaches sites without a new approval.</div>`;
  const reasons = upgrade.reasons.length > 0 ? `<ul>${upgrade.reasons.map((reason) => `<li>${esc(sentence(reason))}</li>`).join('')}</ul>` : '';
  const changes = [...changeItems(upgrade.added, 'added', '+'), ...changeItems(upgrade.removed, 'removed', '−')];
  const changeList = changes.length > 0 ? `<ul class="changes">${changes.join('')}</ul>` : '<p class="muted">Nothing added or removed.</p>';
  const newPermissions = upgrade.screen.permissions.length > 0 ? `<h3>New on the upgrade screen</h3>${permissionCards(upgrade.screen)}` : '';
  return `<section class="upgrade">${banner}${reasons}${changeList}${newPermissions}</section>`;
}

function changeItems(changes: ConsentChanges, className: 'added' | 'removed', sign: string): string[] {
  return CHANGE_LABELS.flatMap(([key, label]) => changes[key].map((item) => `<li class="${className}">${sign} ${esc(label)}: ${esc(item)}</li>`));
}

function screenSection(screen: ConsentScreen): string {
  const parts: string[] = ['<section class="screen">', '<h2>Permissions</h2>'];
  parts.push(screen.permissions.length > 0 ? permissionCards(screen) : '<p class="muted">The app asks for no scopes.</p>');

  parts.push('<h2>Data that may leave Atlassian</h2>');
  if (screen.egress.length === 0) parts.push('<p class="muted">None declared.</p>');
  else {
    const groups = egressByKind(screen.egress).map(([kind, entries]) => {
      const items = entries.map((entry) => {
        const notes = [entry.analytics ? '<span class="badge note">analytics</span>' : '', entry.global ? '<span class="global">any domain: data may go anywhere</span>' : ''].filter(Boolean);
        return `<li><code>${esc(entry.address)}</code>${notes.length > 0 ? ` ${notes.join(' ')}` : ''}</li>`;
      });
      return `<h3>${esc(sentence(kind))}</h3><ul>${items.join('')}</ul>`;
    });
    parts.push(`<div class="card">${groups.join('')}${screen.egress.some((entry) => entry.analytics) ? '<p class="muted">Admins can turn analytics egress off.</p>' : ''}</div>`);
  }

  parts.push('<h2>External accounts</h2>');
  if (screen.providers.length === 0) parts.push('<p class="muted">None.</p>');
  else {
    const items = screen.providers.map((provider) => {
      const details = [
        provider.scopes.length > 0 ? `scopes ${provider.scopes.map((scope) => `<code>${esc(scope)}</code>`).join(', ')}` : '',
        provider.remotes.length > 0 ? `through ${provider.remotes.map((remote) => `<code>${esc(remote)}</code>`).join(', ')}` : '',
      ].filter(Boolean);
      return `<li><strong>${esc(provider.name)}</strong> <span class="muted">(${esc(provider.key)})</span>${details.length > 0 ? `: ${details.join('; ')}` : ''}</li>`;
    });
    parts.push(`<div class="card"><ul>${items.join('')}</ul></div>`);
  }

  parts.push('<h2>User consent</h2>');
  parts.push(
    screen.userConsent
      ? `<div class="card"><p>Users will also be asked to consent:</p><ul>${screen.userConsentReasons.map((reason) => `<li>${esc(sentence(reason))}</li>`).join('')}</ul></div>`
      : '<p class="muted">Users are not asked to consent one by one: the admin approves for the site.</p>',
  );

  parts.push('<h2>What the app can do with no one watching</h2>');
  if (screen.capabilities.length === 0) parts.push('<p class="muted">Nothing: it runs only when someone uses it.</p>');
  else {
    const items = screen.capabilities.map(
      (capability) =>
        `<li>${esc(capability.text)}${capability.sources.length > 0 ? ` <span class="muted">(${capability.sources.map((source) => `<code>${esc(source)}</code>`).join(', ')})</span>` : ''}</li>`,
    );
    parts.push(`<div class="card"><ul>${items.join('')}</ul></div>`);
  }

  parts.push(
    '<h2>Other</h2>',
    `<p>Custom UI content options (CSP): ${screen.contentSecurity.length > 0 ? screen.contentSecurity.map((option) => `<code>${esc(option)}</code>`).join(', ') : '<span class="muted">none</span>'}</p>`,
    `<p>Licensing: ${screen.licensing ? 'on (installations need a Marketplace licence)' : '<span class="muted">off</span>'}</p>`,
    '</section>',
  );
  return parts.join('\n');
}

function permissionCards(screen: Pick<ConsentScreen, 'products' | 'permissions'>): string {
  return permissionsByProduct(screen)
    .map(([product, permissions]) => `<div class="card"><h3>${esc(productLabel(product))}</h3>${permissions.map(permissionRow).join('')}</div>`)
    .join('\n');
}

function permissionRow(permission: ConsentPermission): string {
  const badge = permission.powerful ? `<span class="badge danger">${esc(permission.power)}</span>` : '';
  return (
    `<div class="permission${permission.powerful ? ' powerful' : ''}">` +
    // Without a known title the scope is the title; it is not repeated underneath.
    (permission.title !== null
      ? `<div><span class="permission-title">${esc(permission.title)}</span>${badge}</div><div><code class="muted">${esc(permission.scope)}</code></div>`
      : `<div><code class="permission-title">${esc(permission.scope)}</code>${badge}</div>`) +
    (permission.description ? `<div>${esc(permission.description)}</div>` : '') +
    '</div>'
  );
}

// Every model string is untrusted (it comes from the manifest): escape all five HTML specials.
function esc(value: string): string {
  return showControls(value).replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
