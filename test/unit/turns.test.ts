/** Long work in turns (src/core/turns.ts): what a sync of a year's log does on the window's thread. */
import * as assert from 'node:assert/strict';
import { inTurns } from '../../src/core/turns';

/** Holds the thread for `ms`, as applying an operation does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

suite('long work in turns', () => {
  test('every item is done once, in order, and other work runs between turns', async () => {
    const done: number[] = [];
    let others = 0;
    let running = true;
    const other = () => {
      others++;
      if (running) setImmediate(other);
    };
    setImmediate(other);
    const total = await inTurns(500, (start, end) => {
      for (let index = start; index < end; index++) {
        busy(0.1);
        done.push(index);
      }
      return end - start;
    }, 5);
    running = false;
    assert.equal(total, 500);
    assert.deepEqual(done, Array.from({ length: 500 }, (_, index) => index));
    assert.ok(others >= 5, `other work ran ${others} times`);
  });

  test('heavy items go a few at a time: after the first turn has shown their pace, no turn holds the thread much past the budget', async () => {
    const turns: { items: number; ms: number }[] = [];
    await inTurns(40, (start, end) => {
      const started = performance.now();
      for (let index = start; index < end; index++) busy(10);
      turns.push({ items: end - start, ms: performance.now() - started });
      return 0;
    }, 20);
    const said = turns.map((turn) => `${turn.items} in ${turn.ms.toFixed(0)} ms`).join(', ');
    assert.ok(turns.slice(1).every((turn) => turn.ms < 20 * 3), said);
    assert.ok(turns.slice(1).every((turn) => turn.items <= 4), said);
  });
});
