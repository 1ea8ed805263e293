/** Environments: custom ones, variables, deployed versions and what each installation approved (step 3 of the migrations). */
export const ENVIRONMENT_TABLES = `
  CREATE TABLE custom_environment (key TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
  CREATE TABLE env_variable (
    environment TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT,
    secret INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (environment, key)
  ) WITHOUT ROWID;
  CREATE TABLE deployment (
    environment TEXT NOT NULL,
    version INTEGER NOT NULL,
    major INTEGER NOT NULL,
    minor INTEGER NOT NULL,
    manifest TEXT NOT NULL,
    reasons TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (environment, version)
  );
  CREATE TABLE installation_state (
    environment TEXT NOT NULL,
    installation TEXT NOT NULL,
    approved_version INTEGER,
    log_access INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (environment, installation)
  ) WITHOUT ROWID;`;
