export { AppRunner, type RunOutcome, type RunRequest } from './app-runner';
export type { CallRecord } from './gateway/call-record';
export { runnableFunctions } from './function-target';
