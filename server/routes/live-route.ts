/** `GET /api/comparisons/{id}/votes/live`: the comparison's public tallies as Server-Sent Events. */
import type { Context, Hono } from 'hono';
import { LIVE_ROUTE } from '../../contract/routes.js';
import type { FeedCatalog } from '../feeds.js';
import { apiError } from '../http/errors.js';
import type { LiveTallies } from '../live/live-tallies.js';

export function registerLiveRoute(
  app: Hono,
  { feeds, live, clientKey }: { feeds: FeedCatalog; live: LiveTallies; clientKey: (c: Context) => string },
): void {
  app.get(LIVE_ROUTE, (c) => {
    const published = feeds.get(c.req.param('id') ?? '');
    if (!published) return apiError(c, 'not-found', 'There is no comparison with this id.');
    // A HEAD (which routes here as a GET) gets the headers alone: a stream opened for it would
    // never be read or closed, and would hold one of the server's stream places.
    if (c.req.method === 'HEAD') return c.body(null, 200, STREAM_HEADERS);
    const opened = live.open(published.feed.id, published.toolIds, clientKey(c));
    if (!opened.ok) {
      return opened.reason === 'client-full'
        ? apiError(c, 'rate-limited', 'Too many live streams from this address.', { 'Retry-After': '60' })
        : apiError(c, 'unavailable', 'This server follows as many live streams as it can.', { 'Retry-After': '30' });
    }
    return c.body(opened.stream, 200, STREAM_HEADERS);
  });
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store',
  // Proxies that buffer answers (nginx) would hold events back.
  'X-Accel-Buffering': 'no',
};
