/**
 * CORS for the API: widgets on other sites call it from the browser. No cookies are involved, so
 * `Access-Control-Allow-Credentials` is never sent.
 */
import type { MiddlewareHandler } from 'hono';
import { VOTE_TOKEN_HEADER, VOTER_HEADER } from '../../contract/vote-api.js';
import { answerHeader, onNode, requestHeader } from './node-answer.js';

export const CORS_METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * `originsFor(path)` adds the sites one comparison allows (its feed's `votes.origins`) to the
 * server-wide list for that comparison's vote route.
 */
export function cors(
  allowedOrigins: '*' | readonly string[],
  originsFor: (path: string) => readonly string[] | undefined = () => undefined,
): MiddlewareHandler {
  const allowOrigin = (origin: string | undefined, path: string): string | undefined => {
    if (allowedOrigins === '*') return '*';
    if (origin === undefined) return undefined;
    return allowedOrigins.includes(origin) || originsFor(path)?.includes(origin) ? origin : undefined;
  };

  return async (c, next) => {
    // Set before the answer is made, so they are part of it (set afterwards, each header would
    // copy the whole finished Response); on Node, straight on its answer.
    // A refused origin simply gets no Allow-Origin; the browser then withholds the answer.
    const origin = allowOrigin(requestHeader(c, 'origin'), c.req.path);
    if (origin !== undefined) answerHeader(c, 'Access-Control-Allow-Origin', origin);
    // With an allow-list the answer depends on Origin, so shared caches must keep them apart.
    // On Node it goes on Node's response, where a route's own Vary joins it (`plainAnswer`).
    if (allowedOrigins !== '*') {
      if (onNode(c)) answerHeader(c, 'Vary', 'Origin');
      else c.header('Vary', 'Origin', { append: true });
    }
    if (c.req.method !== 'OPTIONS') {
      // Lets the widget read how long to back off after a 429, and the token its writes echo.
      answerHeader(c, 'Access-Control-Expose-Headers', `Retry-After, ${VOTE_TOKEN_HEADER}`);
      await next();
      // Elsewhere a route that sets its own Vary replaces the one set here.
      if (allowedOrigins !== '*' && !onNode(c) && !/\bOrigin\b/i.test(c.res.headers.get('Vary') ?? '')) {
        c.header('Vary', 'Origin', { append: true });
      }
      return;
    }
    c.header('Access-Control-Allow-Methods', CORS_METHODS);
    c.header('Access-Control-Allow-Headers', `content-type, ${VOTE_TOKEN_HEADER.toLowerCase()}, ${VOTER_HEADER.toLowerCase()}`);
    c.header('Access-Control-Max-Age', '86400');
    return c.body(null, 204);
  };
}
