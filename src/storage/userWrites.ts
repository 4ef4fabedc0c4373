/**
 * Writes the user asked for (saving an outcome, editing one, settling work, adding one by hand, a
 * draft): durable (synchronous = FULL, so a saved line survives a power cut), and, in a window,
 * kept in `PendingWrites` when the database is locked by someone else instead of failing or
 * holding the window. Each is also written from its kept form (data), which is why each says how
 * to tell that it was written already.
 * Nothing here knows VS Code.
 */
import type { DeletedOutcome, Outcome, OutcomeKind } from '../core/domain';
import { InvalidOutcomeError } from '../core/errors';
import { normalizeOutcomeText, outcomeTextProblem } from '../core/rules';
import type { Database } from './database';
import { Drafts } from './drafts';
import { Outcomes, type NewOutcome } from './outcomes';
import type { PendingWrites } from './pendingWrites';

/** A line that cannot be an outcome is refused at once, never kept to fail later. */
function checkText(text: string): void {
  const problem = outcomeTextProblem(text);
  if (problem) throw new InvalidOutcomeError(problem);
}

export class UserOutcomes extends Outcomes {
  constructor(
    private readonly database: Database,
    private readonly pending: PendingWrites,
  ) {
    super(database);
    pending.handle('saveOutcome', { write: (write) => void super.save(write.outcome), alreadyWritten: (write, keptAt) => this.alreadySaved(write.outcome, keptAt) });
    pending.handle('editOutcome', { write: (write) => super.edit(write.id, write.change) });
    pending.handle('settleCommits', { write: (write) => void super.settleCommits(write.commitIds, write.status) });
    pending.handle('settleBranch', { write: (write) => super.settleBranch(write.branchId, write.status) });
  }

  /** @throws WriteKeptError when the database is locked: the outcome is kept and saved when it is free. */
  override save(input: NewOutcome): Outcome {
    checkText(input.text);
    return this.pending.run({ type: 'saveOutcome', outcome: input }, () => this.database.write(() => super.save(input), { durable: true }));
  }

  /** @throws WriteKeptError when the database is locked: the edit is kept and written when it is free. */
  override edit(id: string, change: { text?: string; kind?: OutcomeKind }): void {
    if (change.text !== undefined) checkText(change.text);
    this.pending.run({ type: 'editOutcome', id, change }, () => this.database.write(() => super.edit(id, change), { durable: true }));
  }

  /** @throws WriteKeptError when the database is locked: the answer is kept and written when it is free. */
  override settleCommits(commitIds: readonly string[], status: 'routine' | 'skipped'): number {
    return this.pending.run({ type: 'settleCommits', commitIds, status }, () => this.database.write(() => super.settleCommits(commitIds, status), { durable: true }));
  }

  /** @throws WriteKeptError when the database is locked: the answer is kept and written when it is free. */
  override settleBranch(branchId: string, status: 'routine' | 'skipped'): void {
    this.pending.run({ type: 'settleBranch', branchId, status }, () => this.database.write(() => super.settleBranch(branchId, status), { durable: true }));
  }

  override delete(id: string): DeletedOutcome | undefined {
    return this.database.write(() => super.delete(id), { durable: true });
  }

  override restore(deleted: DeletedOutcome): string {
    return this.database.write(() => super.restore(deleted), { durable: true });
  }

  /** Whether this outcome, kept at `keptAt`, is in the database already: the same words, saved since, for the same work. */
  private alreadySaved(input: NewOutcome, keptAt: number): boolean {
    const text = normalizeOutcomeText(input.text);
    if (input.branchId !== undefined) {
      return this.database
        .statement('SELECT 1 FROM branches b JOIN outcomes o ON o.id = b.outcome_id WHERE b.id = ? AND o.text = ? AND o.kind = ? AND o.created_at >= ?')
        .get(input.branchId, text, input.kind, keptAt) !== undefined;
    }
    if (input.commitIds?.length) {
      const linked = this.database.statement('SELECT 1 FROM outcome_commits oc JOIN outcomes o ON o.id = oc.outcome_id WHERE oc.commit_id = ? AND o.text = ? AND o.kind = ? AND o.created_at >= ?');
      return input.commitIds.some((commitId) => linked.get(commitId, text, input.kind, keptAt) !== undefined);
    }
    return this.database.statement('SELECT 1 FROM outcomes WHERE source = ? AND text = ? AND kind = ? AND created_at >= ?').get(input.source, text, input.kind, keptAt) !== undefined;
  }
}

export class UserDrafts extends Drafts {
  constructor(
    database: Database,
    private readonly pending: PendingWrites,
  ) {
    super(database);
    pending.handle('setDraft', { write: (write) => super.set(write.target, write.text) });
  }

  /** @throws WriteKeptError when the database is locked: the draft is kept and written when it is free. */
  override set(target: string, text: string | null): void {
    this.pending.run({ type: 'setDraft', target, text }, () => super.set(target, text));
  }
}
