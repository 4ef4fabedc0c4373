/**
 * Several machines, each with its own database (real SQLite files), making random changes to one
 * log and exchanging operations: what the sync tests and the stress suite share. A seeded random
 * source makes every run repeatable (the seed is in the test's name).
 */
import { silentLogger } from '../../src/core/logger';
import { REACHES, type CommitRecord } from '../../src/core/domain';
import { Store, type Operation } from '../../src/storage/store';
import { recordCommits, removeDatabase, tempDatabase } from './harness';
import { written } from './written';

/** A small, fast, seeded random source (mulberry32). */
export function randomSource(seed: number): { next(): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean } {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)], chance: (p) => next() < p };
}

export interface Machine {
  name: string;
  store: Store;
  /** Its clock, skewed from the others' (a machine's wall clock is never trusted). */
  now(): number;
  close(): void;
}

const REPOSITORY = { rootCommit: 'f'.repeat(40), remoteUrl: 'git@github.com:acme/shop.git', defaultBranch: 'main' };
const DAY = 24 * 60 * 60 * 1000;

/** Opens `count` machines, each with a clock skewed by up to a day either way, and a clone of one repository. */
export function openMachines(count: number, random: ReturnType<typeof randomSource>): Machine[] {
  return Array.from({ length: count }, (_, index) => {
    const file = tempDatabase();
    const skew = Math.round((random.next() * 2 - 1) * DAY);
    let tick = 0;
    const now = () => Date.UTC(2026, 10, 2, 9) + skew + tick++ * 1000;
    const store = Store.open(file, { logger: silentLogger, now });
    store.clones.ensure(`/home/dev/machine-${index}/shop`, REPOSITORY);
    return { name: `machine-${index}`, store, now, close: () => (store.close(), removeDatabase(file)) };
  });
}

/** Commits of the user's, the same on every machine (pushed, pulled): each machine records them as its scans would. */
export function sharedCommits(machines: readonly Machine[], count: number): Map<Machine, CommitRecord[]> {
  const commits = Array.from({ length: count }, (_, index) => ({
    sha: index.toString(16).padStart(40, 'c'),
    subject: `feat: change ${index}`,
    authorEmail: 'dev@example.com',
    authorTime: Date.UTC(2026, 10, 1) + index * 60_000,
    branch: 'main',
    isMerge: false,
    patchId: index.toString(16).padStart(40, 'd'),
  }));
  return new Map(machines.map((machine, index) => [machine, recordCommits(machine.store, `/home/dev/machine-${index}/shop`, commits)]));
}

/** One random change on `machine`, as a person makes it; a change refused (work already named) is skipped. */
export function randomChange(machine: Machine, random: ReturnType<typeof randomSource>, commits: readonly CommitRecord[]): void {
  const { store } = machine;
  const outcomes = store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER);
  const goals = store.goals.list();
  const deleted = store.outcomes.deletedIds();
  const choice = random.next();
  try {
    if (choice < 0.25 || outcomes.length === 0) {
      const waiting = commits.filter((commit) => store.scans.commit(commit.id)?.status === 'pending');
      if (waiting.length > 0 && random.chance(0.5)) {
        written(store.changes.createOutcome({ text: `Named on ${machine.name} ${random.next().toFixed(6)}`, kind: 'impact', source: 'commit', commitIds: [random.pick(waiting).id] }));
      } else {
        written(store.changes.createOutcome({ text: `Added on ${machine.name} ${random.next().toFixed(6)}`, kind: random.chance(0.7) ? 'impact' : 'routine', source: 'manual' }));
      }
    } else if (choice < 0.45) {
      written(store.changes.editOutcome(random.pick(outcomes).id, { text: `Renamed on ${machine.name} ${random.next().toFixed(6)}` }));
    } else if (choice < 0.55) {
      const outcome = random.pick(outcomes);
      written(store.changes.editOutcome(outcome.id, { kind: outcome.kind === 'impact' ? 'routine' : 'impact' }));
    } else if (choice < 0.63) {
      written(store.changes.deleteOutcome(random.pick(outcomes).id));
    } else if (choice < 0.7 && deleted.length > 0) {
      const body = store.outcomes.deleted(random.pick(deleted));
      if (body) written(store.changes.restoreOutcome(body));
    } else if (choice < 0.78 && goals.length > 0) {
      written(store.changes.linkOutcomes([random.pick(outcomes).id], random.chance(0.8) ? random.pick(goals).id : null));
    } else if (choice < 0.84 || goals.length === 0) {
      written(store.changes.createGoal({ title: `Goal of ${machine.name} ${random.next().toFixed(4)}` }));
    } else if (choice < 0.9) {
      written(store.changes.editGoal(random.pick(goals).id, { why: `Why, said on ${machine.name} ${random.next().toFixed(4)}` }));
    } else if (choice < 0.94) {
      written(store.changes.setGoalStatus(random.pick(goals).id, random.pick(['active', 'completed', 'dropped'] as const)));
    } else if (choice < 0.97) {
      const waiting = commits.filter((commit) => store.scans.commit(commit.id)?.status === 'pending');
      if (waiting.length > 0) written(store.changes.settleCommits([random.pick(waiting).id], random.pick(['routine', 'skipped'] as const)));
    } else {
      const week = { start: Date.UTC(2026, 10, 2) - 7 * DAY * Math.floor(random.next() * 3), end: 0 };
      week.end = week.start + 7 * DAY;
      const highlights = outcomes.length ? [random.pick(outcomes).id] : [];
      written(store.changes.saveReview({ week, answers: { movedForward: `Moved on ${machine.name}`, busyWork: null, nextFocus: random.chance(0.5) ? 'Ship it' : null }, highlights }));
    }
  } catch (error) {
    if (!/already named|no longer exists|deleted meanwhile/i.test(String(error))) throw error;
  }
}

/**
 * One random change to what shows whether work grows (schema 10): who outcomes reached, firsts,
 * a week's plan added to, reworded, and settled by an outcome. Kept apart from `randomChange`, so
 * that the seeds that once found faults there replay as they did.
 */
export function randomGrowthChange(machine: Machine, random: ReturnType<typeof randomSource>): void {
  const { store } = machine;
  const outcomes = store.log.outcomesBetween(0, Number.MAX_SAFE_INTEGER);
  const goals = store.goals.list();
  const week = Date.UTC(2026, 10, 2) - 7 * DAY * Math.floor(random.next() * 2);
  const plan = store.plans.ofWeek(week);
  const choice = random.next();
  try {
    if (choice < 0.3 && outcomes.length > 0) {
      const ids = [random.pick(outcomes).id, ...(random.chance(0.3) ? [random.pick(outcomes).id] : [])];
      written(store.changes.markOutcomes(ids, { reach: random.chance(0.15) ? null : random.pick(REACHES) }));
    } else if (choice < 0.45 && outcomes.length > 0) {
      written(store.changes.markOutcomes([random.pick(outcomes).id], { first: random.chance(0.7) }));
    } else if (choice < 0.7 || plan.length === 0) {
      written(store.changes.addPlanItem({ weekStart: week, text: `Planned on ${machine.name} ${random.next().toFixed(5)}`, goalId: goals.length && random.chance(0.5) ? random.pick(goals).id : null }));
    } else if (choice < 0.8) {
      written(store.changes.editPlanItem(random.pick(plan).id, { text: `Replanned on ${machine.name} ${random.next().toFixed(5)}` }));
    } else {
      const state = random.pick(['landed', 'landed', 'moved', 'dropped', 'open'] as const);
      written(store.changes.settlePlanItem(random.pick(plan).id, state, state === 'landed' && outcomes.length ? random.pick(outcomes).id : null));
    }
  } catch (error) {
    if (!/at most 5 planned outcomes/i.test(String(error))) throw error;
  }
}

/**
 * An import of history finished on `machine` (schema 11): from one of a few days, or all of it.
 * Only the range travels, and it merges (the widest stays). Kept apart, like `randomGrowthChange`.
 */
export function randomHistoryImport(machine: Machine, random: ReturnType<typeof randomSource>): void {
  const repoId = machine.store.clones.withClones()[0].id;
  const since = random.pick([null, Date.UTC(2025, 10, 2), Date.UTC(2026, 4, 4), Date.UTC(2026, 9, 5)]);
  written(machine.store.changes.recordHistoryImport(repoId, since));
}

/** Hands `to` what `from` holds: all of it, or (partly) a random share of it. */
export function exchange(from: Machine, to: Machine, random?: ReturnType<typeof randomSource>): number {
  const operations: Operation[] = [...from.store.operations.all()];
  const share = random ? operations.filter(() => random.chance(0.6)) : operations;
  return to.store.operations.receive(share);
}

/** Runs one seeded history: `rounds` of random changes, each followed by random partial exchanges; then a full exchange. */
export function convergeOnSeed(seed: number, cleanups: (() => void)[], options: { machines?: number; rounds?: number; growth?: boolean; history?: boolean } = {}): { digests: string[]; operations: number } {
  const random = randomSource(seed);
  const machines = openMachines(options.machines ?? 3 + (seed % 3), random);
  cleanups.push(...machines.map((machine) => () => machine.close()));
  const commits = sharedCommits(machines, 12);
  for (let round = 0; round < (options.rounds ?? 6); round++) {
    for (const machine of machines) {
      for (let change = 0; change < 1 + Math.floor(random.next() * 4); change++) {
        if (options.history && random.chance(0.2)) randomHistoryImport(machine, random);
        else if (options.growth && random.chance(0.4)) randomGrowthChange(machine, random);
        else randomChange(machine, random, commits.get(machine)!);
      }
    }
    for (let sync = 0; sync < machines.length; sync++) exchange(random.pick(machines), random.pick(machines), random);
  }
  fullExchange(machines);
  return { digests: machines.map((machine) => machine.store.operations.digest()), operations: machines[0].store.operations.counts().all };
}

/** Everyone receives everything from everyone, twice over, in a shuffled order. */
export function fullExchange(machines: readonly Machine[]): void {
  for (let pass = 0; pass < 2; pass++) for (const to of [...machines].reverse()) for (const from of machines) if (from !== to) exchange(from, to);
}
