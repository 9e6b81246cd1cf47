/** Who is asking, for rate limiting: the peer address of the TCP connection. */
import { isIPv6 } from 'node:net';
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';

/**
 * Forwarded headers are ignored on purpose: any client can write them, and this server is meant
 * to face browsers directly. Behind a proxy every request shares the proxy's bucket, which fails
 * safe (stricter), never open.
 */
export function clientKey(c: Context): string {
  // `app.request()` in tests runs without Node bindings.
  const bindings = c.env as Partial<HttpBindings> | undefined;
  const address = bindings?.incoming?.socket.remoteAddress;
  if (!address) return 'unknown';
  return normalize(address);
}

/**
 * IPv4-mapped addresses count as IPv4. An IPv6 client usually owns a whole /64 and can pick any
 * address in it, so the /64 prefix is the client.
 */
export function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
