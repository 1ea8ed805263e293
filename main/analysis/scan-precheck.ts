import { emptyFacts, type SourceFacts } from './source-facts';
import { SOURCE_FILE_MAX_BYTES } from './source-files';

// Every finder looks for one of these names; a file without any of them has nothing to find.
const MENTIONS_FORGE_API = /\b(?:request(?:Jira|Confluence|Bitbucket)|fetch|kvs|storage|webTrigger|define|makeResolver|invoke|use(?:Issue|Content|Space)Property)\b|@forge\/(?:sql|llm)\b/;

/**
 * The facts of a file that needs no syntax tree (too large, binary, or naming no Forge API), or null when
 * it must be parsed. Kept apart from the parser so most files of an app never load TypeScript.
 */
export function factsWithoutParsing(file: string, text: string): SourceFacts | null {
  if (text.length > SOURCE_FILE_MAX_BYTES || Buffer.byteLength(text, 'utf8') > SOURCE_FILE_MAX_BYTES) {
    return emptyFacts(file, 'larger than 2 MB, not scanned');
  }
  if (text.includes('\0')) return emptyFacts(file, 'binary file, not scanned');
  if (!MENTIONS_FORGE_API.test(text)) return emptyFacts(file);
  return null;
}
