import { describe, expect, it } from 'vitest';
import { CONTINUATION_MARK } from '../../../common/terminal-text';
import { runnerLine } from './runnerLine';

describe('a runner line in the xterm pane', () => {
  it('keeps Anvil\u2019s colours and shows the app\u2019s escapes instead of obeying them', () => {
    const line = runnerLine({ level: 'info', invocationId: 'abcdef12-3456', message: 'copied \x1b]52;c;ZXZpbA==\x07 cleared \x1b[2J\nINFO 00:00:00.000 fake' }, '12:00:00.000');
    expect(line.startsWith('\x1b[36mINFO \x1b[0m 12:00:00.000 \x1b[2mabcdef12\x1b[0m ')).toBe(true);
    // Only Anvil's own colour sequences remain; nothing the app sent reaches xterm as a control.
    expect(line.replace(/\x1b\[\d+m/g, '').replaceAll('\r\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    // A line break stays one (stack traces stay readable), but what follows it is marked as the app's.
    expect(line).toContain(`copied \\x1b]52;c;ZXZpbA==\\x07 cleared \\x1b[2J\r\n${CONTINUATION_MARK}INFO 00:00:00.000 fake`);
    expect(
      line
        .split('\r\n')
        .slice(1)
        .every((further) => further.startsWith(CONTINUATION_MARK)),
    ).toBe(true);
  });

  it('dims a line the platform would drop, with the Logs pane\u2019s [platform drops] mark, and leaves kept lines as they were', () => {
    const dropped = runnerLine({ level: 'error', invocationId: 'abcdef12-3456', message: 'line 101\nmore', platformDrop: 'lines' }, '12:00:00.000');
    expect(dropped).toBe(`\x1b[2mERROR 12:00:00.000 abcdef12 [platform drops] line 101\r\n${CONTINUATION_MARK}more\x1b[0m`);
    const kept = runnerLine({ level: 'error', invocationId: 'abcdef12-3456', message: 'line 100' }, '12:00:00.000');
    expect(kept).toBe('\x1b[31mERROR\x1b[0m 12:00:00.000 \x1b[2mabcdef12\x1b[0m line 100');
  });
});
