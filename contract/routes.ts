/** The reference server's API paths, as route patterns and as URLs built from a comparison id. */

export const FEED_ROUTE = '/api/comparisons/:id';
export const VOTES_ROUTE = '/api/comparisons/:id/votes';

export const feedPath = (comparisonId: string): string => `/api/comparisons/${encodeURIComponent(comparisonId)}`;
export const votesPath = (comparisonId: string): string => `${feedPath(comparisonId)}/votes`;
