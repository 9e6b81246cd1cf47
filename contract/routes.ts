/** The reference server's API paths, as route patterns and as URLs built from a comparison id. */

export const FEED_ROUTE = '/api/comparisons/:id';
export const VOTES_ROUTE = '/api/comparisons/:id/votes';

export const feedPath = (comparisonId: string): string => `/api/comparisons/${encodeURIComponent(comparisonId)}`;
export const votesPath = (comparisonId: string): string => `${feedPath(comparisonId)}/votes`;

/** The feed format's JSON Schema (draft 2020-12), for editors and the `$schema` of feeds. */
export const FEED_SCHEMA_PATH = '/feed.schema.json';
