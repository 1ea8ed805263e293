/**
 * In-context source: `os` as a plain stand-in for the platform's Linux x64 runtime. It reports fixed
 * values, never the developer's machine (no host name, user, network interfaces or memory).
 */

/** Shares k.loadOs. */
export const OS_SOURCE = String.raw`function installOs(k) {
  let os = null;
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
}`;
