import { describe, expect, it } from 'vitest';
import { applyEdits } from './manifest-edits';
import { moduleDiagnostics } from './module-checks';
import { parseManifest } from './parsed-manifest';

const MODULES = 'modules:\n  function:\n    - key: main\n      handler: index.main\n';

function retired(text: string) {
  return moduleDiagnostics(parseManifest(text)).filter((diagnostic) => diagnostic.code === 'runtime-retired');
}

describe('a manifest without app.runtime.name', () => {
  it('says it was written for the retired sandbox runtime, and the fix adds runtime.name under app', () => {
    const text = `${MODULES}app:\n  id: ari:cloud:ecosystem::app/1 # mine\npermissions:\n  scopes: []\n`;
    const [finding, ...rest] = retired(text);
    expect(rest).toEqual([]);
    expect(finding!.message).toBe(
      "app.runtime.name is not set: this manifest was written for Forge's retired sandbox runtime, which the platform no longer runs. " +
        'Set app.runtime.name: nodejs22.x, and upgrade @forge/api (npm install @forge/api@latest): releases up to 2.7.0 read global.api, which only that runtime provided.',
    );
    expect(finding!.line).toBe(5);
    const fixed = applyEdits(text, finding!.fixes[0]!.edits);
    expect(fixed).toBe(`${MODULES}app:\n  id: ari:cloud:ecosystem::app/1 # mine\n  runtime:\n    name: nodejs22.x\npermissions:\n  scopes: []\n`);
    expect(retired(fixed)).toEqual([]);
  });

  it('adds the name beside the sandbox runtime’s own runtime.snapshots setting', () => {
    const text = `${MODULES}app:\n  id: ari:cloud:ecosystem::app/1\n  runtime:\n    snapshots: false\n`;
    const [finding] = retired(text);
    expect(finding!.line).toBe(7);
    const fixed = applyEdits(text, finding!.fixes[0]!.edits);
    expect(fixed).toBe(`${MODULES}app:\n  id: ari:cloud:ecosystem::app/1\n  runtime:\n    snapshots: false\n    name: nodejs22.x\n`);
    expect(retired(fixed)).toEqual([]);
  });

  it('is not reported when the manifest names its runtime', () => {
    expect(retired(`${MODULES}app:\n  id: x\n  runtime:\n    name: nodejs24.x\n`)).toEqual([]);
  });
});
