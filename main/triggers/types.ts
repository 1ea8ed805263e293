import type { RunOutcome } from '../runner';

/** One invocation of a module's function the way the platform would make it (no resolver wrapping). */
export interface ModuleInvocation {
  /** The key of the calling module (webtrigger, scheduledTrigger, trigger, consumer). */
  moduleKey: string;
  environment: string;
  /** Installation name; the environment's first (built-in) installation when absent. */
  installation?: string;
  /** The first argument the function receives, exactly as the platform would send it. */
  payload: unknown;
  /** Merged into the second argument (the backend context). */
  context?: Record<string, unknown>;
}

/** Runs a module's function in the local sandboxed runner (implemented by AppRunner.invokeModule). */
export type InvokeModule = (invocation: ModuleInvocation) => Promise<RunOutcome>;

/** A line a trigger writes about delivery (not app output): why an event was not delivered, a bad web trigger response… */
export interface TriggerLogLine {
  level: 'info' | 'warn' | 'error';
  /** The module the line is about. */
  moduleKey: string;
  /** The invocation it belongs to, when there was one. */
  invocationId: string | null;
  message: string;
  /** Set by sources that serve several environments at once (the web trigger server). */
  environment?: string;
}

export type TriggerLog = (line: TriggerLogLine) => void;
