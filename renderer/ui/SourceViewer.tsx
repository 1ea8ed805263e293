import { useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../common/api';
import { highlightSource, LINE_BREAK, type SourceToken } from './sourceHighlight';
import { Modal } from './Modal';

/**
 * A read-only view of one of the app's source files, scrolled to a line, coloured as the editor
 * colours code. Long lines wrap, so no part of a line is ever out of sight. Escape closes it.
 */
export function SourceViewer({ bridge, file, line, onClose }: { bridge: AnvilBridge; file: string; line: number; onClose: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tokens, setTokens] = useState<SourceToken[][] | null>(null);
  const target = useRef<HTMLLIElement>(null);

  useEffect(() => {
    bridge.readSourceFile({ file }).then((source) => setText(source.text), (failure: Error) => setError(failure.message));
  }, [bridge, file]);
  // The plain text shows at once; the colours follow when the grammar has loaded (a file without one stays plain).
  useEffect(() => {
    let current = true;
    setTokens(null);
    if (text !== null) {
      highlightSource(file, text).then(
        (lines) => current && setTokens(lines),
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [file, text]);
  // A block body on purpose: scrollIntoView returns a Promise in current browsers, and an effect that
  // returns anything but a function makes React's cleanup throw and blank the page.
  useEffect(() => {
    target.current?.scrollIntoView({ block: 'center' });
  }, [text]);

  return (
    <Modal label={`${file}:${line}`} className="source-viewer" onClose={onClose}>
      <header className="source-header">
        <h2>
          {file}:{line}
        </h2>
        <button type="button" onClick={onClose} data-initial-focus>
          Close
        </button>
      </header>
      {error ? <p className="error">{error}</p> : null}
      <ol className="source-lines">
        {(text ?? '').split(LINE_BREAK).map((content, index) => (
          <li key={index} ref={index + 1 === line ? target : undefined} className={index + 1 === line ? 'current' : undefined}>
            <code>{content === '' ? ' ' : tokens?.[index] ? <Tokens tokens={tokens[index]} /> : content}</code>
          </li>
        ))}
      </ol>
    </Modal>
  );
}

function Tokens({ tokens }: { tokens: SourceToken[] }) {
  return (
    <>
      {tokens.map((token, index) => (
        <span key={index} className={`token-${token.kind}`}>
          {token.text}
        </span>
      ))}
    </>
  );
}
