import type { AnvilBridge } from '../common/api';
import type { AppSummary } from '../common/types';
import { askRunnerToRun } from './features/runner/runnerActivity';
import { forgeCommands } from './features/environments/forgeCommands';
import { useCommands, useCommandSource, type Command } from './ui/commands';

/** How a shortcut is written on this machine: ⌘ on a Mac, Ctrl elsewhere. */
export function shortcut(keys: string): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  return mac ? keys.replace(/Ctrl\+/g, '⌘') : keys;
}

interface Props {
  bridge: AnvilBridge;
  app: AppSummary | null;
  environment: string;
  openApp: () => void;
  showProblems: () => void;
  switchEnvironment: (key: string) => void;
}

/** The workbench's own commands (open, problems, environments; the editors add Save and Save All), and one "Run …" per function the runner accepts. */
export function useWorkbenchCommands({ bridge, app, environment, openApp, showProblems, switchEnvironment }: Props): void {
  const commands: Command[] = [{ id: 'open-app', category: 'File', title: 'Open app folder…', run: openApp }];
  if (app) {
    commands.push(
      { id: 'show-problems', category: 'View', title: 'Show Problems', run: showProblems },
      ...app.environments.map((candidate) => ({
        id: `environment-${candidate.key}`,
        category: 'Environment',
        title: `Switch to ${candidate.key}${candidate.key === environment ? ' (current)' : ''}`,
        run: () => switchEnvironment(candidate.key),
      })),
    );
  }
  commands.push(...forgeCommands(app, environment, switchEnvironment));
  useCommands(commands);
  useCommandSource(async () => {
    if (!app) return [];
    const runnable = await bridge.listRunnableFunctions({ environment });
    const keys = [...runnable.resolverKeys.map((key) => ({ key, kind: 'resolver' })), ...runnable.functions.map((fn) => ({ key: fn.key, kind: fn.moduleType ?? 'function' }))];
    return keys.map(({ key, kind }) => ({
      id: `run-${kind}-${key}`,
      category: 'Runner',
      title: `Run ${key} (${kind})`,
      // The Runner pane shows the result; it loads on first show and then runs what was asked.
      pane: 'runner',
      run: () => askRunnerToRun(key),
    }));
  });
}
