export { AnvilError, toErrorInfo } from './errors';
export { databaseProblem, isDatabaseError } from './database-problem';
export { dispatchCall, isCallName } from './dispatch';
