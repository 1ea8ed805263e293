import type { OutputFilter } from '../terminal';

const MASK = '[redacted]';

/** The forms a login's secret can take in a CLI's output: the token itself, and the Basic credentials built from it. */
export function loginSecrets(login: { email: string; token: string }): string[] {
  const basic = Buffer.from(`${login.email}:${login.token}`).toString('base64');
  return [login.token, basic, encodeURIComponent(login.token)].filter((secret, index, all) => secret.length >= 4 && all.indexOf(secret) === index);
}

/**
 * Replaces every secret in a stream of output, also when one is split across chunks: the end of a
 * chunk that could be the start of a secret is held until the next chunk (or the end) decides.
 */
export function secretRedactor(secrets: readonly string[]): OutputFilter {
  const sorted = [...secrets].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  let held = '';
  const redact = (text: string) => sorted.reduce((result, secret) => result.split(secret).join(MASK), text);
  return {
    write(data) {
      const text = redact(held + data);
      // The longest tail of the text that is a proper prefix of some secret.
      let keep = 0;
      for (const secret of sorted) {
        for (let length = Math.min(secret.length - 1, text.length); length > keep; length--) {
          if (text.endsWith(secret.slice(0, length))) {
            keep = length;
            break;
          }
        }
      }
      held = text.slice(text.length - keep);
      return text.slice(0, text.length - keep);
    },
    end() {
      const rest = redact(held);
      held = '';
      return rest;
    },
  };
}
