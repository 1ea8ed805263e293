/**
 * In-context source: an `fs` module with no files in it. The @forge packages only look for
 * translation files; everything reads as "not found" and every write fails with a clear message.
 * The real `fs` is never reachable (and the permission model would block writes anyway).
 */

/** Shares k.fs. */
export const FS_SOURCE = String.raw`function installFs(k) {
  function notFound(syscall, p) {
    const e = new Error('ENOENT: no such file or directory, ' + syscall + " '" + String(p) + "'");
    e.code = 'ENOENT';
    e.errno = -2;
    e.syscall = syscall;
    e.path = String(p);
    return e;
  }
  function readOnly(name) {
    const e = new Error('Forge functions cannot write files: fs.' + name + ' is not available here');
    e.code = 'EROFS';
    e.syscall = name;
    return e;
  }
  function lastCallback(args) {
    const callback = args[args.length - 1];
    return typeof callback === 'function' ? callback : null;
  }
  const fs = {
    constants: { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 },
    existsSync: () => false,
    exists(p, callback) { if (typeof callback === 'function') k.timers.setImmediate(callback, false); },
    promises: {},
  };
  const reads = { readFile: 'open', stat: 'stat', lstat: 'lstat', readdir: 'scandir', access: 'access', realpath: 'lstat', open: 'open', opendir: 'opendir', readlink: 'readlink' };
  for (const name of Object.keys(reads)) {
    const syscall = reads[name];
    fs[name + 'Sync'] = function (p, options) {
      if ((name === 'stat' || name === 'lstat') && options && options.throwIfNoEntry === false) return undefined;
      throw notFound(syscall, p);
    };
    fs[name] = function (p, ...rest) {
      const callback = lastCallback(rest);
      if (!callback) throw new TypeError('The "cb" argument must be of type function');
      k.timers.setImmediate(callback, notFound(syscall, p));
    };
    fs.promises[name] = (p) => Promise.reject(notFound(syscall, p));
  }
  fs.createReadStream = (p) => { throw notFound('open', p); };
  const writes = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link', 'chmod', 'chown', 'truncate', 'utimes', 'write'];
  for (const name of writes) {
    fs[name + 'Sync'] = function () { throw readOnly(name + 'Sync'); };
    fs[name] = function () { throw readOnly(name); };
    fs.promises[name] = () => Promise.reject(readOnly('promises.' + name));
  }
  fs.createWriteStream = function () { throw readOnly('createWriteStream'); };
  fs.watch = function () { throw readOnly('watch'); };
  k.fs = fs;
}`;
