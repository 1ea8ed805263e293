import type { AppSummary } from '../../../common/types';

/**
 * The bundled sample app (resources/sample-app) is known by its app id: Anvil opens it when no folder
 * is given, usually from a copy, so its folder says nothing. A test checks this against its manifest.
 */
export const SAMPLE_APP_ID = 'ari:cloud:ecosystem::app/5c1f3b2e-8a4d-4e6b-9f1a-2d7c0e9b4a61';

/** Remembered in the page's storage: the guide opens by itself once, then only when asked for. */
export const SEEN_KEY = 'anvil.gettingStarted.seen';

export function isSampleApp(app: AppSummary | null): boolean {
  return app?.appId === SAMPLE_APP_ID;
}

type Memory = Pick<Storage, 'getItem' | 'setItem'>;

/** Whether to open the guide by itself now; remembers that it did. A storage that fails never opens it twice in a row, nor throws. */
export function takeFirstRun(app: AppSummary | null, memory: Memory | null): boolean {
  if (!isSampleApp(app) || !memory) return false;
  try {
    if (memory.getItem(SEEN_KEY)) return false;
    memory.setItem(SEEN_KEY, new Date().toISOString());
    return true;
  } catch {
    return false;
  }
}

export interface GuideStep {
  title: string;
  text: string;
  /** The palette command that shows the place the step talks about. */
  show?: { label: string; command: string };
  /** The element outlined while the step is on screen. */
  target?: string;
}

export function guideSteps(paletteKeys: string): GuideStep[] {
  return [
    {
      title: 'The manifest',
      text: 'manifest.yml is open in the editor. Anvil checks it as you type against the app’s code: hover a scope to see what it allows, and the Problems list under the editor offers one-click fixes.',
      target: '[data-testid="manifest-editor"]',
    },
    {
      title: 'Scopes',
      text: 'The Scopes pane explains every scope the app declares or needs. Missing and unused ones come first, with Add and Remove buttons that edit the manifest (unsaved, undoable).',
      show: { label: 'Show Scopes', command: 'show-scopes' },
      target: '#tab-scopes',
    },
    {
      title: 'Runner',
      text: 'The Runner runs a function or a resolver key locally, in a sandbox with the platform’s rules: pick one, edit the payload, press Run, and see its result, its calls and its storage.',
      show: { label: 'Show Runner', command: 'show-runner' },
      target: '#tab-runner',
    },
    {
      title: 'Logs',
      text: 'Every line a run writes lands in Logs, per environment: filter it, group it by invocation, export it.',
      show: { label: 'Show Logs', command: 'show-logs' },
      target: '#tab-logs',
    },
    {
      title: 'The command palette',
      text: `${paletteKeys} lists every action of every pane with its shortcut. “Help: Show Getting Started” there brings this guide back.`,
    },
  ];
}
