import type { CSSProperties } from 'react';
import type { LogLine } from '../../../common/types';

const WHY: Record<NonNullable<LogLine['platformDrop']>, string> = {
  lines: 'A deployed function would lose this line: the platform keeps 100 log lines per runtime minute of its timeout',
  size: 'A deployed function would lose this line: the platform keeps 200 KB of logs per invocation',
};

/** Anvil's one notice per invocation of what the platform would drop (set by the core, never by app code). */
export function isPlatformNotice(line: LogLine): boolean {
  return line.fields?.source === 'anvil' && Array.isArray(line.fields.platformLogLimit);
}

/** Lines the platform would drop are shown dimmed; Anvil's notice stands out. */
export function platformClass(line: LogLine): string {
  if (line.platformDrop) return ' platform-drop';
  return isPlatformNotice(line) ? ' platform-notice' : '';
}

/** Dimmed without a stylesheet rule of its own. */
export const DROPPED_STYLE: CSSProperties = { opacity: 0.55 };

/** The marker in front of a line the platform would not keep; nothing for the others. */
export function PlatformDropMark({ line }: { line: LogLine }) {
  if (!line.platformDrop) return null;
  return (
    <span className="platform-drop-mark" title={WHY[line.platformDrop]} aria-label={WHY[line.platformDrop]}>
      [platform drops]{' '}
    </span>
  );
}
