/**
 * In-context piece: `os` as a plain stand-in for the platform's Linux x64 runtime. It reports fixed
 * values, never the developer's machine (no host name, user, network interfaces or memory). Runs as
 * text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

/** The `os` module as app code sees it. */
export interface OsModule {
  EOL: string;
  devNull: string;
  constants: { signals: Record<string, number>; errno: Record<string, number>; priority: Record<string, number> };
  platform(): string;
  type(): string;
  arch(): string;
  machine(): string;
  release(): string;
  version(): string;
  endianness(): string;
  hostname(): string;
  homedir(): string;
  tmpdir(): string;
  uptime(): number;
  loadavg(): number[];
  totalmem(): number;
  freemem(): number;
  availableParallelism(): number;
  cpus(): unknown[];
  networkInterfaces(): Record<string, unknown>;
  userInfo(): { uid: number; gid: number; username: string; homedir: string; shell: string | null };
  getPriority(): number;
  setPriority(): void;
}

declare module './kernel' {
  interface Kernel {
    /** The `os` module, built on first require. */
    loadOs(): OsModule;
  }
}

/** Shares k.loadOs. */
export function installOs(k: Kernel): void {
  let os: OsModule | null = null;
  k.loadOs = function () {
    if (os !== null) return os;
    const home = '/home/sbx_user1051';
    os = {
      EOL: '\n',
      devNull: '/dev/null',
      constants: { signals: { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }, errno: {}, priority: {} },
      platform: () => 'linux',
      type: () => 'Linux',
      arch: () => 'x64',
      machine: () => 'x86_64',
      release: () => '5.10.0',
      version: () => '#1 SMP',
      endianness: () => 'LE',
      hostname: () => 'localhost',
      homedir: () => home,
      tmpdir: () => '/tmp',
      uptime: () => 0,
      loadavg: () => [0, 0, 0],
      totalmem: () => 1073741824,
      freemem: () => 536870912,
      availableParallelism: () => 2,
      cpus: () => [],
      networkInterfaces: () => ({}),
      userInfo: () => ({ uid: 993, gid: 990, username: 'sbx_user1051', homedir: home, shell: null }),
      getPriority: () => 0,
      setPriority: () => {},
    };
    return os;
  };
}
