export { terminalEnvironment } from './terminal-environment';
export { MAX_TERMINALS, TerminalSessions, type TerminalEvents } from './terminal-sessions';
