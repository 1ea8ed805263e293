import { stackLines } from './stackFrames';
import { useOpenSource } from './openSource';

/**
 * An invocation's error as text, its message first and then one line per stack frame; a frame that
 * names a file of the app (`src/deep/helper.ts:12:5`) opens that file at that line.
 */
export function StackText({ text, className }: { text: string; className?: string }) {
  const openSource = useOpenSource();
  return (
    <pre className={`stack-text ${className ?? ''}`.trim()}>
      {stackLines(text).map((line, index) => (
        <span key={index}>
          {index > 0 ? '\n' : null}
          {line.place && openSource ? (
            <>
              {line.before}
              <button type="button" className="link stack-frame" title={`Open ${line.place.file} at line ${line.place.line}`} onClick={() => openSource(line.place!.file, line.place!.line)}>
                {line.where}
              </button>
              {line.after}
            </>
          ) : (
            line.text
          )}
        </span>
      ))}
    </pre>
  );
}
