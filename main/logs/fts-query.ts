/** A character the index tokenizer (unicode61) keeps inside a word; everything else separates words. */
const WORD_CHAR = /[\p{L}\p{N}\p{Co}]/u;
const ENDS_IN_WORD_CHAR = /[\p{L}\p{N}\p{Co}]$/u;

/**
 * Turn what a developer typed into a safe FTS5 MATCH expression, or null when it holds no word to
 * look for. Every term becomes a quoted string (its quotes doubled), so FTS5 operators (AND, OR,
 * NOT, NEAR, -, ^, :, parentheses) are only ever words and no input can make MATCH throw.
 *   - words are all required, in any order;
 *   - "two words" (balanced quotes) must be adjacent, in that order;
 *   - a trailing * matches a prefix (`fetch*`);
 *   - punctuation inside a term separates words that must be adjacent (`PROJ-12` → "proj" "12").
 */
export function toFtsQuery(text: string): string | null {
  const parts: string[] = [];
  // A quoted phrase (with an optional * after it), or a run of non-space characters.
  const term = /"([^"]*)"(\*?)|(\S+)/g;
  // A NUL would end the query string inside FTS5 ("unterminated string"); it is never part of a word.
  for (const match of text.replace(/\0/g, ' ').matchAll(term)) {
    const [, phrase, phraseStar, word] = match;
    const raw = phrase ?? word ?? '';
    let prefix = phraseStar === '*';
    let body = raw;
    if (word !== undefined && word.endsWith('*')) {
      body = word.replace(/\*+$/, '');
      prefix = true;
    }
    // A term of punctuation only would be an empty phrase, which FTS5 treats as matching nothing.
    if (!WORD_CHAR.test(body)) continue;
    // Prefix only after a word character: `"foo-"*` would ask for a prefix of the punctuation.
    parts.push(`"${body.replace(/"/g, '""')}"${prefix && ENDS_IN_WORD_CHAR.test(body) ? '*' : ''}`);
  }
  return parts.length === 0 ? null : parts.join(' ');
}
