/**
 * In-context piece: an `fs` module with no files in it. The @forge packages only look for
 * translation files; everything reads as "not found" and every write fails with a message naming
 * the call, why, and the way out. The real `fs` is never reachable (and the permission model would
 * block writes anyway). Writes to file descriptors 1 and 2 are the exception: they are standard
 * output and error, which the platform keeps as the function's logs (loggers such as pino's
 * destination write there with fs.write), so they go where console lines go. Runs as text inside
 * the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

type FsFunction = (...args: never[]) => unknown;
type Callback = (...args: unknown[]) => unknown;
type FsError = CodedError & { errno?: number; syscall?: string; path?: string };

/** The `fs` module as app code sees it: a function for each call, its promises, its constants. */
export interface FsModule {
  constants: Record<string, number>;
  promises: Record<string, FsFunction>;
  [name: string]: unknown;
}

declare module './kernel' {
  interface Kernel {
    /** The `fs` module (and, as its `promises`, `fs/promises`). */
    fs: FsModule;
  }
}

/** Shares k.fs. */
export function installFs(k: Kernel): void {
  function notFound(syscall: string, p: unknown): FsError {
    const e: FsError = new Error('ENOENT: no such file or directory, ' + syscall + " '" + String(p) + "'");
    e.code = 'ENOENT';
    e.errno = -2;
    e.syscall = syscall;
    e.path = String(p);
    return e;
  }
  // What the call wrote to, as the app gave it (a path, a file: URL, or a descriptor), kept short.
  function target(value: unknown): string {
    if (typeof value === 'number') return String(value);
    let text: string | null = null;
    if (typeof value === 'string') text = value;
    else if (value instanceof k.URL) text = value.href;
    else if (k.Buffer.isBuffer(value)) text = value.toString();
    if (text === null) return '';
    return k.inspect(text.length > 120 ? text.slice(0, 117) + '...' : text);
  }
  function readOnly(name: string, where: unknown): FsError {
    const e: FsError = new Error(
      'fs.' +
        name +
        '(' +
        target(where) +
        ') cannot write in Anvil’s local runner: a Forge function has no disk that keeps what it writes. ' +
        'On the platform only /tmp is writable (512 MB), and it is not kept between invocations: the next one may run on a fresh instance. ' +
        'Way out: keep data in Forge storage (@forge/kvs, or Forge SQL); build a file the function only passes on (an attachment, an upload) in memory, as a Buffer or string.',
    );
    e.code = 'EROFS';
    e.syscall = name;
    return e;
  }
  // Standard output and error: the function's logs, as on the platform.
  function logStream(fd: unknown) {
    return fd === 1 ? k.process.stdout : fd === 2 ? k.process.stderr : null;
  }
  function logText(data: unknown, rest: unknown[]): { text: string; written: number } {
    if (typeof data === 'string') return { text: data, written: k.Buffer.byteLength(data, (typeof rest[1] === 'string' ? rest[1] : 'utf8') as BufferEncoding) };
    const bytes = k.bytesOf(data);
    if (!bytes) throw new TypeError('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, or DataView.');
    const offset = typeof rest[0] === 'number' ? rest[0] : 0;
    const length = typeof rest[1] === 'number' ? rest[1] : bytes.length - offset;
    const part = bytes.subarray(offset, offset + length);
    return { text: k.utf8Decode(part), written: part.length };
  }
  function lastCallback(args: unknown[]): Callback | null {
    const callback = args[args.length - 1];
    return typeof callback === 'function' ? (callback as Callback) : null;
  }
  const fs: FsModule = {
    constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
    existsSync: () => false,
    exists(p: unknown, callback: unknown) {
      if (typeof callback === 'function') k.timers.setImmediate(callback as Callback, false);
    },
    promises: {},
  };
  const reads: Record<string, string> = {
    readFile: 'open',
    stat: 'stat',
    lstat: 'lstat',
    readdir: 'scandir',
    access: 'access',
    realpath: 'lstat',
    open: 'open',
    opendir: 'opendir',
    readlink: 'readlink',
  };
  for (const name of Object.keys(reads)) {
    const syscall = reads[name] as string;
    fs[name + 'Sync'] = function (p: unknown, options?: { throwIfNoEntry?: unknown }) {
      if ((name === 'stat' || name === 'lstat') && options && options.throwIfNoEntry === false) return undefined;
      throw notFound(syscall, p);
    };
    fs[name] = function (p: unknown, ...rest: unknown[]) {
      const callback = lastCallback(rest);
      if (!callback) throw new TypeError('The "cb" argument must be of type function');
      k.timers.setImmediate(callback, notFound(syscall, p));
    };
    fs.promises[name] = (p: unknown) => Promise.reject(notFound(syscall, p));
  }
  fs.createReadStream = (p: unknown) => {
    throw notFound('open', p);
  };
  const writes = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link', 'chmod', 'chown', 'truncate', 'utimes', 'write'];
  for (const name of writes) {
    fs[name + 'Sync'] = function (where: unknown) {
      throw readOnly(name + 'Sync', where);
    };
    fs[name] = function (where: unknown) {
      throw readOnly(name, where);
    };
    fs.promises[name] = (where: unknown) => Promise.reject(readOnly('promises.' + name, where));
  }
  fs.writeSync = function (fd: unknown, data: unknown, ...rest: unknown[]) {
    const stream = logStream(fd);
    if (stream === null) throw readOnly('writeSync', fd);
    const { text, written } = logText(data, rest);
    stream.write(text);
    return written;
  };
  fs.write = function (fd: unknown, data: unknown, ...rest: unknown[]) {
    const stream = logStream(fd);
    if (stream === null) throw readOnly('write', fd);
    const callback = lastCallback(rest);
    const { text, written } = logText(data, callback ? rest.slice(0, -1) : rest);
    stream.write(text);
    if (callback) k.timers.setImmediate(callback, null, written, data);
  };
  fs.createWriteStream = function (where: unknown) {
    throw readOnly('createWriteStream', where);
  };
  fs.watch = function (where: unknown) {
    throw readOnly('watch', where);
  };
  k.fs = fs;
}
