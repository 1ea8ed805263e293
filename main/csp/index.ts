export { workbenchContentSecurityPolicy } from './content-security-policy';
export { contentTypeOf } from './content-types';
