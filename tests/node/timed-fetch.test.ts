/** The one time limit of network work, shared by the widget's feed and vote calls and the CLI. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TimeoutError, withTimeout } from '../../contract/timed-fetch.js';

// A real socket is the point here: a server that answers its headers and then trickles the body.
let server: Server;
let base: string;
before(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.url === '/quick') response.end('{}');
    else response.write('{"slow":');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

describe('withTimeout', () => {
  it('gives the work its result when it finishes in time', async () => {
    const body = await withTimeout(2000, undefined, async (signal) => (await fetch(`${base}/quick`, { signal })).text());
    assert.equal(body, '{}');
  });

  it('ends with a TimeoutError when a body trickles past the limit, headers notwithstanding', async () => {
    const started = Date.now();
    await assert.rejects(
      withTimeout(200, undefined, async (signal) => (await fetch(`${base}/trickle`, { signal })).text()),
      TimeoutError,
    );
    assert.ok(Date.now() - started < 2000);
  });

  it('passes on the caller’s own abort, not a timeout', async () => {
    const caller = new AbortController();
    const work = withTimeout(5000, caller.signal, async (signal) => (await fetch(`${base}/trickle`, { signal })).text());
    setTimeout(() => caller.abort(), 50);
    await assert.rejects(work, (error: Error) => !(error instanceof TimeoutError) && error.name === 'AbortError');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(withTimeout(5000, aborted.signal, (signal) => fetch(`${base}/quick`, { signal })), { name: 'AbortError' });
  });

  it('passes on the work’s own failure as it is', async () => {
    await assert.rejects(withTimeout(1000, undefined, () => Promise.reject(new RangeError('bad'))), RangeError);
  });
});
