export { memorySettings } from './memory-settings';
export { sampleAppCopy, scratchFolder } from './scratch';
export { addFiles, oneFunctionManifest, smallApp } from './small-app';
export { filesUnder } from './files-under';
export { noisyApp } from './noisy-app';
export { capturedIO } from './captured-io';
export {
  startForgePlatformStandIn,
  STAND_IN_APP_ID,
  type ForgePlatformStandIn,
  type RecordedRequest,
  type StandInApp,
  type StandInFailure,
  type StandInLogLine,
  type StandInVersion,
  type StandInOptions,
} from './forge-platform-stand-in';
export { DEVELOPMENT_ENVIRONMENT_ID, sampleCloudApp, sampleLogLines, STAGING_ENVIRONMENT_ID, STAND_IN_LOGIN } from './forge-platform-sample';
export { standInLoginEnv } from './stand-in-login-env';
export { cliQuery, forgeCliReferenceFile } from './forge-cli-reference';
export { parseOperation, project, type ParsedOperation, type Selection } from './graphql-selection';
export { declaredVariables, leafPaths, schemaTypes, unknownPaths, type SchemaTypes } from './graphql-schema-types';
export { ManualTimers } from './manual-timers';
export { writeFakeForgeCli, type FakeForgeBehaviour, type FakeForgeCall, type FakeForgeCli } from './fake-forge-cli';
