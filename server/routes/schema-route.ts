/** `GET /feed.schema.json`: the feed format's JSON Schema, for editors, from any origin. */
import type { Hono } from 'hono';
import { FEED_SCHEMA_PATH } from '../../contract/routes.js';
import { feedJsonSchema } from '../../contract/feed-schema.js';

export function registerSchemaRoute(app: Hono): void {
  const body = `${JSON.stringify(feedJsonSchema(), null, 2)}\n`;
  app.get(FEED_SCHEMA_PATH, (c) =>
    c.body(body, 200, {
      'Content-Type': 'application/schema+json; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    }),
  );
}
