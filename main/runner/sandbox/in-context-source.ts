import { IN_CONTEXT_TEXT_KEY } from './in-context-text-key.mjs';

/**
 * The text the bootstrap evaluates for an in-context function. Read through the intrinsic
 * `Function.prototype.toString`, so it is the function as compiled (types erased), never a
 * `toString` a module could have put on it.
 */
export function inContextSource(fn: (...args: never[]) => unknown): string {
  // A bundle carries the text of the piece compiled on its own, free of the bundler's renaming (in-context-text-plugin.mjs).
  const carried: unknown = Reflect.get(fn, Symbol.for(IN_CONTEXT_TEXT_KEY));
  const text = typeof carried === 'string' ? carried : Function.prototype.toString.call(fn);
  if (!/^function[\s*]/.test(text)) throw new Error(`An in-context piece must be a function declaration or expression, not: ${text.slice(0, 60)}`);
  return text;
}

/** The text of one in-context piece module: its one exported `install…` function. */
export function pieceSource(piece: object): string {
  const exported = Object.entries(piece);
  const installers = exported.filter(([name, value]) => name.startsWith('install') && typeof value === 'function');
  const [installer] = installers;
  if (installer && installers.length === 1) return inContextSource(installer[1] as () => void);
  throw new Error(`An in-context piece must export one install… function; this one exports ${exported.map(([name]) => name).join(', ')}`);
}
