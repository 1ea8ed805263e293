export { customUiCsp, type CspSource, type CustomUiCsp } from './custom-ui-csp';
export { explainViolation, manifestEntryFor, parseCspReport, type CspViolationReport } from './explain-violation';
export { PreviewServer, type PreviewResource, type PreviewServerOptions, type PreviewViolation } from './preview-server';
export { bridgeScript, injectBridgeTag } from './bridge-script';
export { previewModules } from './preview-modules';
export { previewSite } from './preview-site';
export { resourceFolder } from './resource-folder';
export { moduleResolverCall } from './module-resolver';
export { PreviewRealtime, REALTIME_BRIDGE_CALLS, GLOBAL_CHANNEL_SCOPE, type PreviewRealtimeSession } from './preview-realtime';
