/**
 * The shipped systemd unit: valid for systemd (`systemd-analyze verify`, no warnings), with
 * settings the server accepts, and a stop timeout that leaves room for the server's own drain.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { readConfig } from '../../server/config.js';
import { DRAIN_MS } from '../../server/start.js';
import { ROOT } from './helpers/server-process.js';

const UNIT = join(ROOT, 'deploy/ai-compare.service');
const ANALYZE = '/usr/bin/systemd-analyze';

/** `Key=value` lines of the unit (several `Environment=` lines are kept in order). */
function directives(): [string, string][] {
  return readFileSync(UNIT, 'utf8')
    .split('\n')
    .filter((line) => /^[A-Za-z]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
}

/** systemd-analyze, installed from Debian's packages when missing and running as root. */
function analyzer(t: TestContext): string | undefined {
  if (existsSync(ANALYZE)) return ANALYZE;
  if (process.getuid?.() === 0) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'systemd'], { stdio: 'inherit', env });
    if (existsSync(ANALYZE)) return ANALYZE;
  }
  const why = `${ANALYZE} is missing and ${process.getuid?.() === 0 ? 'could not be installed' : 'installing it needs root'}`;
  if (process.env.CI === 'true') assert.fail(`CI=true: ${why}`);
  t.skip(`SKIPPED: ${why}`);
  return undefined;
}

describe('deploy/ai-compare.service', () => {
  it('passes systemd-analyze verify without a warning', (t) => {
    const analyze = analyzer(t);
    if (!analyze) return;
    const result = spawnSync(analyze, ['verify', UNIT], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr.trim(), '', 'systemd has no complaint about the unit');
  });

  it('sets only variables the server accepts, and runs the installed command', () => {
    const env = Object.fromEntries(
      directives()
        .filter(([key]) => key === 'Environment')
        .map(([, value]) => [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)]),
    );
    const config = readConfig(env, '/var/lib/ai-compare');
    assert.deepEqual(config.database, { kind: 'sqlite', file: '/var/lib/ai-compare/votes.db' });
    assert.equal(config.demo, false);
    assert.deepEqual(config.trustProxy.kind, 'addresses');
    assert.equal(Object.fromEntries(directives()).ExecStart, '/usr/bin/env ai-compare serve');
  });

  it('signals the server alone and waits longer than its drain before SIGKILL', () => {
    const unit = Object.fromEntries(directives());
    assert.equal(unit.KillMode, 'mixed');
    assert.equal(unit.KillSignal, 'SIGTERM');
    assert.ok(Number(unit.TimeoutStopSec) * 1000 > DRAIN_MS * 2, `TimeoutStopSec=${unit.TimeoutStopSec}`);
  });
});
