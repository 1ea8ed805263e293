export { AppRunner, type AppRunnerOptions, type InvocationOrigin, type LogMark, type PlatformCall, type PlatformServices, type ReleaseInfo, type RunOutcome, type RunRequest } from './app-runner';
export type { Installation } from './gateway/installation';
export { jsonResponse, type GatewayResponse } from './gateway/call-record';
export type { CallRecord } from './gateway/call-record';
export { runnableFunctions } from './function-target';
export type { ConnectedAccount, ProviderOptions } from './gateway/provider-gateway';
export { llmOptions } from './llm-settings';
export { sqlEngineChosenLater, sqlEngineFromSettings } from './sql-settings';
export type { LlmEndpoint, LlmOptions } from './gateway/llm-gateway';
