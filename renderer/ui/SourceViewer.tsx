import { useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../common/api';

/** A read-only view of one of the app's source files, scrolled to a line. */
export function SourceViewer({ bridge, file, line, onClose }: { bridge: AnvilBridge; file: string; line: number; onClose: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const target = useRef<HTMLLIElement>(null);

  useEffect(() => {
    bridge.readSourceFile({ file }).then((source) => setText(source.text), (failure: Error) => setError(failure.message));
  }, [bridge, file]);
  useEffect(() => target.current?.scrollIntoView({ block: 'center' }), [text]);

  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog source-viewer" role="dialog" aria-label={`${file}:${line}`} onClick={(event) => event.stopPropagation()}>
        <header className="source-header">
          <h2>
            {file}:{line}
          </h2>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </header>
        {error ? <p className="error">{error}</p> : null}
        <ol className="source-lines">
          {(text ?? '').split('\n').map((content, index) => (
            <li key={index} ref={index + 1 === line ? target : undefined} className={index + 1 === line ? 'current' : undefined}>
              <code>{content || ' '}</code>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
