export { AnvilError, toErrorInfo } from './errors';
export { databaseProblem, isDatabaseError } from './database-problem';
export { dispatchCall, isCallName } from './dispatch';
export { anything, boolean, fields, integer, list, literal, nullable, number, object, oneOf, optional, recordOf, required, string, tagged, type Check, type Infer } from './schema';
export { parseJson, passes, validate, type Validated } from './validated';
