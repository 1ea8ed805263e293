/** What `anvil --help` and `anvil <command> --help` print: one entry per command, in the order listed. */
export const COMMAND_USAGE = {
  serve: `  serve [--port N] [--data-dir D] [--dev-renderer ORIGIN] [app-folder]
        Serve the workbench in a browser on 127.0.0.1 (prints the URL with its one-time token).
        Opens the bundled sample app when no folder is given. Port 0 (the default) picks a free one.
        --dev-renderer (used by npm run dev) also accepts the page of the renderer's dev server at
        ORIGIN (http on loopback, e.g. http://127.0.0.1:5173), which proxies its calls here.`,
  lint: `  lint <app-folder> [--json] [--data-dir D]
        Check the manifest (YAML, schema, modules, handlers, permissions) and the code against it:
        missing and unused scopes and egress domains, resolver keys. Exit code 1 when there is an error.
        What the code scan finds is kept in the data folder, so unchanged files are not parsed again.`,
  explain: `  explain <scope> [--json]
        What a scope lets an app do: consent title, product, power, equivalents, operations accepting it.`,
  consent: `  consent <app-folder> [--product jira] [--base <git-rev> | --base-manifest <file> | --installation <site>] [--format text|markdown|json|html] [--data-dir D]
        The screen a site admin sees when installing the app: permissions by product, where data may go,
        external accounts, user consent, what runs with no one watching. With a base (a git revision, an
        older manifest file, or the version an installation runs on the Forge platform, by its site or id,
        read with your Atlassian login), also whether the change is a major version site admins must approve again, and why.
        --format markdown suits a pull-request comment; --format html prints a standalone page to save.`,
  vault: `  vault list|set <kind> <label>|delete <name> [--env E] [--data-dir D] [--json]
        Credentials in the OS keychain (kinds: atlassian-account, site-token, provider-account,
        secret-variable). set reads the secret from standard input, never from an argument.`,
  run: `  run <app-folder> <function-key> [--payload JSON] [--env development] [--installation NAME] [--data-dir D] [--json]
        Run a function (or a resolver key) in the local sandboxed runner: scopes, egress and isolation
        enforced as on the platform; product calls answered from .anvil/fixtures/. Exit code 1 unless ok.`,
  trigger: `  trigger <app-folder> <module-key> [--event TYPE] [--payload JSON] [--env development] [--installation NAME] [--data-dir D] [--json]
        Fire a trigger module as the platform would: a product event (from a realistic template unless
        --payload is given; refused when the installation lacks the event's scopes), a scheduled trigger,
        a consumer or a web trigger function.`,
  env: `  env list|create <name>|delete <name>|var set <KEY> [VALUE] [--secret]|var unset <KEY>|var list|deploy|approve|log-access on|off <app-folder> … [--env E] [--installation N] [--json]
        Environments: custom ones, variables (secret ones from standard input, kept in the keychain),
        a local deploy (a version; major when site admins must approve it), the admin's approval, and
        whether an installation shares its logs. The app folder comes right after the action.`,
  logs: `  logs <app-folder> [--env development] [--cloud] [--since 15m] [--level warn] [--grep TEXT] [--invocation ID] [--limit N] [--platform kept|dropped] [--follow] [--json] [--data-dir D]
        The stored log lines of an environment (level and above, full-text search), oldest first; with
        --follow, new lines as the workbench or another command writes them. Lines a deployed function
        would lose (past the platform's log lines or 200 KB per invocation) are marked [platform drops];
        --platform kept or dropped shows only the others or only those. --json prints JSON Lines:
        {ts,env,level,message,invocationId,functionKey,moduleKey,installation}, plus platformDrop on marked lines.
        --cloud reads the app's real environment on the Forge platform instead (app.id from the manifest;
        login from FORGE_EMAIL and FORGE_API_TOKEN, Anvil's vault or forge login's keychain entry): the last
        hour (or --since) is printed and stored with the local lines, marked cloud with the app version
        (--json adds source and appVersion). With --follow, new lines as they arrive until Ctrl+C, and what
        the follower does: rate limited (waits as the platform asks), unreachable (retries, waiting longer
        each time), or a refused token (stops, saying how to log in). FORGE_GRAPHQL_GATEWAY picks another gateway.`,
  webtrigger: `  webtrigger <app-folder> [--env development] [--port N] [--data-dir D]
        Serve the app's web triggers on 127.0.0.1 and print each URL with a curl line, until interrupted.`,
} as const;

export type CommandName = keyof typeof COMMAND_USAGE;

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_USAGE, name);
}

const { serve, lint, explain, consent, vault, run, trigger, env, logs, webtrigger } = COMMAND_USAGE;

export const USAGE = `Usage: anvil <command> [options]

Commands:
${serve}

${lint}
${explain}
${consent}
${vault}
${run}
${trigger}
${env}
${logs}
${webtrigger}

Options:
  --help       Show this help (after a command: that command's usage)
  --version    Print Anvil's version
`;

/** \`anvil lint --help\`: the command's line and description, and where the full list is. */
export function commandUsage(name: CommandName): string {
  return `Usage: anvil ${COMMAND_USAGE[name].trimStart()}\n\nAll commands: npm run anvil -- --help`;
}
