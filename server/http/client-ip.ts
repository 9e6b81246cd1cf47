/**
 * Who is asking, for rate limiting. By default the peer address of the TCP connection: forwarded
 * headers can be written by anyone, so they are believed only when `TRUST_PROXY` says which
 * peers are proxies (behind a proxy, every reader would otherwise share the proxy's address).
 */
import { BlockList, isIP, isIPv6 } from 'node:net';
import type { Context } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import type { ProxyHeader, TrustProxy } from '../config.js';
import { requestHeader } from './node-answer.js';

/** The address of the socket's other end: the client, or the last proxy. */
function peerAddress(c: Context): string | undefined {
  // `app.request()` in tests runs without Node bindings unless a test passes them.
  const bindings = c.env as Partial<HttpBindings> | undefined;
  const address = bindings?.incoming?.socket?.remoteAddress;
  return address ? unmapped(address) : undefined;
}

/** IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are the IPv4 address they carry. */
function unmapped(address: string): string {
  return /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;
}

/**
 * One `for=` or list entry as a bare address, or undefined when it is not one: strips quotes,
 * IPv6 brackets and ports (`"[2001:db8::1]:4711"`, `192.0.2.1:80`). `unknown` and obfuscated
 * identifiers (RFC 7239 §6) are not addresses.
 */
export function bareAddress(entry: string): string | undefined {
  let text = entry.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  return isIP(text) ? unmapped(text) : undefined;
}

/** The addresses a chain of proxies recorded, client first; undefined marks a bad entry. */
export function forwardedChain(header: ProxyHeader, value: string | undefined): (string | undefined)[] {
  if (!value) return [];
  if (header === 'x-forwarded-for') return value.split(',').map(bareAddress);
  // `Forwarded: for=192.0.2.60;proto=http, for="[2001:db8::17]"`: one element per proxy.
  return value.split(',').map((element) => {
    const pair = element
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.toLowerCase().startsWith('for='));
    return pair === undefined ? undefined : bareAddress(pair.slice('for='.length));
  });
}

function blockList(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, bits] = range.split('/');
    const type = isIPv6(address) ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(bits), type);
  }
  return list;
}

/**
 * Compiles the proxy settings into a function from a request's peer address and forwarded
 * header to its client address. Walking from the server outwards, each address that is a
 * trusted proxy hands over to the one it reports, and the first that is not trusted is the
 * client: entries a client writes itself sit further out than that, so they are never reached.
 */
export function clientResolver(trust: TrustProxy, header: ProxyHeader): (peer: string, headerValue?: string) => string {
  const resolve = resolverFor(trust, header);
  return (peer, headerValue) => resolve(unmapped(peer), headerValue);
}

function resolverFor(trust: TrustProxy, header: ProxyHeader): (peer: string, headerValue?: string) => string {
  if (trust.kind === 'off') return (peer) => peer;
  if (trust.kind === 'hops') {
    // `hops` proxies: the address the outermost one saw is `hops` entries in from the right.
    // A missing or malformed entry there means the request did not come through them all.
    return (peer, headerValue) => {
      const chain = forwardedChain(header, headerValue);
      const index = chain.length - trust.hops;
      return (index >= 0 ? chain[index] : undefined) ?? peer;
    };
  }
  const trusted = blockList(trust.ranges);
  // A range check costs more than the rest of a cached read; the addresses that ask are mostly
  // the same few proxies, so each one's answer is kept (in a bounded map: clients pick addresses).
  const known = new Map<string, boolean>();
  const isTrusted = (address: string) => {
    let answer = known.get(address);
    if (answer === undefined) {
      answer = trusted.check(address, isIPv6(address) ? 'ipv6' : 'ipv4');
      if (known.size >= 10_000) known.clear();
      known.set(address, answer);
    }
    return answer;
  };
  return (peer, headerValue) => {
    if (!isTrusted(peer)) return peer;
    const chain = forwardedChain(header, headerValue);
    let client = peer;
    for (let index = chain.length - 1; index >= 0 && isTrusted(client); index--) {
      const next = chain[index];
      // A trusted proxy that wrote garbage: its own address is the best we know.
      if (next === undefined) break;
      client = next;
    }
    return client;
  };
}

/**
 * The client key of a request (its address through the trusted proxies, `normalize`d), worked
 * out when a route first asks: the public reads, which never need it, pay nothing for it.
 */
export function clientKeys(trust: TrustProxy, header: ProxyHeader): (c: Context) => string {
  const resolve = clientResolver(trust, header);
  const known = new WeakMap<Context, string>();
  return (c) => {
    let key = known.get(c);
    if (key === undefined) {
      const peer = peerAddress(c);
      key = peer === undefined ? 'unknown' : normalize(resolve(peer, requestHeader(c, header)));
      known.set(c, key);
    }
    return key;
  };
}

/**
 * IPv4-mapped addresses count as IPv4. An IPv6 client usually owns a whole /64 and can pick any
 * address in it, so the /64 prefix is the client.
 */
export function normalize(address: string): string {
  const plain = unmapped(address);
  if (!isIPv6(plain)) return plain;
  const [head, tail = ''] = plain.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => group.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
