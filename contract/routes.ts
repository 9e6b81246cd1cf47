/** The reference server's API paths, as route patterns and as URLs built from a comparison id. */

export const FEED_ROUTE = '/api/comparisons/:id';
export const VOTES_ROUTE = '/api/comparisons/:id/votes';

export const feedPath = (comparisonId: string): string => `/api/comparisons/${encodeURIComponent(comparisonId)}`;
export const votesPath = (comparisonId: string): string => `${feedPath(comparisonId)}/votes`;

/** Live tallies of a comparison as Server-Sent Events, beside its votes. */
export const LIVE_ROUTE = `${VOTES_ROUTE}/live`;

/** The live stream of a vote endpoint: its path plus `/live`, query kept. */
export function liveUrl(endpoint: string): string {
  const url = new URL(endpoint);
  url.pathname = `${url.pathname.replace(/\/$/, '')}/live`;
  return url.href;
}

/** The feed format's JSON Schema (draft 2020-12), for editors and the `$schema` of feeds. */
export const FEED_SCHEMA_PATH = '/feed.schema.json';
