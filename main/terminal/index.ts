export { terminalEnvironment } from './terminal-environment';
export { MAX_TERMINALS, TerminalSessions, type OutputFilter, type TerminalCommand, type TerminalEvents } from './terminal-sessions';
