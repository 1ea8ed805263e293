import { AnvilError } from '../contract';
import type { AppDatabase } from '../database';

/** Where secret variable values live: the OS keychain (the vault), never the database. */
export interface SecretValues {
  set(environment: string, key: string, value: string): Promise<void>;
  read(environment: string, key: string): Promise<string>;
  delete(environment: string, key: string): Promise<void>;
}

export interface VariableInfo {
  key: string;
  /** Null for a secret: its value is never listed. */
  value: string | null;
  secret: boolean;
  updatedAt: number;
}

const KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
// The platform caps a variable's value; 4 KB keeps a runaway paste out of every invocation.
const MAX_VALUE_CHARS = 4096;

/** An environment's variables (`forge variables`): they reach app code as `process.env`. */
export class EnvironmentVariables {
  constructor(
    private readonly db: AppDatabase,
    private readonly secrets: SecretValues,
  ) {}

  list(environment: string): VariableInfo[] {
    return this.db
      .prepare<[string], { key: string; value: string | null; secret: number; updated_at: number }>('SELECT key, value, secret, updated_at FROM env_variable WHERE environment = ? ORDER BY key')
      .all(environment)
      .map((row) => ({ key: row.key, value: row.secret ? null : row.value, secret: row.secret === 1, updatedAt: row.updated_at }));
  }

  async set(environment: string, key: string, value: string, secret: boolean): Promise<void> {
    if (!KEY_PATTERN.test(key)) throw new AnvilError('bad-request', `"${key}" is not a variable name: use letters, digits and underscores, not starting with a digit, e.g. API_BASE_URL.`);
    if (value.length > MAX_VALUE_CHARS) throw new AnvilError('bad-request', `The value of ${key} is ${value.length} characters; at most ${MAX_VALUE_CHARS}.`);
    // The keychain first: if it refuses, nothing changes (no plaintext fallback for a secret).
    if (secret) await this.secrets.set(environment, key, value);
    const before = this.db.prepare<[string, string], { secret: number }>('SELECT secret FROM env_variable WHERE environment = ? AND key = ?').get(environment, key);
    this.db
      .prepare(
        `INSERT INTO env_variable (environment, key, value, secret, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (environment, key) DO UPDATE SET value = excluded.value, secret = excluded.secret, updated_at = excluded.updated_at`,
      )
      .run(environment, key, secret ? null : value, secret ? 1 : 0, Date.now());
    if (before?.secret === 1 && !secret) await this.secrets.delete(environment, key).catch(() => undefined);
  }

  async unset(environment: string, key: string): Promise<void> {
    const row = this.db.prepare<[string, string], { secret: number }>('SELECT secret FROM env_variable WHERE environment = ? AND key = ?').get(environment, key);
    if (!row) throw new AnvilError('bad-request', `${environment} has no variable ${key}; env var list shows the ones it has.`);
    if (row.secret === 1) await this.secrets.delete(environment, key);
    this.db.prepare('DELETE FROM env_variable WHERE environment = ? AND key = ?').run(environment, key);
  }

  /** Every variable with its value, for the runner's `process.env` (host code only). */
  async values(environment: string): Promise<Record<string, string>> {
    const env: Record<string, string> = {};
    for (const variable of this.list(environment)) {
      try {
        env[variable.key] = variable.secret ? await this.secrets.read(environment, variable.key) : (variable.value ?? '');
      } catch (error) {
        throw new AnvilError('unsupported', `The secret variable ${variable.key} of ${environment} cannot be read from the keychain: ${(error as Error).message}`);
      }
    }
    return env;
  }

  /** The secret values, so log lines can be redacted (host code only). */
  async secretValues(environment: string): Promise<{ name: string; value: string }[]> {
    const secrets: { name: string; value: string }[] = [];
    for (const variable of this.list(environment).filter((candidate) => candidate.secret)) {
      const value = await this.secrets.read(environment, variable.key).catch(() => null);
      if (value) secrets.push({ name: variable.key, value });
    }
    return secrets;
  }
}
