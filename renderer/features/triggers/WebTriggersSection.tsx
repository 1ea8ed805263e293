import { useState } from 'react';
import type { WebTriggerView } from '../../../common/types';

/** Each web trigger's local URL per installation, with copy buttons for the URL and a curl line. */
export function WebTriggersSection({ webTriggers }: { webTriggers: WebTriggerView[] }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(`Copy is not allowed here; select the text instead.`);
    }
  };
  return (
    <section aria-label="Web triggers">
      <h3>Web triggers</h3>
      {webTriggers.length === 0 ? <p className="muted">The manifest has no webtrigger modules.</p> : null}
      <ul className="trigger-list">
        {webTriggers.map((trigger) => (
          <li key={`${trigger.installation}|${trigger.moduleKey}`}>
            <strong>{trigger.moduleKey}</strong>{' '}
            <span className="muted">
              ({trigger.responseType}, {trigger.installation})
            </span>
            <div className="trigger-url">
              <code data-testid={`webtrigger-url-${trigger.moduleKey}-${trigger.installation}`}>{trigger.url}</code>
              <button type="button" className="link" onClick={() => void copy(trigger.url, `Copied the URL of ${trigger.moduleKey}.`)}>
                Copy URL
              </button>
              <button type="button" className="link" onClick={() => void copy(trigger.curl, `Copied the curl line of ${trigger.moduleKey}.`)}>
                Copy curl
              </button>
            </div>
            <code className="trigger-curl">{trigger.curl}</code>
          </li>
        ))}
      </ul>
      {copied ? <span role="status">{copied}</span> : null}
    </section>
  );
}
