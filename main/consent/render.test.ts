import { describe, expect, it } from 'vitest';
import type { ConsentChanges, ConsentPreview, ConsentScreen, UpgradeDiff } from '../../common/types';
import { renderConsent } from './render-format';
import { consentHtml } from './render-html';
import { consentJson } from './render-json';
import { consentMarkdown } from './render-markdown';
import { consentText } from './render-text';

const none = (): ConsentChanges => ({ scopes: [], egress: [], providers: [], remotes: [], dynamicWebTriggers: [], contentSecurity: [], licensing: [] });

function issuePanelScreen(): ConsentScreen {
  return {
    app: { name: 'Issue Helper', appId: 'ari:cloud:ecosystem::app/1234', environment: 'development' },
    products: ['jira'],
    availableProducts: ['jira'],
    permissions: [
      { product: 'jira', scope: 'read:jira-work', title: 'View Jira issue data', description: 'Read issues, comments and attachments.', power: 'read', powerful: false },
      { product: 'jira', scope: 'manage:jira-configuration', title: 'Manage Jira global settings', description: 'Change how Jira is set up for everyone.', power: 'admin', powerful: true },
      { product: 'app', scope: 'storage:app', title: null, description: 'Keep the app’s own data in Forge storage.', power: 'write', powerful: false },
    ],
    egress: [
      { kind: 'backend fetch', address: 'api.github.com', analytics: false, global: false },
      { kind: 'frontend fetch', address: 'stats.example.com', analytics: true, global: false },
      { kind: 'images', address: '*', analytics: false, global: true },
    ],
    providers: [{ key: 'github', name: 'GitHub', scopes: ['repo', 'read:user'], remotes: ['github-api'] }],
    capabilities: [{ kind: 'schedule', text: 'Runs on a schedule (every day), with no one using it.', sources: ['nightly-sync'] }],
    userConsent: true,
    userConsentReasons: ['the app connects to GitHub accounts'],
    contentSecurity: [],
    licensing: false,
  };
}

function majorUpgrade(screen: ConsentScreen): UpgradeDiff {
  return {
    base: 'git HEAD',
    major: true,
    reasons: ['adds the scope write:jira-work'],
    added: { ...none(), scopes: ['write:jira-work'] },
    removed: { ...none(), egress: ['backend fetch old.example.com'] },
    screen: {
      ...screen,
      permissions: [{ product: 'jira', scope: 'write:jira-work', title: 'Create and edit issues', description: 'Create and change issues and comments.', power: 'write', powerful: false }],
      egress: [],
      providers: [],
      capabilities: [],
    },
  };
}

function preview(kind: 'none' | 'major' | 'minor' = 'major'): ConsentPreview {
  const screen = issuePanelScreen();
  if (kind === 'none') return { screen, upgrade: null };
  if (kind === 'major') return { screen, upgrade: majorUpgrade(screen) };
  return {
    screen,
    upgrade: { base: 'snapshot of 2026-11-28 19:40', major: false, reasons: [], added: none(), removed: { ...none(), scopes: [] }, screen: { ...screen, permissions: [] } },
  };
}

describe('consent JSON', () => {
  it('has the documented shape and values', () => {
    const json = JSON.parse(renderConsent(preview(), 'json')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['app', 'products', 'permissions', 'egress', 'providers', 'capabilities', 'userConsent', 'upgrade']);
    expect(json.app).toEqual({ name: 'Issue Helper', appId: 'ari:cloud:ecosystem::app/1234', environment: 'development' });
    expect(json.products).toEqual(['jira']);
    expect((json.permissions as unknown[])[1]).toEqual({
      product: 'jira',
      scope: 'manage:jira-configuration',
      title: 'Manage Jira global settings',
      description: 'Change how Jira is set up for everyone.',
      power: 'admin',
    });
    expect(json.egress).toContainEqual({ kind: 'images', address: '*', analytics: false, global: true });
    expect(json.providers).toEqual([{ key: 'github', name: 'GitHub', scopes: ['repo', 'read:user'], remotes: ['github-api'] }]);
    expect(json.capabilities).toEqual([{ kind: 'schedule', text: 'Runs on a schedule (every day), with no one using it.', sources: ['nightly-sync'] }]);
    expect(json.userConsent).toBe(true);
    expect(json.upgrade).toEqual({
      major: true,
      reasons: ['adds the scope write:jira-work'],
      added: { ...none(), scopes: ['write:jira-work'] },
      removed: { ...none(), egress: ['backend fetch old.example.com'] },
    });
  });

  it('leaves out upgrade when there is no base, and pretty-prints with two spaces', () => {
    expect(consentJson(preview('none'))).not.toHaveProperty('upgrade');
    expect(renderConsent(preview('none'), 'json')).toContain('\n  "app": {\n    "name": "Issue Helper"');
  });
});

describe('consent markdown for a pull request', () => {
  it('opens a major upgrade with the re-approval warning and its reasons', () => {
    const markdown = consentMarkdown(preview('major'));
    expect(markdown.startsWith('### ⚠️ This change will ask site admins to re-approve Issue Helper\n')).toBe(true);
    expect(markdown).toContain('- adds the scope write:jira-work');
    expect(markdown).toContain('**Added:** scopes `write:jira-work`');
    expect(markdown).toContain('**Removed:** places data may go `backend fetch old.example.com`');
  });

  it('opens a minor upgrade with "no re-approval needed" and one line why', () => {
    const markdown = consentMarkdown(preview('minor'));
    expect(markdown.startsWith('### ✅ No re-approval needed\n\nCompared with `snapshot of 2026-11-28 19:40`, nothing here needs')).toBe(true);
    expect(markdown).not.toContain('re-approve');
  });

  it('has no upgrade heading without a base', () => {
    expect(consentMarkdown(preview('none')).startsWith('#### What a site admin approves when installing Issue Helper')).toBe(true);
  });

  it('lists permissions in a table, powerful ones marked, app-wide ones by scope', () => {
    const markdown = consentMarkdown(preview());
    expect(markdown).toContain('| Product | Permission | Scope | What it allows |');
    expect(markdown).toContain('| Jira | View Jira issue data | `read:jira-work` | Read issues, comments and attachments. |');
    expect(markdown).toContain('| Jira | ⚠️ **Manage Jira global settings** (admin) | `manage:jira-configuration` |');
    expect(markdown).toContain('| App-wide (shown with every product) | storage:app | `storage:app` |');
  });

  it('shows egress, the external account, what runs unattended and user consent', () => {
    const markdown = consentMarkdown(preview());
    expect(markdown).toContain('- **Backend fetch:** `api.github.com`');
    expect(markdown).toContain('`stats.example.com` (analytics: admins can turn it off)');
    expect(markdown).toContain('`*` (**any domain**: data may go anywhere)');
    expect(markdown).toContain('- **GitHub** (`github`): scopes `repo`, `read:user`; through `github-api`');
    expect(markdown).toContain('- Runs on a schedule (every day), with no one using it. (`nightly-sync`)');
    expect(markdown).toContain('#### Users will also be asked to consent\n\n- The app connects to GitHub accounts');
  });

  it('keeps a pipe or backtick in manifest text from breaking the table', () => {
    const hostile = preview('none');
    hostile.screen.permissions = [{ product: 'jira', scope: 'read:a|b', title: 'Odd `title`', description: 'one | two <img src=x>', power: 'read', powerful: false }];
    const row = consentMarkdown(hostile)
      .split('\n')
      .find((line) => line.startsWith('| Jira'))!;
    expect(row).toBe('| Jira | Odd \\`title\\` | `read:a\\|b` | one \\| two \\<img src=x\\> |');
  });
});

describe('consent text for a terminal', () => {
  it('names the app, environment and products, and marks powerful permissions', () => {
    const text = consentText(preview('none'));
    expect(text.split('\n').slice(0, 3)).toEqual(['Issue Helper (development environment)', 'App id: ari:cloud:ecosystem::app/1234', 'Installs into: Jira']);
    expect(text).toContain('  ! Manage Jira global settings [manage:jira-configuration]  (admin)\n      Change how Jira is set up for everyone.');
    expect(text).toContain('    View Jira issue data [read:jira-work]');
    expect(text).toContain('    storage:app [storage:app]');
    expect(text.indexOf('  Jira\n')).toBeLessThan(text.indexOf('  App-wide (shown with every product)'));
  });

  it('lists egress by kind, with analytics and the global entry called out', () => {
    const text = consentText(preview('none'));
    expect(text).toContain('Data that may leave Atlassian\n  backend fetch\n    api.github.com\n  frontend fetch\n    stats.example.com  (analytics: admins can turn it off)');
    expect(text).toContain('  images\n    *  (ANY domain: data may go anywhere)');
    expect(text).toContain('  GitHub [github]: scopes repo, read:user; through github-api');
    expect(text).toContain('Users will also be asked to consent\n  - The app connects to GitHub accounts');
    expect(text).toContain('What the app can do with no one watching\n  - Runs on a schedule (every day), with no one using it. [nightly-sync]');
    expect(text).toContain('Custom UI content options (CSP): none');
    expect(text).toContain('Licensing: off');
    expect(text).not.toContain('Upgrade from');
  });

  it('says a major upgrade needs approval, why, and what it adds', () => {
    const text = consentText(preview('major'));
    expect(text).toContain('Upgrade from git HEAD: MAJOR — site admins must approve it\n  - Adds the scope write:jira-work');
    expect(text).toContain('Added:\n  + scopes: write:jira-work');
    expect(text).toContain('Removed:\n  - places data may go: backend fetch old.example.com');
    expect(text).toContain('New permissions on the upgrade screen\n  Jira\n    Create and edit issues [write:jira-work]');
  });

  it('says a minor upgrade reaches sites without approval', () => {
    const text = consentText(preview('minor'));
    expect(text).toContain('Upgrade from snapshot of 2026-11-28 19:40: minor — reaches sites without a new approval\nAdded: nothing\nRemoved: nothing');
    expect(text).not.toContain('New permissions on the upgrade screen');
  });

  it('shows a terminal escape or line break from the manifest as a visible code', () => {
    const hostile = preview('none');
    hostile.screen.app.name = 'Evil\u001b[2J\nUpgrade from x: minor';
    const firstLine = consentText(hostile).split('\n')[0];
    expect(firstLine).toBe('Evil\\u{1b}[2J\\u{a}Upgrade from x: minor (development environment)');
  });
});

describe('consent HTML page', () => {
  it('is a standalone page with a strict policy and no scripts', () => {
    const html = renderConsent(preview(), 'html');
    expect(html.startsWith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).toContain('background: var(--bg)');
    expect(html).toContain('--bg: #1e1f22');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toMatch(/(src|href)=|url\(|@import/i);
  });

  it('shows a card per product with powerful permissions badged, egress, providers and unattended work', () => {
    const html = consentHtml(preview('none'));
    expect(html).toContain('<div class="card"><h3>Jira</h3>');
    expect(html).toContain('<span class="permission-title">Manage Jira global settings</span><span class="badge danger">admin</span>');
    expect(html).not.toContain('<span class="badge danger">read</span>');
    expect(html).toContain('<code>stats.example.com</code> <span class="badge note">analytics</span>');
    expect(html).toContain('<code>*</code> <span class="global">any domain: data may go anywhere</span>');
    expect(html).toContain('<strong>GitHub</strong>');
    expect(html).toContain('Users will also be asked to consent:</p><ul><li>The app connects to GitHub accounts</li>');
    expect(html).toContain('<li>Runs on a schedule (every day), with no one using it.');
    expect(html).not.toContain('class="upgrade"');
  });

  it('shows a major upgrade banner, its reasons, and additions in green and removals in red', () => {
    const html = consentHtml(preview('major'));
    expect(html).toContain('<div class="banner major" role="alert">⚠ Upgrade from git HEAD: a major version. Site admins must approve it');
    expect(html).toContain('<li>Adds the scope write:jira-work</li>');
    expect(html).toContain('<li class="added">+ scopes: write:jira-work</li>');
    expect(html).toContain('<li class="removed">− places data may go: backend fetch old.example.com</li>');
    expect(html).toContain('.added { color: var(--ok); }');
    expect(html).toContain('.removed { color: var(--error); }');
  });

  it('shows a minor upgrade banner', () => {
    const html = consentHtml(preview('minor'));
    expect(html).toContain('<div class="banner minor">✓ Upgrade from snapshot of 2026-11-28 19:40: a minor version. It reaches sites without a new approval.');
    expect(html).toContain('Nothing added or removed.');
  });

  it('escapes manifest text: an app name or scope description cannot inject markup', () => {
    const hostile = preview('major');
    hostile.screen.app.name = '<script>alert("name")</script>';
    hostile.screen.permissions[0]!.description = `<script>alert('scope')</script> & <img onerror=x>`;
    hostile.upgrade!.reasons = ['adds <b>bold</b>'];
    const html = consentHtml(hostile);
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;</h1>');
    expect(html).toContain('<title>Consent preview: &lt;script&gt;');
    expect(html).toContain('&lt;script&gt;alert(&#39;scope&#39;)&lt;/script&gt; &amp; &lt;img onerror=x&gt;');
  });
});
