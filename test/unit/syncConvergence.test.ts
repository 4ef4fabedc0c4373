/**
 * Issue 19: one log on every machine. Machines (separate database files) make random changes to
 * one log, with clocks skewed by up to a day, and hand each other random shares of their
 * operations; after a full exchange, in any order and repeated, every machine holds the same log
 * (one digest of every record), and receiving a batch twice changes nothing. `npm run
 * test:stress` runs many more seeds.
 */
import * as assert from 'node:assert/strict';
import { cleanupsAfterEach } from '../support/harness';
import { exchange, openMachines, randomChange, randomSource, sharedCommits, type Machine } from '../support/machines';

export const QUICK_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Runs one seeded history: `rounds` of random changes, each followed by random partial exchanges; then a full exchange. */
export function convergeOnSeed(seed: number, cleanups: (() => void)[], options: { machines?: number; rounds?: number } = {}): { digests: string[]; operations: number } {
  const random = randomSource(seed);
  const machines = openMachines(options.machines ?? 3 + (seed % 3), random);
  cleanups.push(...machines.map((machine) => () => machine.close()));
  const commits = sharedCommits(machines, 12);
  for (let round = 0; round < (options.rounds ?? 6); round++) {
    for (const machine of machines) for (let change = 0; change < 1 + Math.floor(random.next() * 4); change++) randomChange(machine, random, commits.get(machine)!);
    for (let sync = 0; sync < machines.length; sync++) exchange(random.pick(machines), random.pick(machines), random);
  }
  fullExchange(machines);
  return { digests: machines.map((machine) => machine.store.operations.digest()), operations: machines[0].store.operations.counts().all };
}

/** Everyone receives everything from everyone, twice over, in a shuffled order. */
export function fullExchange(machines: readonly Machine[]): void {
  for (let pass = 0; pass < 2; pass++) for (const to of [...machines].reverse()) for (const from of machines) if (from !== to) exchange(from, to);
}

suite('one log on every machine: operations converge', () => {
  const cleanups = cleanupsAfterEach();

  for (const seed of QUICK_SEEDS) {
    test(`machines that changed one log at random and synced in random shares end alike (seed ${seed})`, () => {
      const { digests, operations } = convergeOnSeed(seed, cleanups);
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
