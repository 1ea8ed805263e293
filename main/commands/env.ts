import { AnvilError } from '../contract';
import { CommandError, type CommandIO } from './command';
import { openLocalApp } from './local-app';

export interface EnvCommand {
  /** list, create, delete, var, deploy, approve, log-access */
  action: string | undefined;
  /** After the action: the app folder, then the action's own arguments. */
  args: string[];
  environment?: string;
  installation?: string;
  secret: boolean;
  json: boolean;
  dataDir?: string;
  readSecret: () => Promise<string>;
}

const USAGE =
  'env list|create <name>|delete <name>|var set <KEY> [VALUE] [--secret]|var unset <KEY>|var list|deploy|approve [--installation N]|log-access on|off --installation N, each with <app-folder> first and [--env E]';

/** `anvil env …`: the app's environments, their variables, local deploys and the admins' approvals. */
export async function env(command: EnvCommand, io: CommandIO): Promise<number> {
  const [appFolder, ...rest] = command.args;
  if (!command.action || !appFolder) throw new CommandError(`Usage: npm run anvil -- ${USAGE}`);
  const app = await openLocalApp(appFolder, { dataDir: command.dataDir });
  const environment = command.environment ?? 'development';
  const out = (json: unknown, text: string[]) => (command.json ? io.out(JSON.stringify(json)) : text.forEach((line) => io.out(line)));
  try {
    const { environments } = app;
    switch (command.action) {
      case 'list': {
        const rows = environments.list().map((entry) => ({ ...entry, version: environments.deployments.latest(entry.key)?.label ?? null }));
        out(
          rows,
          rows.map((row) => `${row.key.padEnd(20)} ${row.kind.padEnd(12)} ${row.version ? `version ${row.version}` : 'nothing deployed'}`),
        );
        return 0;
      }
      case 'create': {
        const created = environments.book.create(need(rest[0], 'env create takes a name: env create <app-folder> dev-alice'));
        out(created, [`Created the development environment ${created.key}.`]);
        return 0;
      }
      case 'delete': {
        const key = need(rest[0], 'env delete takes a name: env delete <app-folder> dev-alice');
        await environments.delete(key);
        out({ deleted: key }, [`Deleted ${key}.`]);
        return 0;
      }
      case 'var':
        return await variables(command, rest, environment, app.environments, out);
      case 'deploy': {
        const { deployment, awaitingApproval } = await environments.deploy(environment);
        out({ environment, version: deployment.label, major: deployment.reasons.length > 0, reasons: deployment.reasons, awaitingApproval }, [
          `Deployed version ${deployment.label} to ${environment}.`,
          ...deployment.reasons.map((reason) => `  major: it ${reason}`),
          ...(awaitingApproval.length > 0 ? [`Installations staying on their approved version until the site admin approves ${deployment.label}: ${awaitingApproval.join(', ')} (env approve).`] : []),
        ]);
        return 0;
      }
      case 'approve': {
        const installations = command.installation ? [command.installation] : (await app.runner.listInstallations(environment)).map((installation) => installation.name);
        const approved = installations.map((installation) => ({ installation, version: environments.approve(environment, installation).label }));
        out(
          approved,
          approved.map((entry) => `${entry.installation} in ${environment} now runs version ${entry.version}.`),
        );
        return 0;
      }
      case 'log-access': {
        const state = rest[0];
        if ((state !== 'on' && state !== 'off') || !command.installation)
          throw new CommandError('env log-access takes on or off and --installation NAME: env log-access <app-folder> off --installation acme --env production');
        environments.setLogAccess(environment, command.installation, state === 'on');
        out({ installation: command.installation, logAccess: state === 'on' }, [`Log access for ${command.installation} in ${environment} is ${state}.`]);
        return 0;
      }
      default:
        throw new CommandError(`Unknown env action "${command.action}". Usage: npm run anvil -- ${USAGE}`);
    }
  } catch (error) {
    if (error instanceof AnvilError) throw new CommandError(error.message);
    throw error;
  } finally {
    await app.close();
  }
}

async function variables(
  command: EnvCommand,
  rest: string[],
  environment: string,
  environments: Awaited<ReturnType<typeof openLocalApp>>['environments'],
  out: (json: unknown, text: string[]) => void,
): Promise<number> {
  const [action, key, value] = rest;
  if (action === 'list') {
    const list = environments.listVariables(environment);
    out(list, list.length === 0 ? [`${environment} has no variables.`] : list.map((variable) => `${variable.key}=${variable.secret ? '[secret]' : variable.value}`));
    return 0;
  }
  if (action === 'set') {
    const name = need(key, 'env var set takes a KEY and a VALUE (or --secret with the value on standard input)');
    environments.book.get(environment);
    let text = value;
    if (command.secret) {
      if (value !== undefined)
        throw new CommandError('A secret value is read from standard input, never taken as an argument: printf %s "$VALUE" | npm run anvil -- env var set <app-folder> KEY --secret');
      text = (await command.readSecret()).replace(/\r?\n$/, '');
      if (text === '') throw new CommandError('No value on standard input; pipe it in.');
    }
    await environments.variables.set(environment, name, need(text, `env var set ${name} needs a value`), command.secret);
    out({ key: name, secret: command.secret }, [`Set ${name} in ${environment}${command.secret ? ' (secret, in the OS keychain)' : ''}.`]);
    return 0;
  }
  if (action === 'unset') {
    const name = need(key, 'env var unset takes a KEY');
    await environments.variables.unset(environment, name);
    out({ key: name, unset: true }, [`Removed ${name} from ${environment}.`]);
    return 0;
  }
  throw new CommandError('env var takes set, unset or list.');
}

function need(value: string | undefined, message: string): string {
  if (value === undefined || value === '') throw new CommandError(message);
  return value;
}
