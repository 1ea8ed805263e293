import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventDelivery, RunResult, TriggersView, WebTriggerView } from '../../common/types';
import { AnvilError, anything, fields, optional, parseJson } from '../contract';
import type { AppDatabase } from '../database';
import { MANIFEST_FILE_NAME, modulesOf, parseManifest } from '../manifest';
import { jsonResponse, type AppRunner, type CallRecord, type GatewayResponse, type PlatformCall } from '../runner';
import { CompressibleClock } from './clock';
import { deliveryDecision, eventTemplate, retryPlan, triggerSubscriptions } from './events';
import { QueueBroker } from './queues/queue-broker';
import { Scheduler } from './schedules/scheduler';
import type { ModuleInvocation, TriggerLogLine } from './types';
import { WebTriggerServer, WebTriggerUrls } from './webtrigger';

/** What `webTrigger.getUrl` sends: the trigger's module key in `variables.input.triggerKey`. */
const webTriggerUrlRequest = fields({ variables: optional(fields({ input: optional(fields({ triggerKey: optional(anything) })) })) });

/** The account the app acts as on a local site: events it causes carry it, and `ignoreSelf` filters them. */
export const LOCAL_APP_ACCOUNT_ID = '557058:anvil-local-app';

/** Triggers of one environment: its own clock (fast-forward is per environment), schedules and queue. */
interface EnvironmentTriggers {
  clock: CompressibleClock;
  scheduler: Scheduler;
  queues: QueueBroker;
}

export interface AppTriggersOptions {
  appFolder: string;
  db: AppDatabase;
  runner: AppRunner;
  /** Every delivery line (refusals, retries, web trigger answers), with its environment. */
  log: (environment: string, line: TriggerLogLine) => void;
  /** Port of the web trigger server; 0 picks a free one. */
  webTriggerPort?: number;
}

/**
 * Everything that runs an app without interaction, wired to the local runner: web triggers on
 * loopback, schedules, product events and the async events queue, per environment.
 */
export class AppTriggers {
  private readonly environments = new Map<string, EnvironmentTriggers>();
  private readonly urls: WebTriggerUrls;
  private readonly server: WebTriggerServer;
  private started: Promise<void> | null = null;

  constructor(private readonly options: AppTriggersOptions) {
    this.urls = new WebTriggerUrls(options.db);
    this.server = new WebTriggerServer({
      urls: this.urls,
      port: options.webTriggerPort ?? 0,
      invoke: (invocation) => this.invoke(invocation),
      log: (line) => this.logFor(line),
      definition: async (moduleKey) => {
        const module = modulesOf(await this.manifest()).find((candidate) => candidate.type === 'webtrigger' && candidate.key === moduleKey);
        if (!module) return null;
        const response = (module.value.response ?? {}) as { type?: unknown; outputs?: unknown };
        const outputs = Array.isArray(response.outputs) ? (response.outputs as { key: string; statusCode: number; contentType?: string; body?: string }[]) : [];
        return { type: response.type === 'static' ? 'static' : 'dynamic', outputs };
      },
    });
  }

  /** Start the web trigger server and the development environment's schedules. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.server.start();
      await this.environment('development');
    })();
    return this.started;
  }

  /** Platform calls from app code this serves: queue pushes and web trigger URLs. */
  async answer(call: PlatformCall): Promise<{ response: GatewayResponse; record: CallRecord } | null> {
    const queued = await (await this.environment(call.environment)).queues.answer(call);
    if (queued) return queued;
    if (call.path.split('?')[0] === '/graphql' && call.body?.includes('createWebTriggerUrl')) {
      await this.start();
      return this.answerWebTriggerUrl(call);
    }
    return null;
  }

  async view(environment: string): Promise<TriggersView> {
    const triggers = await this.environment(environment);
    const manifest = await this.manifest();
    await this.start();
    const installations = await this.options.runner.listInstallations(environment);
    const modules = modulesOf(manifest);
    const webTriggers: WebTriggerView[] = [];
    for (const module of modules) {
      if (module.type !== 'webtrigger' || module.key === null) continue;
      const responseType = (module.value.response as { type?: unknown } | undefined)?.type === 'static' ? 'static' : 'dynamic';
      for (const installation of installations) {
        const url = this.server.url(environment, installation.name, module.key);
        webTriggers.push({
          moduleKey: module.key,
          functionKey: typeof module.value.function === 'string' ? module.value.function : null,
          installation: installation.name,
          responseType,
          url,
          curl: responseType === 'static' ? `curl -i '${url}'` : `curl -i -X POST '${url}' -H 'Content-Type: application/json' -d '{}'`,
        });
      }
    }
    return {
      environment,
      clockSpeed: triggers.clock.factor,
      clockNow: triggers.clock.now(),
      webTriggers,
      schedules: triggers.scheduler.list(),
      subscriptions: triggerSubscriptions(manifest).map((subscription) => ({
        moduleKey: subscription.moduleKey,
        functionKey: subscription.functionKey,
        eventType: subscription.eventType,
        filter: describeFilter(subscription.filter),
      })),
      consumers: consumersOf(manifest),
      jobs: triggers.queues.list(),
    };
  }

  /** The web trigger URL of a module, as `webtrigger` on the command line prints it. */
  async webTriggerUrl(environment: string, installation: string, moduleKey: string): Promise<string> {
    await this.start();
    return this.server.url(environment, installation, moduleKey);
  }

  async runSchedule(environment: string, installationName: string | undefined, moduleKey: string): Promise<RunResult> {
    const triggers = await this.environment(environment);
    const installation = await this.installation(environment, installationName);
    if (!triggers.scheduler.list().some((schedule) => schedule.moduleKey === moduleKey)) {
      throw new AnvilError('bad-request', `"${moduleKey}" is not a scheduledTrigger of this app; the Triggers pane lists them.`);
    }
    return triggers.scheduler.runNow(installation.name, moduleKey, installation.cloudId);
  }

  async pauseSchedule(environment: string, installationName: string | undefined, moduleKey: string, paused: boolean): Promise<void> {
    const installation = await this.installation(environment, installationName);
    try {
      (await this.environment(environment)).scheduler.setPaused(installation.name, moduleKey, paused);
    } catch (error) {
      throw new AnvilError('bad-request', `${(error as Error).message}; the Triggers pane lists the scheduled triggers.`);
    }
  }

  async setClock(environment: string, speed: number): Promise<void> {
    const clock = (await this.environment(environment)).clock;
    try {
      clock.setSpeed(speed);
    } catch (error) {
      throw new AnvilError('bad-request', (error as Error).message);
    }
  }

  async eventTemplate(environment: string, installationName: string | undefined, eventType: string): Promise<unknown> {
    const installation = await this.installation(environment, installationName);
    return eventTemplate(eventType, { cloudId: installation.cloudId, product: installation.product });
  }

  /** Deliver a product event to every trigger subscribed to it (or the one named), as the platform would. */
  async fireEvent(environment: string, installationName: string | undefined, eventType: string, event: unknown, moduleKey?: string): Promise<EventDelivery[]> {
    const triggers = await this.environment(environment);
    const installation = await this.installation(environment, installationName);
    const subscriptions = triggerSubscriptions(await this.manifest()).filter(
      (subscription) => subscription.eventType === eventType && (moduleKey === undefined || subscription.moduleKey === moduleKey),
    );
    if (subscriptions.length === 0) {
      throw new AnvilError('bad-request', `No trigger of this app subscribes to ${eventType}${moduleKey ? ` in module ${moduleKey}` : ''}; add it to a trigger module's events.`);
    }
    const deliveries: EventDelivery[] = [];
    for (const subscription of subscriptions) {
      const decision = deliveryDecision({ eventType, approvedScopes: installation.approvedScopes, subscription, event, appAccountId: LOCAL_APP_ACCOUNT_ID });
      if (decision.log || !decision.deliver) {
        this.options.log(environment, {
          level: 'warn',
          moduleKey: subscription.moduleKey,
          invocationId: null,
          message: `${eventType} ${decision.deliver ? 'delivered' : 'not delivered'} to ${subscription.moduleKey}: ${decision.reason}`,
        });
      }
      if (!decision.deliver) {
        deliveries.push({ moduleKey: subscription.moduleKey, delivered: false, reason: decision.reason, outcome: null, error: null });
        continue;
      }
      const outcome = await this.deliver(triggers, environment, installation.name, subscription.moduleKey, eventType, event, 0);
      // Reached but not handled: the platform counts a throw, a timeout or a crash as a failed invocation, not a delivery.
      const error = outcome.status === 'ok' ? null : (outcome.error ?? `the function ended with status ${outcome.status}`);
      if (error !== null) {
        this.options.log(environment, { level: 'error', moduleKey: subscription.moduleKey, invocationId: outcome.invocationId, message: `${eventType} failed at ${subscription.moduleKey}: ${error}` });
      }
      deliveries.push({ moduleKey: subscription.moduleKey, delivered: true, reason: decision.reason, outcome, error });
    }
    return deliveries;
  }

  async close(): Promise<void> {
    for (const triggers of this.environments.values()) {
      triggers.scheduler.close();
      triggers.queues.close();
      triggers.clock.close();
    }
    this.environments.clear();
    await this.server.close();
  }

  // One delivery of an event, then its retries on the environment's clock when the function asks for them.
  private async deliver(
    triggers: EnvironmentTriggers,
    environment: string,
    installation: string,
    moduleKey: string,
    eventType: string,
    event: unknown,
    attempt: number,
    retryContext?: unknown,
  ): Promise<RunResult> {
    const payload = retryContext ? { ...(event as Record<string, unknown>), retryContext } : event;
    const outcome = await this.invoke({ moduleKey, environment, installation, payload });
    const plan = outcome.status === 'ok' ? retryPlan(outcome.result, attempt) : null;
    if (plan && 'retryAfterSeconds' in plan) {
      this.options.log(environment, {
        level: 'info',
        moduleKey,
        invocationId: outcome.invocationId,
        message: `${eventType} asked for retry ${String(plan.retryContext.retryCount)} in ${plan.retryAfterSeconds} s`,
      });
      triggers.clock.at(triggers.clock.now() + plan.retryAfterSeconds * 1000, () => {
        void this.deliver(triggers, environment, installation, moduleKey, eventType, event, attempt + 1, plan.retryContext).catch(() => undefined);
      });
    } else if (plan) {
      this.options.log(environment, { level: 'warn', moduleKey, invocationId: outcome.invocationId, message: `${eventType} is not retried again: ${plan.reason}` });
    }
    return outcome;
  }

  private invoke(invocation: ModuleInvocation) {
    return this.options.runner.run({
      functionKey: invocation.moduleKey,
      moduleKey: invocation.moduleKey,
      payload: invocation.payload,
      context: invocation.context ?? null,
      environment: invocation.environment,
      installation: invocation.installation,
    });
  }

  private answerWebTriggerUrl(call: PlatformCall): { response: GatewayResponse; record: CallRecord } {
    // A body of another shape is answered as an unknown trigger, whose URL says so when called.
    const parsed = parseJson(call.body ?? '{}', webTriggerUrlRequest);
    const moduleKey = parsed.ok ? String(parsed.value.variables?.input?.triggerKey ?? '') : '';
    const url = this.server.url(call.environment, call.installation.name, moduleKey);
    return {
      response: jsonResponse(200, { data: { createWebTriggerUrl: { url } } }),
      record: { kind: 'product', target: `platform webTrigger.getUrl ${moduleKey}`, method: 'POST', allowed: true, reason: `local URL ${url}` },
    };
  }

  private async environment(environment: string): Promise<EnvironmentTriggers> {
    let triggers = this.environments.get(environment);
    if (!triggers) {
      const clock = new CompressibleClock();
      const log = (line: TriggerLogLine) => this.options.log(environment, line);
      triggers = {
        clock,
        scheduler: new Scheduler({ environment, invoke: (invocation) => this.invoke(invocation), clock, log }),
        queues: new QueueBroker({ environment, invoke: (invocation) => this.invoke(invocation), consumers: async () => consumersOf(await this.manifest()), clock, log }),
      };
      this.environments.set(environment, triggers);
    }
    // Follow manifest edits: new or removed scheduled triggers, new installations.
    const installations = await this.options.runner.listInstallations(environment);
    triggers.scheduler.sync(
      await this.manifest(),
      installations.map((installation) => ({ name: installation.name, cloudId: cloudIdOf(installation.name) })),
    );
    return triggers;
  }

  private async installation(environment: string, name: string | undefined) {
    const installations = await this.options.runner.listInstallations(environment);
    const installation = name === undefined ? installations[0] : installations.find((candidate) => candidate.name === name);
    if (!installation) throw new AnvilError('bad-request', `No installation named "${name}" in ${environment}; use one of ${installations.map((candidate) => candidate.name).join(', ')}.`);
    return { ...installation, cloudId: cloudIdOf(installation.name) };
  }

  // The web trigger server serves every environment; each of its lines names the one it is about.
  private logFor(line: TriggerLogLine): void {
    this.options.log(line.environment ?? 'development', line);
  }

  private async manifest(): Promise<unknown> {
    const parsed = parseManifest(await readFile(path.join(this.options.appFolder, MANIFEST_FILE_NAME), 'utf8'));
    if (parsed.value === null) throw new AnvilError('bad-request', `manifest.yml cannot be read (${parsed.problems[0]?.message ?? 'not YAML'}); fix it to use triggers.`);
    return parsed.value;
  }
}

/** The cloud id the runner gives an installation's context (see invocation-payload). */
function cloudIdOf(installation: string): string {
  return `local-${installation}`;
}

function consumersOf(manifest: unknown): { moduleKey: string; queue: string }[] {
  return modulesOf(manifest).flatMap((module) =>
    module.type === 'consumer' && module.key !== null && typeof module.value.queue === 'string' ? [{ moduleKey: module.key, queue: module.value.queue }] : [],
  );
}

function describeFilter(filter: { ignoreSelf: boolean; expression: string | null; onError: string }): string | null {
  const parts = [filter.ignoreSelf ? 'ignoreSelf' : null, filter.expression ? `expression: ${filter.expression}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : null;
}
