/** `GET /api/comparisons/{id}`: a feed exactly as published, cacheable and revalidatable. */
import type { Hono } from 'hono';
import { FEED_ROUTE } from '../../contract/routes.js';
import type { FeedCatalog } from '../feeds.js';
import { apiError } from '../http/errors.js';


/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function registerFeedRoute(app: Hono, feeds: FeedCatalog): void {
  app.get(FEED_ROUTE, (c) => {
    const published = feeds.get(c.req.param('id'));
    if (!published) return apiError(c, 'not-found', 'There is no comparison with this id.');
    const headers = {
      ETag: published.etag,
      'Cache-Control': 'public, max-age=60',
    };
    if (matchesEtag(c.req.header('if-none-match'), published.etag)) return c.body(null, 304, headers);
    return c.body(published.bytes, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.all(FEED_ROUTE, (c) =>
    apiError(c, 'method-not-allowed', 'A feed can only be read (GET).', { Allow: 'GET, HEAD, OPTIONS' }),
  );
}
