/**
 * Outcomes: naming work (commits, a closed branch, or something done by hand), settling it as
 * routine or skipped, editing, deleting with a tombstone, and putting a deleted outcome back.
 */
import type { CommitStatus, DeletedOutcome, Outcome, OutcomeKind, OutcomeSource, Reach } from '../core/domain';
import { InvalidInputError, InvalidOutcomeError } from '../core/errors';
import * as l10n from '../core/l10n';
import { normalizeOutcomeText, outcomeTextProblem } from '../core/rules';
import { recordedId } from './historyRecords';
import type { Database } from './database';
import { BRANCH_COLUMNS, DraftTargets, OUTCOME_COLUMNS, idList, toOutcome, type BranchRow, type CommitRow, type OutcomeRow } from './rows';

export interface NewOutcome {
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  commitIds?: readonly string[];
  /** The closed branch this outcome names; its commits are linked and their outcomes appear under it. */
  branchId?: string;
  repoId?: string | null;
  branch?: string | null;
  happenedAt?: number;
  /** The goal it moves forward, if any. */
  goalId?: string | null;
  /** Who it reached, when the person said (impact only: routine work carries none). */
  reach?: Reach | null;
  /** Something the person had not done before. */
  first?: boolean;
  /**
   * Also name commits that were settled without a name (routine, skipped, history) or are still
   * open on their branch: naming from the Weekly Log. A prompt names only what still waits.
   */
  includeSettled?: boolean;
  /**
   * Named on another machine (src/sync): its commits and branch are named whatever they are here
   * (named here too, meanwhile: both outcomes stay, neither line is lost).
   */
  synced?: boolean;
}

/** Who an outcome reached and whether it was a first, as a change gives them. */
export interface OutcomeMarks {
  reach?: Reach | null;
  first?: boolean;
}

/**
 * The columns of an outcome's marks, as given: a row holds what its fields say on every machine
 * (routine work is named without a reach by `LogChanges`, and growth counts only shipped impact).
 */
function marksOf(outcome: { reach?: Reach | null; first?: boolean }): { reach: Reach | null; first: number } {
  return { reach: outcome.reach ?? null, first: outcome.first ? 1 : 0 };
}

/** Commits a prompt may name: still waiting, or open on a branch (named early from the log). */
const NAMEABLE: ReadonlySet<CommitStatus> = new Set(['pending', 'open']);
const NAMEABLE_FROM_LOG: ReadonlySet<CommitStatus> = new Set(['pending', 'open', 'routine', 'skipped', 'history']);
const NAMEABLE_WHEN_SYNCED: ReadonlySet<CommitStatus> = new Set(['pending', 'open', 'routine', 'skipped', 'history', 'named']);

export class Outcomes {
  constructor(private readonly db: Database) {}

  /**
   * Saves an outcome and links its commits (which are then named). For a branch, every commit of
   * the branch is linked, and outcomes its commits already had appear under this one.
   * @throws InvalidOutcomeError when the text cannot be an outcome.
   * `id` is chosen by the change that saves it (src/storage/changes.ts).
   * @throws InvalidInputError when the work was already named or settled (another window, a stale prompt).
   */
  save(input: NewOutcome, id: string): Outcome {
    const text = checkedText(input.text);
    return this.db.write(() => {
      const now = this.db.now();
      const branch = input.branchId === undefined ? undefined : this.db.statement<[string], BranchRow>(`SELECT ${BRANCH_COLUMNS} FROM branches b WHERE b.id = ?`).get(input.branchId);
      if (input.branchId !== undefined && branch?.status !== 'pending' && !(input.synced && branch)) {
        throw new InvalidInputError(l10n.t('That branch was already named or settled, perhaps in another window; nothing was changed.'));
      }
      const nameable = input.synced ? NAMEABLE_WHEN_SYNCED : input.includeSettled ? NAMEABLE_FROM_LOG : NAMEABLE;
      // History named from the Weekly Log is a row of `history` until now: it becomes a record to link.
      const given = input.includeSettled ? (input.commitIds ?? []).map((id) => recordedId(this.db, id)) : (input.commitIds ?? []);
      const stillWaiting = given.filter((id) => {
        const status = this.commitRow(id)?.status;
        return status !== undefined && nameable.has(status);
      });
      if (input.commitIds?.length && stillWaiting.length === 0 && !branch && !input.synced) {
        throw new InvalidInputError(l10n.t('Those commits were already named or settled, perhaps in another window; nothing was changed.'));
      }
      const commitIds = [...new Set([...stillWaiting, ...idList(branch?.commit_ids ?? null)])];
      const commits = commitIds.map((id) => this.commitRow(id)).filter((row) => row !== undefined);
      const ownWork = commits.filter((commit) => commit.is_merge === 0 && commit.gone_at === null);
      const happenedAt = input.happenedAt ?? branch?.closed_at ?? (ownWork.length ? Math.max(...ownWork.map((c) => c.author_time)) : commits.length ? Math.max(...commits.map((c) => c.author_time)) : now);
      const repoId = input.repoId ?? branch?.repo_id ?? commits[0]?.repo_id ?? null;
      const branchName = input.branch ?? branch?.name ?? commits.find((c) => c.branch)?.branch ?? null;
      const outcomeId = id;
      this.db
        .statement('INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, branch, goal_id, reach, is_first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(outcomeId, text, input.kind, input.source, happenedAt, now, now, repoId, branchName, input.goalId ?? null, marksOf(input).reach, marksOf(input).first);
      for (const commit of commits) {
        for (const own of this.outcomesOfCommit(commit.id)) this.db.statement('UPDATE outcomes SET parent_id = ?, updated_at = ? WHERE id = ? AND parent_id IS NULL').run(outcomeId, now, own);
        this.db.statement('INSERT OR IGNORE INTO outcome_commits (outcome_id, commit_id) VALUES (?, ?)').run(outcomeId, commit.id);
      }
      this.setStatus(commitIds, 'named', nameable);
      if (!branch) this.coverBranchesOf(commitIds);
      if (branch) {
        this.db.statement("UPDATE branches SET status = 'named', outcome_id = ?, updated_at = ? WHERE id = ? AND (status = 'pending' OR ?)").run(outcomeId, now, branch.id, input.synced ? 1 : 0);
        this.clearDraft(DraftTargets.branch(branch.id));
      }
      // What was typed for these commits, together or one by one, is now this outcome.
      for (const group of new Set(commits.map((commit) => commit.ask_group ?? commit.id))) this.clearDraft(DraftTargets.group(group));
      if (input.source === 'manual') this.clearDraft(DraftTargets.addOutcome);
      this.db.markLogChanged();
      this.db.logger.info(`Saved ${input.kind} outcome ${outcomeId} (${commits.length} commit(s)${branch ? `, branch ${branch.name}` : ''}): ${text}`);
      return this.outcome(outcomeId)!;
    });
  }

  /** Marks commits that still wait for a name as routine or skipped. Returns how many changed. */
  settleCommits(commitIds: readonly string[], status: 'routine' | 'skipped'): number {
    return this.db.write(() => {
      const changed = this.setStatus(commitIds, status, NAMEABLE);
      if (changed > 0) {
        this.coverBranchesOf(commitIds);
        this.db.markLogChanged();
      }
      return changed;
    });
  }

  /** Marks a closed branch that still waits, and its waiting commits, as routine or skipped. */
  settleBranch(branchId: string, status: 'routine' | 'skipped'): void {
    this.db.write(() => {
      const branch = this.db.statement<[string], BranchRow>(`SELECT ${BRANCH_COLUMNS} FROM branches b WHERE b.id = ?`).get(branchId);
      if (!branch || branch.status !== 'pending') return;
      this.db.statement('UPDATE branches SET status = ?, updated_at = ? WHERE id = ?').run(status, this.db.now(), branchId);
      this.setStatus(idList(branch.commit_ids), status, NAMEABLE);
      this.clearDraft(DraftTargets.branch(branchId));
      this.db.markLogChanged();
    });
  }

  /** Commits asked about together from now on (a burst joining the prompt on screen): one piece of work. */
  askTogether(commitIds: readonly string[], group: string): void {
    this.db.write(() => {
      const update = this.db.statement("UPDATE commits SET ask_group = ?, updated_at = ? WHERE id = ? AND status = 'pending'");
      let changed = 0;
      for (const id of commitIds) changed += update.run(group, this.db.now(), id).changes;
      if (changed > 0) this.db.markLogChanged();
    });
  }

  /** Changes an outcome's words and kind together, in one transaction. */
  edit(id: string, change: { text?: string; kind?: OutcomeKind }): void {
    const text = change.text === undefined ? undefined : checkedText(change.text);
    this.db.write(() => {
      const now = this.db.now();
      if (text !== undefined) this.db.statement('UPDATE outcomes SET text = ?, updated_at = ? WHERE id = ?').run(text, now, id);
      if (change.kind !== undefined) this.db.statement('UPDATE outcomes SET kind = ?, updated_at = ? WHERE id = ?').run(change.kind, now, id);
      this.clearDraft(DraftTargets.rename(id));
      this.db.markLogChanged();
    });
  }

  /**
   * Says who outcomes reached (null: nobody said) and whether each was a first; a field left out
   * stays as it is. Outcomes that are gone are passed over. Returns how many changed.
   */
  mark(ids: readonly string[], marks: OutcomeMarks): number {
    return this.db.write(() => {
      const now = this.db.now();
      let changed = 0;
      for (const id of new Set(ids)) {
        if (marks.reach !== undefined) changed += this.db.statement('UPDATE outcomes SET reach = ?, updated_at = ? WHERE id = ? AND reach IS NOT ?').run(marks.reach, now, id, marks.reach).changes;
        if (marks.first !== undefined) changed += this.db.statement('UPDATE outcomes SET is_first = ?, updated_at = ? WHERE id = ? AND is_first IS NOT ?').run(Number(marks.first), now, id, Number(marks.first)).changes;
      }
      if (changed > 0) this.db.markLogChanged();
      return changed;
    });
  }

  /**
   * Deletes an outcome, leaving a tombstone. Its commits (and its branch) wait for a name again
   * and its children stand alone; the returned record lets `restore` undo all of it.
   */
  delete(id: string): DeletedOutcome | undefined {
    return this.db.write(() => {
      const row = this.db.statement<[string], OutcomeRow>(`SELECT ${OUTCOME_COLUMNS} FROM outcomes o WHERE o.id = ?`).get(id);
      if (!row) return undefined;
      const outcome = toOutcome(row);
      const now = this.db.now();
      const deleted: DeletedOutcome = {
        outcome,
        createdAt: row.created_at,
        commitStatuses: outcome.commitIds.map((commitId) => ({ id: commitId, status: this.commitRow(commitId)!.status })),
        childIds: this.db.statement<[string], { id: string }>('SELECT id FROM outcomes WHERE parent_id = ?').all(id).map((child) => child.id),
        branch: this.db.statement<[string], { id: string; status: 'named' }>('SELECT id, status FROM branches WHERE outcome_id = ?').get(id) ?? null,
      };
      this.db.statement('DELETE FROM outcomes WHERE id = ?').run(id);
      // The tombstone keeps what was deleted: a restore, made here or on another machine, brings it back.
      this.db.statement('INSERT OR REPLACE INTO tombstones (id, kind, deleted_at, body) VALUES (?, ?, ?, ?)').run(id, 'outcome', now, JSON.stringify(deleted));
      for (const { id: commitId, status } of deleted.commitStatuses) {
        // A commit still linked to another outcome (its own, under this branch outcome) stays named.
        const stillNamed = this.outcomesOfCommit(commitId).length > 0;
        if (status === 'named' && !stillNamed) this.db.statement("UPDATE commits SET status = 'pending', updated_at = ? WHERE id = ?").run(now, commitId);
      }
      if (deleted.branch) this.db.statement("UPDATE branches SET status = 'pending', outcome_id = NULL, updated_at = ? WHERE id = ?").run(now, deleted.branch.id);
      this.db.markLogChanged();
      return deleted;
    });
  }

  /**
   * Puts a deleted outcome back as it is now, under its own id (ids are never reused): links,
   * children, commit and branch states. "Now": its tombstone as synced edits left it, when the
   * caller's copy (what Undo kept at the delete) is older, so that every machine restores the
   * same name.
   */
  restore(kept: DeletedOutcome): string {
    return this.db.write(() => {
      const deleted = this.deleted(kept.outcome.id) ?? kept;
      const { outcome } = deleted;
      const now = this.db.now();
      const parentId = outcome.parentId !== null && this.outcomeExists(outcome.parentId) ? outcome.parentId : null;
      // Its goal may be gone meanwhile, or (synced) not here yet: the link comes with the goal (src/storage/applyOperation.ts).
      const goalId = outcome.goalId !== null && this.db.statement('SELECT 1 FROM goals WHERE id = ?').get(outcome.goalId) ? outcome.goalId : null;
      this.db
        .statement('INSERT INTO outcomes (id, text, kind, source, happened_at, created_at, updated_at, repo_id, branch, parent_id, goal_id, reach, is_first) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(outcome.id, outcome.text, outcome.kind, outcome.source, outcome.happenedAt, deleted.createdAt, now, outcome.repoId, outcome.branch, parentId, goalId, marksOf(outcome).reach, marksOf(outcome).first);
      this.db.statement('DELETE FROM tombstones WHERE id = ?').run(outcome.id);
      for (const { id: commitId, status } of deleted.commitStatuses) {
        if (!this.commitRow(commitId)) continue;
        this.db.statement('INSERT OR IGNORE INTO outcome_commits (outcome_id, commit_id) VALUES (?, ?)').run(outcome.id, commitId);
        this.db.statement('UPDATE commits SET status = ?, updated_at = ? WHERE id = ?').run(status, now, commitId);
      }
      for (const childId of deleted.childIds) if (this.outcomeExists(childId)) this.db.statement('UPDATE outcomes SET parent_id = ?, updated_at = ? WHERE id = ?').run(outcome.id, now, childId);
      if (deleted.branch) {
        this.db.statement("UPDATE branches SET status = ?, outcome_id = ?, updated_at = ? WHERE id = ? AND status = 'pending'").run(deleted.branch.status, outcome.id, now, deleted.branch.id);
      }
      this.db.markLogChanged();
      return outcome.id;
    });
  }

  /** A deleted outcome as its tombstone keeps it (what a restore brings back). */
  deleted(id: string): DeletedOutcome | undefined {
    const row = this.db.read(() => this.db.statement<[string], { body: string | null }>("SELECT body FROM tombstones WHERE id = ? AND kind = 'outcome'").get(id));
    return row?.body ? (JSON.parse(row.body) as DeletedOutcome) : undefined;
  }

  /** The ids of deleted outcomes that can be restored, newest first. */
  deletedIds(limit = 1000): string[] {
    return this.db.read(() =>
      this.db
        .statement<[number], { id: string }>("SELECT id FROM tombstones WHERE kind = 'outcome' AND body IS NOT NULL ORDER BY deleted_at DESC, id LIMIT ?")
        .all(limit)
        .map((row) => row.id),
    );
  }

  outcome(id: string): Outcome | undefined {
    const row = this.db.read(() => this.db.statement<[string], OutcomeRow>(`SELECT ${OUTCOME_COLUMNS} FROM outcomes o WHERE o.id = ?`).get(id));
    return row ? toOutcome(row) : undefined;
  }

  private outcomeExists(id: string): boolean {
    return this.db.statement('SELECT 1 FROM outcomes WHERE id = ?').get(id) !== undefined;
  }

  private commitRow(id: string): CommitRow | undefined {
    return this.db.statement<[string], CommitRow>('SELECT * FROM commits WHERE id = ?').get(id);
  }

  private outcomesOfCommit(commitId: string): string[] {
    return this.db.statement<[string], { outcome_id: string }>('SELECT outcome_id FROM outcome_commits WHERE commit_id = ?').all(commitId).map((row) => row.outcome_id);
  }

  private setStatus(commitIds: readonly string[], status: CommitStatus, from: ReadonlySet<CommitStatus>): number {
    let changed = 0;
    const now = this.db.now();
    for (const id of commitIds) {
      const current = this.commitRow(id)?.status;
      if (current !== undefined && from.has(current)) changed += this.db.statement('UPDATE commits SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id).changes;
    }
    return changed;
  }

  /**
   * A closed branch waiting for a name whose every commit now has an answer (named or settled one
   * by one, perhaps from a prompt shown before the branch closed) shipped with them: it is not
   * asked about again.
   */
  private coverBranchesOf(commitIds: readonly string[]): void {
    const now = this.db.now();
    const branches = this.db.statement<[string], { branch_id: string }>(
      "SELECT bc.branch_id FROM branch_commits bc JOIN branches b ON b.id = bc.branch_id WHERE bc.commit_id = ? AND b.status = 'pending'",
    );
    const unsettled = this.db.statement<[string], { n: number }>(
      "SELECT count(*) AS n FROM branch_commits bc JOIN commits c ON c.id = bc.commit_id WHERE bc.branch_id = ? AND c.is_merge = 0 AND c.status IN ('pending', 'open')",
    );
    for (const branchId of new Set(commitIds.flatMap((id) => branches.all(id).map((row) => row.branch_id)))) {
      if (unsettled.get(branchId)!.n === 0) this.db.statement("UPDATE branches SET status = 'covered', updated_at = ? WHERE id = ? AND status = 'pending'").run(now, branchId);
    }
  }

  private clearDraft(target: string): void {
    this.db.statement('DELETE FROM drafts WHERE target = ?').run(target);
  }
}

/** @throws InvalidOutcomeError with a sentence for the user when the text cannot be an outcome. */
function checkedText(text: string): string {
  const problem = outcomeTextProblem(text);
  if (problem) throw new InvalidOutcomeError(problem);
  return normalizeOutcomeText(text);
}
