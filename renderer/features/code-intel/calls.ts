import type { AnvilBridge } from '../../../common/api';

export type { AppSearchMatch, AppSearchResult } from '../../../common/types';

/** The calls code intelligence makes: searching the app's files, and finding where a handler is written. */
export type CodeIntelCalls = Pick<AnvilBridge, 'searchAppFiles' | 'locateHandler'>;

export function codeIntelCalls(bridge: AnvilBridge): CodeIntelCalls {
  return bridge;
}
