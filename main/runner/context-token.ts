/**
 * The `contextToken` the platform puts beside `context` in the request of a scheduled trigger, a
 * web trigger and the pre-uninstall trigger: a signed JWT whose claims repeat the context. It "has
 * no meaning to an app", so Anvil's is shaped like one (three base64url parts, the context in its
 * claims) but signed by no one; app code that decodes it sees the same context it was given.
 */
export function contextToken(context: { cloudId: string; moduleKey: string | null }): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT', kid: 'anvil-local' })}.${part({ context })}.`;
}
