import { visibleLines, visibleText } from '../../../common/terminal-text';

const LEVEL_COLOURS: Record<string, string> = { error: '31', warn: '33', info: '36', debug: '2', log: '0' };

/**
 * One runner line for xterm in the style of the Forge tunnel: `LEVEL HH:MM:SS.mmm invocationId
 * message`, in Anvil's colours. The message is the app's: xterm shows its control characters as
 * escapes and obeys none of them (no clipboard writes, links, screen clears); its further lines sit
 * behind a continuation mark, so none can pass for a line of Anvil's.
 */
export function runnerLine(line: { level: string; invocationId: string; message: string; platformDrop?: 'lines' | 'size' }, time: string): string {
  const level = visibleText(line.level.toUpperCase().padEnd(5));
  const id = visibleText(line.invocationId.slice(0, 8));
  // A line a deployed function would lose: dimmed whole, its further lines too, marked as in the Logs pane.
  if (line.platformDrop) return `\x1b[2m${level} ${time} ${id} ${PLATFORM_DROP_MARK} ${visibleLines(line.message, '\r\n')}\x1b[0m`;
  return `\x1b[${LEVEL_COLOURS[line.level] ?? '0'}m${level}\x1b[0m ${time} \x1b[2m${id}\x1b[0m ${visibleLines(line.message, '\r\n')}`;
}

/** The Logs pane's marker for lines the platform would not keep. */
export const PLATFORM_DROP_MARK = '[platform drops]';
