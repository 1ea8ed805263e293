export { ForgeSql, EXECUTE_DDL_PATH, EXECUTE_PATH, type EngineSource, type ForgeSqlAnswer, type ForgeSqlOptions, type ForgeSqlRequest, type SqlTenant } from './forge-sql';
export { FORGE_SQL_LIMITS, type ForgeSqlLimits } from './forge-sql-limits';
export { LocalEngine, EngineUnavailableError, type EngineEndpoint, type LocalEngineOptions } from './local-engine';
export { findEngineBinaries, installHint, type EngineBinaries } from './engine-binary';
export { installationDatabase } from './installation-database';
export { namedServer, type NamedSqlServer } from './named-server';
export { sharedLocalEngine } from './shared-engine';
