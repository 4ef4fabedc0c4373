/**
 * Issue 19: one log on every machine. Machines (separate database files) make random changes to
 * one log, with clocks skewed by up to a day, and hand each other random shares of their
 * operations; after a full exchange, in any order and repeated, every machine holds the same log
 * (one digest of every record), and receiving a batch twice changes nothing. `npm run
 * test:stress` runs many more seeds.
 */
import * as assert from 'node:assert/strict';
import { cleanupsAfterEach } from '../support/harness';
import { convergeOnSeed, exchange, openMachines, randomChange, randomSource, sharedCommits } from '../support/machines';

const QUICK_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

suite('one log on every machine: operations converge', () => {
  const cleanups = cleanupsAfterEach();

  // Seeds 5, 21 and 70 of ten rounds once ended apart (a commit's status by the order a delete and a
  // settling came in; a restore linking a goal not there yet): kept here as they are.
  for (const [seed, rounds] of [...QUICK_SEEDS.map((seed) => [seed, 6] as const), [5, 10], [21, 10], [70, 10]] as const) {
    test(`machines that changed one log at random and synced in random shares end alike (seed ${seed}, ${rounds} rounds)`, () => {
      const { digests, operations } = convergeOnSeed(seed, cleanups, { rounds });
      assert.ok(operations > 10, `only ${operations} operations were made`);
      assert.equal(new Set(digests).size, 1, `the machines differ: ${digests.join(' ')}`);
    });
  }

  // Schema 10: who outcomes reached, firsts and weeks' plans travel by the same rules.
  for (const seed of [101, 102, 103, 104, 105, 106]) {
    test(`machines that also marked reach and firsts and planned weeks at random end alike (seed ${seed}, 8 rounds)`, () => {
      const { digests, operations } = convergeOnSeed(seed, cleanups, { rounds: 8, growth: true });
      assert.ok(operations > 10, `only ${operations} operations were made`);
      assert.equal(new Set(digests).size, 1, `the machines differ: ${digests.join(' ')}`);
    });
  }

  // Schema 11: history imports, whose ranges merge (the widest stays) rather than the later winning.
  for (const seed of [201, 202, 203, 204]) {
    test(`machines that also imported history from random days end with the same ranges (seed ${seed}, 8 rounds)`, () => {
      const { digests, operations } = convergeOnSeed(seed, cleanups, { rounds: 8, growth: true, history: true });
      assert.ok(operations > 10, `only ${operations} operations were made`);
      assert.equal(new Set(digests).size, 1, `the machines differ: ${digests.join(' ')}`);
    });
  }

  test('receiving the same operations twice changes nothing', () => {
    const random = randomSource(42);
    const [first, second] = openMachines(2, random);
    cleanups.push(() => first.close(), () => second.close());
    const commits = sharedCommits([first, second], 6);
    for (let change = 0; change < 30; change++) randomChange(first, random, commits.get(first)!);
    assert.ok(exchange(first, second) > 0);
    const digest = second.store.operations.digest();
    assert.equal(exchange(first, second), 0, 'nothing new the second time');
    assert.equal(second.store.operations.digest(), digest);
    assert.equal(second.store.operations.digest(), first.store.operations.digest());
  });
});
