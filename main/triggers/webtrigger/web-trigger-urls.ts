import { randomBytes } from 'node:crypto';
import type { AppDatabase } from '../../database';

/** Which module of which installation a web trigger URL runs. */
export interface WebTriggerTarget {
  environment: string;
  installation: string;
  moduleKey: string;
}

/** Ids are base64url (22 characters from here); anything else in a URL cannot be one, so it is not looked up. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The web trigger URLs of one app: one stable id per environment, installation and module, kept in
 * the app database so a URL pasted into another tool keeps working after Anvil restarts. As on the
 * platform, the id is the URL's only protection, so it is random and unguessable.
 */
export class WebTriggerUrls {
  constructor(private readonly db: AppDatabase) {}

  /** The id of the module's URL, created on first use (like `forge webtrigger create`, repeated calls give the same id). */
  idFor(environment: string, installation: string, moduleKey: string): string {
    const existing = this.lookup(environment, installation, moduleKey);
    if (existing !== null) return existing;
    const id = randomBytes(16).toString('base64url');
    // OR IGNORE: another writer on the same database file may have created the row meanwhile; its id wins.
    this.db.prepare('INSERT OR IGNORE INTO webtrigger_url (id, environment, installation, module_key, created_at) VALUES (?, ?, ?, ?, ?)').run(id, environment, installation, moduleKey, Date.now());
    return this.lookup(environment, installation, moduleKey)!;
  }

  /** What an id runs, or null when it is not a URL of this app. */
  find(id: string): WebTriggerTarget | null {
    if (!ID_PATTERN.test(id)) return null;
    const row = this.db.prepare('SELECT environment, installation, module_key FROM webtrigger_url WHERE id = ?').get(id) as
      { environment: string; installation: string; module_key: string } | undefined;
    return row ? { environment: row.environment, installation: row.installation, moduleKey: row.module_key } : null;
  }

  private lookup(environment: string, installation: string, moduleKey: string): string | null {
    const row = this.db.prepare('SELECT id FROM webtrigger_url WHERE environment = ? AND installation = ? AND module_key = ?').get(environment, installation, moduleKey) as { id: string } | undefined;
    return row?.id ?? null;
  }
}
