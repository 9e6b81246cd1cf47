/**
 * The headers every answer carries: `X-Content-Type-Options: nosniff` (browsers trust the
 * declared type: a JSON answer is never run as a script) and, on the API, CORS (widgets on other
 * sites call it from the browser; no cookies are involved, so never `Allow-Credentials`).
 *
 * They wrap the app's `fetch` rather than being middlewares: on Node they go straight on the
 * socket's response before the app runs, so the busiest answers pay for no extra step of the
 * middleware chain (two such steps cost the cached public tallies a tenth of their throughput).
 * In-process (`app.request()`: tests, tools) they are added to the answer the app made. Either
 * way a header of the same name that the route set itself wins, and a route's own `Vary` is
 * joined, not replaced. They belong to this app's `fetch`: serve the app through it (as
 * `server/start.ts` does) rather than mounting its routes inside another Hono app.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context, Hono } from 'hono';
import { getPath } from 'hono/utils/url';
import { VOTE_TOKEN_HEADER, VOTER_HEADER } from '../../contract/vote-api.js';

export const CORS_METHODS = 'GET, POST, DELETE, OPTIONS';

export interface CorsPolicy {
  /** Sites that may call the API from the browser, or `*` for any. */
  allowedOrigins: '*' | readonly string[];
  /** The sites one comparison allows (its feed's `votes.origins`), by API path. */
  originsFor?: (path: string) => readonly string[] | undefined;
}

/** Whether `path` is on the API (which answers JSON and carries CORS). */
export const isApi = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Adds the answer headers to `app` (every request through its `fetch`, `app.request()` included)
 * and answers CORS preflights on the API.
 */
export function withAnswerHeaders(app: Hono, { allowedOrigins, originsFor = () => undefined }: CorsPolicy): void {
  const allowOrigin = (origin: string | undefined, path: string): string | undefined => {
    if (allowedOrigins === '*') return '*';
    if (origin === undefined) return undefined;
    return allowedOrigins.includes(origin) || originsFor(path)?.includes(origin) ? origin : undefined;
  };

  /** Calls `set` for each header the answer to this request carries. */
  const headersFor = (method: string, path: string, origin: string | undefined, set: (name: string, value: string) => void) => {
    set('X-Content-Type-Options', 'nosniff');
    if (!isApi(path)) return;
    // A refused origin simply gets no Allow-Origin; the browser then withholds the answer.
    const allowed = allowOrigin(origin, path);
    if (allowed !== undefined) set('Access-Control-Allow-Origin', allowed);
    // With an allow-list the answer depends on Origin, so shared caches must keep them apart.
    if (allowedOrigins !== '*') set('Vary', 'Origin');
    // Lets the widget read how long to back off after a 429, and the token its writes echo.
    if (method !== 'OPTIONS') set('Access-Control-Expose-Headers', `Retry-After, ${VOTE_TOKEN_HEADER}`);
  };

  // Preflights are a route of their own, ahead of every other API route.
  app.options('/api/*', (c: Context) =>
    c.body(null, 204, {
      'Access-Control-Allow-Methods': CORS_METHODS,
      'Access-Control-Allow-Headers': `content-type, ${VOTE_TOKEN_HEADER.toLowerCase()}, ${VOTER_HEADER.toLowerCase()}`,
      'Access-Control-Max-Age': '86400',
    }),
  );

  /** In-process: the headers join the answer the app made. */
  const addTo = async (request: Request, answered: Response | Promise<Response>): Promise<Response> => {
    const response = await answered;
    const added: [string, string][] = [];
    headersFor(request.method, getPath(request), request.headers.get('origin') ?? undefined, (name, value) => {
      const own = response.headers.get(name);
      if (name === 'Vary') {
        if (own === null || !/\bOrigin\b/i.test(own)) added.push([name, own === null ? value : `${own}, ${value}`]);
      } else if (own === null) added.push([name, value]);
    });
    if (!added.length) return response;
    // An answer made by `fetch()` has immutable headers: copy the answer.
    const copy = new Response(response.body, response);
    for (const [name, value] of added) copy.headers.set(name, value);
    return copy;
  };

  const dispatch = app.fetch;
  app.fetch = (request, env, ...rest) => {
    const { incoming, outgoing } = (env ?? {}) as Partial<HttpBindings>;
    if (!incoming || !outgoing) return addTo(request, dispatch(request, env, ...rest));
    // On Node, straight on the socket's response: Node merges them with the headers of the
    // answer the app makes, where a route's own `Vary` is joined to this one (`plainAnswer`).
    // The path as Hono routes it (dot segments resolved, escapes decoded as for routing).
    headersFor(incoming.method ?? 'GET', getPath(request), incoming.headers.origin, (name, value) => outgoing.setHeader(name, value));
    return dispatch(request, env, ...rest);
  };
}
