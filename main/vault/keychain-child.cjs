// @ts-check
// The keychain, in a process of its own: keytar is native code and can crash the process that
// loads it (a locked Linux keyring makes findCredentials segfault), so the workbench never loads it.
// It answers one request at a time over IPC: {id, op, service, account, value?} → {id, ok, value?, error?}.
// findCredentials is never called: the vault keeps its own index of names.
'use strict';

let keytar = null;
let loadError = null;
try {
  keytar = require('keytar');
} catch (error) {
  loadError = error instanceof Error ? error.message : String(error);
}

process.on('message', async (request) => {
  const { id, op, service, account, value } = request;
  try {
    if (!keytar) throw new Error(`keytar could not be loaded: ${loadError}`);
    let result = null;
    if (op === 'get') result = await keytar.getPassword(service, account);
    else if (op === 'set') await keytar.setPassword(service, account, value);
    else if (op === 'delete') result = await keytar.deletePassword(service, account);
    else throw new Error(`unknown keychain operation ${op}`);
    process.send?.({ id, ok: true, value: result });
  } catch (error) {
    process.send?.({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
