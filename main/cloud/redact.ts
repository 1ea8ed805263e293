import { loginSecretForms } from '../logs';
import type { AtlassianLogin } from '../vault';

/**
 * Text from the platform (an error message) with every form of the login's secret removed: the
 * token in every form the logs redact (JSON, URL-encoded, hex, base64 inside any blob), `email:token`,
 * and its base64 as it travels in the Authorization header. A gateway or proxy
 * that echoes a request must not put the token into a message Anvil shows or logs.
 */
export function withoutSecret(text: string, login: AtlassianLogin): string {
  let result = text;
  for (const form of loginSecretForms(login)) result = result.split(form).join('[redacted]');
  return result;
}

/** A platform message kept short enough for a pane line and a log. */
export function clipped(text: string, max = 300): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
