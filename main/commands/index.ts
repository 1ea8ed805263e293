export { CommandError, processIO, type CommandIO } from './command';
export { explain } from './explain';
export { lint } from './lint';
export { serve, type ServeOptions } from './serve';
export { consent, parseConsentBase, parseConsentFormat } from './consent';
export { readStandardInput, vault } from './vault';
export { run } from './run';
export { trigger } from './trigger';
export { webtrigger } from './webtrigger';
