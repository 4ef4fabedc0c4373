import { performance } from 'node:perf_hooks';

/** What `dist/boot.js` measured before the extension proper ran. */
export interface Loading {
  /** When VS Code called `activate()` (performance.now()). */
  activatedAt: number;
  /** How long loading `dist/extension.js` took (better-sqlite3 with it). */
  loadMs: number;
  /** Whether V8 compiled it from its code cache. */
  cached: boolean;
}

/** The next turn of the event loop: whatever waits on the host's thread (a keystroke, another extension) runs first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * How long the extension proper holds the extension host's thread while it starts: the sum of its
 * own turns, not the time between them, when the host runs other work or Progress Log waits (the
 * database's check runs in a worker). Its lines in the output are what bench/ reads.
 */
export class StartupClock {
  private readonly setup: { what: string; ms: number }[];
  private readonly background: { what: string; ms: number }[] = [];

  constructor(private readonly loading: Loading) {
    this.setup = [{ what: loading.cached ? 'load (code cache)' : 'load (compiled)', ms: loading.loadMs }];
  }

  /** Runs `work` now, as part of what the first paint waits for. */
  time<T>(what: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      this.setup.push({ what, ms: performance.now() - started });
    }
  }

  /**
   * Runs `work` on a turn of its own, after whatever waits. `work` awaits only modules (`import()`,
   * settled within the same turn), so the time it takes is time on the thread.
   */
  async later<T>(what: string, work: () => Promise<T>): Promise<T> {
    await nextTurn();
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.background.push({ what, ms: performance.now() - started });
    }
  }

  /** "Ready: 31.2 ms on the host thread (load 20.1 ms, …); first content 96 ms after activation". */
  readyLine(): string {
    return `Ready: ${format(sum(this.setup))} on the host thread (${list(this.setup)}); first content ${this.sinceActivation()} after activation`;
  }

  /** "Built after the first paint: 14.0 ms on the host thread in 3 turns, the longest 8.1 ms (capture 8.1 ms, …); done 180 ms after activation". */
  builtLine(): string {
    const longest = Math.max(0, ...this.background.map((turn) => turn.ms));
    return `Built after the first paint: ${format(sum(this.background))} on the host thread in ${this.background.length} turns, the longest ${format(longest)} (${list(this.background)}); done ${this.sinceActivation()} after activation`;
  }

  private sinceActivation(): string {
    return `${Math.round(performance.now() - this.loading.activatedAt)} ms`;
  }
}

function sum(turns: { ms: number }[]): number {
  return turns.reduce((total, turn) => total + turn.ms, 0);
}

function format(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

function list(turns: { what: string; ms: number }[]): string {
  return turns.map((turn) => `${turn.what} ${format(turn.ms)}`).join(', ');
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
