/**
 * The log as operations (src/sync moves them between machines). Every change a person makes here
 * is recorded as an immutable operation, in the change's own transaction: a ULID, this database's
 * machine id, a Lamport clock, and the change as it travels (src/storage/portable.ts). Operations
 * from elsewhere (another machine, a backup) are received by id, so receiving one twice changes
 * nothing, and applied by the rules of `applyOperation.ts`: each field of a record takes the value
 * of the operation that set it last by (clock, machine id), never by a wall clock, so every machine
 * ends with the same log whatever order operations reach it in.
 * Nothing here knows VS Code.
 */
import { createHash, randomBytes } from 'node:crypto';
import { inTurns, TURN_BUDGET_MS } from '../core/turns';
import { newId } from '../core/ulid';
import { OperationApplier, fieldsOf, type BaselineItem } from './applyOperation';
import type { LogChange } from './changes';
import type { Database } from './database';
import type { Outcomes } from './outcomes';
import { Portable, type PortableChange } from './portable';

/** One operation as it is kept, travels and is backed up: one JSON object per line. */
export interface Operation {
  /** The format's version; fields are only ever added. */
  v: 1;
  id: string;
  machine: string;
  clock: number;
  /** When it was made, by the clock of the machine that made it: shown, never compared. */
  at: number;
  change: PortableChange;
}

interface OperationRow {
  id: string;
  machine_id: string;
  clock: number;
  body: string;
  sent_in: string | null;
}

/** What `sent_in` says of an operation that came from elsewhere: it is never sent by this machine. */
const RECEIVED = 'received';

/** The sync_state key saying the history baseline was made (apart from `baseline`, which an older Progress Log may have made without it). */
const HISTORY_BASELINE = 'baseline.history';

/**
 * The kinds of change an older Progress Log did not know: one received then was kept and applied
 * by none (see `fieldsOf`), and, known by its id, is never received again. This build applies
 * them once (`replayKept`), under the key below; applying one already applied changes nothing.
 */
const KINDS_ADDED_LATER = ['outcome.mark', 'plan.add', 'plan.edit', 'plan.settle', 'history.import'] as const;
const REPLAYED = `replayed:${KINDS_ADDED_LATER.join(',')}`;

export class OperationLog {
  private readonly portable: Portable;
  private readonly applier: OperationApplier;
  private machine: string | undefined;

  constructor(
    private readonly db: Database,
    outcomes: Outcomes,
  ) {
    this.portable = new Portable(db);
    this.applier = new OperationApplier(db, outcomes, this.portable);
  }

  /** This database's machine id, made at first use and never changed (a copied database is found out by sync: see src/sync). */
  machineId(): string {
    if (this.machine) return this.machine;
    const known = this.db.read(() => this.state('machine'));
    this.machine = known ?? this.db.write(() => this.state('machine') ?? this.setState('machine', `m${newId(this.db.now()).toLowerCase()}${randomBytes(2).toString('hex')}`));
    return this.machine;
  }

  /** Records a change made here; runs inside the change's transaction, after the change. */
  record(change: LogChange): Operation {
    const operation: Operation = { v: 1, id: newId(this.db.now()), machine: this.machineId(), clock: this.tick(), at: this.db.now(), change: this.portable.of(change) };
    this.insert(operation, null);
    // The newest clock there is: every field it sets is its value now.
    for (const field of fieldsOf(operation.change)) this.applier.setVersion(field, operation);
    // A delete or restore made here leaves its commits as they would be on any machine.
    if (change.type === 'outcome.delete') this.applier.reconcile(this.applier.commitsOf(change.id));
    if (change.type === 'outcome.restore') this.applier.reconcile(this.applier.commitsOf(change.deleted.outcome.id));
    return operation;
  }

  /**
   * Receives operations from elsewhere: each one not known yet is kept and applied, oldest clock
   * first, in transactions of `batch` (short, so that a window waits for none long); returns how
   * many were new.
   */
  receive(operations: readonly Operation[], batch = 200): number {
    const ordered = [...operations].filter(isOperation).sort(byStamp);
    let received = 0;
    for (let start = 0; start < ordered.length; start += batch) {
      received += this.db.write(() => {
        let count = 0;
        for (const operation of ordered.slice(start, start + batch)) {
          if (this.has(operation.id)) continue;
          this.insert(operation, RECEIVED);
          this.observe(operation.clock);
          this.applier.apply(operation);
          count++;
        }
        if (count > 0) this.db.markLogChanged();
        return count;
      });
    }
    return received;
  }

  /** Operations made here and not sent yet, oldest first. */
  unsent(limit = 5000): Operation[] {
    return this.db.read(() =>
      this.db
        .statement<[number], OperationRow>('SELECT * FROM operations WHERE sent_in IS NULL ORDER BY clock, id LIMIT ?')
        .all(limit)
        .map(toOperation),
    );
  }

  /** A page of this machine's operations not sent yet, oldest first, after `after`: each as the line it travels as. */
  unsentLines(after: { clock: number; id: string } | undefined, limit: number): { id: string; clock: number; line: string }[] {
    const from = after ?? { clock: -1, id: '' };
    return this.db.read(() =>
      this.db
        .statement<[number, string, number], { id: string; clock: number; body: string }>(
          // A row value, so that each page seeks in operations_unsent where the last one ended.
          'SELECT id, clock, body FROM operations WHERE sent_in IS NULL AND (clock, id) > (?, ?) ORDER BY clock, id LIMIT ?',
        )
        .all(from.clock, from.id, limit)
        .map((row) => ({ id: row.id, clock: row.clock, line: row.body })),
    );
  }

  /** Marks operations as sent in a batch (its name in the sync repository). */
  markSent(ids: readonly string[], batch: string): void {
    this.db.write(() => {
      const update = this.db.statement('UPDATE operations SET sent_in = ? WHERE id = ? AND sent_in IS NULL');
      for (const id of ids) update.run(batch, id);
    });
  }

  /**
   * Every operation this log holds (a backup), a page at a time in the order of their ids: the
   * primary key's, so that a page is a seek, not a sort of the whole table (whoever applies them
   * sorts them by stamp).
   */
  *all(pageSize = 2000): Generator<Operation> {
    let after = '';
    for (;;) {
      const page = this.db.read(() => this.db.statement<[string, number], OperationRow>('SELECT * FROM operations WHERE id > ? ORDER BY id LIMIT ?').all(after, pageSize));
      for (const row of page) yield toOperation(row);
      if (page.length < pageSize) return;
      after = page[page.length - 1].id;
    }
  }

  /** How many operations this log holds, and how many of this machine's wait to be sent. */
  counts(): { all: number; unsent: number } {
    return this.db.read(() => ({
      all: this.db.statement<[], { n: number }>('SELECT count(*) AS n FROM operations').get()!.n,
      unsent: this.db.statement<[], { n: number }>('SELECT count(*) AS n FROM operations WHERE sent_in IS NULL').get()!.n,
    }));
  }

  /**
   * Operations for what the log held before it kept operations (an older Progress Log): made once,
   * the first time they are needed (the first sync or backup), stamped older than anything since,
   * in one transaction. Returns how many were made.
   */
  baseline(): number {
    const history = this.historyBaseline();
    if (this.db.read(() => this.state('baseline'))) return history;
    return this.db.write(() => {
      if (this.state('baseline')) return history;
      const made = this.applier.baselinePlan().reduce((count, item) => count + this.writeBaseline(item), 0);
      this.setState('baseline', String(this.db.now()));
      return history + made;
    });
  }

  /**
   * The baseline as a sync makes it: in short transactions with a turn for other work between
   * them, so that a year's log (100,000 outcomes) never holds the window's thread, nor the database
   * from other windows, for long. A change made meanwhile to a record not reached yet brings that
   * record's baseline first (`beforeChange`); a transaction that fails stops it, and the next sync
   * starts over where the log stands.
   */
  async baselineInTurns(budgetMs = TURN_BUDGET_MS): Promise<number> {
    const history = this.historyBaseline();
    if (this.db.read(() => this.state('baseline'))) return history;
    const plan = this.db.read(() => this.applier.baselinePlan());
    const made = await inTurns(plan.length, (start, end) => this.db.write(() => plan.slice(start, end).reduce((count, item) => count + this.writeBaseline(item), 0)), budgetMs);
    this.db.write(() => {
      if (!this.state('baseline')) this.setState('baseline', String(this.db.now()));
    });
    return history + made;
  }

  /**
   * Applies, once, the operations from other machines of a kind an older Progress Log kept without
   * applying (KINDS_ADDED_LATER), so that a machine that synced before it was updated ends like
   * the others. A page of `pageSize` operations a turn, each page's few a short transaction;
   * returns how many were applied.
   */
  async replayKept(pageSize = 2_000): Promise<number> {
    if (this.db.read(() => this.state(REPLAYED))) return 0;
    const me = this.machineId();
    const kinds = new Set<string>(KINDS_ADDED_LATER);
    // SQLite picks them out of the bodies (a year's log holds hundreds of MB of them), a page of ids
    // at a time with other work between: only the few of those kinds are read and applied.
    const wanted = KINDS_ADDED_LATER.map(() => 'instr(body, ?) > 0').join(' OR ');
    const page = this.db.statement<unknown[], { id: string; wanted: number }>(
      `SELECT id, (${wanted}) AS wanted FROM operations WHERE id > ? AND machine_id <> ? AND sent_in = ? ORDER BY id LIMIT ?`,
    );
    const one = this.db.statement<[string], OperationRow>('SELECT * FROM operations WHERE id = ?');
    const patterns = KINDS_ADDED_LATER.map((kind) => `"type":"${kind}"`);
    let after = '';
    let replayed = 0;
    for (;;) {
      const rows = this.db.read(() => page.all(...patterns, after, me, RECEIVED, pageSize));
      if (rows.length === 0) break;
      after = rows[rows.length - 1].id;
      const operations = this.db
        .read(() => rows.filter((row) => row.wanted).map((row) => one.get(row.id)))
        .filter((row): row is OperationRow => row !== undefined)
        .map(toOperation)
        .filter((operation) => kinds.has(operation.change.type));
      if (operations.length > 0) {
        this.db.write(() => {
          for (const operation of operations) this.applier.apply(operation);
          this.db.markLogChanged();
        });
        replayed += operations.length;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.db.write(() => this.setState(REPLAYED, String(this.db.now())));
    return replayed;
  }

  /**
   * Operations for history imported before imports were operations, once: one per repository
   * (a row each, one short transaction), also in a log whose baseline an older Progress Log made.
   * Stamped like the baseline; the range they widen is merged, not replaced, so that a wider
   * import from elsewhere is never narrowed by them.
   */
  private historyBaseline(): number {
    if (this.db.read(() => this.state(HISTORY_BASELINE))) return 0;
    return this.db.write(() => {
      if (this.state(HISTORY_BASELINE)) return 0;
      const imported = this.applier.historyBaseline();
      for (const { repoId, change } of imported) {
        this.insert({ v: 1, id: newId(this.db.now()), machine: this.machineId(), clock: 0, at: this.db.now(), change }, null);
        if (change.type === 'history.import') this.applier.widenHistory(repoId, change.since);
      }
      this.setState(HISTORY_BASELINE, String(this.db.now()));
      return imported.length;
    });
  }

  /**
   * Runs inside a change's transaction, before the change: an outcome or goal from before
   * operations were kept gets its baseline operation first, so that the change never travels
   * without the record it changes (an edit of a record another machine never received would be
   * lost there).
   */
  beforeChange(change: LogChange): void {
    if (this.state('baseline')) return;
    const touched = touchedRecords(change);
    if (touched.outcomes.length + touched.goals.length === 0) return;
    for (const item of this.applier.baselinePlan(touched)) this.writeBaseline(item);
  }

  /** Writes the baseline operations of one item of the plan; returns how many. */
  private writeBaseline(item: BaselineItem): number {
    const changes = this.applier.baselineChangesOf(item);
    for (const change of changes) {
      const operation: Operation = { v: 1, id: newId(this.db.now()), machine: this.machineId(), clock: 0, at: this.db.now(), change };
      this.insert(operation, null);
      for (const field of fieldsOf(change)) this.applier.setVersionIfNewer(field, operation);
    }
    return changes.length;
  }

  /** What every machine holds alike once synced (the same records, the same values), as one hash: two logs agree when their digests do. */
  digest(): string {
    return createHash('sha256').update(JSON.stringify(this.db.read(() => this.applier.contents()))).digest('hex');
  }

  /** A machine-local value of sync's own (how far a machine's operations were read, say). */
  state(key: string): string | undefined {
    return this.db.statement<[string], { value: string }>('SELECT value FROM sync_state WHERE key = ?').get(key)?.value;
  }

  setState(key: string, value: string): string {
    this.db.write(() => this.db.statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
    return value;
  }

  private has(id: string): boolean {
    return this.db.statement('SELECT 1 FROM operations WHERE id = ?').get(id) !== undefined;
  }

  private insert(operation: Operation, sentIn: string | null): void {
    this.db.statement('INSERT INTO operations (id, machine_id, clock, body, sent_in) VALUES (?, ?, ?, ?, ?)').run(operation.id, operation.machine, operation.clock, JSON.stringify(operation), sentIn);
  }

  /** The next clock for an operation made here: past every clock seen. */
  private tick(): number {
    const next = Number(this.state('clock') ?? 0) + 1;
    this.setState('clock', String(next));
    return next;
  }

  /** A clock seen on an operation from elsewhere: the next one made here comes after it. */
  private observe(clock: number): void {
    if (clock > Number(this.state('clock') ?? 0)) this.setState('clock', String(clock));
  }
}

function toOperation(row: OperationRow): Operation {
  return JSON.parse(row.body) as Operation;
}

/** Oldest first by (clock, machine), the order every machine agrees on. */
export function byStamp(a: Pick<Operation, 'clock' | 'machine' | 'id'>, b: Pick<Operation, 'clock' | 'machine' | 'id'>): number {
  return a.clock - b.clock || (a.machine < b.machine ? -1 : a.machine > b.machine ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Whether a parsed line is an operation this version can apply (a damaged or foreign line is skipped, not applied half). */
export function isOperation(value: unknown): value is Operation {
  const operation = value as Partial<Operation> | null;
  return (
    typeof operation === 'object' &&
    operation !== null &&
    operation.v === 1 &&
    typeof operation.id === 'string' &&
    typeof operation.machine === 'string' &&
    typeof operation.clock === 'number' &&
    typeof operation.change === 'object' &&
    operation.change !== null &&
    typeof (operation.change as { type?: unknown }).type === 'string'
  );
}

/** The outcomes and goals that existed before `change` and that it changes. */
function touchedRecords(change: LogChange): { outcomes: readonly string[]; goals: readonly string[] } {
  switch (change.type) {
    case 'outcome.edit':
    case 'outcome.delete':
      return { outcomes: [change.id], goals: [] };
    case 'outcome.link':
      return { outcomes: change.outcomeIds, goals: change.goalId ? [change.goalId] : [] };
    case 'outcome.mark':
      return { outcomes: change.outcomeIds, goals: [] };
    case 'plan.add':
      return { outcomes: [], goals: change.item.goalId ? [change.item.goalId] : [] };
    case 'plan.edit':
      return { outcomes: [], goals: change.change.goalId ? [change.change.goalId] : [] };
    case 'plan.settle':
      return { outcomes: change.outcomeId ? [change.outcomeId] : [], goals: [] };
    case 'goal.edit':
    case 'goal.status':
      return { outcomes: [], goals: [change.id] };
    default:
      // New records, and changes that carry all they name (settling work, a review).
      return { outcomes: [], goals: [] };
  }
}
