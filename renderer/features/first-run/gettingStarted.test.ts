import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AppSummary } from '../../../common/types';
import { guideSteps, isSampleApp, SAMPLE_APP_ID, SEEN_KEY, takeFirstRun } from './gettingStarted';

function memory(): Pick<Storage, 'getItem' | 'setItem'> & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return { values, getItem: (key) => values.get(key) ?? null, setItem: (key, value) => void values.set(key, value) };
}
const app = (appId: string | null): AppSummary => ({ folder: '/tmp/x', name: 'issue-radar', appId, environments: [] });

describe('the getting-started guide', () => {
  it('knows the bundled sample by the app id in its manifest', () => {
    const manifest = readFileSync(new URL('../../../resources/sample-app/manifest.yml', import.meta.url), 'utf8');
    expect(manifest).toContain(`id: ${SAMPLE_APP_ID}`);
    expect(isSampleApp(app(SAMPLE_APP_ID))).toBe(true);
  });

  it('opens by itself on the sample the first time only', () => {
    const stored = memory();
    expect(takeFirstRun(app(SAMPLE_APP_ID), stored)).toBe(true);
    expect(stored.values.has(SEEN_KEY)).toBe(true);
    expect(takeFirstRun(app(SAMPLE_APP_ID), stored)).toBe(false);
  });

  it('never opens by itself on another app, or with no app open', () => {
    const stored = memory();
    expect(takeFirstRun(app('ari:cloud:ecosystem::app/other'), stored)).toBe(false);
    expect(takeFirstRun(null, stored)).toBe(false);
    expect(stored.values.size).toBe(0);
  });

  it('a storage that refuses does not break the workbench', () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(takeFirstRun(app(SAMPLE_APP_ID), refusing)).toBe(false);
  });

  it('walks through the editor, Scopes, Runner, Logs and the palette', () => {
    expect(guideSteps('Ctrl+Shift+P').map((step) => step.title)).toEqual(['The manifest', 'Scopes', 'Runner', 'Logs', 'The command palette']);
  });
});
