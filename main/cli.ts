/** The command line over the same core as the window: `npm run anvil -- <command>`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CommandError, consent, env, logs, explain, lint, parseConsentBase, parseConsentFormat, processIO, readStandardInput, run, serve, trigger, vault, webtrigger, type CommandIO } from './commands';
import { anvilVersion } from './version';
import { AnvilError, databaseProblem } from './contract';

const USAGE = `Usage: anvil <command> [options]

Commands:
  serve [--port N] [--data-dir D] [app-folder]
        Serve the workbench in a browser on 127.0.0.1 (prints the URL with its one-time token).
        Opens the bundled sample app when no folder is given. Port 0 (the default) picks a free one.

  lint <app-folder> [--json]
        Check the manifest (YAML, schema, modules, handlers, permissions) and the code against it:
        missing and unused scopes and egress domains, resolver keys. Exit code 1 when there is an error.
  explain <scope> [--json]
        What a scope lets an app do: consent title, product, power, equivalents, operations accepting it.
  consent <app-folder> [--product jira] [--base <git-rev> | --base-manifest <file>] [--format text|markdown|json|html] [--data-dir D]
        The screen a site admin sees when installing the app: permissions by product, where data may go,
        external accounts, user consent, what runs with no one watching. With a base (a git revision or an
        older manifest file), also whether the change is a major version site admins must approve again, and why.
        --format markdown suits a pull-request comment; --format html prints a standalone page to save.
  vault list|set <kind> <label>|delete <name> [--env E] [--data-dir D] [--json]
        Credentials in the OS keychain (kinds: atlassian-account, site-token, provider-account,
        secret-variable). set reads the secret from standard input, never from an argument.
  run <app-folder> <function-key> [--payload JSON] [--env development] [--installation NAME] [--data-dir D] [--json]
        Run a function (or a resolver key) in the local sandboxed runner: scopes, egress and isolation
        enforced as on the platform; product calls answered from .anvil/fixtures/. Exit code 1 unless ok.
  trigger <app-folder> <module-key> [--event TYPE] [--payload JSON] [--env development] [--installation NAME] [--data-dir D] [--json]
        Fire a trigger module as the platform would: a product event (from a realistic template unless
        --payload is given; refused when the installation lacks the event's scopes), a scheduled trigger,
        a consumer or a web trigger function.
  env list|create <name>|delete <name>|var set <KEY> [VALUE] [--secret]|var unset <KEY>|var list|deploy|approve|log-access on|off <app-folder> … [--env E] [--installation N] [--json]
        Environments: custom ones, variables (secret ones from standard input, kept in the keychain),
        a local deploy (a version; major when site admins must approve it), the admin's approval, and
        whether an installation shares its logs. The app folder comes right after the action.
  logs <app-folder> [--env development] [--since 15m] [--level warn] [--grep TEXT] [--invocation ID] [--limit N] [--follow] [--json] [--data-dir D]
        The stored log lines of an environment (level and above, full-text search), oldest first; with
        --follow, new lines as the workbench or another command writes them. --json prints JSON Lines:
        {ts,env,level,message,invocationId,functionKey,moduleKey,installation}.
  webtrigger <app-folder> [--env development] [--port N] [--data-dir D]
        Serve the app's web triggers on 127.0.0.1 and print each URL with a curl line, until interrupted.

Options:
  --help       Show this help
  --version    Print Anvil's version
`;

/** Run one command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE.trimEnd());
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(anvilVersion());
      return 0;
    }
    if (command === 'serve') {
      const { values, positionals } = parseCommandArgs(rest, { port: { type: 'string' }, 'data-dir': { type: 'string' } });
      if (positionals.length > 1) throw new CommandError(`serve takes one app folder; got ${positionals.length}: ${positionals.join(' ')}`);
      return await serve({ port: parsePort(values.port), dataDir: values['data-dir'] as string | undefined, appFolder: positionals[0] }, io);
    }
    if (command === 'lint') {
      const { values, positionals } = parseCommandArgs(rest, { json: { type: 'boolean' } });
      if (positionals.length !== 1) throw new CommandError('lint takes one app folder: npm run anvil -- lint <app-folder> [--json]');
      return await lint(positionals[0]!, { json: values.json === true }, io);
    }
    if (command === 'explain') {
      const { values, positionals } = parseCommandArgs(rest, { json: { type: 'boolean' } });
      if (positionals.length !== 1) throw new CommandError('explain takes one scope: npm run anvil -- explain read:jira-work [--json]');
      return explain(positionals[0]!, { json: values.json === true }, io);
    }
    if (command === 'consent') {
      const { values, positionals } = parseCommandArgs(rest, {
        product: { type: 'string' },
        base: { type: 'string' },
        'base-manifest': { type: 'string' },
        format: { type: 'string' },
        'data-dir': { type: 'string' },
      });
      if (positionals.length !== 1) {
        throw new CommandError('consent takes one app folder: npm run anvil -- consent <app-folder> [--product jira] [--base <git-rev> | --base-manifest <file>] [--format text|markdown|json|html]');
      }
      const format = parseConsentFormat(values.format);
      const base = parseConsentBase(values.base, values['base-manifest']);
      return await consent(positionals[0]!, { product: values.product as string | undefined, base, format, dataDir: values['data-dir'] as string | undefined }, io);
    }
    if (command === 'vault') {
      const { values, positionals } = parseCommandArgs(rest, { json: { type: 'boolean' }, env: { type: 'string' }, 'data-dir': { type: 'string' } });
      const [action, ...args] = positionals;
      return await vault(
        { action, args, json: values.json === true, environment: values.env as string | undefined, dataDir: values['data-dir'] as string | undefined, readSecret: readStandardInput },
        io,
      );
    }
    if (command === 'run') {
      const { values, positionals } = parseCommandArgs(rest, { payload: { type: 'string' }, env: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, installation: { type: 'string' } });
      if (positionals.length !== 2) throw new CommandError('run takes an app folder and a function key: npm run anvil -- run <app-folder> <function-key> [--payload JSON] [--json]');
      return await run(
        positionals[0]!,
        positionals[1]!,
        {
          payload: values.payload as string | undefined,
          environment: values.env as string | undefined,
          installation: values.installation as string | undefined,
          json: values.json === true,
          dataDir: values['data-dir'] as string | undefined,
        },
        io,
      );
    }
    if (command === 'trigger') {
      const { values, positionals } = parseCommandArgs(rest, { event: { type: 'string' }, payload: { type: 'string' }, env: { type: 'string' }, installation: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
      if (positionals.length !== 2) throw new CommandError('trigger takes an app folder and a module key: npm run anvil -- trigger <app-folder> <module-key> [--event TYPE] [--payload JSON] [--json]');
      return await trigger(
        path.resolve(positionals[0]!),
        positionals[1]!,
        {
          event: values.event as string | undefined,
          payload: values.payload as string | undefined,
          environment: values.env as string | undefined,
          installation: values.installation as string | undefined,
          json: values.json === true,
          dataDir: values['data-dir'] as string | undefined,
        },
        io,
      );
    }
    if (command === 'env') {
      const [action, ...afterAction] = rest;
      const { values, positionals } = parseCommandArgs(afterAction, { env: { type: 'string' }, installation: { type: 'string' }, secret: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } });
      const args = positionals.length > 0 ? [path.resolve(positionals[0]!), ...positionals.slice(1)] : [];
      if (action === 'var' && positionals.length > 0) args.splice(0, args.length, path.resolve(positionals[1] ?? ''), positionals[0]!, ...positionals.slice(2));
      return await env(
        {
          action,
          args,
          environment: values.env as string | undefined,
          installation: values.installation as string | undefined,
          secret: values.secret === true,
          json: values.json === true,
          dataDir: values['data-dir'] as string | undefined,
          readSecret: readStandardInput,
        },
        io,
      );
    }
    if (command === 'logs') {
      const { values, positionals } = parseCommandArgs(rest, { env: { type: 'string' }, since: { type: 'string' }, level: { type: 'string' }, grep: { type: 'string' }, invocation: { type: 'string' }, limit: { type: 'string' }, follow: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } });
      if (positionals.length !== 1) throw new CommandError('logs takes one app folder: npm run anvil -- logs <app-folder> [--env E] [--since 15m] [--follow]');
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 5000)) throw new CommandError(`--limit must be a whole number from 1 to 5000; got ${String(values.limit)}`);
      return await logs(
        path.resolve(positionals[0]!),
        {
          environment: values.env as string | undefined,
          since: values.since as string | undefined,
          level: values.level as string | undefined,
          grep: values.grep as string | undefined,
          invocation: values.invocation as string | undefined,
          limit,
          follow: values.follow === true,
          json: values.json === true,
          dataDir: values['data-dir'] as string | undefined,
        },
        io,
      );
    }
    if (command === 'webtrigger') {
      const { values, positionals } = parseCommandArgs(rest, { env: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } });
      if (positionals.length !== 1) throw new CommandError('webtrigger takes one app folder: npm run anvil -- webtrigger <app-folder> [--env E] [--port N]');
      return await webtrigger(path.resolve(positionals[0]!), { environment: values.env as string | undefined, port: parsePort(values.port as string | undefined), dataDir: values['data-dir'] as string | undefined }, io);
    }
    throw new CommandError(`Unknown command "${command}". Run \`npm run anvil -- --help\` for the list.`);
  } catch (error) {
    if (error instanceof CommandError) {
      io.err(`anvil: ${error.message}`);
      return 2;
    }
    // Meant for the user (a damaged or read-only app database, …): its message, never a stack trace.
    const message = error instanceof AnvilError ? error.message : databaseProblem(error, null);
    if (message) {
      io.err(`anvil: ${message}`);
      return 2;
    }
    throw error;
  }
}

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

function parseCommandArgs(args: string[], options: OptionSpec) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CommandError(`${(error as Error).message}. Run \`npm run anvil -- --help\` for the options.`);
  }
}

function parsePort(value: unknown): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError(`--port must be a whole number from 0 to 65535; got ${String(value)}`);
  return port;
}

// Run when executed directly (the built out/main/cli.mjs), not when imported by tests.
if (process.argv[1] && path.basename(process.argv[1]) === 'cli.mjs') {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`anvil: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
