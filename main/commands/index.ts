export { CommandError, processIO, type CommandIO } from './command';
export { serve, type ServeOptions } from './serve';
