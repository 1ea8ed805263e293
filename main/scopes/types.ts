/** Product REST APIs an app calls through `requestJira`, `requestConfluence` and `requestBitbucket`. */
export type ProductApi = 'jira' | 'confluence' | 'bitbucket';

/** One REST operation of a product API and the scopes it accepts, as the specs declare them. */
export interface Operation {
  product: ProductApi;
  /** Upper case: GET, POST, PUT, DELETE, PATCH. */
  method: string;
  /** Full path template an app passes, e.g. `/rest/api/3/issue/{issueIdOrKey}` or `/wiki/api/v2/pages/{id}`. */
  path: string;
  /** The classic (Current) set; empty where the spec gives only granular scopes. */
  classic: string[];
  /** The granular set: the Beta alternative, or the requirement itself where Current is already granular. */
  granular: string[];
  deprecated: boolean;
}

/** Either the full classic set or the full granular set satisfies a requirement (the platform's rule). */
export interface ScopeRequirement {
  classic: string[];
  granular: string[];
}
