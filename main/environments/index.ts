export { DEFAULT_ENVIRONMENTS, environmentsOf } from './default-environments';
