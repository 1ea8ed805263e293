import { createHash } from 'node:crypto';

/** The database (and its own account) of one app's installation in one environment. */
export interface InstallationDatabase {
  database: string;
  user: string;
}

/**
 * Named from the app, environment and installation by a hash, so no site name or environment key
 * ever reaches an identifier (nothing to quote, nothing to inject) and the same installation finds
 * its data again; the environment's key, reduced to [a-z0-9_], only makes the name readable.
 */
export function installationDatabase(app: string, environment: string, installation: string): InstallationDatabase {
  const digest = createHash('sha256')
    .update(JSON.stringify([app, environment, installation]))
    .digest('hex');
  const readable =
    environment
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 20) || 'env';
  return { database: `forge_${readable}_${digest.slice(0, 24)}`, user: `forge_${digest.slice(0, 24)}` };
}
