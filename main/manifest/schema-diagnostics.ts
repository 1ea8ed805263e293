import type { Diagnostic } from '../../common/types';
import { manifestDiagnostic, keyNodeAt, type ParsedManifest } from './parsed-manifest';
import type { SchemaViolation } from './schema-validator';

// Keywords that only say "none of the alternatives fit"; the alternatives' own errors say why.
const COMBINATOR_KEYWORDS = new Set(['anyOf', 'oneOf', 'if', 'then', 'else', 'not']);
const PREFERRED_KEYWORDS = ['required', 'additionalProperties', 'enum', 'const', 'type', 'pattern', 'maxLength', 'minLength', 'minItems', 'maxItems', 'minimum', 'maximum'];
const MAX_PER_PLACE = 2;

/** Turn schema violations into diagnostics at the exact YAML node, with messages that say what to write. */
export function schemaDiagnostics(parsed: ParsedManifest, violations: readonly SchemaViolation[]): Diagnostic[] {
  const meaningful = violations.some((violation) => !COMBINATOR_KEYWORDS.has(violation.keyword)) ? violations.filter((violation) => !COMBINATOR_KEYWORDS.has(violation.keyword)) : violations;
  const byPlace = new Map<string, SchemaViolation[]>();
  for (const violation of meaningful) {
    const list = byPlace.get(violation.instancePath) ?? [];
    list.push(violation);
    byPlace.set(violation.instancePath, list);
  }
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const [instancePath, list] of byPlace) {
    const ranked = [...list].sort((a, b) => rank(a.keyword) - rank(b.keyword));
    for (const violation of ranked.slice(0, MAX_PER_PLACE)) {
      const path = pointerToPath(instancePath);
      const message = describe(parsed, path, violation);
      if (seen.has(message)) continue;
      seen.add(message);
      const node = violation.keyword === 'additionalProperties' ? keyNodeAt(parsed, path, String(violation.params.additionalProperty)) : parsed.nodeAt(path);
      diagnostics.push(manifestDiagnostic('error', `schema-${violation.keyword}`, message, parsed.rangeOf(node ?? parsed.nodeAt(path.slice(0, -1)))));
    }
  }
  return diagnostics;
}

function rank(keyword: string): number {
  const index = PREFERRED_KEYWORDS.indexOf(keyword);
  return index === -1 ? PREFERRED_KEYWORDS.length : index;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `modules.function[0] (resolver).handler`: a path a developer can find in the file. */
function describePath(parsed: ParsedManifest, path: readonly (string | number)[]): string {
  if (path.length === 0) return 'The manifest';
  let text = '';
  let value: unknown = parsed.value;
  for (const step of path) {
    value = value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[step] : undefined;
    if (typeof step === 'number') {
      const key = value !== null && typeof value === 'object' ? (value as { key?: unknown }).key : undefined;
      text += `[${step}]${typeof key === 'string' ? ` (${key})` : ''}`;
    } else {
      text += text === '' ? step : `.${step}`;
    }
  }
  return text;
}

function describe(parsed: ParsedManifest, path: readonly (string | number)[], violation: SchemaViolation): string {
  const where = describePath(parsed, path);
  const params = violation.params;
  switch (violation.keyword) {
    case 'required':
      return `${where} is missing the required key "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has an unknown key "${String(params.additionalProperty)}"; check its spelling against the manifest reference, or remove it`;
    case 'enum':
      return `${where} must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'const':
      return `${where} must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `${where} must be ${String(params.type).replace(',', ' or ')}`;
    case 'pattern':
      return `${where} must match the pattern ${String(params.pattern)}`;
    default:
      return `${where} ${violation.message}`;
  }
}
