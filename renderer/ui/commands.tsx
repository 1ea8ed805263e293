import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';

/** One action of the workbench, as the command palette lists it. */
export interface Command {
  /** Stable name, so one command can run another (`Commands.run`). */
  id: string;
  /** The pane or feature it belongs to, shown before the title ("Runner: Run getIssueRadar"). */
  category: string;
  title: string;
  /** The key that does the same without the palette, as the user presses it. */
  shortcut?: string;
  /** The tab whose pane shows what the command does: shown before it runs. */
  pane?: string;
  run: () => unknown;
}

/** Commands that are only known by asking Anvil (the app's runnable functions): asked each time the palette opens. */
export type CommandSource = () => Promise<Command[]>;

export interface Commands {
  /** What is registered now. */
  list: () => Command[];
  /** Asks every source; a source that fails adds nothing. */
  load: () => Promise<Command[]>;
  /** Runs a registered command by id; false when nothing of that id is registered. */
  run: (id: string) => boolean;
  add: (get: () => Command[]) => () => void;
  addSource: (source: () => CommandSource) => () => void;
}

function createCommands(): Commands {
  const getters = new Set<() => Command[]>();
  const sources = new Set<() => CommandSource>();
  const list = () => [...getters].flatMap((get) => get());
  return {
    list,
    load: async () => (await Promise.all([...sources].map((source) => source()().catch(() => [])))).flat(),
    run: (id) => {
      const command = list().find((candidate) => candidate.id === id);
      if (command) void command.run();
      return command !== undefined;
    },
    add: (get) => {
      getters.add(get);
      return () => {
        getters.delete(get);
      };
    },
    addSource: (source) => {
      sources.add(source);
      return () => {
        sources.delete(source);
      };
    },
  };
}

const CommandsContext = createContext<Commands | null>(null);

/** Holds the commands every pane registers, so the palette lists them without knowing the panes. */
export function CommandsProvider({ children }: { children: ReactNode }) {
  const commands = useMemo(createCommands, []);
  return <CommandsContext.Provider value={commands}>{children}</CommandsContext.Provider>;
}

export function useCommandRegistry(): Commands | null {
  return useContext(CommandsContext);
}

/**
 * Registers a pane's commands while it is on the page. Each run calls the newest render's
 * function, so a command never acts on state from an earlier render.
 */
export function useCommands(commands: Command[]): void {
  const registry = useContext(CommandsContext);
  const latest = useRef(commands);
  latest.current = commands;
  useEffect(() => {
    return registry?.add(() => latest.current);
  }, [registry]);
}

/** Registers commands that are listed by asking Anvil when the palette opens. */
export function useCommandSource(source: CommandSource): void {
  const registry = useContext(CommandsContext);
  const latest = useRef(source);
  latest.current = source;
  useEffect(() => {
    return registry?.addSource(() => latest.current);
  }, [registry]);
}
