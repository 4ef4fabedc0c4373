/**
 * How the extension proper starts (src/vscode/startup.ts): what the first paint does not need is
 * built after it, each part on a turn of its own, and the log says how long each held the thread.
 */
import * as assert from 'node:assert/strict';
import { LaterSteps, StartupClock, StartupStopped, whenBuilt } from '../../src/vscode/startup';

const loading = { activatedAt: 0, loadMs: 12, loadWaitedMs: 2, cached: true };

suite('startup after the first paint', () => {
  test('each part is built on a turn of its own: what waits on the thread runs between two parts', async () => {
    const steps = new LaterSteps(new StartupClock(loading));
    const happened: string[] = [];
    const first = steps.step('first', async () => {
      happened.push('first part');
      // Another extension's work, or a keystroke, queued while the first part is built.
      setImmediate(() => happened.push('other work'));
    });
    const second = first.then(() => steps.step('second', async () => void happened.push('second part')));
    happened.push('the first paint');
    await second;
    assert.deepEqual(happened, ['the first paint', 'first part', 'other work', 'second part']);
  });

  test('a part to be built after the window closed is not built, and says so', async () => {
    const steps = new LaterSteps(new StartupClock(loading));
    let built = false;
    const step = steps.step('capture', async () => void (built = true));
    steps.dispose();
    await assert.rejects(step, StartupStopped);
    assert.equal(built, false);
  });

  test("the tests' reach into a part built later fails until it is built, then works", async () => {
    let finish!: (parts: { answer: number }) => void;
    const { built, part } = whenBuilt(new Promise<{ answer: number }>((resolve) => (finish = resolve)));
    assert.throws(() => part(), /still starting/);
    finish({ answer: 42 });
    await built;
    assert.equal(part().answer, 42);
  });

  test("the log's lines say the time of its own, the clock's, each step's and how long after activation", async () => {
    const clock = new StartupClock(loading);
    clock.time('status bar', () => undefined);
    const steps = new LaterSteps(clock);
    await steps.step('capture', async () => undefined);
    await steps.step('panels', async () => undefined);
    // The bench (bench/browser.mjs) reads these two lines: a change here is a change there.
    const ready = /^Ready: ([\d.]+) ms on the host thread of its own \(([\d.]+) ms by the clock\): (.*); first content (\d+) ms after activation$/.exec(clock.readyLine());
    assert.ok(ready, clock.readyLine());
    assert.ok(Number(ready[1]) >= 10 && Number(ready[1]) <= Number(ready[2]), clock.readyLine());
    assert.match(ready[3], /^load \(code cache\) 10\.0, status bar [\d.]+$/);
    const built = /^Built after the first paint: ([\d.]+) ms on the host thread of its own \(([\d.]+) ms by the clock\) in (\d+) turns, the longest ([\d.]+) ms: (.*); done (\d+) ms after activation$/.exec(clock.builtLine());
    assert.ok(built, clock.builtLine());
    assert.equal(built[3], '2');
    assert.match(built[5], /^capture [\d.]+, panels [\d.]+$/);
  });
});
