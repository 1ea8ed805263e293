import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STREAM_NAMES } from '../common/api';
import { COMMAND_USAGE } from '../main/cli-usage';
import { projectRoot } from '../main/project-root';

// ARCHITECTURE.md is where a contributor starts: when it misses a domain, a stream or a command, the
// first thing they read is wrong. These checks keep it in step with the code.
const ROOT = projectRoot();
const doc = readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8');
const coreSection = doc.slice(doc.indexOf('## The core (`main/`)'), doc.indexOf('## The renderer'));

describe('ARCHITECTURE.md', () => {
  it('lists every domain folder of the core in its table', () => {
    const domains = readdirSync(path.join(ROOT, 'main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const missing = domains.filter((domain) => !coreSection.includes(`\`${domain}/\``));
    expect(missing, 'domain folders of main/ with no row in ARCHITECTURE.md').toEqual([]);
  });

  it('names every stream of the contract', () => {
    expect(STREAM_NAMES.filter((stream) => !doc.includes(`\`${stream}\``))).toEqual([]);
  });

  it('names every command of the command line', () => {
    const line = doc.split('\n').find((text) => text.startsWith('**Command line**')) ?? '';
    expect(Object.keys(COMMAND_USAGE).filter((command) => !new RegExp(`[|\\s]${command}[|\\s\`]`).test(line))).toEqual([]);
  });
});
