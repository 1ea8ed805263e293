import { existsSync } from 'node:fs';
import path from 'node:path';

/** The SQL server Anvil can start itself, and the tool that makes its first data directory. */
export interface EngineBinaries {
  server: string;
  /** `mariadb-install-db`; null for MySQL, whose server initialises its own folder (`--initialize-insecure`). */
  installDb: string | null;
  flavour: 'mariadb' | 'mysql';
}

export interface BinarySearch {
  platform: NodeJS.Platform;
  /** PATH of the developer's environment. */
  path: string;
  exists: (file: string) => boolean;
}

const realSearch = (): BinarySearch => ({ platform: process.platform, path: process.env.PATH ?? '', exists: existsSync });

// Where packages put the server when it is not on PATH: Debian/Ubuntu keep it in sbin, the MySQL
// tarball in /usr/local/mysql, Homebrew in its prefix (Apple silicon and Intel), MariaDB's Windows
// installer under Program Files.
function wellKnownFolders(platform: NodeJS.Platform): string[] {
  if (platform === 'win32') {
    return ['C:\\Program Files\\MariaDB 11.4\\bin', 'C:\\Program Files\\MariaDB 10.11\\bin', 'C:\\Program Files\\MariaDB 10.6\\bin', 'C:\\Program Files\\MySQL\\MySQL Server 8.0\\bin'];
  }
  return ['/usr/sbin', '/usr/local/sbin', '/usr/local/mysql/bin', '/opt/homebrew/bin', '/opt/homebrew/opt/mariadb/bin', '/usr/local/opt/mariadb/bin', '/usr/local/bin', '/usr/bin'];
}

/** The MariaDB (first) or MySQL server installed on this machine; null when there is none. */
export function findEngineBinaries(search: BinarySearch = realSearch()): EngineBinaries | null {
  const exe = search.platform === 'win32' ? '.exe' : '';
  const join = search.platform === 'win32' ? path.win32.join : path.posix.join;
  const folders = [...search.path.split(search.platform === 'win32' ? ';' : ':').filter(Boolean), ...wellKnownFolders(search.platform)];
  const find = (name: string, near: string | null): string | null => {
    // The install tool of the server found, before any other on PATH: they must be the same release.
    const ordered = near ? [near, path.join(near, '..', 'bin'), path.join(near, '..', 'scripts'), ...folders] : folders;
    for (const folder of ordered) {
      const candidate = join(folder, name + exe);
      if (search.exists(candidate)) return candidate;
    }
    return null;
  };
  const mariadb = find('mariadbd', null);
  if (mariadb) {
    const installDb = find('mariadb-install-db', path.dirname(mariadb)) ?? find('mysql_install_db', path.dirname(mariadb));
    if (installDb) return { server: mariadb, installDb, flavour: 'mariadb' };
  }
  const mysqld = find('mysqld', null);
  if (!mysqld) return null;
  // mysqld of MariaDB before 10.5 (no mariadbd yet) still comes with mysql_install_db.
  const legacyInstall = find('mysql_install_db', path.dirname(mysqld));
  return legacyInstall ? { server: mysqld, installDb: legacyInstall, flavour: 'mariadb' } : { server: mysqld, installDb: null, flavour: 'mysql' };
}

/** How to get a SQL engine on this operating system, or name one in settings. */
export function installHint(platform: NodeJS.Platform = process.platform): string {
  const install =
    platform === 'darwin'
      ? 'brew install mariadb'
      : platform === 'win32'
        ? 'the MariaDB installer from mariadb.org/download (MSI), then restart Anvil'
        : 'sudo apt-get install mariadb-server (Debian, Ubuntu), sudo dnf install mariadb-server (Fedora) or your distribution’s MariaDB package';
  return `Install MariaDB: ${install}. Anvil starts it itself when an app first uses Forge SQL, with its data in Anvil's data folder and no network port; nothing is configured system-wide. Or name a MySQL-compatible server you run (for example TiDB) as sqlServer in Anvil's settings.`;
}
