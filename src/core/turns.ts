/**
 * Long work on the extension host's thread, done in turns: a turn takes about `budgetMs`, then
 * other work (the window, timers, input) gets the thread. How many items fit in a turn is learnt as
 * it goes, because items differ by a thousand times (an outcome, or a run of 100 settled commits)
 * and so does the machine (idle, or shared with a build). Nothing here knows VS Code.
 */
import { performance } from 'node:perf_hooks';

/** What one turn aims at: well under the 250 ms a window may be held (README, Reliability). */
export const TURN_BUDGET_MS = 50;

/**
 * Runs `work(start, end)` over items [0, count) in turns (each turn one call, for its own
 * transaction), yielding between them; returns the sum of what the calls returned.
 */
export async function inTurns(count: number, work: (start: number, end: number) => number, budgetMs = TURN_BUDGET_MS): Promise<number> {
  let total = 0;
  let size = 8;
  for (let start = 0; start < count; ) {
    const end = Math.min(count, start + size);
    const started = performance.now();
    total += work(start, end);
    const took = performance.now() - started;
    // The next turn sized for the budget by this one's pace, growing at most fourfold.
    size = Math.max(1, Math.min(size * 4, Math.floor(((end - start) * budgetMs) / Math.max(took, 1))));
    start = end;
    if (start < count) await new Promise((resolve) => setImmediate(resolve));
  }
  return total;
}
