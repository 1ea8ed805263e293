export { AnvilError, toErrorInfo } from './errors';
export { dispatchCall, isCallName } from './dispatch';
