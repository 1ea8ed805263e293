import type { Environment } from '../../common/types';
import { AnvilError } from '../contract';
import type { AppDatabase } from '../database';
import { DEFAULT_ENVIRONMENTS } from '../app';

/** The platform allows at most 25 environments per app (FACTS §5.5). */
export const MAX_ENVIRONMENTS = 25;
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,49}$/;

/** The app's environments: the three the platform makes, then the developer's custom development ones. */
export class EnvironmentBook {
  constructor(private readonly db: AppDatabase) {}

  list(): Environment[] {
    const custom = this.db.prepare<[], { key: string }>('SELECT key FROM custom_environment ORDER BY created_at, key').all();
    return [...DEFAULT_ENVIRONMENTS, ...custom.map((row): Environment => ({ key: row.key, kind: 'custom' }))];
  }

  /** The environment named `key`, or an error listing the ones there are. */
  get(key: string): Environment {
    const found = this.list().find((environment) => environment.key === key);
    if (!found)
      throw new AnvilError(
        'bad-request',
        `No environment "${key}"; the app has ${this.list()
          .map((environment) => environment.key)
          .join(', ')}. Create a custom one with: env create ${key}`,
      );
    return found;
  }

  create(key: string): Environment {
    if (!KEY_PATTERN.test(key)) throw new AnvilError('bad-request', `"${key}" is not an environment name: use lowercase letters, digits and dashes (up to 50), e.g. dev-alice.`);
    if (this.list().some((environment) => environment.key === key)) throw new AnvilError('bad-request', `The environment "${key}" already exists.`);
    if (this.list().length >= MAX_ENVIRONMENTS) throw new AnvilError('bad-request', `An app may have at most ${MAX_ENVIRONMENTS} environments; delete one first.`);
    this.db.prepare('INSERT INTO custom_environment (key, created_at) VALUES (?, ?)').run(key, Date.now());
    return { key, kind: 'custom' };
  }

  /** Delete a custom environment; like the platform, not while it has installations of its own. */
  async delete(key: string, installationNames: string[], removeSecrets: () => Promise<void>): Promise<void> {
    const environment = this.get(key);
    if (environment.kind !== 'custom') throw new AnvilError('bad-request', `${key} is one of the platform's environments and cannot be deleted; only custom ones can.`);
    if (installationNames.length > 0) throw new AnvilError('bad-request', `${key} still has installations (${installationNames.join(', ')}); remove them in the Runner pane first.`);
    // Secret values live in the keychain, outside the database's transaction.
    await removeSecrets();
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM custom_environment WHERE key = ?').run(key);
      for (const table of ['env_variable', 'deployment', 'installation_state', 'installation', 'kvs_entry', 'webtrigger_url']) this.db.prepare(`DELETE FROM ${table} WHERE environment = ?`).run(key);
    })();
  }
}
