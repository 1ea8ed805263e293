import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { writableSampleApp } from './packaged-sample';

describe('the sample app of a packaged build', () => {
  it('is copied to the data folder once, and the developer\u2019s edits there are kept on the next launch', () => {
    const resources = scratchFolder();
    mkdirSync(path.join(resources, 'sample-app', 'src'), { recursive: true });
    writeFileSync(path.join(resources, 'sample-app', 'manifest.yml'), 'modules: {}\n');
    writeFileSync(path.join(resources, 'sample-app', 'src', 'index.js'), 'export {};\n');
    const userData = scratchFolder();
    const folder = writableSampleApp(resources, userData);
    expect(folder).toBe(path.join(userData, 'sample-app'));
    writeFileSync(path.join(folder, 'manifest.yml'), '# edited\nmodules: {}\n');
    expect(writableSampleApp(resources, userData)).toBe(folder);
    expect(readFileSync(path.join(folder, 'manifest.yml'), 'utf8')).toBe('# edited\nmodules: {}\n');
  });
});
