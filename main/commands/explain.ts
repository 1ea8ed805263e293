import { explainScope } from '../scopes';
import type { CommandIO } from './command';

/** `anvil explain <scope> [--json]`: what a scope is and lets an app do; exit 1 for a scope the platform rejects. */
export function explain(scope: string, options: { json: boolean }, io: CommandIO): number {
  const explanation = explainScope(scope);
  if (options.json) {
    const { suggestions: _suggestions, ...fields } = explanation;
    io.out(JSON.stringify(fields));
    return explanation.valid ? 0 : 1;
  }
  if (!explanation.valid) {
    io.out(`${scope} is not a scope the platform accepts.${explanation.suggestions.length > 0 ? ` Did you mean: ${explanation.suggestions.join(', ')}?` : ''}`);
    return 1;
  }
  io.out(`${explanation.scope}${explanation.title ? ` — ${explanation.title}` : ''}`);
  io.out(`  ${explanation.description}`);
  io.out(`  product: ${explanation.product}   kind: ${explanation.kind}   power: ${explanation.power}   accepted by ${explanation.operations} REST operation(s)`);
  if (explanation.alternatives.length > 0) io.out(`  equivalent ${explanation.kind === 'classic' ? 'granular' : 'classic'} scopes: ${explanation.alternatives.join(', ')}`);
  return 0;
}
