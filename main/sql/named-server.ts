import type { EngineSource } from './forge-sql';
import { EngineUnavailableError, type EngineEndpoint } from './local-engine';

/**
 * A MySQL-compatible server the developer runs (a local TiDB, which is what the platform runs, or
 * MySQL), named in settings. Its password is never in settings: it comes from the keychain when
 * the first statement needs it. The account must be allowed to create databases and accounts,
 * because each installation gets its own of both.
 */
export interface NamedSqlServer {
  host: string;
  port: number;
  user: string;
}

export function namedServer(server: NamedSqlServer, password: () => Promise<string | null>): EngineSource {
  return {
    async endpoint(): Promise<EngineEndpoint> {
      const secret = await password().catch(() => null);
      if (secret === null) throw new EngineUnavailableError(`The password of ${server.user}@${server.host}:${server.port} is not in the keychain; add it in the Credentials pane.`);
      return { host: server.host, port: server.port, user: server.user, password: secret, label: `the server at ${server.host}:${server.port}` };
    },
    close: () => Promise.resolve(),
  };
}
