import { loginSecretForms } from '../logs';
import type { OutputFilter } from '../terminal';

const MASK = '[redacted]';

/** The forms a login's secret can take in a CLI's output: every form the logs and the platform's messages are cleaned of. */
export function loginSecrets(login: { email: string; token: string }): string[] {
  return loginSecretForms(login).filter((secret) => secret.length >= 4);
}

/**
 * Replaces every secret in a stream of output, also when one is split across chunks. The end of a
 * chunk that could still grow into a secret is held until the next chunk (or the end) decides, and
 * the held part is decided before anything is replaced, so a short form inside a longer one (the
 * token's base64 inside a Basic header) never cuts the longer one in two.
 */
export function secretRedactor(secrets: readonly string[]): OutputFilter {
  const sorted = [...new Set(secrets)].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  let held = '';
  const redact = (text: string) => sorted.reduce((result, secret) => result.split(secret).join(MASK), text);
  return {
    write(data) {
      const text = held + data;
      const cut = safeCut(text, sorted);
      held = text.slice(cut);
      return redact(text.slice(0, cut));
    },
    end() {
      const rest = redact(held);
      held = '';
      return rest;
    },
  };
}

/**
 * Where the text may be cut so that what stands before the cut can be shown once redacted: before
 * the longest tail that is the start of a secret, and before any whole secret that the cut would
 * split (moving the cut can make another one split, so it moves until none is).
 */
function safeCut(text: string, secrets: readonly string[]): number {
  let cut = text.length;
  for (const secret of secrets) {
    for (let length = Math.min(secret.length - 1, text.length); length > text.length - cut; length--) {
      if (text.endsWith(secret.slice(0, length))) {
        cut = text.length - length;
        break;
      }
    }
  }
  for (let moved = true; moved;) {
    moved = false;
    for (const secret of secrets) {
      const from = text.lastIndexOf(secret, cut - 1);
      if (from >= 0 && from < cut && from + secret.length > cut) {
        cut = from;
        moved = true;
      }
    }
  }
  return cut;
}
