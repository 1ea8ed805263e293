import type { ConsentCapability, ConsentPermission, ConsentScreen } from '../../common/types';
import { AnvilError } from '../contract';
import { modulesOf } from '../manifest';
import { explainScope } from '../scopes';
import type { ManifestPermissions } from './manifest-permissions';
import { eventProductOf, installProductOf, primaryProductOf, productsOf } from './products';

/** Scopes that make each user consent too, since simplified user consent (FACTS §6). */
const USER_CONSENT_SCOPES = ['read:me', 'read:account'];
const INTERVAL_WORDS: Record<string, string> = { fiveMinute: 'every five minutes', hour: 'every hour', day: 'every day', week: 'every week' };

export interface ScreenContext {
  name: string;
  appId: string | null;
  environment: string;
}

/**
 * The install screen for the chosen product (the app's primary product when none is chosen): only
 * that product's permissions and events, plus the app-wide ones every install shows.
 */
export function buildConsentScreen(manifest: unknown, permissions: ManifestPermissions, context: ScreenContext, product?: string): ConsentScreen {
  const availableProducts = productsOf(permissions.scopes, permissions.moduleTypes);
  if (product !== undefined && !availableProducts.includes(product)) {
    throw new AnvilError(
      'bad-request',
      availableProducts.length > 0
        ? `This app is not installed into "${product}"; its manifest touches ${availableProducts.join(', ')}. Pick one of those.`
        : `This app's manifest names no product to install into (no product scopes or modules), so "${product}" cannot be previewed.`,
    );
  }
  // Counted per module, not per module type: three Jira panels outweigh one Confluence macro.
  const moduleProducts = modulesOf(manifest).map((module) => module.type);
  const primary = primaryProductOf(availableProducts, permissions.scopes, moduleProducts);
  const products = product ? [product] : primary ? [primary] : [];
  const permissionList: ConsentPermission[] = permissions.scopes
    .filter((scope) => {
      const owner = installProductOf(scope);
      return owner === null || products.includes(owner);
    })
    .map((scope) => {
      const explanation = explainScope(scope);
      return {
        product: installProductOf(scope) ?? 'app',
        scope,
        title: explanation.title,
        description: explanation.description,
        power: explanation.power,
        powerful: explanation.power === 'admin' || explanation.power === 'delete',
      };
    });
  const userConsentReasons = [
    ...permissions.scopes.filter((scope) => USER_CONSENT_SCOPES.includes(scope)).map((scope) => `the app asks for ${scope}`),
    ...permissions.providers.map((provider) => `the app connects to ${provider.name} accounts`),
  ];
  return {
    app: { name: context.name, appId: context.appId, environment: context.environment },
    products,
    availableProducts,
    permissions: permissionList,
    egress: permissions.egress,
    providers: permissions.providers.map(({ key, name, scopes, remotes }) => ({ key, name, scopes, remotes })),
    capabilities: capabilitiesOf(manifest, permissions, products),
    userConsent: userConsentReasons.length > 0,
    userConsentReasons,
    contentSecurity: permissions.contentSecurity,
    licensing: permissions.licensing,
  };
}

/** What the app can do without anyone using it: schedules, events, web triggers, queues, remote backends. */
function capabilitiesOf(manifest: unknown, permissions: ManifestPermissions, products: readonly string[]): ConsentCapability[] {
  const modules = modulesOf(manifest);
  const capabilities: ConsentCapability[] = [];
  const schedules = modules.filter((module) => module.type === 'scheduledTrigger');
  if (schedules.length > 0) {
    const when = [...new Set(schedules.map((module) => INTERVAL_WORDS[String(module.value.interval)] ?? String(module.value.interval)))].join(', ');
    capabilities.push({ kind: 'schedule', text: `Runs on a schedule (${when}), with no one using it.`, sources: schedules.map((module) => module.key ?? module.type) });
  }
  // A product's events fire only where the app is installed into that product: a Jira event is no
  // part of what a Confluence install shows.
  const shownEvent = (event: string) => {
    const owner = eventProductOf(event);
    return owner === null || products.includes(owner);
  };
  const eventsOf = (module: (typeof modules)[number]) =>
    (Array.isArray(module.value.events) ? module.value.events : [])
      .map((event) => (typeof event === 'string' ? event : String((event as { eventType?: unknown })?.eventType ?? '')))
      .filter(shownEvent);
  const triggers = modules.filter((module) => module.type === 'trigger' && eventsOf(module).length > 0);
  if (triggers.length > 0) {
    const events = triggers.flatMap(eventsOf);
    capabilities.push({
      kind: 'product-events',
      text: `Reacts to product events as they happen: ${[...new Set(events)].slice(0, 8).join(', ')}${events.length > 8 ? ', …' : ''}.`,
      sources: triggers.map((module) => module.key ?? module.type),
    });
  }
  if (permissions.dynamicWebTriggers.length > 0) {
    capabilities.push({
      kind: 'web-trigger',
      text: 'Can be called from the internet through a web trigger URL, and sees the whole HTTP request.',
      sources: permissions.dynamicWebTriggers,
    });
  }
  if (permissions.staticWebTriggers.length > 0) {
    capabilities.push({ kind: 'web-trigger', text: 'Has web trigger URLs that answer with fixed responses.', sources: permissions.staticWebTriggers });
  }
  const consumers = modules.filter((module) => module.type === 'consumer' || module.type === 'fifoConsumer');
  if (consumers.length > 0) {
    capabilities.push({ kind: 'queue', text: 'Processes queued background jobs.', sources: consumers.map((module) => module.key ?? module.type) });
  }
  if (permissions.remotes.length > 0) {
    capabilities.push({
      kind: 'remote-backend',
      text: `Calls remote backends outside Atlassian: ${permissions.remotes.map((remote) => remote.baseUrl).join(', ')}.`,
      sources: permissions.remotes.map((remote) => remote.key),
    });
  }
  // Platform services the app's data goes to, which the admin sees on the install screen.
  const sql = modules.filter((module) => module.type === 'sql');
  if (sql.length > 0) {
    capabilities.push({
      kind: 'platform-service',
      text: 'Stores data in Forge SQL, a database Atlassian hosts for each installation of the app.',
      sources: sql.map((module) => module.key ?? module.type),
    });
  }
  const llm = modules.filter((module) => module.type === 'llm');
  if (llm.length > 0) {
    const families = [...new Set(llm.flatMap((module) => (Array.isArray(module.value.model) ? module.value.model.map(String) : [])))];
    capabilities.push({
      kind: 'platform-service',
      text: `Uses Atlassian-hosted AI models (Forge LLMs${families.length > 0 ? `: ${families.join(', ')}` : ''}), sending them what the app asks, which may include your site's content.`,
      sources: llm.map((module) => module.key ?? module.type),
    });
  }
  return capabilities;
}
