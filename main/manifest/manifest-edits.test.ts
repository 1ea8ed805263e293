import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleAppFolder } from '../project-root';
import { appendToSequence, applyEdits, convertStringEntries, removeEntry } from './manifest-edits';
import { parseManifest } from './parsed-manifest';

const sample = readFileSync(path.join(sampleAppFolder(), 'manifest.yml'), 'utf8');
const scope = (name: string) => ({ block: name, flow: name });

function edit(text: string, make: (parsed: ReturnType<typeof parseManifest>) => Parameters<typeof applyEdits>[1]) {
  const result = applyEdits(text, make(parseManifest(text)));
  expect(parseManifest(result).problems).toEqual([]);
  return result;
}

describe('quick-fix edits keep the rest of the manifest as written', () => {
  it('adds a scope to a block list, under the last one, with its indentation', () => {
    const result = edit(sample, (parsed) => [appendToSequence(parsed, ['permissions', 'scopes'], scope('write:jira-work'))]);
    expect(result).toBe(sample.replace('    - storage:app\n', '    - storage:app\n    - write:jira-work\n'));
  });

  it('removes a scope line and nothing else, and adding it back restores the file', () => {
    const removed = edit(sample, (parsed) => [removeEntry(parsed, ['permissions', 'scopes', 0])!]);
    expect(removed).toBe(sample.replace('    - read:jira-work\n', ''));
    const restored = edit(removed, (parsed) => [appendToSequence(parsed, ['permissions', 'scopes'], scope('read:jira-work'))]);
    expect(restored).toBe(sample.replace('    - read:jira-work\n    - storage:app\n', '    - storage:app\n    - read:jira-work\n'));
  });

  it('adds to a flow list, and removes from one', () => {
    const text = 'permissions:\n  scopes: [read:jira-work, storage:app] # mine\napp:\n  id: x\n';
    expect(edit(text, (parsed) => [appendToSequence(parsed, ['permissions', 'scopes'], scope('write:jira-work'))])).toBe(
      'permissions:\n  scopes: [read:jira-work, storage:app, write:jira-work] # mine\napp:\n  id: x\n',
    );
    expect(edit(text, (parsed) => [removeEntry(parsed, ['permissions', 'scopes', 1])!])).toBe('permissions:\n  scopes: [read:jira-work] # mine\napp:\n  id: x\n');
  });

  it('creates missing parents for an egress domain, keeping comments', () => {
    const text = '# my app\npermissions:\n  scopes:\n    - storage:app # kv\napp:\n  id: x\n';
    const result = edit(text, (parsed) => [appendToSequence(parsed, ['permissions', 'external', 'fetch', 'backend'], { block: 'address: api.example.com', flow: '{address: api.example.com}' })]);
    expect(result).toBe('# my app\npermissions:\n  scopes:\n    - storage:app # kv\n  external:\n    fetch:\n      backend:\n        - address: api.example.com\napp:\n  id: x\n');
  });

  it('creates the permissions block in a manifest that has none', () => {
    const result = edit('app:\n  id: x\n', (parsed) => [appendToSequence(parsed, ['permissions', 'scopes'], scope('storage:app'))]);
    expect(result).toBe('app:\n  id: x\npermissions:\n  scopes:\n    - storage:app\n');
  });

  it('converts string egress entries to the object form', () => {
    const text = 'permissions:\n  external:\n    fetch:\n      backend:\n        - api.example.com # main\n        - "*.example.org"\n';
    expect(edit(text, (parsed) => convertStringEntries(parsed, ['permissions', 'external', 'fetch', 'backend']))).toBe(
      'permissions:\n  external:\n    fetch:\n      backend:\n        - address: api.example.com # main\n        - address: "*.example.org"\n',
    );
  });
});
