/** The command line over the same core as the window: `npm run anvil -- <command>`. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { commandUsage, isCommandName, USAGE, type CommandName } from './cli-usage';
import { CommandError, loadCommand, processIO, type CommandIO } from './commands';
import { AnvilError, databaseProblem } from './contract';
import { anvilVersion } from './version';

/** Run one command line; resolves to the process exit code. */
export async function runCli(argv: readonly string[], io: CommandIO = processIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'help' && rest[0] !== undefined && isCommandName(rest[0])) {
      io.out(commandUsage(rest[0]));
      return 0;
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(USAGE.trimEnd());
      return 0;
    }
    if (command === '--version' || command === '-v') {
      io.out(anvilVersion());
      return 0;
    }
    if (isCommandName(command) && wantsHelp(command, rest)) {
      io.out(commandUsage(command));
      return 0;
    }
    if (command === 'serve') {
      const { values, positionals } = parseCommandArgs('serve', rest);
      if (positionals.length > 1) throw new CommandError(`serve takes one app folder; got ${positionals.length}: ${positionals.join(' ')}`);
      const { serve } = await loadCommand.serve();
      return await serve(
        { port: parsePort(values.port), dataDir: values['data-dir'] as string | undefined, appFolder: positionals[0], devRendererOrigin: values['dev-renderer'] as string | undefined },
        io,
      );
    }
    if (command === 'lint') {
      const { values, positionals } = parseCommandArgs('lint', rest);
      if (positionals.length !== 1) throw new CommandError('lint takes one app folder: npm run anvil -- lint <app-folder> [--json] [--data-dir D]');
      const { lint } = await loadCommand.lint();
      return await lint(positionals[0]!, { json: values.json === true, dataDir: values['data-dir'] as string | undefined }, io);
    }
    if (command === 'explain') {
      const { values, positionals } = parseCommandArgs('explain', rest);
      if (positionals.length !== 1) throw new CommandError('explain takes one scope: npm run anvil -- explain read:jira-work [--json]');
      const { explain } = await loadCommand.explain();
      return explain(positionals[0]!, { json: values.json === true }, io);
    }
    if (command === 'consent') {
      const { values, positionals } = parseCommandArgs('consent', rest);
      if (positionals.length !== 1) {
        throw new CommandError(
          'consent takes one app folder: npm run anvil -- consent <app-folder> [--product jira] [--base <git-rev> | --base-manifest <file> | --installation <site>] [--format text|markdown|json|html]',
        );
      }
      const { consent, parseConsentBase, parseConsentFormat } = await loadCommand.consent();
      const format = parseConsentFormat(values.format);
      const base = parseConsentBase(values.base, values['base-manifest']);
      return await consent(
        positionals[0]!,
        { product: values.product as string | undefined, base, installation: values.installation as string | undefined, format, dataDir: values['data-dir'] as string | undefined },
        io,
      );
    }
    if (command === 'vault') {
      const { values, positionals } = parseCommandArgs('vault', rest);
      const [action, ...args] = positionals;
      const { readStandardInput, vault } = await loadCommand.vault();
      return await vault(
        { action, args, json: values.json === true, environment: values.env as string | undefined, dataDir: values['data-dir'] as string | undefined, readSecret: readStandardInput },
        io,
      );
    }
    if (command === 'run') {
      const { values, positionals } = parseCommandArgs('run', rest);
      if (positionals.length !== 2) throw new CommandError('run takes an app folder and a function key: npm run anvil -- run <app-folder> <function-key> [--payload JSON] [--json]');
      const { run } = await loadCommand.run();
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
      const { values, positionals } = parseCommandArgs('trigger', rest);
      if (positionals.length !== 2) throw new CommandError('trigger takes an app folder and a module key: npm run anvil -- trigger <app-folder> <module-key> [--event TYPE] [--payload JSON] [--json]');
      const { trigger } = await loadCommand.trigger();
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
      const { values, positionals } = parseCommandArgs('env', afterAction);
      const args = positionals.length > 0 ? [path.resolve(positionals[0]!), ...positionals.slice(1)] : [];
      if (action === 'var' && positionals.length > 0) args.splice(0, args.length, path.resolve(positionals[1] ?? ''), positionals[0]!, ...positionals.slice(2));
      const [{ env }, { readStandardInput }] = await Promise.all([loadCommand.env(), loadCommand.vault()]);
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
      const { values, positionals } = parseCommandArgs('logs', rest);
      if (positionals.length !== 1) throw new CommandError('logs takes one app folder: npm run anvil -- logs <app-folder> [--env E] [--since 15m] [--follow]');
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 5000)) throw new CommandError(`--limit must be a whole number from 1 to 5000; got ${String(values.limit)}`);
      const { logs } = await loadCommand.logs();
      return await logs(
        path.resolve(positionals[0]!),
        {
          environment: values.env as string | undefined,
          since: values.since as string | undefined,
          level: values.level as string | undefined,
          grep: values.grep as string | undefined,
          invocation: values.invocation as string | undefined,
          limit,
          platform: values.platform as string | undefined,
          follow: values.follow === true,
          json: values.json === true,
          dataDir: values['data-dir'] as string | undefined,
          cloud: values.cloud === true,
        },
        io,
      );
    }
    if (command === 'webtrigger') {
      const { values, positionals } = parseCommandArgs('webtrigger', rest);
      if (positionals.length !== 1) throw new CommandError('webtrigger takes one app folder: npm run anvil -- webtrigger <app-folder> [--env E] [--port N]');
      const { webtrigger } = await loadCommand.webtrigger();
      return await webtrigger(
        path.resolve(positionals[0]!),
        { environment: values.env as string | undefined, port: parsePort(values.port as string | undefined), dataDir: values['data-dir'] as string | undefined },
        io,
      );
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

/** Each command's options, read strictly: an unknown option is refused with how to get help. */
const OPTIONS = {
  serve: { port: { type: 'string' }, 'data-dir': { type: 'string' }, 'dev-renderer': { type: 'string' } },
  lint: { json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
  explain: { json: { type: 'boolean' } },
  vault: { json: { type: 'boolean' }, env: { type: 'string' }, 'data-dir': { type: 'string' } },
  run: { payload: { type: 'string' }, env: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' }, installation: { type: 'string' } },
  trigger: { event: { type: 'string' }, payload: { type: 'string' }, env: { type: 'string' }, installation: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  env: { env: { type: 'string' }, installation: { type: 'string' }, secret: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
  logs: {
    env: { type: 'string' },
    since: { type: 'string' },
    level: { type: 'string' },
    grep: { type: 'string' },
    invocation: { type: 'string' },
    limit: { type: 'string' },
    platform: { type: 'string' },
    follow: { type: 'boolean' },
    json: { type: 'boolean' },
    'data-dir': { type: 'string' },
    cloud: { type: 'boolean' },
  },
  webtrigger: { env: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
  consent: { product: { type: 'string' }, base: { type: 'string' }, 'base-manifest': { type: 'string' }, installation: { type: 'string' }, format: { type: 'string' }, 'data-dir': { type: 'string' } },
} satisfies Record<CommandName, OptionSpec>;

function parseCommandArgs<Name extends CommandName>(command: Name, args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS[command], allowPositionals: true, strict: true });
  } catch (error) {
    throw new CommandError(`${(error as Error).message}. Run \`npm run anvil -- ${command} --help\` for the options.`);
  }
}

/**
 * `anvil lint --help`, `anvil env --help`, `anvil env var --help`: asked before the command's own
 * options are read, so help works whatever else is on the line. After `--` it is an argument.
 */
function wantsHelp(command: CommandName, rest: readonly string[]): boolean {
  const end = rest.indexOf('--');
  const options = end === -1 ? rest : rest.slice(0, end);
  // A value such as `--payload --help` is the payload, not a request for help.
  const takesValue = (option: string) => option.startsWith('--') && !option.includes('=') && (OPTIONS[command] as OptionSpec)[option.slice(2)]?.type === 'string';
  return options.some((arg, index) => (arg === '--help' || arg === '-h') && !(index > 0 && takesValue(options[index - 1]!)));
}

function parsePort(value: unknown): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError(`--port must be a whole number from 0 to 65535; got ${String(value)}`);
  return port;
}

// Run when executed directly (the built out/main/cli.mjs), not when imported by tests.
if (process.argv[1] && path.basename(process.argv[1]) === 'cli.mjs') {
  // A reader that stops early (`anvil logs app | head`) closes the pipe: that ends the output, not in a crash.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
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
