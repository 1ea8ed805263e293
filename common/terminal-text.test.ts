import { describe, expect, it } from 'vitest';
import { CONTINUATION_MARK, terminalJson, visibleLines, visibleText } from './terminal-text';

describe('app text for a terminal', () => {
  it('shows escape sequences, clipboard writes, links, overwrites and new lines as visible escapes', () => {
    const shown = visibleText('a\x1b]52;c;ZXZpbA==\x07b\x1b[2Jc\x1b]8;;https://evil.example/\x1b\\link\rd\ne\u009b31mf\u202eg\th');
    expect(shown).toBe('a\\x1b]52;c;ZXZpbA==\\x07b\\x1b[2Jc\\x1b]8;;https://evil.example/\\x1b\\link\\rd\\ne\\x9b31mf\\u202eg\th');
    expect(shown).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202e]/);
  });

  it('leaves ordinary text, tabs and non-Latin text alone', () => {
    expect(visibleText('Größe: 3\tñ 漢字 🙂')).toBe('Größe: 3\tñ 漢字 🙂');
  });

  it('JSON for a terminal stays valid JSON and escapes what JSON.stringify leaves raw', () => {
    const value = { message: 'x\u009b2J\u007f\u202ey\x1b[2J', n: 1 };
    const json = terminalJson(value);
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.parse(json)).toEqual(value);
    expect(terminalJson(undefined)).toBe('');
  });

  it('keeps a multi-line message readable, every further line behind the continuation mark', () => {
    const shown = visibleLines('Error: boom\n    at handler (src/index.js:3:9)\r\nINFO  00:00:00.000 fake\rOVER\x1b[2J');
    expect(shown.split('\n')).toEqual(['Error: boom', `${CONTINUATION_MARK}    at handler (src/index.js:3:9)`, `${CONTINUATION_MARK}INFO  00:00:00.000 fake\\rOVER\\x1b[2J`]);
    expect(visibleLines('a\nb', '\r\n')).toBe(`a\r\n${CONTINUATION_MARK}b`);
  });
});
