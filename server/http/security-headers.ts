/** Headers that harden every answer, and the policy for the demo pages. */
import type { MiddlewareHandler } from 'hono';

/**
 * The demo page proves the widget runs under a strict policy: no inline scripts or styles, no
 * eval, data only from this origin. Images may come from feeds' https logos.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Browsers must trust the declared Content-Type: a JSON answer is never run as a script. */
export const nosniff: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
};
