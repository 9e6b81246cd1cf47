/** The policy for the demo pages (the headers every answer carries are in `answer-headers.ts`). */

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
