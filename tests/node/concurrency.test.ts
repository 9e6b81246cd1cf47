/**
 * Hundreds of votes at once, against a real server: every answered vote must be counted exactly
 * once, with moves and withdrawals applied, however the writes were grouped.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { feed, postVote, UNLIMITED_WRITES, voter, votesUrl, withdraw as withdrawVote, writeFeeds, type Summary } from './helpers/fixtures.js';
import { startServer, tempDir, type RunningServer } from './helpers/server-process.js';

const ID = 'crowd';
const VOTERS = 300;
const dir = tempDir();
let server: RunningServer;

before(async () => {
  writeFeeds(dir.path, { 'crowd.json': feed(ID, ['left', 'right']) });
  server = await startServer({
    FEEDS_DIR: dir.path,
    DATABASE_URL: `sqlite:${join(dir.path, 'votes.db')}`,
    // A load test from one address: no write limits, no vote tokens.
    ...UNLIMITED_WRITES,
    VOTE_PROOF: 'off',
  });
});

after(async () => {
  assert.equal(await server.stop(), 0);
  dir.remove();
});

const other = (tool: string) => (tool === 'left' ? 'right' : 'left');
const firstChoice = (i: number) => (i % 3 === 0 ? 'right' : 'left');

async function vote(voterId: string, toolId: string): Promise<Summary> {
  const response = await postVote(server.url, ID, { toolId, voterId });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()) as Summary;
}

async function withdraw(voterId: string): Promise<Summary> {
  const response = await withdrawVote(server.url, ID, voterId);
  assert.equal(response.status, 200);
  return (await response.json()) as Summary;
}

async function read(voterId: string): Promise<Summary> {
  const response = await fetch(votesUrl(server.url, ID, voterId));
  assert.equal(response.status, 200);
  return (await response.json()) as Summary;
}

describe('concurrent votes', () => {
  const expected = new Map<string, string>();

  it('count each voter once when hundreds vote at the same time, some twice', async () => {
    const calls: Promise<void>[] = [];
    for (let i = 0; i < VOTERS; i++) {
      const id = voter(`crowd-${i}`);
      const tool = firstChoice(i);
      expected.set(id, tool);
      // Every fifth voter sends the same vote twice at once.
      const times = i % 5 === 0 ? 2 : 1;
      for (let n = 0; n < times; n++) {
        calls.push(
          vote(id, tool).then((summary) => {
            assert.equal(summary.yourVote, tool);
            assert.equal(summary.tallies.left + summary.tallies.right, summary.total);
          }),
        );
      }
    }
    assert.ok(calls.length >= 350);
    await Promise.all(calls);

    const final = await read(voter('observer'));
    const right = [...expected.values()].filter((tool) => tool === 'right').length;
    assert.deepEqual(final.tallies, { left: VOTERS - right, right });
    assert.equal(final.total, VOTERS);
  });

  it('apply moves, repeats and withdrawals sent all at once', async () => {
    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < VOTERS; i++) {
      const id = voter(`crowd-${i}`);
      const current = expected.get(id) ?? '';
      switch (i % 6) {
        case 0:
          calls.push(vote(id, other(current)));
          expected.set(id, other(current));
          break;
        case 1:
          calls.push(withdraw(id));
          expected.delete(id);
          break;
        case 2:
          calls.push(vote(id, current));
          break;
        default:
          calls.push(read(id));
      }
    }
    await Promise.all(calls);

    const final = await read(voter('observer'));
    const right = [...expected.values()].filter((tool) => tool === 'right').length;
    assert.deepEqual(final.tallies, { left: expected.size - right, right });
    assert.equal(final.total, expected.size);
  });

  it('keep one vote per voter when the same voter picks both tools at once', async () => {
    const racers = Array.from({ length: 50 }, (_, i) => voter(`racer-${i}`));
    await Promise.all(racers.flatMap((id) => [vote(id, 'left'), vote(id, 'right')]));

    // Either vote may win the race, but each racer ends up with exactly one.
    const finals = await Promise.all(racers.map(read));
    const rightRacers = finals.filter((summary) => summary.yourVote === 'right').length;
    assert.equal(finals.filter((summary) => summary.yourVote === 'left').length, racers.length - rightRacers);

    const final = await read(voter('observer'));
    const right = [...expected.values()].filter((tool) => tool === 'right').length + rightRacers;
    assert.equal(final.total, expected.size + racers.length);
    assert.deepEqual(final.tallies, { left: final.total - right, right });
  });
});
