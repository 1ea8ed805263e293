export { WebTriggerUrls, type WebTriggerTarget } from './web-trigger-urls';
export { WEB_TRIGGER_METHODS, webTriggerPath, webTriggerRequest, type WebTriggerPath, type WebTriggerRequest } from './web-trigger-request';
export { TIMEOUT_STATUS, webTriggerAnswer, type HttpAnswer, type WebTriggerAnswer, type WebTriggerDefinition, type WebTriggerOutput } from './web-trigger-response';
export { MAX_BODY_BYTES, MAX_WAITING, REQUEST_TIMEOUT_MS, WebTriggerServer, type WebTriggerServerOptions } from './web-trigger-server';
