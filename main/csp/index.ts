export { workbenchContentSecurityPolicy } from './content-security-policy';
