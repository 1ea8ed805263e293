import { fields, required, string, validate, type Infer, type Validated } from '../contract';

/**
 * An Atlassian account as the keychain holds it, in Anvil's vault and in the Forge CLI's entry:
 * JSON `{"email", "token"}`. The keychain is shared with every program of the user, so the value is
 * checked before it is used; other fields (the CLI may add some) are ignored.
 */
const atlassianLogin = fields({ email: required(string()), token: required(string()) });

export type AtlassianLogin = Infer<typeof atlassianLogin>;

/** The email and API token in a keychain value, or what is wrong with it (naming a field, never quoting the value). */
export function parseAtlassianLogin(value: string): Validated<AtlassianLogin> {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    // JSON.parse's own message quotes the text around the error, which here is a secret.
    return { ok: false, problem: 'it is not JSON' };
  }
  const parsed = validate(json, atlassianLogin);
  return parsed.ok ? { ok: true, value: { email: parsed.value.email, token: parsed.value.token } } : parsed;
}
