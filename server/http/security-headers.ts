/** Headers that harden every answer, and the policy for the demo pages. */
import type { MiddlewareHandler } from 'hono';
import { answerHeader, onNode } from './node-answer.js';

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
  // Set before the answer is made, so it becomes part of it. On Node it is on the socket's
  // answer whatever the route made; elsewhere an answer made without the context's helpers
  // needs it added afterwards (which copies that Response once).
  answerHeader(c, 'X-Content-Type-Options', 'nosniff');
  await next();
  if (!onNode(c) && !c.res.headers.has('X-Content-Type-Options')) c.header('X-Content-Type-Options', 'nosniff');
};
