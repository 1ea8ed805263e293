/**
 * The Content-Security-Policy of the workbench page, in both shells. Scripts and workers only
 * from Anvil itself; no eval; no objects or forms; frames only from the Custom UI preview's own
 * origin (when it runs); network only to what the shell names.
 * Styles allow inline because Monaco and xterm inject <style> elements at run time.
 */
export function workbenchContentSecurityPolicy(connectSources: readonly string[], frameSources: readonly string[] = []): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'worker-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': connectSources.length > 0 ? [...connectSources] : ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-src': frameSources.length > 0 ? [...frameSources] : ["'none'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
