/** `GET /feed.schema.json`: the feed format's JSON Schema, for editors, from any origin. */
import type { Hono } from 'hono';
import { FEED_SCHEMA_PATH } from '../../contract/routes.js';
import { feedJsonSchema } from '../../contract/feed-schema.js';
import { sendVariants, Variants } from '../http/compression.js';

export function registerSchemaRoute(app: Hono): void {
  // Compressed once, on first request, like the feeds.
  const body = new Variants(new TextEncoder().encode(`${JSON.stringify(feedJsonSchema(), null, 2)}\n`));
  app.get(FEED_SCHEMA_PATH, (c) =>
    sendVariants(c, body, {
      'Content-Type': 'application/schema+json; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    }),
  );
}
