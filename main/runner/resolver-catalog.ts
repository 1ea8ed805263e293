import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeThenRename } from '../manifest';
import { jsonResponse } from './gateway/call-record';
import type { BuiltBundle } from './host/app-bundle';
import type { CallHandler, InvocationResult } from './host/runner-host';
import { LEARN_EXPORT, learningBundleText, parseLearned, type LearnedResolver } from './resolver-learning';

/** What a learning invocation needs from the runner: one invocation in the sandbox, as any other. */
export type LearningInvoke = (request: { bundlePath: string; exportName: string; env: Readonly<Record<string, string>>; onCall: CallHandler }) => Promise<InvocationResult>;

/** Bundles whose keys are remembered; an app has a handful of resolver functions. */
const MAX_REMEMBERED = 64;

// Learning reads the resolver's keys and nothing else: every call app code makes while loading is
// answered with a refusal, so it reaches no product, site or storage.
const refuseEveryCall: CallHandler = async (call) => ({
  response: jsonResponse(403, { message: 'Anvil is only reading the resolver keys of this function; calls are not made while it does.' }),
  record: { kind: call.kind, target: call.request.url, method: call.request.method, allowed: false, reason: 'Anvil was reading the resolver keys; no calls are made then' },
});

/**
 * The resolver keys each function bundle defines, learnt by running it once in the sandbox and
 * remembered per bundle text: an unchanged bundle is never run again for its keys.
 */
export class ResolverCatalog {
  private readonly learned = new Map<string, Promise<LearnedResolver>>();

  /**
   * The keys of the resolver `bundle` exports; `invoke` runs the learning in the function's own runner
   * with the environment's variables `env`, which are part of what is remembered: setting a variable
   * the top-level code needs makes the next listing learn again.
   */
  async keysOf(bundle: BuiltBundle, env: Readonly<Record<string, string>>, invoke: LearningInvoke): Promise<LearnedResolver> {
    let text: string;
    try {
      text = await readFile(bundle.bundlePath, 'utf8');
    } catch (error) {
      return { kind: 'failed', problem: `its bundle cannot be read (${(error as Error).message})` };
    }
    const variables = Object.entries(env).sort(([a], [b]) => a.localeCompare(b));
    const id = createHash('sha256').update(bundle.exportName).update('\0').update(JSON.stringify(variables)).update('\0').update(text).digest('hex');
    let learning = this.learned.get(id);
    if (learning) {
      // Most recently used last, so the oldest is forgotten first.
      this.learned.delete(id);
      this.learned.set(id, learning);
      return learning;
    }
    learning = this.learn(bundle, text, env, invoke);
    this.learned.set(id, learning);
    while (this.learned.size > MAX_REMEMBERED) this.learned.delete(this.learned.keys().next().value!);
    // A learning that could not even start (the runner did not come up) is tried again next time.
    learning.catch(() => this.learned.delete(id));
    return learning;
  }

  private async learn(bundle: BuiltBundle, text: string, env: Readonly<Record<string, string>>, invoke: LearningInvoke): Promise<LearnedResolver> {
    const probeKey = `__anvil_resolver_keys_${randomBytes(12).toString('hex')}`;
    // Beside the function's bundle, so the runner may read it like the bundle itself.
    const learningPath = `${bundle.bundlePath}.resolver-keys.cjs`;
    await writeThenRename(learningPath, learningBundleText(text, bundle.exportName, probeKey));
    const outcome = await invoke({ bundlePath: learningPath, exportName: LEARN_EXPORT, env, onCall: refuseEveryCall });
    if (outcome.status !== 'ok') return { kind: 'failed', problem: outcome.error ?? `the function ended with status ${outcome.status}` };
    return parseLearned(outcome.result);
  }
}
