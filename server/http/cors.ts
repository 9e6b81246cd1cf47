/**
 * CORS for the API: widgets on other sites call it from the browser. No cookies are involved, so
 * `Access-Control-Allow-Credentials` is never sent.
 */
import type { MiddlewareHandler } from 'hono';

export const CORS_METHODS = 'GET, POST, DELETE, OPTIONS';

export function cors(allowedOrigins: '*' | readonly string[]): MiddlewareHandler {
  const allowOrigin = (origin: string | undefined): string | undefined => {
    if (allowedOrigins === '*') return '*';
    return origin !== undefined && allowedOrigins.includes(origin) ? origin : undefined;
  };

  return async (c, next) => {
    const preflight = c.req.method === 'OPTIONS';
    if (!preflight) await next();
    // A refused origin simply gets no Allow-Origin; the browser then withholds the answer.
    const origin = allowOrigin(c.req.header('origin'));
    if (origin !== undefined) c.header('Access-Control-Allow-Origin', origin);
    // With an allow-list the answer depends on Origin, so shared caches must keep them apart.
    if (allowedOrigins !== '*') c.header('Vary', 'Origin', { append: true });
    if (!preflight) {
      // Lets the widget read how long to back off after a 429.
      c.header('Access-Control-Expose-Headers', 'Retry-After');
      return;
    }
    c.header('Access-Control-Allow-Methods', CORS_METHODS);
    c.header('Access-Control-Allow-Headers', 'content-type');
    c.header('Access-Control-Max-Age', '86400');
    return c.body(null, 204);
  };
}
