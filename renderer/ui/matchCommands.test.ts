import { describe, expect, it } from 'vitest';
import type { Command } from './commands';
import { matchCommands } from './matchCommands';

const command = (category: string, title: string): Command => ({ id: `${category}.${title}`, category, title, run: () => undefined });
const commands = [command('View', 'Show Runner'), command('Runner', 'Run getIssueRadar'), command('Runner', 'Run check-releases'), command('File', 'Open app folder…')];
const titles = (query: string) => matchCommands(commands, query).map((found) => found.title);

describe('the command palette filter', () => {
  it('lists every command when nothing is typed', () => {
    expect(titles('')).toHaveLength(commands.length);
  });

  it('keeps the commands that hold every typed word, in any order and case', () => {
    expect(titles('radar RUN')).toEqual(['Run getIssueRadar']);
    expect(titles('runner')).toEqual(['Show Runner', 'Run getIssueRadar', 'Run check-releases']);
    expect(titles('deploy')).toEqual([]);
  });

  it('puts the commands whose title starts with the first word first', () => {
    expect(titles('run')).toEqual(['Run getIssueRadar', 'Run check-releases', 'Show Runner']);
  });
});
