import type { ConsentPreview } from '../../common/types';
import { consentHtml } from './render-html';
import { consentJson } from './render-json';
import { consentMarkdown } from './render-markdown';
import { consentText } from './render-text';

/** The formats `anvil consent --format` prints. */
export type ConsentFormat = 'text' | 'markdown' | 'json' | 'html';

/** Every format, in the order the help lists them; the command line checks `--format` against it. */
export const CONSENT_FORMATS: readonly ConsentFormat[] = ['text', 'markdown', 'json', 'html'];

/** One consent preview in the format asked for; JSON is indented by two spaces. */
export function renderConsent(preview: ConsentPreview, format: ConsentFormat): string {
  switch (format) {
    case 'text':
      return consentText(preview);
    case 'markdown':
      return consentMarkdown(preview);
    case 'json':
      return JSON.stringify(consentJson(preview), null, 2);
    case 'html':
      return consentHtml(preview);
  }
}
