/**
 * Which sites may cast votes for a comparison. ALLOWED_ORIGINS only shapes CORS answers, which a
 * browser enforces on reading, not on sending: without this check any page could make its
 * readers' browsers vote. A write from a browser carries `Origin`; it is accepted from the
 * server's own pages, from the comparison's `votes.origins`, from ALLOWED_ORIGINS when that is a
 * list, and from anywhere only when neither is set.
 *
 * The server's own pages are at `publicOrigins` (PUBLIC_ORIGIN) when it is set. Otherwise they are
 * whatever origin names the host the request was sent to, which a site that points its own name
 * at this server's address (DNS rebinding) can also claim over plain HTTP.
 */
import { FEED_ROUTE, LIVE_ROUTE, VOTES_ROUTE } from '../../contract/routes.js';
import type { FeedCatalog, PublishedFeed } from '../feeds.js';

export function writeOriginAllowed(
  origin: string | undefined,
  host: string | undefined,
  feedOrigins: readonly string[] | undefined,
  allowedOrigins: '*' | readonly string[],
  publicOrigins?: readonly string[],
): boolean {
  // No Origin: not a browser's cross-site request. Scripts are met by the token and the limits.
  if (origin === undefined) return true;
  if (feedOrigins?.includes(origin)) return true;
  if (allowedOrigins !== '*' && allowedOrigins.includes(origin)) return true;
  if (publicOrigins ? publicOrigins.includes(origin) : host !== undefined && sameHost(origin, host)) return true;
  return allowedOrigins === '*' && feedOrigins === undefined;
}

function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

export const feedOrigins = (published: PublishedFeed): readonly string[] | undefined => published.feed.votes?.origins;

/**
 * The comparisons any site can vote on: ALLOWED_ORIGINS is `*` and their feed lists no
 * `votes.origins`. The server warns about them at start.
 */
export function openToAnySite(feeds: FeedCatalog, allowedOrigins: '*' | readonly string[]): string[] {
  if (allowedOrigins !== '*') return [];
  return [...feeds.values()].filter((published) => feedOrigins(published) === undefined).map(({ feed }) => feed.id);
}

/** The start-up warning for `openToAnySite`, or undefined when every comparison is guarded. */
export function openVotingWarning(feeds: FeedCatalog, allowedOrigins: '*' | readonly string[]): string | undefined {
  const open = openToAnySite(feeds, allowedOrigins);
  if (open.length === 0) return undefined;
  return (
    `ai-compare server: warning: any web site can cast votes for ${open.join(', ')}: ` +
    'ALLOWED_ORIGINS is * and the feed lists no votes.origins. Set either to the sites that embed it.'
  );
}

/** The paths of a comparison's feed, votes and live results, the id captured. */
const COMPARISON_PATHS = new RegExp(`^(?:${[FEED_ROUTE, VOTES_ROUTE, LIVE_ROUTE].map((route) => route.replace(':id', '([^/]+)')).join('|')})$`);

/**
 * The `votes.origins` of the comparison `path` is about, for CORS answers: a site listed there
 * may read the comparison's feed, its votes and its live results, besides casting votes.
 */
export function votesOriginsFor(feeds: FeedCatalog, path: string): readonly string[] | undefined {
  const encoded = COMPARISON_PATHS.exec(path)?.slice(1).find(Boolean);
  if (!encoded) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  const published = feeds.get(id);
  return published ? feedOrigins(published) : undefined;
}
