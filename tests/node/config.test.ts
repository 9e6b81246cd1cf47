/** `readConfig`: defaults and every rule for the environment variables. */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, readConfig } from '../../server/config.js';
import { ROOT } from './helpers/server-process.js';

const cwd = '/srv/site';

describe('readConfig', () => {
  it('has safe defaults: loopback, port 8080, the demo feeds, a local SQLite file, any origin', () => {
    const config = readConfig({}, cwd);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    // From the project root, wherever the server is started from.
    assert.equal(config.feedsDir, join(ROOT, 'demo/feeds'));
    assert.deepEqual(config.database, { kind: 'sqlite', file: '/srv/site/data/votes.db' });
    assert.equal(config.allowedOrigins, '*');
    assert.deepEqual(config.rateLimit, { writes: 20, windowMs: 10_000 });
  });

  it('treats empty variables as unset', () => {
    assert.deepEqual(readConfig({ PORT: '', HOST: ' ', DATABASE_URL: '' }, cwd), readConfig({}, cwd));
  });

  it('reads the port, 0 meaning any free port', () => {
    assert.equal(readConfig({ PORT: '0' }, cwd).port, 0);
    assert.equal(readConfig({ PORT: '65535' }, cwd).port, 65535);
    for (const PORT of ['-1', '65536', '80a', '8.5', 'http']) {
      assert.throws(() => readConfig({ PORT }, cwd), ConfigError, PORT);
    }
  });

  it('resolves FEEDS_DIR against the working directory', () => {
    assert.equal(readConfig({ FEEDS_DIR: 'feeds' }, cwd).feedsDir, '/srv/site/feeds');
    assert.equal(readConfig({ FEEDS_DIR: '/data/feeds' }, cwd).feedsDir, '/data/feeds');
  });

  it('reads SQLite URLs: relative, absolute, URL-style and in memory', () => {
    assert.deepEqual(readConfig({ DATABASE_URL: 'sqlite:votes.db' }, cwd).database, {
      kind: 'sqlite',
      file: '/srv/site/votes.db',
    });
    assert.deepEqual(readConfig({ DATABASE_URL: 'sqlite:/var/lib/votes.db' }, cwd).database, {
      kind: 'sqlite',
      file: '/var/lib/votes.db',
    });
    assert.deepEqual(readConfig({ DATABASE_URL: 'sqlite:///var/lib/votes.db' }, cwd).database, {
      kind: 'sqlite',
      file: '/var/lib/votes.db',
    });
    assert.deepEqual(readConfig({ DATABASE_URL: 'sqlite::memory:' }, cwd).database, { kind: 'sqlite-memory' });
    assert.throws(() => readConfig({ DATABASE_URL: 'sqlite:' }, cwd), ConfigError);
  });

  it('reads PostgreSQL URLs in both spellings', () => {
    for (const url of ['postgres://u:p@db:5432/votes', 'postgresql://db/votes']) {
      assert.deepEqual(readConfig({ DATABASE_URL: url }, cwd).database, { kind: 'postgres', url });
    }
  });

  it('refuses any other database scheme with a clear message', () => {
    assert.throws(() => readConfig({ DATABASE_URL: 'mysql://db/votes' }, cwd), {
      name: 'ConfigError',
      message: /DATABASE_URL scheme "mysql" is not supported/,
    });
    assert.throws(() => readConfig({ DATABASE_URL: 'votes.db' }, cwd), ConfigError);
  });

  it('reads an allow-list of origins and refuses anything that is not an origin', () => {
    assert.deepEqual(
      readConfig({ ALLOWED_ORIGINS: 'https://a.example, http://localhost:3000' }, cwd).allowedOrigins,
      ['https://a.example', 'http://localhost:3000'],
    );
    for (const ALLOWED_ORIGINS of ['https://a.example/', 'https://a.example/path', 'a.example', ',']) {
      assert.throws(() => readConfig({ ALLOWED_ORIGINS }, cwd), ConfigError, ALLOWED_ORIGINS);
    }
  });

  it('reads the origins of the server\'s own pages (PUBLIC_ORIGIN), unset by default', () => {
    assert.equal(readConfig({}, cwd).voteIntegrity.publicOrigins, undefined);
    assert.deepEqual(readConfig({ PUBLIC_ORIGIN: 'https://votes.example' }, cwd).voteIntegrity.publicOrigins, ['https://votes.example']);
    for (const PUBLIC_ORIGIN of ['*', 'https://votes.example/', 'votes.example']) {
      assert.throws(() => readConfig({ PUBLIC_ORIGIN }, cwd), /PUBLIC_ORIGIN/, PUBLIC_ORIGIN);
    }
  });

  it('reads the rate limit and refuses a zero or broken one', () => {
    assert.deepEqual(readConfig({ RATE_LIMIT_WRITES: '5', RATE_LIMIT_WINDOW_MS: '1000' }, cwd).rateLimit, {
      writes: 5,
      windowMs: 1000,
    });
    assert.throws(() => readConfig({ RATE_LIMIT_WRITES: '0' }, cwd), ConfigError);
    assert.throws(() => readConfig({ RATE_LIMIT_WINDOW_MS: 'soon' }, cwd), ConfigError);
  });
});

describe('readConfig for operations', () => {
  it('defaults to no trusted proxy, info logs, the demo on, lenient feeds and bounded connections', () => {
    const config = readConfig({}, cwd);
    assert.deepEqual(config.trustProxy, { kind: 'off' });
    assert.equal(config.proxyHeader, 'x-forwarded-for');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.demo, true);
    assert.equal(config.feedsStrict, false);
    assert.deepEqual(config.transport, {
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxRequestsPerSocket: 1_000,
      maxConnections: 10_000,
    });
  });

  it('reads on/off switches and refuses anything else', () => {
    assert.equal(readConfig({ DEMO: 'off' }, cwd).demo, false);
    assert.equal(readConfig({ DEMO: 'FALSE' }, cwd).demo, false);
    assert.equal(readConfig({ FEEDS_STRICT: '1' }, cwd).feedsStrict, true);
    assert.throws(() => readConfig({ DEMO: 'maybe' }, cwd), { name: 'ConfigError', message: /DEMO must be on or off/ });
  });

  it('reads TRUST_PROXY, its header, LOG_LEVEL and the connection limits, refusing bad values', () => {
    assert.deepEqual(readConfig({ TRUST_PROXY: '1' }, cwd).trustProxy, { kind: 'hops', hops: 1 });
    assert.equal(readConfig({ TRUST_PROXY_HEADER: 'Forwarded' }, cwd).proxyHeader, 'forwarded');
    assert.equal(readConfig({ LOG_LEVEL: 'WARN' }, cwd).logLevel, 'warn');
    assert.equal(readConfig({ MAX_CONNECTIONS: '50' }, cwd).transport.maxConnections, 50);
    for (const env of [
      { TRUST_PROXY: 'my-proxy' },
      { TRUST_PROXY_HEADER: 'x-real-ip' },
      { LOG_LEVEL: 'verbose' },
      { MAX_CONNECTIONS: '0' },
      { HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' },
    ]) {
      assert.throws(() => readConfig(env, cwd), ConfigError, JSON.stringify(env));
    }
  });

  it('has vote integrity on by default, and reads VOTE_PROOF, VOTE_SECRET and the per-comparison limits', () => {
    assert.deepEqual(readConfig({}, cwd).voteIntegrity, {
      proof: true,
      secret: undefined,
      comparisonWrites: 10,
      networkWrites: 30,
      windowMs: 600_000,
    });
    const set = readConfig(
      {
        VOTE_PROOF: 'off',
        VOTE_SECRET: 's'.repeat(32),
        RATE_LIMIT_COMPARISON_WRITES: '5',
        RATE_LIMIT_NETWORK_WRITES: '50',
        RATE_LIMIT_COMPARISON_WINDOW_MS: '60000',
      },
      cwd,
    ).voteIntegrity;
    assert.deepEqual(set, { proof: false, secret: 's'.repeat(32), comparisonWrites: 5, networkWrites: 50, windowMs: 60_000 });
    assert.equal(readConfig({ VOTE_PROOF: 'ON' }, cwd).voteIntegrity.proof, true);
    for (const env of [
      { VOTE_PROOF: 'maybe' },
      { VOTE_SECRET: 'too short' },
      { RATE_LIMIT_COMPARISON_WRITES: '0' },
      { RATE_LIMIT_NETWORK_WRITES: 'many' },
      { RATE_LIMIT_COMPARISON_WINDOW_MS: '-5' },
    ]) {
      assert.throws(() => readConfig(env, cwd), ConfigError, JSON.stringify(env));
    }
  });
});
