/** Protocols the platform never allows in egress entries (FACTS §1.3). */
const BLOCKED_PROTOCOLS = ['javascript', 'data', 'vbscript', 'view-source', 'resource', 'about', 'chrome', 'livescript', 'mocha', 'file', 'mhtml', 'smb'];
const HOST_PATTERN = /^(\*\.)?[.a-zA-Z0-9_\-/:~#%?=&]+$/;
/** The platform's own length cap on an egress address. */
export const MAX_EGRESS_ADDRESS_LENGTH = 1000;

export type EgressAddress =
  | { ok: true; protocol: 'https' | 'wss'; host: string; path: string | null; global: boolean }
  | { ok: false; problem: 'blocked-protocol' | 'unsupported-protocol' | 'malformed' | 'too-long'; detail: string };

/** Read an egress address the way the platform does: a bare domain means https://. */
export function parseEgressAddress(address: string): EgressAddress {
  const trimmed = address.trim();
  if (trimmed.length > MAX_EGRESS_ADDRESS_LENGTH) return { ok: false, problem: 'too-long', detail: `${trimmed.length} characters` };
  if (trimmed === '*') return { ok: true, protocol: 'https', host: '*', path: null, global: true };
  const protocolMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(trimmed);
  let rest = trimmed;
  let protocol: 'https' | 'wss' = 'https';
  if (protocolMatch && !/^[^:]+:\d/.test(trimmed)) {
    const name = protocolMatch[1]!.toLowerCase();
    if (BLOCKED_PROTOCOLS.includes(name)) return { ok: false, problem: 'blocked-protocol', detail: `${name}:` };
    if (name !== 'https' && name !== 'wss') return { ok: false, problem: 'unsupported-protocol', detail: `${name}:` };
    protocol = name;
    rest = trimmed.slice(protocolMatch[0].length).replace(/^\/\//, '');
  }
  const slash = rest.indexOf('/');
  const hostPart = (slash === -1 ? rest : rest.slice(0, slash)).replace(/:\d+$/, '').toLowerCase();
  const path = slash === -1 ? null : rest.slice(slash);
  if (hostPart === '' || !HOST_PATTERN.test(hostPart) || hostPart.includes('*', 1)) return { ok: false, problem: 'malformed', detail: hostPart || trimmed };
  return { ok: true, protocol, host: hostPart, path: path && path !== '/' ? path : null, global: false };
}

/** Whether a declared host covers a called host. `*.x.com` covers subdomains of x.com but not x.com itself. */
export function hostCovers(declared: string, host: string): boolean {
  if (declared === '*') return true;
  if (declared.startsWith('*.')) return host.endsWith(declared.slice(1)) && host.length > declared.length - 1;
  return declared === host;
}
