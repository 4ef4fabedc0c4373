/**
 * How an operation from another machine changes this log, so that every machine ends alike:
 * - Each field of a record (an outcome's words, kind, goal and whether it is deleted; a goal's
 *   title, why, target day and status; a week's review; a commit's or branch's settling) takes the
 *   value of the operation that set it last by (clock, machine id). An older operation arriving
 *   late changes nothing, and the value it lost to stays in the operations (the record's history).
 * - Deleting is a field too: a deleted outcome keeps its content in its tombstone, and a restore
 *   later than the delete brings it back. An edit of a deleted outcome is kept in it, and shows
 *   when it is restored; a delete later than a rename leaves it deleted.
 * - What an operation names that this machine never saw (a commit, a closed branch, a repository
 *   without a clone here) is made from the operation, and one commit seen on two machines is one
 *   record (same repository and sha, or the same change by patch id).
 * (About 500 lines: `fieldsOf`, the field each kind of change sets, and the applier that decides
 * each field's winner, makes what an operation names, plans the baseline of a log from before sync
 * and reads the digest's contents are kept together, so that every rule of what wins on every
 * machine is read in one file.) Nothing here knows VS Code.
 */
import type { DeletedOutcome, GoalStatus, OutcomeKind, PlanState, Reach } from '../core/domain';
import { newId } from '../core/ulid';
import type { Database } from './database';
import type { Operation } from './operations';
import type { Outcomes } from './outcomes';
import { Plans } from './plans';
import { HistoryRanges, isHistorySince, reachesFurther } from './historyRanges';
import { travellingRemote, type Portable, type PortableChange, type ReviewContent } from './portable';

/** One record, or a run of settled commits, of what a log from before operations holds (see `OperationApplier.baselinePlan`). */
export type BaselineItem = { outcome: string } | { goal: string } | { review: number } | { commits: readonly number[] };

/**
 * Settled commits one baseline operation names at most: each operation stays a line of modest
 * length, and applying one (its commits found or made) a short piece of work.
 */
const SETTLED_PER_OPERATION = 100;

/** One field an operation sets: the record it belongs to, its name, its value. */
export interface FieldValue {
  record: string;
  field: string;
  value: unknown;
}

type Stamp = Pick<Operation, 'clock' | 'machine'>;

interface VersionRow {
  clock: number;
  machine_id: string;
  value: string | null;
}

/** The fields a change sets, with their values. */
export function fieldsOf(change: PortableChange): FieldValue[] {
  const outcome = (id: string) => `outcome:${id}`;
  const goal = (id: string) => `goal:${id}`;
  const plan = (id: string) => `plan:${id}`;
  switch (change.type) {
    case 'outcome.create':
      return [
        { record: outcome(change.id), field: 'text', value: change.text },
        { record: outcome(change.id), field: 'kind', value: change.kind },
        { record: outcome(change.id), field: 'goal', value: change.goal },
        // Older operations carry no marks: they set none.
        ...(change.reach === undefined ? [] : [{ record: outcome(change.id), field: 'reach', value: change.reach }]),
        ...(change.first === undefined ? [] : [{ record: outcome(change.id), field: 'first', value: change.first }]),
      ];
    case 'outcome.edit':
      return [
        ...(change.text === undefined ? [] : [{ record: outcome(change.id), field: 'text', value: change.text }]),
        ...(change.kind === undefined ? [] : [{ record: outcome(change.id), field: 'kind', value: change.kind }]),
      ];
    case 'outcome.delete':
    case 'outcome.restore':
      return [{ record: outcome(change.id), field: 'deleted', value: change.type === 'outcome.delete' }];
    case 'outcome.link':
      return change.ids.map((id) => ({ record: outcome(id), field: 'goal', value: change.goal }));
    case 'outcome.mark':
      return change.ids.flatMap((id) => [
        ...(change.reach === undefined ? [] : [{ record: outcome(id), field: 'reach', value: change.reach }]),
        ...(change.first === undefined ? [] : [{ record: outcome(id), field: 'first', value: change.first }]),
      ]);
    case 'plan.add':
      return [
        { record: plan(change.id), field: 'week', value: change.weekStart },
        { record: plan(change.id), field: 'text', value: change.text },
        { record: plan(change.id), field: 'goal', value: change.goal },
        { record: plan(change.id), field: 'dueDay', value: change.dueDay },
      ];
    case 'plan.edit':
      return [
        ...(change.text === undefined ? [] : [{ record: plan(change.id), field: 'text', value: change.text }]),
        ...(change.goal === undefined ? [] : [{ record: plan(change.id), field: 'goal', value: change.goal }]),
        ...(change.dueDay === undefined ? [] : [{ record: plan(change.id), field: 'dueDay', value: change.dueDay }]),
      ];
    case 'plan.settle':
      return [{ record: plan(change.id), field: 'state', value: { state: change.state, outcome: change.outcome } satisfies PlanSettling }];
    case 'commits.settle':
      return change.commits.map((commit) => ({ record: `commit:${commit.sha}`, field: 'status', value: change.status }));
    case 'branch.settle':
      return [{ record: `branch:${change.branch.name}:${change.branch.tip}`, field: 'status', value: change.status }];
    case 'goal.create':
      return [
        { record: goal(change.id), field: 'title', value: change.title },
        { record: goal(change.id), field: 'why', value: change.why },
        { record: goal(change.id), field: 'targetDay', value: change.targetDay },
      ];
    case 'goal.edit':
      return [
        ...(change.title === undefined ? [] : [{ record: goal(change.id), field: 'title', value: change.title }]),
        ...(change.why === undefined ? [] : [{ record: goal(change.id), field: 'why', value: change.why }]),
        ...(change.targetDay === undefined ? [] : [{ record: goal(change.id), field: 'targetDay', value: change.targetDay }]),
      ];
    case 'goal.status':
      return [{ record: goal(change.id), field: 'status', value: change.status }];
    case 'review.save':
      return [{ record: `review:${change.weekStart}`, field: 'content', value: { weekEnd: change.weekEnd, answers: change.answers, highlights: change.highlights } satisfies ReviewContent }];
    case 'history.import':
      // Not a value the later operation sets: ranges merge (the widest stays), see HistoryRanges.
      return [];
    default:
      // A change a newer Progress Log made, of a kind this one does not know: kept, applied by none.
      return [];
  }
}

/** What a plan item's settling holds: its state, and the outcome it landed as. */
interface PlanSettling {
  state: PlanState;
  outcome: string | null;
}

function later(a: Stamp, b: { clock: number; machine_id: string } | undefined): boolean {
  return !b || a.clock > b.clock || (a.clock === b.clock && a.machine > b.machine_id);
}

export class OperationApplier {
  private readonly historyRanges: HistoryRanges;

  constructor(
    private readonly db: Database,
    private readonly outcomes: Outcomes,
    private readonly portable: Portable,
  ) {
    this.historyRanges = new HistoryRanges(db);
  }

  /** Sets a field's value and stamp (an operation made here: the newest there is). */
  setVersion(field: FieldValue, stamp: Stamp): void {
    this.db
      .statement('INSERT INTO field_versions (record, field, clock, machine_id, value) VALUES (?, ?, ?, ?, ?) ON CONFLICT (record, field) DO UPDATE SET clock = excluded.clock, machine_id = excluded.machine_id, value = excluded.value')
      .run(field.record, field.field, stamp.clock, stamp.machine, JSON.stringify(field.value));
  }

  /** Sets a field's value when `stamp` is later than the one that set it; true when it did. */
  setVersionIfNewer(field: FieldValue, stamp: Stamp): boolean {
    if (!later(stamp, this.version(field.record, field.field))) return false;
    this.setVersion(field, stamp);
    return true;
  }

  /** Applies an operation from elsewhere, inside the caller's transaction. */
  apply(operation: Operation): void {
    const { change } = operation;
    const won = fieldsOf(change).filter((field) => this.setVersionIfNewer(field, operation));
    switch (change.type) {
      case 'outcome.create':
        return this.createOutcome(change);
      case 'outcome.edit':
      case 'outcome.link':
      case 'outcome.mark':
        for (const id of change.type === 'outcome.edit' ? [change.id] : change.ids) if (won.some((field) => field.record === `outcome:${id}`)) this.showOutcome(id);
        return;
      case 'outcome.delete':
      case 'outcome.restore':
        if (won.length > 0) this.deleteOrRestore(change.id);
        return;
      case 'commits.settle':
        this.reconcile(change.commits.filter((commit) => won.some((field) => field.record === `commit:${commit.sha}`)).map((commit) => this.portable.resolveCommit(commit)));
        return;
      case 'branch.settle': {
        if (won.length === 0) return;
        const id = this.portable.resolveBranch(change.branch, []);
        this.db.statement("UPDATE branches SET status = ?, updated_at = ? WHERE id = ? AND status IN ('pending', 'routine', 'skipped')").run(change.status, this.db.now(), id);
        this.db.statement('DELETE FROM drafts WHERE target = ?').run(`branch:${id}`);
        return;
      }
      case 'goal.create':
      case 'goal.edit':
      case 'goal.status':
        if (won.length > 0 || change.type === 'goal.create') this.showGoal(change.id);
        return;
      case 'review.save':
        if (won.length > 0) this.showReview(change.weekStart);
        return;
      case 'plan.add':
      case 'plan.edit':
      case 'plan.settle':
        if (won.length > 0) this.showPlanItem(change.id);
        return;
      case 'history.import':
        // The range only: this machine reads the commits from its own clone, if it has one (src/capture/historyCatchUp.ts).
        if (isHistorySince(change.since) && typeof change.repo === 'object' && change.repo !== null) this.historyRanges.widen(this.portable.resolveRepo(change.repo), change.since);
        return;
    }
  }

  /**
   * History this machine imported that no operation says was imported (an older Progress Log
   * imported it): per repository, the range to send, with the repository it is of here.
   */
  historyBaseline(): { repoId: string; change: PortableChange }[] {
    const imported = this.db.statement<[], { repo_id: string; since: number | null }>('SELECT repo_id, since FROM history_imported ORDER BY repo_id').all();
    return imported
      .filter((row) => reachesFurther(row.since, this.historyRanges.wanted(row.repo_id)))
      .map((row) => ({ repoId: row.repo_id, change: this.portable.of({ type: 'history.import', repoId: row.repo_id, since: row.since }) }));
  }

  /** Widens the range every machine imports of a repository of this machine (a baseline operation made here). */
  widenHistory(repoId: string, since: number | null): void {
    this.historyRanges.widen(repoId, since);
  }

  /**
   * Settles what a commit's status is, whatever order operations came in: named while an outcome
   * links it; else what the latest settling operation said (routine, skipped); else as this
   * machine found it. Runs after anything that links, unlinks or settles commits, here or received.
   */
  reconcile(commitIds: readonly string[]): void {
    const now = this.db.now();
    for (const id of new Set(commitIds)) {
      const row = this.db.statement<[string], { sha: string; status: string }>('SELECT sha, status FROM commits WHERE id = ?').get(id);
      if (!row || row.status === 'ignored') continue;
      const linked = this.db.statement('SELECT 1 FROM outcome_commits WHERE commit_id = ?').get(id) !== undefined;
      const settled = this.value<'routine' | 'skipped'>(`commit:${row.sha}`, 'status')?.value;
      const status = linked ? 'named' : (settled ?? (row.status === 'named' ? 'pending' : row.status));
      if (status !== row.status) this.db.statement('UPDATE commits SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
    }
  }

  /** The commits an outcome links, live or deleted (its tombstone keeps them). */
  commitsOf(outcomeId: string): string[] {
    const linked = this.db.statement<[string], { commit_id: string }>('SELECT commit_id FROM outcome_commits WHERE outcome_id = ?').all(outcomeId).map((row) => row.commit_id);
    return [...linked, ...(this.tombstone(outcomeId)?.commitStatuses.map((commit) => commit.id) ?? [])];
  }

  /**
   * What the log holds that no operation made (rows from before operations were kept), as small
   * items to turn into operations one transaction at a time (`baselineChangesOf`); `only` limits it
   * to these outcomes and goals. Cheap: ids only, in whatever order SQLite finds them (operations are
   * applied by stamp anywhere; sorting a year's 100,000 outcomes and 400,000 settled commits held
   * the thread two seconds).
   */
  baselinePlan(only?: { outcomes: readonly string[]; goals: readonly string[] }): BaselineItem[] {
    const ids = (sql: string) => this.db.statement<[], { id: string }>(sql).all().map((row) => row.id);
    const outcomes = only ? only.outcomes : ids('SELECT id FROM outcomes');
    const goals = only ? only.goals : ids('SELECT id FROM goals ORDER BY created_at, id');
    const plan: BaselineItem[] = [...outcomes.map((outcome) => ({ outcome })), ...goals.map((goal) => ({ goal }))];
    if (only) return plan;
    for (const week of this.db.statement<[], { week_start: number }>('SELECT week_start FROM reviews ORDER BY week_start').all()) plan.push({ review: week.week_start });
    // Row ids, which commits_by_status holds: a year's 400,000 settled commits without visiting a row (what is gone is left out below).
    const settled = this.db.statement<[], { rowid: number }>("SELECT rowid FROM commits WHERE status IN ('routine', 'skipped')").all().map((row) => row.rowid);
    for (let start = 0; start < settled.length; start += SETTLED_PER_OPERATION) plan.push({ commits: settled.slice(start, start + SETTLED_PER_OPERATION) });
    return plan;
  }

  /** The operations one item of the baseline plan needs now: none when an operation made or changed the record since, or it is gone. */
  baselineChangesOf(item: BaselineItem): PortableChange[] {
    const unversioned = (record: string) => this.db.statement<[string], { n: number }>('SELECT count(*) AS n FROM field_versions WHERE record = ?').get(record)!.n === 0;
    if ('outcome' in item) {
      if (!this.outcomeExists(item.outcome) || !unversioned(`outcome:${item.outcome}`)) return [];
      return [this.portable.of({ type: 'outcome.create', id: item.outcome, outcome: { text: '', kind: 'impact', source: 'manual' } })];
    }
    if ('goal' in item) {
      const goal = this.db.statement<[string], { status: GoalStatus }>('SELECT status FROM goals WHERE id = ?').get(item.goal);
      if (!goal || !unversioned(`goal:${item.goal}`)) return [];
      const create = this.portable.of({ type: 'goal.create', id: item.goal, goal: { title: '' } });
      return goal.status === 'active' ? [create] : [create, { type: 'goal.status', id: item.goal, status: goal.status }];
    }
    if ('review' in item) {
      const review = this.db.statement<[number], { id: string; week_end: number }>('SELECT id, week_end FROM reviews WHERE week_start = ?').get(item.review);
      if (!review || !unversioned(`review:${item.review}`)) return [];
      const answers = { movedForward: null, busyWork: null, nextFocus: null };
      return [this.portable.of({ type: 'review.save', id: review.id, review: { week: { start: item.review, end: review.week_end }, answers, highlights: [] } })];
    }
    // Settled commits as they stand now: routine or skipped, still there, set by no operation.
    const byStatus = new Map<'routine' | 'skipped', string[]>();
    const row = this.db.statement<[number], { id: string; sha: string; status: string; gone_at: number | null }>('SELECT id, sha, status, gone_at FROM commits WHERE rowid = ?');
    for (const rowid of item.commits) {
      const commit = row.get(rowid);
      if (!commit || commit.gone_at !== null || (commit.status !== 'routine' && commit.status !== 'skipped') || !unversioned(`commit:${commit.sha}`)) continue;
      byStatus.set(commit.status, [...(byStatus.get(commit.status) ?? []), commit.id]);
    }
    return [...byStatus].map(([status, commitIds]) => this.portable.of({ type: 'commits.settle', commitIds, status }));
  }

  /** Everything the log holds that every synced machine holds alike, in one stable order. */
  contents(): unknown {
    const outcomes = this.db
      .statement<[], { id: string; text: string; kind: OutcomeKind; source: string; happened_at: number; goal_id: string | null; reach: Reach | null; is_first: number; shas: string | null }>(
        `SELECT o.id, o.text, o.kind, o.source, o.happened_at, o.goal_id, o.reach, o.is_first,
          (SELECT group_concat(sha) FROM (SELECT c.sha FROM outcome_commits oc JOIN commits c ON c.id = oc.commit_id WHERE oc.outcome_id = o.id ORDER BY c.sha)) AS shas
         FROM outcomes o ORDER BY o.id`,
      )
      .all();
    const deleted = this.db
      .statement<[], { id: string; body: string | null }>("SELECT id, body FROM tombstones WHERE kind = 'outcome' ORDER BY id")
      .all()
      .map((row) => {
        const body = row.body ? (JSON.parse(row.body) as DeletedOutcome).outcome : undefined;
        return [row.id, body?.text ?? null, body?.kind ?? null, body?.goalId ?? null, body?.reach ?? null, body?.first ?? false];
      });
    const goals = this.db.statement<[], { id: string; title: string; why: string | null; target_day: string | null; status: string }>('SELECT id, title, why, target_day, status FROM goals ORDER BY id').all();
    const reviews = this.db.statement<[], { record: string; value: string }>("SELECT record, value FROM field_versions WHERE record LIKE 'review:%' AND field = 'content' ORDER BY record").all();
    const settled = this.db
      .statement<[], { sha: string; status: string }>(
        "SELECT c.sha, c.status FROM commits c WHERE EXISTS (SELECT 1 FROM field_versions v WHERE v.record = 'commit:' || c.sha) OR EXISTS (SELECT 1 FROM outcome_commits oc WHERE oc.commit_id = c.id) ORDER BY c.sha",
      )
      .all();
    return {
      outcomes: outcomes.map((row) => [row.id, row.text, row.kind, row.source, row.happened_at, row.goal_id, row.shas ?? '', row.reach, row.is_first]),
      plans: this.db
        .statement<[], { id: string; week_start: number; text: string; goal_id: string | null; due_day: string | null; state: string; outcome_id: string | null }>(
          'SELECT id, week_start, text, goal_id, due_day, state, outcome_id FROM plan_items ORDER BY id',
        )
        .all()
        .map((row) => [row.id, row.week_start, row.text, row.goal_id, row.due_day, row.state, row.outcome_id]),
      deleted,
      goals: goals.map((row) => [row.id, row.title, row.why, row.target_day, row.status]),
      reviews: reviews.map((row) => [row.record, row.value]),
      commits: settled.map((row) => [row.sha, row.status]),
      // A repository by its first commit (else its remote, else its name): the same on every machine, unlike its row id.
      history: this.db
        .statement<[], { root_commit: string | null; remote_url: string | null; name: string; since: number | null }>(
          'SELECT p.root_commit, p.remote_url, p.name, h.since FROM history_ranges h JOIN repositories p ON p.id = h.repo_id',
        )
        .all()
        .map((row) => [row.root_commit ?? travellingRemote(row.remote_url) ?? row.name, row.since])
        .sort(([a], [b]) => String(a).localeCompare(String(b), 'en')),
    };
  }

  private version(record: string, field: string): { clock: number; machine_id: string } | undefined {
    return this.db.statement<[string, string], VersionRow>('SELECT clock, machine_id, value FROM field_versions WHERE record = ? AND field = ?').get(record, field);
  }

  /** The value a field holds now (the latest operation's), if any operation set it. */
  private value<T>(record: string, field: string): { value: T } | undefined {
    const row = this.db.statement<[string, string], VersionRow>('SELECT clock, machine_id, value FROM field_versions WHERE record = ? AND field = ?').get(record, field);
    return row ? { value: JSON.parse(row.value ?? 'null') as T } : undefined;
  }

  private tombstone(id: string): DeletedOutcome | undefined {
    const row = this.db.statement<[string], { body: string | null }>("SELECT body FROM tombstones WHERE id = ? AND kind = 'outcome'").get(id);
    return row?.body ? (JSON.parse(row.body) as DeletedOutcome) : undefined;
  }

  private outcomeExists(id: string): boolean {
    return this.db.statement('SELECT 1 FROM outcomes WHERE id = ?').get(id) !== undefined;
  }

  /** An outcome made on another machine: made here with its work, or kept in its tombstone when it is deleted already. */
  private createOutcome(change: Extract<PortableChange, { type: 'outcome.create' }>): void {
    if (this.outcomeExists(change.id) || this.tombstone(change.id)) return this.showOutcome(change.id);
    const record = `outcome:${change.id}`;
    const text = this.value<string>(record, 'text')?.value ?? change.text;
    const kind = this.value<OutcomeKind>(record, 'kind')?.value ?? change.kind;
    const goalId = this.goalIfKnown(this.value<string | null>(record, 'goal')?.value ?? change.goal);
    const reach = this.value<Reach | null>(record, 'reach')?.value ?? change.reach ?? null;
    const first = this.value<boolean>(record, 'first')?.value ?? change.first ?? false;
    const commitIds = change.commits.map((commit) => this.portable.resolveCommit(commit));
    const branchId = change.closedBranch ? this.portable.resolveBranch(change.closedBranch, commitIds) : undefined;
    const repoId = change.repo ? this.portable.resolveRepo(change.repo) : null;
    this.outcomes.save({ text, kind, source: change.source, commitIds, branchId, repoId, branch: change.branch, happenedAt: change.happenedAt, goalId, reach, first, synced: true }, change.id);
    if (this.value<boolean>(record, 'deleted')?.value === true) this.outcomes.delete(change.id);
    this.reconcile(commitIds);
  }

  /** Shows the values an outcome's fields hold now: on its row, or in its tombstone. */
  private showOutcome(id: string): void {
    const record = `outcome:${id}`;
    const text = this.value<string>(record, 'text');
    const kind = this.value<OutcomeKind>(record, 'kind');
    const goal = this.value<string | null>(record, 'goal');
    const reach = this.value<Reach | null>(record, 'reach');
    const first = this.value<boolean>(record, 'first');
    if (this.outcomeExists(id)) {
      const now = this.db.now();
      if (reach) this.db.statement('UPDATE outcomes SET reach = ?, updated_at = ? WHERE id = ? AND reach IS NOT ?').run(reach.value, now, id, reach.value);
      if (first) this.db.statement('UPDATE outcomes SET is_first = ?, updated_at = ? WHERE id = ? AND is_first IS NOT ?').run(Number(first.value), now, id, Number(first.value));
      if (text) this.db.statement('UPDATE outcomes SET text = ?, updated_at = ? WHERE id = ? AND text IS NOT ?').run(text.value, now, id, text.value);
      if (kind) this.db.statement('UPDATE outcomes SET kind = ?, updated_at = ? WHERE id = ? AND kind IS NOT ?').run(kind.value, now, id, kind.value);
      if (goal) this.db.statement('UPDATE outcomes SET goal_id = ?, updated_at = ? WHERE id = ? AND goal_id IS NOT ?').run(this.goalIfKnown(goal.value), now, id, this.goalIfKnown(goal.value));
      return;
    }
    const body = this.tombstone(id);
    if (!body) return;
    const { reach: _reach, first: _first, ...unmarked } = body.outcome;
    const marks = { reach: reach ? reach.value : body.outcome.reach, first: first ? first.value : body.outcome.first };
    const outcome = {
      ...unmarked,
      ...(text ? { text: text.value } : {}),
      ...(kind ? { kind: kind.value } : {}),
      ...(goal ? { goalId: goal.value } : {}),
      ...(marks.reach ? { reach: marks.reach } : {}),
      ...(marks.first ? { first: true as const } : {}),
    };
    this.db.statement('UPDATE tombstones SET body = ? WHERE id = ?').run(JSON.stringify({ ...body, outcome }), id);
  }

  private deleteOrRestore(id: string): void {
    const commits = this.commitsOf(id);
    this.showDeleted(id);
    this.reconcile(commits);
  }

  private showDeleted(id: string): void {
    const deleted = this.value<boolean>(`outcome:${id}`, 'deleted')?.value === true;
    if (deleted && this.outcomeExists(id)) {
      this.outcomes.delete(id);
    } else if (!deleted && !this.outcomeExists(id)) {
      const body = this.tombstone(id);
      if (body) {
        this.outcomes.restore(body);
        this.showOutcome(id);
      }
    }
  }

  /** A goal as its fields now hold it: made when this machine had none (its create arrived, or only an edit so far). */
  private showGoal(id: string): void {
    const record = `goal:${id}`;
    const title = this.value<string>(record, 'title');
    if (!title) return; // not created yet here: its create brings it
    const why = this.value<string | null>(record, 'why')?.value ?? null;
    const targetDay = this.value<string | null>(record, 'targetDay')?.value ?? null;
    const status = this.value<GoalStatus>(record, 'status')?.value ?? 'active';
    const now = this.db.now();
    const closedAt = status === 'active' ? null : now;
    if (this.db.statement('SELECT 1 FROM goals WHERE id = ?').get(id)) {
      this.db
        .statement('UPDATE goals SET title = ?, why = ?, target_day = ?, status = ?, closed_at = CASE WHEN ? = status THEN closed_at ELSE ? END, updated_at = ? WHERE id = ?')
        .run(title.value, why, targetDay, status, status, closedAt, now, id);
      return;
    }
    const position = this.db.statement<[], { next: number }>('SELECT coalesce(max(position), 0) + 1 AS next FROM goals').get()!.next;
    this.db
      .statement('INSERT INTO goals (id, title, why, target_day, status, position, created_at, updated_at, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(id, title.value, why, targetDay, status, position, now, now, closedAt);
    // Outcomes linked to it before it arrived here.
    for (const row of this.db.statement<[string], { record: string }>("SELECT record FROM field_versions WHERE field = 'goal' AND value = ?").all(JSON.stringify(id))) {
      if (row.record.startsWith('outcome:')) this.showOutcome(row.record.slice('outcome:'.length));
      else if (row.record.startsWith('plan:')) this.showPlanItem(row.record.slice('plan:'.length));
    }
  }

  /** A week's review as its content now holds it. */
  private showReview(weekStart: number): void {
    const content = this.value<ReviewContent>(`review:${weekStart}`, 'content')?.value;
    if (!content) return;
    const now = this.db.now();
    const existing = this.db.statement<[number], { id: string }>('SELECT id FROM reviews WHERE week_start = ?').get(weekStart);
    const id = existing?.id ?? newId(now);
    if (existing) {
      this.db
        .statement('UPDATE reviews SET week_end = ?, moved_forward = ?, busy_work = ?, next_focus = ?, updated_at = ? WHERE id = ?')
        .run(content.weekEnd, content.answers.movedForward, content.answers.busyWork, content.answers.nextFocus, now, id);
      this.db.statement('DELETE FROM review_highlights WHERE review_id = ?').run(id);
    } else {
      this.db
        .statement('INSERT INTO reviews (id, week_start, week_end, moved_forward, busy_work, next_focus, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, weekStart, content.weekEnd, content.answers.movedForward, content.answers.busyWork, content.answers.nextFocus, now, now);
    }
    const insert = this.db.statement('INSERT OR IGNORE INTO review_highlights (review_id, outcome_id, position) SELECT ?, id, ? FROM outcomes WHERE id = ?');
    content.highlights.forEach((outcomeId, position) => insert.run(id, position, outcomeId));
  }

  /** A plan item as its fields now hold it: made when its words have arrived, its goal linked when it is here. */
  private showPlanItem(id: string): void {
    const record = `plan:${id}`;
    const text = this.value<string>(record, 'text');
    const week = this.value<number>(record, 'week');
    if (!text || !week) return; // not added here yet: its add brings it
    const goalId = this.goalIfKnown(this.value<string | null>(record, 'goal')?.value ?? null);
    const dueDay = this.value<string | null>(record, 'dueDay')?.value ?? null;
    const settling = this.value<PlanSettling>(record, 'state')?.value ?? { state: 'open', outcome: null };
    const outcomeId = settling.outcome;
    const now = this.db.now();
    if (this.db.statement('SELECT 1 FROM plan_items WHERE id = ?').get(id)) {
      this.db
        .statement('UPDATE plan_items SET text = ?, goal_id = ?, due_day = ?, state = ?, outcome_id = ?, updated_at = ? WHERE id = ?')
        .run(text.value, goalId, dueDay, settling.state, outcomeId, now, id);
      return;
    }
    new Plans(this.db).add({ weekStart: week.value, text: text.value, goalId, dueDay }, id, { synced: true });
    this.db.statement('UPDATE plan_items SET state = ?, outcome_id = ? WHERE id = ?').run(settling.state, outcomeId, id);
  }

  /** A goal this machine knows, else none yet (its create brings the link: see showGoal). */
  private goalIfKnown(goalId: string | null): string | null {
    return goalId !== null && this.db.statement('SELECT 1 FROM goals WHERE id = ?').get(goalId) ? goalId : null;
  }
}
