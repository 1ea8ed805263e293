import { useEffect, useRef, useState } from 'react';
import { BridgeError } from '../bridge';

/**
 * Ask the core about the newest input only, one question at a time. `ask` changes with its input
 * (a keystroke, a source change); it is sent `delayMs` after it stops changing, and while an answer
 * is on its way the next question waits, so a burst of large edits sends the last one, not every one.
 * An answer to an input that has since changed is never shown: it would be stale.
 */
export function useNewestAnswer<T>(ask: (() => Promise<T>) | null, delayMs: number): { answer: T | null; error: string | null } {
  const [answer, setAnswer] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const waiting = useRef<{ ask: () => Promise<T>; number: number } | null>(null);
  const busy = useRef(false);
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!ask) return;
    // Counted now, so an answer already on its way is known to be stale.
    const number = ++asked.current;
    const send = () => {
      const next = waiting.current;
      if (busy.current || !next) return;
      waiting.current = null;
      busy.current = true;
      const fresh = () => mounted.current && next.number === asked.current;
      next
        .ask()
        .then(
          (value) => {
            if (!fresh()) return;
            setAnswer(value);
            setError(null);
          },
          (failure: Error) => {
            // The core stopped it for a newer question from this page; that answer is the one to show.
            if (failure instanceof BridgeError && failure.code === 'superseded') return;
            if (fresh()) setError(failure.message);
          },
        )
        .finally(() => {
          busy.current = false;
          send();
        });
    };
    const timer = setTimeout(() => {
      waiting.current = { ask, number };
      send();
    }, delayMs);
    return () => clearTimeout(timer);
  }, [ask, delayMs]);

  return { answer, error };
}
