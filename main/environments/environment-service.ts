import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Environment } from '../../common/types';
import { AnvilError } from '../contract';
import type { AppDatabase } from '../database';
import { MANIFEST_FILE_NAME, parseManifest } from '../manifest';
import type { AppRunner, ReleaseInfo } from '../runner';
import { Deployments, type Deployment } from './deployments';
import { EnvironmentBook } from './environment-book';
import { EnvironmentVariables, type SecretValues, type VariableInfo } from './variables';
import { deployFirstHint } from './deploy-hint';

/** Environments where the platform runs only deployed versions: no tunnel, no hot reload (FACTS §5.1). */
export function runsDeployedOnly(environment: Environment): boolean {
  return environment.kind === 'staging' || environment.kind === 'production';
}

export interface DeployOutcome {
  deployment: Deployment;
  /** Installations still on an older major version until their admin approves this one. */
  awaitingApproval: string[];
}

/**
 * An app's environments, their variables, versions and installations' approvals, over the app
 * database; and what the runner should run for an installation (`release`).
 */
export class EnvironmentService {
  readonly book: EnvironmentBook;
  readonly variables: EnvironmentVariables;
  readonly deployments: Deployments;

  constructor(
    db: AppDatabase,
    secrets: SecretValues,
    private readonly appFolder: string,
    private readonly runner: () => AppRunner,
    /** Where this app's data lives, so the commands it suggests act on the same data. */
    private readonly options: { dataDir?: string | null } = {},
  ) {
    this.book = new EnvironmentBook(db);
    this.variables = new EnvironmentVariables(db, secrets);
    this.deployments = new Deployments(db);
  }

  list(): Environment[] {
    return this.book.list();
  }

  async delete(key: string): Promise<void> {
    const own = (await this.runner().listInstallations(key)).filter((installation) => !installation.builtIn).map((installation) => installation.name);
    // Checked before anything is removed, so a refusal leaves the environment whole.
    await this.book.delete(key, own, async () => {
      for (const variable of this.variables.list(key).filter((candidate) => candidate.secret)) await this.variables.unset(key, variable.key);
    });
  }

  /** A local "deploy": snapshot the manifest and every function's bundle as the environment's next version. */
  async deploy(environment: string): Promise<DeployOutcome> {
    this.book.get(environment);
    const manifestText = await readFile(path.join(this.appFolder, MANIFEST_FILE_NAME), 'utf8');
    const installations = (await this.runner().listInstallations(environment)).map((installation) => installation.name);
    // Existing installations keep the version they run; the deploy below may be a major one.
    this.deployments.pin(environment, installations);
    const deployment = await this.deployments.deploy(environment, manifestText, async (version) => {
      await this.runner().bundleAll(environment, version);
    });
    const awaitingApproval = installations.filter((name) => this.deployments.release(environment, name)?.awaitingApproval);
    return { deployment, awaitingApproval };
  }

  approve(environment: string, installation: string): Deployment {
    this.book.get(environment);
    if (!this.deployments.latest(environment)) {
      throw new AnvilError(
        'bad-request',
        `Nothing is deployed to ${environment} yet, so there is no version to approve. ${deployFirstHint(environment, this.appFolder, this.options.dataDir ?? null)}`,
      );
    }
    return this.deployments.approve(environment, installation);
  }

  setLogAccess(environment: string, installation: string, on: boolean): void {
    this.book.get(environment);
    this.deployments.setLogAccess(environment, installation, on);
  }

  /** Whether an installation's admin shares its logs (production's rule; on unless turned off). */
  logAccess(environment: string, installation: string | null): boolean {
    if (!installation) return true;
    return this.deployments.logAccess(environment, installation);
  }

  /** What the runner runs for an installation (see AppRunner's `release` option). */
  async release(environment: string, installation: string): Promise<ReleaseInfo | null> {
    const kind = this.book.get(environment);
    const release = this.deployments.release(environment, installation);
    if (!release) {
      if (runsDeployedOnly(kind)) {
        throw new AnvilError(
          'bad-request',
          `${environment} runs only deployed versions, as on the platform (no hot reload there). ${deployFirstHint(environment, this.appFolder, this.options.dataDir ?? null)}`,
        );
      }
      return null;
    }
    const manifest = parseManifest(release.deployment.manifestText).value;
    return {
      label: release.deployment.label,
      manifest,
      bundleFolder: runsDeployedOnly(kind) ? this.runner().deploymentFolder(environment, release.deployment.version) : null,
    };
  }

  listVariables(environment: string): VariableInfo[] {
    this.book.get(environment);
    return this.variables.list(environment);
  }
}
