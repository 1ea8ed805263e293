export { listBases, saveSnapshot } from './consent-bases';
export { previewConsent, type PreviewOptions } from './preview';
export { CONSENT_FORMATS, renderConsent, type ConsentFormat } from './render-format';
export { consentHtml } from './render-html';
export { consentJson } from './render-json';
export { consentMarkdown } from './render-markdown';
export { consentText } from './render-text';
export { versionChange } from './version-change';
