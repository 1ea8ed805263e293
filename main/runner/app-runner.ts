import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { appDataFolder } from '../app';
import { AnvilError } from '../contract';
import { declaredScopes, egressEntries, MANIFEST_FILE_NAME, parseEgressAddress, parseManifest } from '../manifest';
import { answerFromFixtures, productCall, readFixture, writeFixture } from './gateway/product-gateway';
import { egressFetch } from './gateway/egress-gateway';
import { localInstallation, type Installation } from './gateway/installation';
import { KvsStore } from './gateway/kvs-store';
import { bundleHandler, BundleError } from './host/app-bundle';
import { RunnerHost, type InvocationResult } from './host/runner-host';
import { functionTarget } from './function-target';
import { invocationArguments } from './invocation-payload';
import type { CallMessage } from './protocol';

export interface RunRequest {
  functionKey: string;
  payload?: unknown;
  context?: Record<string, unknown> | null;
  environment?: string;
  /** Resolver keys defined in the code, so a resolver key can be run directly. */
  resolverKeys?: readonly string[];
}

export type RunOutcome = InvocationResult & { functionKey: string; environment: string; installation: string };

/**
 * Runs one app's functions locally as the platform would: bundle (again after every change: hot
 * reload), run in the sandboxed runner process, and answer its calls through the gateway.
 */
export class AppRunner {
  private readonly hosts = new Map<string, RunnerHost>();
  private readonly stores = new Map<string, KvsStore>();
  private readonly workFolder: string;

  constructor(
    private readonly appFolder: string,
    private readonly dataDir: string | null,
    private readonly onLog?: (invocationId: string, level: string, message: string) => void,
  ) {
    this.workFolder = dataDir ? path.join(appDataFolder(dataDir, appFolder), 'runner') : path.join(os.tmpdir(), `anvil-runner-${process.pid}`);
    mkdirSync(path.join(this.workFolder, 'bundles'), { recursive: true, mode: 0o700 });
  }

  async run(request: RunRequest): Promise<RunOutcome> {
    const environment = request.environment ?? 'development';
    const parsed = parseManifest(await readFile(path.join(this.appFolder, MANIFEST_FILE_NAME), 'utf8'));
    if (parsed.value === null) throw new AnvilError('bad-request', `manifest.yml cannot be read (${parsed.problems[0]?.message ?? 'not YAML'}); fix it before running functions.`);
    const target = functionTarget(parsed.value, request.functionKey, request.resolverKeys ?? []);
    const installation = this.installationFor(parsed.value);
    let bundle;
    try {
      bundle = await bundleHandler(this.appFolder, target.handler, path.join(this.workFolder, 'bundles', environment));
    } catch (error) {
      if (error instanceof BundleError) throw new AnvilError('bad-request', `The app does not build: ${error.message}`);
      throw error;
    }
    const { payload, context, appContext } = invocationArguments(target, installation, environment, request.payload, request.context ?? null);
    const host = this.hostFor(environment, installation, target.memoryMB);
    const result = await host.invoke({ bundlePath: bundle.bundlePath, exportName: bundle.exportName, payload, context, appContext, env: {}, timeoutMs: target.timeoutSeconds * 1000 });
    return { ...result, functionKey: target.functionKey, environment, installation: installation.name };
  }

  readFixture(file: string): Promise<string> {
    return readFixture(this.appFolder, file);
  }

  writeFixture(file: string, text: string): Promise<void> {
    return writeFixture(this.appFolder, file, text);
  }

  /** What the environment's local installation has in storage. */
  async storage(environment: string): Promise<{ key: string; value: unknown; secret: boolean }[]> {
    const parsed = parseManifest(await readFile(path.join(this.appFolder, MANIFEST_FILE_NAME), 'utf8'));
    if (parsed.value === null) return [];
    return this.storeFor(environment, this.installationFor(parsed.value)).entries();
  }

  close(): void {
    for (const host of this.hosts.values()) host.close();
    this.hosts.clear();
  }

  // Until environments keep approved versions, an installation has approved what the manifest asks.
  private installationFor(manifest: unknown): Installation {
    const scopes = declaredScopes(manifest).map((entry) => entry.scope);
    const egress = egressEntries(manifest)
      .filter((entry) => entry.list === 'fetch.backend' && entry.address !== null)
      .flatMap((entry) => {
        const address = parseEgressAddress(entry.address!);
        return address.ok ? [address.host] : [];
      });
    const modules = (manifest as { modules?: Record<string, unknown> }).modules ?? {};
    const product = Object.keys(modules).find((type) => type.startsWith('confluence:') || type === 'macro') ? 'confluence' : 'jira';
    return localInstallation(product, scopes, egress);
  }

  private hostFor(environment: string, installation: Installation, memoryMB: number): RunnerHost {
    const key = `${environment}|${memoryMB}`;
    let host = this.hosts.get(key);
    if (!host) {
      host = new RunnerHost({
        bundlesRoot: path.join(this.workFolder, 'bundles'),
        memoryMB,
        onLog: this.onLog,
        onCall: (call) => this.answer(call, environment, installation),
      });
      this.hosts.set(key, host);
    }
    return host;
  }

  private async answer(call: CallMessage, environment: string, installation: Installation) {
    const request = call.request;
    if (call.kind === 'fetch') return egressFetch(installation, { url: request.url, method: request.method, headers: request.headers, body: request.body });
    if (call.kind === 'storage') return this.storeFor(environment, installation).handle(request.url, request.body);
    const product = String(request.meta?.remote ?? 'jira');
    return productCall(this.appFolder, installation, { product, method: request.method, path: request.url, body: request.body }, (_installation, productRequest) =>
      answerFromFixtures(this.appFolder, productRequest),
    );
  }

  private storeFor(environment: string, installation: Installation): KvsStore {
    const key = `${environment}|${installation.name}`;
    let store = this.stores.get(key);
    if (!store) {
      store = new KvsStore(this.dataDir ? path.join(this.workFolder, 'storage', environment, `${installation.name}.json`) : null);
      this.stores.set(key, store);
    }
    return store;
  }
}
