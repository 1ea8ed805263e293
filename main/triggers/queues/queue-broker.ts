import type { QueueJobView } from '../../../common/types';
import { randomUUID } from 'node:crypto';
import { anything, fields, list, optional, parseJson, passes, type Infer } from '../../contract';
import { jsonResponse, type GatewayResponse, type PlatformCall, type RunOutcome } from '../../runner';
import type { CallRecord } from '../../runner';
import { retryPlan } from '../events';
import type { Clock } from '../clock';
import type { InvokeModule, TriggerLog } from '../types';

/** The platform's limits on async events (FACTS §5.5). */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_BYTES = 200 * 1024;
export const MAX_DELAY_SECONDS = 900;
/**
 * The event schema of @forge/events before 2.0: the push carries the payloads themselves (any JSON
 * value) with one delay for the whole push, and a retry's context goes into the payload. From 2.0
 * (`forge/app-event-2`) each event is `{body, delayInSeconds}` and the retry context sits beside it.
 */
const LEGACY_EVENT_SCHEMA = 'ari:cloud:ecosystem::forge/app-event';
/** Finished jobs kept for the pane; older ones are dropped. */
const KEPT_JOBS = 200;

// Push, stats and cancel bodies are the app's: each is checked before it is read, so a null or a list
// of nulls is a 400 naming the field instead of a TypeError. The body's size is the bound on lists.
const ANY_LENGTH = Number.POSITIVE_INFINITY;
const pushBody = fields({
  queueName: optional(anything),
  jobId: optional(anything),
  schema: optional(anything),
  payload: optional(list(anything, ANY_LENGTH)),
  delayInSeconds: optional(anything),
});
const appEvents = list(fields({ body: optional(anything), delayInSeconds: optional(anything) }), ANY_LENGTH);
const jobBody = fields({ jobId: optional(anything) });

/** A job as the Triggers pane lists it (the contract's shape). */
export type QueueJob = QueueJobView;

interface Consumer {
  moduleKey: string;
  queue: string;
}

interface Job extends QueueJob {
  retryContext: Record<string, unknown> | null;
  /** Pushed by @forge/events before 2.0, whose consumers read the retry context in the payload. */
  legacy: boolean;
  cancel: () => void;
}

/**
 * The async events queue: `Queue.push` from app code reaches here as a platform call, and every
 * event is delivered to each `consumer` module of that queue, after its delay, with the consumer's
 * own timeout, and again when the consumer asks for a retry (InvocationError), as the platform does.
 */
export class QueueBroker {
  private readonly jobs: Job[] = [];

  constructor(
    private readonly options: {
      environment: string;
      invoke: InvokeModule;
      consumers: () => Promise<Consumer[]>;
      clock: Clock;
      log: TriggerLog;
      onChange?: () => void;
    },
  ) {}

  /** Answer a `/webhook/queue/...` platform call; null for any other path. */
  async answer(call: PlatformCall): Promise<{ response: GatewayResponse; record: CallRecord } | null> {
    const path = call.path.split('?')[0]!;
    if (path.startsWith('/webhook/queue/publish/')) return this.push(call);
    if (path.startsWith('/webhook/queue/stats/')) return this.stats(call);
    if (path.startsWith('/webhook/queue/cancel/')) return this.cancel(call);
    return null;
  }

  list(): QueueJob[] {
    return this.jobs.map(({ cancel: _cancel, retryContext: _retryContext, legacy: _legacy, ...job }) => ({ ...job }));
  }

  close(): void {
    for (const job of this.jobs) job.cancel();
  }

  private async push(call: PlatformCall): Promise<{ response: GatewayResponse; record: CallRecord }> {
    const record = (allowed: boolean, reason: string, target: string): CallRecord => ({ kind: 'product', target, method: 'POST', allowed, reason });
    const size = Buffer.byteLength(call.body ?? '');
    const refused = (message: string, target: string) => ({ response: jsonResponse(400, { message }), record: record(false, message, target) });
    const parsed = parseJson(call.body ?? '{}', pushBody);
    if (!parsed.ok) return refused(`The queue push is not valid: ${parsed.problem}`, 'queue');
    const request = parsed.value;
    const queue = String(request.queueName ?? '');
    const target = `queue ${queue}`;
    if (size > MAX_PUSH_BYTES) {
      const message = `The push is ${size} bytes; the platform accepts at most ${MAX_PUSH_BYTES} bytes per push. Push fewer or smaller events.`;
      return { response: jsonResponse(413, { errorMessage: message }), record: record(false, message, target) };
    }
    const legacy = request.schema === LEGACY_EVENT_SCHEMA;
    const pushed = request.payload ?? [];
    let events: Infer<typeof appEvents>;
    if (legacy) events = pushed.map((body) => ({ body, delayInSeconds: request.delayInSeconds }));
    else if (passes(pushed, appEvents)) events = pushed;
    else return refused(`The queue push is not valid: ${appEvents(pushed, 'payload')}`, target);
    if (events.length === 0 || events.length > MAX_EVENTS_PER_PUSH) {
      const message = `A push carries 1 to ${MAX_EVENTS_PER_PUSH} events; this one has ${events.length}`;
      return { response: jsonResponse(400, { message }), record: record(false, message, target) };
    }
    const jobId = typeof request.jobId === 'string' ? request.jobId : randomUUID();
    const consumers = (await this.options.consumers()).filter((consumer) => consumer.queue === queue);
    if (consumers.length === 0) {
      this.options.log({
        level: 'warn',
        moduleKey: queue,
        invocationId: null,
        message: `Nothing consumes queue "${queue}": add a consumer module with queue: ${queue} to the manifest. The ${events.length} event(s) were accepted and dropped.`,
      });
    }
    events.forEach((event, index) => {
      const delay = Math.min(Math.max(Number(event.delayInSeconds ?? 0) || 0, 0), MAX_DELAY_SECONDS);
      for (const consumer of consumers) {
        const job: Job = {
          jobId,
          index,
          queue,
          consumerKey: consumer.moduleKey,
          installation: call.installation.name,
          body: event.body ?? null,
          state: 'pending',
          dueAt: this.options.clock.now() + delay * 1000,
          attempts: 0,
          lastInvocationId: null,
          note: delay > 0 ? `delayed ${delay} s` : 'queued',
          retryContext: null,
          legacy,
          cancel: () => undefined,
        };
        this.keep(job);
        this.schedule(job);
      }
    });
    this.options.onChange?.();
    return { response: jsonResponse(201, { jobId }), record: record(true, `${events.length} event(s) to ${consumers.map((consumer) => consumer.moduleKey).join(', ') || 'no consumer'}`, target) };
  }

  private stats(call: PlatformCall): { response: GatewayResponse; record: CallRecord } {
    const parsed = parseJson(call.body ?? '{}', jobBody);
    if (!parsed.ok) return refusedJobCall(parsed.problem);
    const jobId = String(parsed.value.jobId ?? '');
    const jobs = this.jobs.filter((job) => job.jobId === jobId);
    const record: CallRecord = { kind: 'product', target: `queue job ${jobId}`, method: 'POST', allowed: true, reason: 'job stats' };
    if (jobs.length === 0) return { response: jsonResponse(404, { message: `No job ${jobId}` }), record };
    const count = (state: QueueJob['state'][]) => jobs.filter((job) => state.includes(job.state)).length;
    return { response: jsonResponse(200, { success: count(['done']), inProgress: count(['pending', 'running']), failed: count(['failed', 'cancelled']) }), record };
  }

  private cancel(call: PlatformCall): { response: GatewayResponse; record: CallRecord } {
    const parsed = parseJson(call.body ?? '{}', jobBody);
    if (!parsed.ok) return refusedJobCall(parsed.problem);
    const jobId = String(parsed.value.jobId ?? '');
    const jobs = this.jobs.filter((job) => job.jobId === jobId);
    const record: CallRecord = { kind: 'product', target: `queue job ${jobId}`, method: 'POST', allowed: true, reason: 'job cancelled' };
    if (jobs.length === 0) return { response: jsonResponse(404, { message: `No job ${jobId}` }), record };
    for (const job of jobs) {
      if (job.state !== 'pending') continue;
      job.cancel();
      job.state = 'cancelled';
    }
    this.options.onChange?.();
    return { response: { status: 204, headers: {}, body: '' }, record };
  }

  private keep(job: Job): void {
    this.jobs.push(job);
    // Drop the oldest finished jobs; pending ones are never dropped.
    while (this.jobs.length > KEPT_JOBS) {
      const finished = this.jobs.findIndex((candidate) => candidate.state !== 'pending' && candidate.state !== 'running');
      if (finished < 0) break;
      this.jobs.splice(finished, 1);
    }
  }

  private schedule(job: Job): void {
    job.cancel = this.options.clock.at(job.dueAt, () => void this.deliver(job));
  }

  private async deliver(job: Job): Promise<void> {
    job.state = 'running';
    this.options.onChange?.();
    const payload = job.legacy
      ? { body: job.retryContext && isRecord(job.body) ? { ...job.body, retryContext: job.retryContext } : job.body, jobId: job.jobId }
      : { body: job.body, jobId: job.jobId, ...(job.retryContext ? { retryContext: job.retryContext } : {}) };
    let outcome: RunOutcome;
    try {
      outcome = await this.options.invoke({ moduleKey: job.consumerKey, environment: this.options.environment, installation: job.installation, payload });
    } catch (error) {
      job.state = 'failed';
      job.note = (error as Error).message;
      this.options.log({ level: 'error', moduleKey: job.consumerKey, invocationId: null, message: `${job.consumerKey} could not run job ${job.jobId}: ${job.note}` });
      this.options.onChange?.();
      return;
    }
    job.lastInvocationId = outcome.invocationId;
    const plan = outcome.status === 'ok' ? retryPlan(outcome.result, job.attempts) : null;
    job.attempts += 1;
    if (plan && 'retryAfterSeconds' in plan) {
      job.retryContext = { ...plan.retryContext };
      job.state = 'pending';
      job.dueAt = this.options.clock.now() + plan.retryAfterSeconds * 1000;
      job.note = `retry ${String(plan.retryContext.retryCount)} in ${plan.retryAfterSeconds} s`;
      this.schedule(job);
    } else if (plan) {
      job.state = 'failed';
      job.note = plan.reason;
    } else {
      job.state = outcome.status === 'ok' ? 'done' : 'failed';
      job.note = outcome.status === 'ok' ? `done in ${outcome.durationMs} ms` : `${outcome.status}: ${outcome.error ?? ''}`;
    }
    this.options.log({
      level: job.state === 'failed' ? 'warn' : 'info',
      moduleKey: job.consumerKey,
      invocationId: outcome.invocationId,
      message: `${job.consumerKey} job ${job.jobId} event ${job.index}: ${job.note}`,
    });
    this.options.onChange?.();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function refusedJobCall(problem: string): { response: GatewayResponse; record: CallRecord } {
  const message = `The queue job request is not valid: ${problem}`;
  return { response: jsonResponse(400, { message }), record: { kind: 'product', target: 'queue job', method: 'POST', allowed: false, reason: message } };
}
