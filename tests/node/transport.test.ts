/**
 * Slow and broken clients over real sockets: slow headers and trickled bodies are cut off by
 * the configured timeouts, a body abandoned mid-way is a quiet 400 in the log (no stack trace),
 * connections are capped, and keep-alive connections are recycled.
 */
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { feed, postVote, voter, votesUrl, writeFeeds, type Summary } from './helpers/fixtures.js';
import { startServer, tempDir, type RunningServer } from './helpers/server-process.js';

const dir = tempDir();
writeFeeds(dir.path, { 'transport.json': feed('transport') });
let server: RunningServer;
let port: number;

before(async () => {
  server = await startServer({
    FEEDS_DIR: dir.path,
    DATABASE_URL: `sqlite:${join(dir.path, 'votes.db')}`,
    HEADERS_TIMEOUT_MS: '500',
    REQUEST_TIMEOUT_MS: '1000',
    MAX_CONNECTIONS: '6',
    MAX_REQUESTS_PER_SOCKET: '2',
    // Raw requests below carry no vote token: the transport is under test, not the proof.
    VOTE_PROOF: 'off',
  });
  port = Number(new URL(server.url).port);
});
after(async () => {
  assert.equal(await server.stop(), 0);
  dir.remove();
});

/** A raw connection, with everything it receives and when it closed. */
async function open(): Promise<{ socket: Socket; received: () => string; closed: Promise<number> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  socket.on('error', () => undefined);
  const started = Date.now();
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
  return { socket, received: () => received, closed };
}

describe('slow clients', () => {
  it('a client that never finishes its headers gets 408 and the connection closed', async () => {
    const client = await open();
    client.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
    const ms = await client.closed;
    assert.match(client.received(), /^HTTP\/1\.1 408 /);
    // Well before Node's own 60 s default.
    assert.ok(ms < 10_000, `closed after ${ms} ms`);
  });

  it('a body trickled a byte at a time is cut off with 408, and stores nothing', async () => {
    const client = await open();
    const body = JSON.stringify({ toolId: 'alpha', voterId: voter('trickle') });
    client.socket.write(
      `POST /api/comparisons/transport/votes HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let sent = 0;
    const trickle = setInterval(() => {
      if (sent < body.length && !client.socket.destroyed) client.socket.write(body[sent++]);
    }, 200);
    try {
      const ms = await client.closed;
      assert.ok(ms < 10_000, `closed after ${ms} ms`);
      assert.ok(sent < body.length, 'cut off before the body was complete');
      assert.match(client.received(), /^HTTP\/1\.1 408 /);
    } finally {
      clearInterval(trickle);
    }
    const summary = (await (await fetch(votesUrl(server.url, 'transport', voter('trickle')))).json()) as Summary;
    assert.equal(summary.yourVote, null);
  });

  it('a client that disconnects mid-body is a quiet 400, with no stack trace, and stores nothing', async () => {
    const client = await open();
    const body = JSON.stringify({ toolId: 'alpha', voterId: voter('aborted') });
    client.socket.write(
      `POST /api/comparisons/transport/votes HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(200);
    client.socket.destroy();
    await client.closed;
    await sleep(200);

    const lines = server.stdout().split('\n').filter((line) => line.includes('"path":"/api/comparisons/transport/votes"'));
    const logged = lines.map((line) => JSON.parse(line) as { method: string; status: number });
    assert.deepEqual(logged.at(-1), { ...logged.at(-1), method: 'POST', status: 400 });
    assert.doesNotMatch(server.stderr(), /unexpected error|\n\s+at /);
    const summary = (await (await fetch(votesUrl(server.url, 'transport', voter('aborted')))).json()) as Summary;
    assert.equal(summary.yourVote, null);
    // And the server goes on taking votes.
    assert.equal((await postVote(server.url, 'transport', { toolId: 'beta', voterId: voter('after') })).status, 200);
  });
});

describe('connection limits', () => {
  it('refuses connections over MAX_CONNECTIONS, and takes new ones once others close', async () => {
    const held = await Promise.all(Array.from({ length: 6 }, () => open()));
    const extra = await open();
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    await extra.closed;
    assert.equal(extra.received(), '', 'the extra connection was closed without an answer');
    for (const client of held) client.socket.destroy();
    await Promise.all(held.map((client) => client.closed));
    await sleep(50);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it('closes a keep-alive connection after MAX_REQUESTS_PER_SOCKET requests', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const get = () =>
        new Promise<{ connection: string | undefined; socket: unknown }>((resolve, reject) => {
          const req = request(`${server.url}/healthz`, { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve({ connection: res.headers.connection, socket: req.socket }));
          });
          req.on('error', reject);
          req.end();
        });
      const first = await get();
      const second = await get();
      assert.equal(first.socket, second.socket, 'the second request reused the connection');
      assert.equal(first.connection, 'keep-alive');
      assert.equal(second.connection, 'close');
    } finally {
      agent.destroy();
    }
  });
});

describe('many slow clients at once', () => {
  it('keep no one else waiting, and are all cut off by the headers timeout', async () => {
    const crowd = await startServer({
      FEEDS_DIR: dir.path,
      DATABASE_URL: 'sqlite::memory:',
      HEADERS_TIMEOUT_MS: '1000',
      LOG_LEVEL: 'warn',
    });
    const crowdPort = Number(new URL(crowd.url).port);
    const sockets: Socket[] = [];
    try {
      const closed: Promise<void>[] = [];
      for (let i = 0; i < 300; i++) {
        const socket = connect(crowdPort, '127.0.0.1');
        socket.on('error', () => undefined);
        closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
        socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
        sockets.push(socket);
      }
      const trickle = setInterval(() => sockets.forEach((socket) => socket.destroyed || socket.write('a')), 200);
      try {
        // A reader arriving meanwhile is answered at once.
        const response = await fetch(`${crowd.url}/api/comparisons/transport`);
        assert.equal(response.status, 200);
        await response.arrayBuffer();
        await Promise.all(closed);
      } finally {
        clearInterval(trickle);
      }
    } finally {
      for (const socket of sockets) socket.destroy();
      assert.equal(await crowd.stop(), 0);
    }
  });
});
