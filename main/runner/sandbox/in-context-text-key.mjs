// The symbol key (Symbol.for) under which a bundled in-context function carries its own text; shared
// by the build plugin (in-context-text-plugin.mjs) and the bootstrap (in-context-source.ts).
export const IN_CONTEXT_TEXT_KEY = 'anvil.inContextText';
