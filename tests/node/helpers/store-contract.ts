/**
 * What every VoteStore must do, whatever database is behind it: the tests each backend's test file
 * runs against its own store (`describeVoteStoreContract`).
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { VoteSummary } from '../../../contract/vote-api.js';
import { StoreClosedError, type VoteStore } from '../../../server/storage/vote-store.js';
import { voter } from './fixtures.js';

export interface StoreHarness {
  /** Runs before each test: from now on, `open` works on fresh, empty storage no store has opened yet. */
  fresh: () => Promise<void> | void;
  /** Opens a store on the current storage; called again, it opens another store on the same data. */
  open: () => Promise<VoteStore> | VoteStore;
  /** Counts the stored vote rows of a comparison per tool, the slow way, straight from the database. */
  recount: (comparisonId: string) => Promise<Record<string, number>> | Record<string, number>;
}

/** A small seeded generator, so a failing mix of writes can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const C = 'alpha-vs-beta';
const TOOLS = ['alpha', 'beta'] as const;

function empty(comparisonId = C): VoteSummary {
  return { comparisonId, tallies: { alpha: 0, beta: 0 }, total: 0, yourVote: null };
}

export function describeVoteStoreContract(name: string, harness: StoreHarness, options: { skip?: string | false } = {}) {
  describe(`${name}: the VoteStore contract`, { skip: options.skip ?? false }, () => {
    let opened: VoteStore[] = [];
    /** Every store a test opens is closed after it, even when the test fails. */
    const open = async () => {
      const store = await harness.open();
      opened.push(store);
      return store;
    };
    let store: VoteStore;

    beforeEach(async () => {
      opened = [];
      await harness.fresh();
      store = await open();
    });
    afterEach(async () => {
      await Promise.allSettled(opened.map((each) => each.close()));
    });

    it('lists both tools with 0 votes before anyone votes', async () => {
      assert.deepEqual(await store.summary(C, TOOLS, voter('nobody')), empty());
      assert.deepEqual(await store.summary(C, TOOLS, null), empty());
    });

    it('casts a vote and answers the state that includes it', async () => {
      const expected = { comparisonId: C, tallies: { alpha: 1, beta: 0 }, total: 1, yourVote: 'alpha' };
      assert.deepEqual(await store.vote(C, TOOLS, voter('a'), 'alpha'), expected);
      assert.deepEqual(await store.summary(C, TOOLS, voter('a')), expected);
      assert.deepEqual(await store.summary(C, TOOLS, voter('b')), { ...expected, yourVote: null });
      assert.deepEqual(await store.summary(C, TOOLS, null), { ...expected, yourVote: null });
    });

    it('changes nothing when the voter votes again for the same tool', async () => {
      await store.vote(C, TOOLS, voter('b'), 'beta');
      const first = await store.vote(C, TOOLS, voter('a'), 'alpha');
      assert.deepEqual(await store.vote(C, TOOLS, voter('a'), 'alpha'), first);
      assert.deepEqual(await store.vote(C, TOOLS, voter('a'), 'alpha'), first);
      assert.deepEqual(first, { comparisonId: C, tallies: { alpha: 1, beta: 1 }, total: 2, yourVote: 'alpha' });
    });

    it('moves a vote to the other tool without counting it twice', async () => {
      await store.vote(C, TOOLS, voter('other'), 'alpha');
      await store.vote(C, TOOLS, voter('a'), 'alpha');
      assert.deepEqual(await store.vote(C, TOOLS, voter('a'), 'beta'), {
        comparisonId: C,
        tallies: { alpha: 1, beta: 1 },
        total: 2,
        yourVote: 'beta',
      });
      assert.deepEqual(await store.vote(C, TOOLS, voter('a'), 'alpha'), {
        comparisonId: C,
        tallies: { alpha: 2, beta: 0 },
        total: 2,
        yourVote: 'alpha',
      });
    });

    it('withdraws a vote', async () => {
      await store.vote(C, TOOLS, voter('stays'), 'beta');
      await store.vote(C, TOOLS, voter('a'), 'alpha');
      const expected = { comparisonId: C, tallies: { alpha: 0, beta: 1 }, total: 1, yourVote: null };
      assert.deepEqual(await store.withdraw(C, TOOLS, voter('a')), expected);
      assert.deepEqual(await store.summary(C, TOOLS, voter('a')), expected);
      assert.equal((await store.summary(C, TOOLS, voter('stays'))).yourVote, 'beta');
    });

    it('answers the unchanged state when withdrawing without a vote', async () => {
      assert.deepEqual(await store.withdraw(C, TOOLS, voter('never')), empty());
      await store.vote(C, TOOLS, voter('someone'), 'alpha');
      assert.deepEqual(await store.withdraw(C, TOOLS, voter('never')), {
        comparisonId: C,
        tallies: { alpha: 1, beta: 0 },
        total: 1,
        yourVote: null,
      });
    });

    it('keeps two comparisons apart, and leaves out votes for tools a feed no longer lists', async () => {
      const x = voter('x');
      await store.vote(C, TOOLS, x, 'alpha');
      await store.vote('other', ['alpha', 'gamma'], x, 'gamma');
      await store.vote('other', ['alpha', 'gamma'], voter('y'), 'alpha');
      assert.deepEqual(await store.summary(C, TOOLS, x), {
        comparisonId: C,
        tallies: { alpha: 1, beta: 0 },
        total: 1,
        yourVote: 'alpha',
      });
      assert.deepEqual(await store.summary('other', ['alpha', 'gamma'], x), {
        comparisonId: 'other',
        tallies: { alpha: 1, gamma: 1 },
        total: 2,
        yourVote: 'gamma',
      });
      await store.withdraw('other', ['alpha', 'gamma'], x);
      assert.equal((await store.summary(C, TOOLS, x)).yourVote, 'alpha', 'a withdrawal elsewhere does not touch C');
      // The feed of "other" was edited: gamma became beta.
      await store.vote('other', ['alpha', 'gamma'], x, 'gamma');
      assert.deepEqual(await store.summary('other', ['alpha', 'beta'], x), {
        comparisonId: 'other',
        tallies: { alpha: 1, beta: 0 },
        total: 1,
        yourVote: null,
      });
    });

    it('counts hundreds of concurrent votes from distinct voters exactly', async () => {
      const n = 400;
      const tool = (i: number) => (i % 4 === 0 ? 'beta' : 'alpha');
      const answers = await Promise.all(Array.from({ length: n }, (_, i) => store.vote(C, TOOLS, voter(i), tool(i))));
      answers.forEach((answer, i) => {
        assert.equal(answer.yourVote, tool(i), 'each answer includes its own vote');
        assert.ok(answer.total >= 1 && answer.total <= n);
        assert.equal(answer.tallies.alpha + answer.tallies.beta, answer.total);
      });
      assert.deepEqual(await store.summary(C, TOOLS, null), {
        comparisonId: C,
        tallies: { alpha: 300, beta: 100 },
        total: 400,
        yourVote: null,
      });
    });

    it('leaves exactly one vote per voter when votes and moves of the same voter race, across two stores', async () => {
      const second = await open();
      const voters = Array.from({ length: 30 }, (_, i) => voter(`race-${i}`));
      const writes = voters.flatMap((id, v) =>
        Array.from({ length: 8 }, (_, k) => {
          const toolId = (k + v) % 2 === 0 ? 'alpha' : 'beta';
          return { id, toolId, answer: (k % 2 === 0 ? store : second).vote(C, TOOLS, id, toolId) };
        }),
      );
      for (const { toolId, answer } of writes) {
        const summary = await answer;
        assert.equal(summary.yourVote, toolId, 'the answer is read after its own write');
        assert.ok(summary.total <= voters.length, `never two votes for one voter (total ${summary.total})`);
      }
      const final = await store.summary(C, TOOLS, null);
      assert.equal(final.total, voters.length);
      assert.equal(final.tallies.alpha + final.tallies.beta, voters.length);
      for (const id of voters) {
        const mine = (await second.summary(C, TOOLS, id)).yourVote;
        assert.ok(mine === 'alpha' || mine === 'beta', `${id} has one vote, got ${mine}`);
      }
    });

    it('keeps its tallies equal to a full recount through thousands of concurrent votes, moves and withdrawals', async () => {
      const second = await open();
      const next = random(20_261_130);
      const comparisons = [
        { id: C, tools: TOOLS },
        { id: 'other', tools: ['alpha', 'gamma'] as const },
      ];
      const voters = Array.from({ length: 400 }, (_, i) => voter(`mix-${i}`));
      let changes = 0;
      for (let wave = 0; wave < 6; wave++) {
        const writes = Array.from({ length: 500 }, () => {
          const target = next() < 0.5 ? store : second;
          const { id, tools } = comparisons[next() < 0.8 ? 0 : 1];
          const who = voters[Math.floor(next() * voters.length)];
          const roll = next();
          return roll < 0.2
            ? target.withdraw(id, tools, who)
            : target.vote(id, tools, who, tools[roll < 0.6 ? 0 : 1]);
        });
        changes += (await Promise.all(writes)).length;
        // Half of the waves mix in reads while the writes of the next wave are queued.
        if (wave % 2 === 0) await Promise.all(voters.slice(0, 50).map((id) => second.summary(C, TOOLS, id)));
      }
      assert.equal(changes, 3000);
      for (const { id, tools } of comparisons) {
        const recount = await harness.recount(id);
        const expected = Object.fromEntries(tools.map((tool) => [tool, recount[tool] ?? 0]));
        const total = Object.values(expected).reduce((sum, n) => sum + n, 0);
        assert.ok(total > 0, `${id} has votes`);
        for (const reader of [store, second]) {
          const summary = await reader.summary(id, tools, null);
          assert.deepEqual(summary.tallies, expected, `${id}: tallies equal the recount`);
          assert.equal(summary.total, total);
        }
      }
    });

    it('migrates idempotently: two stores opened at once, then a third, share the votes', async () => {
      await store.close();
      await harness.fresh();
      const [a, b] = await Promise.all([open(), open()]);
      await a.vote(C, TOOLS, voter('a'), 'alpha');
      assert.deepEqual((await b.vote(C, TOOLS, voter('b'), 'beta')).tallies, { alpha: 1, beta: 1 });
      assert.equal((await a.summary(C, TOOLS, voter('b'))).yourVote, 'beta');
      await Promise.all([a.close(), b.close()]);
      const c = await open();
      assert.deepEqual(await c.summary(C, TOOLS, voter('a')), {
        comparisonId: C,
        tallies: { alpha: 1, beta: 1 },
        total: 2,
        yourVote: 'alpha',
      });
    });

    it('keeps votes when closed and reopened, and refuses use after close', async () => {
      await store.vote(C, TOOLS, voter('stays'), 'beta');
      await store.vote(C, TOOLS, voter('gone'), 'alpha');
      await store.withdraw(C, TOOLS, voter('gone'));
      await store.close();
      await store.close();
      await assert.rejects(store.summary(C, TOOLS, null), StoreClosedError);
      await assert.rejects(store.vote(C, TOOLS, voter('late'), 'beta'), StoreClosedError);
      await assert.rejects(store.withdraw(C, TOOLS, voter('stays')), StoreClosedError);

      const reopened = await open();
      assert.deepEqual(await reopened.summary(C, TOOLS, voter('stays')), {
        comparisonId: C,
        tallies: { alpha: 0, beta: 1 },
        total: 1,
        yourVote: 'beta',
      });
      assert.equal((await reopened.summary(C, TOOLS, voter('gone'))).yourVote, null);
    });

    it('finishes the writes and reads in flight when closed', async () => {
      const pending = Array.from({ length: 40 }, (_, i) => store.vote(C, TOOLS, voter(`queued-${i}`), 'alpha'));
      const withdrawn = store.withdraw(C, TOOLS, voter('queued-0'));
      const read = store.summary(C, TOOLS, null);
      await store.close();
      const answers = await Promise.all(pending);
      answers.forEach((answer) => assert.equal(answer.yourVote, 'alpha'));
      assert.ok((await withdrawn).total <= 40);
      assert.ok((await read).total <= 40);

      const reopened = await open();
      const final = await reopened.summary(C, TOOLS, voter('queued-1'));
      assert.equal(final.yourVote, 'alpha');
      assert.ok(final.total === 39 || final.total === 40, `every queued write was stored (total ${final.total})`);
    });
  });
}
