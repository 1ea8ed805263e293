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
      for (const form of secretForms(value)) {
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

/** Encoded forms shorter than this are not redacted: a few base64 or hex characters occur by chance. */
const MIN_ENCODED_LENGTH = 6;

/**
 * The forms a secret leaks in when a function logs or returns it: as is, inside JSON, URL-encoded
 * (component, form and lower-case escapes), hex (either case), and base64 (standard and URL-safe)
 * at each of the three byte alignments it can have inside longer encoded data (a Basic
 * `user:password` header, a token in a JSON blob). Base64 forms keep only the characters that
 * depend on the secret alone, so they are found whatever bytes stand before and after it.
 */
export function secretForms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const percent = [encodeURIComponent(value), new URLSearchParams({ s: value }).toString().slice(2)];
  const encoded = [...percent, ...percent.map((form) => form.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase())), bytes.toString('hex'), bytes.toString('hex').toUpperCase()];
  for (let offset = 0; offset < 3; offset++) {
    const base64 = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Characters carry 6 bits: skip those holding any of the offset bytes, and a last one that is only part secret.
    const core = base64.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    encoded.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  const forms = new Set([value, JSON.stringify(value).slice(1, -1)]);
  for (const form of encoded) if (form.length >= MIN_ENCODED_LENGTH && form !== value) forms.add(form);
  return [...forms];
}

/**
 * Every form an Atlassian login's secret takes in text: the token in each of its forms above,
 * `email:token`, and that in base64 as a Basic Authorization header carries it. Longest first, so
 * replacing them in order takes a whole Basic header as one, not around a shorter form inside it.
 */
export function loginSecretForms(login: { email: string; token: string }): string[] {
  const basic = `${login.email}:${login.token}`;
  return [...new Set([Buffer.from(basic).toString('base64'), basic, ...secretForms(login.token)])].filter((form) => form.length > 0).sort((a, b) => b.length - a.length);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
