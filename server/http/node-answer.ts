/**
 * The busiest answers without the Fetch API's header objects. Through Hono's helpers, reading one
 * request header builds a `Headers` object for the whole request, and an answer with more than
 * one header (or any header set by a middleware) builds one for the answer, which Node then turns
 * back into a plain object: on the cached public tallies and on a bundle revalidation those
 * objects cost more than the rest of the request. On Node the request's headers are already
 * parsed, headers set on its response join whatever the route answers, and an answer made with
 * plain headers is written as it is. `app.request()` (tests, tools) runs without Node and takes
 * Hono's usual path, with the same result.
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ContentfulStatusCode, StatusCode } from 'hono/utils/http-status';
import { readLimitedBytes } from '../../contract/read-limited.js';

function bindings(c: Context): Partial<HttpBindings> | undefined {
  return c.env as Partial<HttpBindings> | undefined;
}

/** One request header, as `c.req.header(name)` reads it. */
export function requestHeader(c: Context, name: string): string | undefined {
  const headers = bindings(c)?.incoming?.headers;
  if (!headers) return c.req.header(name);
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Sets a header on whatever answer the route makes; a header of the same name that the route
 * sets itself wins (as with `c.header()` called before the route runs).
 */
export function answerHeader(c: Context, name: string, value: string): void {
  const outgoing = bindings(c)?.outgoing;
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/**
 * The answer `c.body(body, status, headers)` makes, with its headers kept plain on Node. Bytes
 * go as a `Uint8Array` (the form Node's adapter writes without converting). A `Vary` already
 * on Node's response (set before the app ran, `answer-headers.ts`) is kept beside the route's own.
 */
export function plainAnswer(
  c: Context,
  body: string | Uint8Array | null,
  status: StatusCode,
  headers: Record<string, string>,
): Response {
  const outgoing = bindings(c)?.outgoing;
  if (!outgoing) {
    if (body === null) return c.body(null, status, headers);
    return c.body(typeof body === 'string' ? body : new Uint8Array(body), status as ContentfulStatusCode, headers);
  }
  const varyName = Object.keys(headers).find((name) => name.toLowerCase() === 'vary');
  const earlier = outgoing.getHeader('vary');
  if (varyName && earlier !== undefined) headers = { ...headers, [varyName]: `${headers[varyName]}, ${String(earlier)}` };
  // The bytes are never a SharedArrayBuffer view, which is all the type leaves out.
  return new Response(body as BodyInit | null, { status, headers });
}

/** The client went away before the whole request body arrived: the app answers it with a 400. */
export class BodyCutOff extends Error {
  override name = 'BodyCutOff';
}

const cutOff = (error: unknown) =>
  new BodyCutOff(`the request body was cut off (${error instanceof Error ? error.message : String(error)})`);

/**
 * The request body, or undefined as soon as it proves larger than `limit` (as
 * `readLimitedBytes`). On Node it is read from the socket's stream; a body past the limit is
 * drained unread, so the connection stays usable for the refusal. Rejects with a BodyCutOff
 * when the body stops short.
 */
export function requestBody(c: Context, limit: number): Promise<Uint8Array | undefined> {
  const incoming = bindings(c)?.incoming;
  // Without Node, or once the client went away before the body was read (nothing more will
  // arrive on the stream), the adapter's own reader answers: it keeps what had arrived, or fails.
  if (!incoming?.headers || incoming.destroyed || incoming.readableAborted || incoming.errored) {
    return readLimitedBytes(c.req.raw, limit).catch((error: unknown) => {
      throw cutOff(error);
    });
  }
  if (Number(incoming.headers['content-length']) > limit) {
    incoming.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      incoming.resume();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(cutOff(error));
    };
    // Closed before its end: the client went away mid-body.
    const onClose = () => onError(new Error('closed'));
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
