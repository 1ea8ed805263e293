export { RealtimeBroker, type PublishResult, type RealtimeChannel, type RealtimeEvent, type RealtimeRefusal, type RealtimeScope } from './realtime-broker';
export { realtimeContext, REALTIME_CONTEXTS } from './realtime-context';
export { REALTIME_TOKEN_LIFETIME_SECONDS, type RealtimeTokenPermission } from './realtime-token';
