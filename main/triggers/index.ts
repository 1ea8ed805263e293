// Triggers: what runs an app without interaction (web triggers, schedules, product events, queues).
export { AppTriggers, LOCAL_APP_ACCOUNT_ID, type AppTriggersOptions } from './app-triggers';
export type { ModuleInvocation, TriggerLogLine } from './types';
