/**
 * One log line per request: method, path (never the query, which can carry a voter id),
 * status and milliseconds.
 */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../log.js';

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      logger.info('request', {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}
