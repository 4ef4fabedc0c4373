import { performance } from 'node:perf_hooks';
import { runQueueMs } from '../core/runQueue';

/** What `dist/boot.js` measured before the extension proper ran. */
export interface Loading {
  /** When VS Code called `activate()` (performance.now()). */
  activatedAt: number;
  /** How long loading `dist/extension.js` took (better-sqlite3 with it), by the clock. */
  loadMs: number;
  /** How much of `loadMs` the thread waited for a CPU another process had (src/core/runQueue.ts). */
  loadWaitedMs: number;
  /** Whether V8 compiled it from its code cache. */
  cached: boolean;
}

/** The next turn of the event loop: whatever waits on the host's thread (a keystroke, another extension) runs first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A stretch of the host's thread: `ms` by the clock, of which the thread waited `waitedMs` for a CPU. */
interface Turn {
  what: string;
  ms: number;
  waitedMs: number;
}

/**
 * How long the extension proper holds the extension host's thread while it starts: the sum of its
 * own turns, not the time between them, when the host runs other work or Progress Log waits (the
 * database's check runs in a worker). Each turn counts less the time the thread waited for a CPU
 * another process had, so that a busy machine does not pass for work of ours; the clock's figure
 * is printed beside it. Its lines in the output are what bench/ reads.
 */
export class StartupClock {
  private readonly setup: Turn[];
  private readonly background: Turn[] = [];

  constructor(private readonly loading: Loading) {
    this.setup = [{ what: loading.cached ? 'load (code cache)' : 'load (compiled)', ms: loading.loadMs, waitedMs: loading.loadWaitedMs }];
  }

  /** Runs `work` now, as part of what the first paint waits for. */
  time<T>(what: string, work: () => T): T {
    const started = performance.now();
    const queued = runQueueMs();
    try {
      return work();
    } finally {
      this.setup.push(turn(what, started, queued));
    }
  }

  /**
   * Runs `work` on a turn of its own, after whatever waits. `work` awaits only modules (`import()`,
   * settled within the same turn), so the time it takes is time on the thread.
   */
  async later<T>(what: string, work: () => Promise<T>): Promise<T> {
    await nextTurn();
    const started = performance.now();
    const queued = runQueueMs();
    try {
      return await work();
    } finally {
      this.background.push(turn(what, started, queued));
    }
  }

  /** "Ready: 21.2 ms on the host thread of its own (31.2 ms by the clock): load (code cache) 10.1, …; first content 96 ms after activation". */
  readyLine(): string {
    return `Ready: ${own(this.setup)} ms on the host thread of its own (${clock(this.setup)} ms by the clock): ${list(this.setup)}; first content ${this.sinceActivation()} ms after activation`;
  }

  /** "Built after the first paint: 14.0 ms on the host thread of its own (16.2 ms by the clock) in 4 turns, the longest 8.1 ms: capture 8.1, …; done 180 ms after activation". */
  builtLine(): string {
    const longest = Math.max(0, ...this.background.map((turn) => turn.ms - turn.waitedMs));
    return `Built after the first paint: ${own(this.background)} ms on the host thread of its own (${clock(this.background)} ms by the clock) in ${this.background.length} turns, the longest ${longest.toFixed(1)} ms: ${list(this.background)}; done ${this.sinceActivation()} ms after activation`;
  }

  private sinceActivation(): number {
    return Math.round(performance.now() - this.loading.activatedAt);
  }
}

/**
 * The turn since `started` (performance.now()) and `queued` (runQueueMs()), both read in that
 * order when it began: the run queue is read before the clock here too, so that a wait between
 * the two readings counts as time of ours rather than the other way round.
 */
function turn(what: string, started: number, queued: number): Turn {
  const waitedMs = runQueueMs() - queued;
  return { what, ms: performance.now() - started, waitedMs };
}

function own(turns: Turn[]): string {
  return turns.reduce((total, turn) => total + turn.ms - turn.waitedMs, 0).toFixed(1);
}

function clock(turns: Turn[]): string {
  return turns.reduce((total, turn) => total + turn.ms, 0).toFixed(1);
}

function list(turns: Turn[]): string {
  return turns.map((turn) => `${turn.what} ${(turn.ms - turn.waitedMs).toFixed(1)}`).join(', ');
}

/** Thrown by a step that was to be built after the window closed. */
export class StartupStopped extends Error {
  constructor() {
    super('The window closed while Progress Log was starting');
  }
}

/**
 * The parts built after the first paint, each on a turn of its own (`StartupClock.later`) so that
 * what waits on the host's thread runs between them; none is built once the window closed.
 */
export class LaterSteps {
  private stopped = false;

  constructor(private readonly clock: StartupClock) {}

  /** Builds `what` on the next turn; its `import()`s load the modules only then. */
  step<T>(what: string, build: () => Promise<T>): Promise<T> {
    return this.clock.later(what, () => (this.stopped ? Promise.reject(new StartupStopped()) : build()));
  }

  dispose(): void {
    this.stopped = true;
  }
}

/** What `building` resolves to, for code that may only run once it did (the extension-host tests). */
export function whenBuilt<T>(building: Promise<T>): { built: Promise<void>; part(): T } {
  let parts: T | undefined;
  const built = building.then((done) => void (parts = done));
  return {
    built,
    part: () => {
      if (parts === undefined) throw new Error('Progress Log is still starting: await the test API\'s "built" first');
      return parts;
    },
  };
}
