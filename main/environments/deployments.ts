import { versionChange } from '../consent';
import { AnvilError, list, parseJson, string } from '../contract';
import type { AppDatabase } from '../database';
import { parseManifest } from '../manifest';

/** One local deploy: a snapshot of the manifest (and, beside it, the bundles) under a version. */
export interface Deployment {
  environment: string;
  /** Sequence number within the environment; names the bundle folder. */
  version: number;
  /** `major.minor`, as the developer console shows it. */
  label: string;
  major: number;
  minor: number;
  manifestText: string;
  /** Why it is a major version (empty for a minor one). */
  reasons: string[];
  createdAt: number;
}

/** What an installation runs: the version the admin approved, or a newer minor of it. */
export interface InstallationRelease {
  deployment: Deployment;
  /** A newer major version waiting for the admin's approval, if any. */
  awaitingApproval: Deployment | null;
  logAccess: boolean;
}

interface Row {
  environment: string;
  version: number;
  major: number;
  minor: number;
  manifest: string;
  reasons: string;
  created_at: number;
}

/** Why a version needed re-approval, as stored with it (JSON, written by `deploy`). */
const storedReasons = list(string(), Number.POSITIVE_INFINITY);

function reasonsOf(row: Row): string[] {
  const parsed = parseJson(row.reasons, storedReasons);
  if (parsed.ok) return parsed.value;
  // Another program (or a hand edit) changed the row. Saying so in place of the reasons keeps the
  // version usable (the next deploy compares with its manifest, which is intact) without inventing any.
  return [`the reasons stored with version ${row.version} of ${row.environment} in the app's database cannot be read (${parsed.problem})`];
}

const toDeployment = (row: Row): Deployment => ({
  environment: row.environment,
  version: row.version,
  label: `${row.major}.${row.minor}`,
  major: row.major,
  minor: row.minor,
  manifestText: row.manifest,
  reasons: reasonsOf(row),
  createdAt: row.created_at,
});

/**
 * Versions and approvals, as the platform keeps them (FACTS §5.4): a deploy that needs re-approval
 * becomes a new major version, and installations stay on the version their admin approved until
 * the admin approves the new one; a minor version reaches every installation on its major at once.
 */
export class Deployments {
  constructor(private readonly db: AppDatabase) {}

  latest(environment: string): Deployment | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM deployment WHERE environment = ? ORDER BY version DESC LIMIT 1').get(environment);
    return row ? toDeployment(row) : null;
  }

  list(environment: string): Deployment[] {
    return this.db.prepare<[string], Row>('SELECT * FROM deployment WHERE environment = ? ORDER BY version').all(environment).map(toDeployment);
  }

  /**
   * Record a deploy of `manifestText`; `bundle(version)` writes the code snapshot for that version
   * before the version is recorded, so a failed build leaves no half-made version.
   */
  async deploy(environment: string, manifestText: string, bundle: (version: number) => Promise<void>): Promise<Deployment> {
    const manifest = parseManifest(manifestText).value;
    if (manifest === null || typeof manifest !== 'object') throw new AnvilError('bad-request', 'manifest.yml cannot be read; fix it before deploying.');
    const previous = this.latest(environment);
    const change = previous ? versionChange(parseManifest(previous.manifestText).value, manifest, `version ${previous.label}`) : null;
    const major = previous ? (change!.major ? previous.major + 1 : previous.major) : 1;
    const minor = previous && !change!.major ? previous.minor + 1 : 0;
    const version = (previous?.version ?? 0) + 1;
    await bundle(version);
    const reasons = change?.major ? change.reasons : [];
    this.db
      .prepare('INSERT INTO deployment (environment, version, major, minor, manifest, reasons, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(environment, version, major, minor, manifestText, JSON.stringify(reasons), Date.now());
    return this.latest(environment)!;
  }

  /** What an installation runs in an environment with deployments; null before the first deploy. */
  release(environment: string, installation: string): InstallationRelease | null {
    const latest = this.latest(environment);
    if (!latest) return null;
    const state = this.db
      .prepare<[string, string], { approved_version: number | null; log_access: number }>('SELECT approved_version, log_access FROM installation_state WHERE environment = ? AND installation = ?')
      .get(environment, installation);
    // No approval on record: the installation was made after the deploy, so it got the latest version.
    const approved = state?.approved_version ? this.version(environment, state.approved_version) : latest;
    const running = approved.major === latest.major ? latest : this.newestOfMajor(environment, approved.major);
    return { deployment: running, awaitingApproval: running.version === latest.version ? null : latest, logAccess: state ? state.log_access === 1 : true };
  }

  /** The site admin approves the latest version for an installation (the consent preview shows what they approve). */
  approve(environment: string, installation: string): Deployment {
    const latest = this.latest(environment);
    if (!latest) throw new AnvilError('bad-request', `Nothing is deployed to ${environment} yet; deploy first.`);
    this.db
      .prepare(
        `INSERT INTO installation_state (environment, installation, approved_version) VALUES (?, ?, ?)
         ON CONFLICT (environment, installation) DO UPDATE SET approved_version = excluded.approved_version`,
      )
      .run(environment, installation, latest.version);
    return latest;
  }

  /** Pin installations to what they run now, before a deploy can move the latest version past them. */
  pin(environment: string, installations: string[]): void {
    const latest = this.latest(environment);
    if (!latest) return;
    const insert = this.db.prepare('INSERT OR IGNORE INTO installation_state (environment, installation, approved_version) VALUES (?, ?, ?)');
    for (const installation of installations) insert.run(environment, installation, latest.version);
  }

  setLogAccess(environment: string, installation: string, on: boolean): void {
    this.db
      .prepare(
        `INSERT INTO installation_state (environment, installation, approved_version, log_access) VALUES (?, ?, NULL, ?)
         ON CONFLICT (environment, installation) DO UPDATE SET log_access = excluded.log_access`,
      )
      .run(environment, installation, on ? 1 : 0);
  }

  logAccess(environment: string, installation: string): boolean {
    const state = this.db.prepare<[string, string], { log_access: number }>('SELECT log_access FROM installation_state WHERE environment = ? AND installation = ?').get(environment, installation);
    return state ? state.log_access === 1 : true;
  }

  private version(environment: string, version: number): Deployment {
    const row = this.db.prepare<[string, number], Row>('SELECT * FROM deployment WHERE environment = ? AND version = ?').get(environment, version);
    if (!row) throw new AnvilError('unsupported', `Version ${version} of ${environment} is missing from the app database.`);
    return toDeployment(row);
  }

  private newestOfMajor(environment: string, major: number): Deployment {
    const row = this.db.prepare<[string, number], Row>('SELECT * FROM deployment WHERE environment = ? AND major = ? ORDER BY version DESC LIMIT 1').get(environment, major);
    return toDeployment(row!);
  }
}
