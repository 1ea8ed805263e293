import path from 'node:path';
import type { CredentialKind } from '../../common/types';
import { defaultDataDir } from '../data-dir';
import { KeychainClient, Vault } from '../vault';
import { CommandError, type CommandIO } from './command';

const KINDS: CredentialKind[] = ['atlassian-account', 'site-token', 'provider-account', 'secret-variable'];

export interface VaultCommand {
  action: string | undefined;
  args: string[];
  json: boolean;
  environment?: string;
  dataDir?: string;
  /** The secret, read from standard input (never from an argument, where it would land in shell history). */
  readSecret: () => Promise<string>;
}

/** `anvil vault list|set|delete`: the same keychain entries the Credentials pane shows. */
export async function vault(command: VaultCommand, io: CommandIO): Promise<number> {
  const keychain = new KeychainClient();
  const store = new Vault(path.resolve(command.dataDir ?? defaultDataDir()), keychain);
  try {
    if (command.action === 'list') {
      const entries = await store.list();
      if (command.json) io.out(JSON.stringify(entries));
      else if (entries.length === 0) io.out('No credentials are set.');
      else for (const entry of entries) io.out(`${entry.name}  ${entry.kind}  ${entry.label}  …${entry.lastFour ?? '????'}  set ${entry.setAt}`);
      return 0;
    }
    if (command.action === 'set') {
      const [given, label] = command.args;
      const kind = KINDS.find((known) => known === given);
      if (!kind || !label) {
        throw new CommandError(
          `vault set takes a kind (${KINDS.join(', ')}) and a label, and reads the secret from standard input: printf %s "$TOKEN" | npm run anvil -- vault set site-token acme.atlassian.net`,
        );
      }
      const secret = (await command.readSecret()).replace(/\r?\n$/, '');
      if (secret === '') throw new CommandError('No secret on standard input. Pipe it in: printf %s "$TOKEN" | npm run anvil -- vault set …');
      const value = kind === 'atlassian-account' ? JSON.stringify({ email: label, token: secret }) : secret;
      const info = await store.set({ kind, label, environment: command.environment ?? null, value }).catch((error: Error) => {
        throw new CommandError(error.message);
      });
      io.out(command.json ? JSON.stringify(info) : `Saved ${info.name} in the keychain (…${info.lastFour}).`);
      return 0;
    }
    if (command.action === 'delete') {
      const [name] = command.args;
      if (!name) throw new CommandError('vault delete takes the name of a credential (see vault list).');
      await store.delete(name).catch((error: Error) => {
        throw new CommandError(error.message);
      });
      io.out(command.json ? JSON.stringify({ deleted: name }) : `Deleted ${name}.`);
      return 0;
    }
    throw new CommandError('vault takes list, set or delete: npm run anvil -- vault list|set|delete [--json]');
  } finally {
    keychain.close();
  }
}

/** Everything on standard input, as text. */
export async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) throw new CommandError('Pipe the secret in on standard input; Anvil does not take secrets as arguments.');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
