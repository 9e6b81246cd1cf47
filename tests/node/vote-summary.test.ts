/** The widget's check of vote server answers: real answers pass, malformed ones never do. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import './helpers/property-seed.js';
import { isVoteSummary } from '../../contract/vote-api.js';

const good = { comparisonId: 'a-vs-b', tallies: { a: 3, b: 0 }, total: 3, yourVote: 'a' };

describe('vote summary check', () => {
  it('accepts well-formed answers, with or without a vote of yours', () => {
    assert.equal(isVoteSummary(good), true);
    assert.equal(isVoteSummary({ ...good, yourVote: null, tallies: {}, total: 0 }), true);
    assert.equal(isVoteSummary({ ...good, extra: 'ignored' }), true);
  });

  it('refuses answers a widget could not show', () => {
    const bad: unknown[] = [
      null, [], 'ok', {},
      { ...good, comparisonId: 1 },
      { ...good, tallies: null }, { ...good, tallies: [3, 0] }, { ...good, tallies: { a: -1 } }, { ...good, tallies: { a: 1.5 } },
      { ...good, tallies: { a: '3' } }, { ...good, total: -1 }, { ...good, total: Infinity }, { ...good, yourVote: 7 },
      { ...good, yourVote: undefined },
    ];
    for (const answer of bad) assert.equal(isVoteSummary(answer), false, JSON.stringify(answer));
  });

  it('never accepts an answer without whole, non-negative counts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (answer) => {
        if (!isVoteSummary(answer)) return;
        for (const count of [...Object.values(answer.tallies), answer.total]) assert.ok(Number.isSafeInteger(count) && count >= 0);
        assert.ok(answer.yourVote === null || typeof answer.yourVote === 'string');
      }),
      { numRuns: 500 },
    );
  });
});
