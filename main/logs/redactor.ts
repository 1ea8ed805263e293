/** Values shorter than this are not redacted: "on", "1" or "abc" would blank out ordinary words. */
export const MIN_SECRET_LENGTH = 4;

export interface SecretValue {
  name: string;
  value: string;
}

/**
 * Replaces known secret values (encrypted variables, tokens) in log text by `[redacted: NAME]`.
 * The secrets become one RegExp, rebuilt only when they change, so redacting a line is a single
 * scan however many secrets there are.
 */
export class Redactor {
  private pattern: RegExp | null = null;
  private readonly names = new Map<string, string>();

  setSecrets(secrets: readonly SecretValue[]): void {
    this.names.clear();
    for (const { name, value } of secrets) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      // A secret also leaks in the forms a function commonly logs it: inside JSON and inside a URL.
      for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) {
        if (!this.names.has(form)) this.names.set(form, name);
      }
    }
    // Longest first: at any position the whole of a longer secret wins over a shorter one it contains.
    const forms = [...this.names.keys()].sort((a, b) => b.length - a.length);
    this.pattern = forms.length === 0 ? null : new RegExp(forms.map(escapeRegExp).join('|'), 'g');
  }

  redact(text: string): string {
    if (this.pattern === null) return text;
    return text.replace(this.pattern, (found) => `[redacted: ${this.names.get(found)}]`);
  }

  /**
   * Redact every string (and key) inside a JSON-like value, returning a copy that JSON.stringify
   * accepts: cycles become "[circular]" and bigints strings. Numbers and booleans whose text is a
   * secret become the redaction string, so a PIN kept as a number does not slip through.
   */
  redactValue(value: unknown): unknown {
    return this.walk(value, new Set());
  }

  private walk(value: unknown, seen: Set<object>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value === 'bigint') return this.redact(String(value));
    if (typeof value === 'number' || typeof value === 'boolean') {
      if (this.pattern === null) return value;
      const text = String(value);
      const redacted = this.redact(text);
      return redacted === text ? value : redacted;
    }
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    try {
      const json = (value as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return this.walk(json.call(value), seen);
      if (Array.isArray(value)) return value.map((item) => this.walk(item, seen));
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[this.redact(key)] = this.walk(item, seen);
      return out;
    } finally {
      seen.delete(value);
    }
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
