import type { ConsentChanges, ConsentPreview } from '../../common/types';

/** The consent screen as the CLI's documented `--format json` object; `upgrade` only when there is a base to compare with. */
export function consentJson(preview: ConsentPreview): object {
  const { screen, upgrade } = preview;
  return {
    app: { name: screen.app.name, appId: screen.app.appId, environment: screen.app.environment },
    products: [...screen.products],
    permissions: screen.permissions.map(({ product, scope, title, description, power }) => ({ product, scope, title, description, power })),
    egress: screen.egress.map(({ kind, address, analytics, global }) => ({ kind, address, analytics, global })),
    providers: screen.providers.map(({ key, name, scopes, remotes }) => ({ key, name, scopes: [...scopes], remotes: [...remotes] })),
    capabilities: screen.capabilities.map(({ kind, text, sources }) => ({ kind, text, sources: [...sources] })),
    userConsent: screen.userConsent,
    ...(upgrade ? { upgrade: { major: upgrade.major, reasons: [...upgrade.reasons], added: changesJson(upgrade.added), removed: changesJson(upgrade.removed) } } : {}),
  };
}

// Fixed key order, so diffs of the JSON between runs stay readable.
function changesJson(changes: ConsentChanges): ConsentChanges {
  return {
    scopes: [...changes.scopes],
    egress: [...changes.egress],
    providers: [...changes.providers],
    remotes: [...changes.remotes],
    dynamicWebTriggers: [...changes.dynamicWebTriggers],
    contentSecurity: [...changes.contentSecurity],
    licensing: [...changes.licensing],
  };
}
