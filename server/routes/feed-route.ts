/** `GET /api/comparisons/{id}`: a feed exactly as published, cacheable, revalidatable, compressed. */
import type { Hono } from 'hono';
import { FEED_ROUTE } from '../../contract/routes.js';
import type { FeedCatalog, PublishedFeed } from '../feeds.js';
import { matchesEtag, sendVariants, Variants } from '../http/compression.js';
import { apiError } from '../http/errors.js';
import { requestHeader } from '../http/node-answer.js';

/** Compressed copies per published version; a replaced version's copies go with it. */
const variantsOf = new WeakMap<PublishedFeed, Variants>();

function variants(published: PublishedFeed): Variants {
  let found = variantsOf.get(published);
  if (!found) {
    found = new Variants(published.bytes);
    variantsOf.set(published, found);
  }
  return found;
}

export function registerFeedRoute(app: Hono, feeds: FeedCatalog): void {
  app.get(FEED_ROUTE, (c) => {
    const published = feeds.get(c.req.param('id'));
    if (!published) return apiError(c, 'not-found', 'There is no comparison with this id.');
    const headers = {
      ETag: published.etag,
      'Cache-Control': 'public, max-age=60',
    };
    if (matchesEtag(requestHeader(c, 'if-none-match'), published.etag)) {
      return sendVariants(c, variants(published), headers, 304);
    }
    return sendVariants(c, variants(published), { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });

  app.all(FEED_ROUTE, (c) =>
    apiError(c, 'method-not-allowed', 'A feed can only be read (GET).', { Allow: 'GET, HEAD, OPTIONS' }),
  );
}
