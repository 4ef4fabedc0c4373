/**
 * Gathers what a report shows from the store, and which of its commits others can open. Pure of
 * VS Code, so that a command-line export can use it as well.
 */
import type { Goal, OutcomeView, RepositoryRecord, Review } from '../core/domain';
import type { Store } from '../storage/store';
import type { ReportData, ReportGoal, ReportOutcome, ReportRepository, ReportReview } from './model';

function repository(record: RepositoryRecord): ReportRepository {
  return { name: record.name, root: record.root ?? '', remoteUrl: record.remoteUrl };
}

function reportGoal(goal: Goal): ReportGoal {
  return { id: goal.id, title: goal.title, why: goal.why, targetDay: goal.targetDay, status: goal.status };
}

function outcome(view: OutcomeView, goals: ReadonlyMap<string, ReportGoal>): ReportOutcome {
  return {
    text: view.text,
    kind: view.kind,
    source: view.source,
    happenedAt: view.happenedAt,
    repository: view.repo ? repository(view.repo) : null,
    branch: view.branch,
    branchPublished: false,
    commits: view.commits.map((commit) => ({ sha: commit.sha, subject: commit.subject, published: false })),
    children: view.children.map((child) => outcome(child, goals)),
    goal: view.goalId === null ? null : (goals.get(view.goalId) ?? null),
    ...(view.reach ? { reach: view.reach } : {}),
    ...(view.first ? { first: true } : {}),
  };
}

/** The report data for [from, to), dates shown in `timeZone`. Commits and branches are marked unpublished until `markPublished` says otherwise. */
export function gatherReport(store: Store, range: { from: number; to: number }, timeZone: string): ReportData {
  const outcomes = store.log.outcomesWithChildren(range.from, range.to);
  const allGoals = new Map(store.goals.list().map((goal) => [goal.id, reportGoal(goal)]));
  const moved = new Set<string>();
  const visit = (views: readonly OutcomeView[]) => {
    for (const view of views) {
      if (view.goalId !== null) moved.add(view.goalId);
      visit(view.children);
    }
  };
  visit(outcomes);
  return {
    range,
    timeZone,
    impact: outcomes.filter((view) => view.kind === 'impact').map((view) => outcome(view, allGoals)),
    routine: outcomes.filter((view) => view.kind === 'routine').map((view) => outcome(view, allGoals)),
    unnamedRoutine: store.log.routineCountsBetween(range.from, range.to).map((count) => ({ repository: repository(count.repo), commitCount: count.commits })),
    waitingCount: store.log.waitingCountBetween(range.from, range.to),
    goals: [...allGoals.values()].filter((goal) => goal.status === 'active' || moved.has(goal.id)),
    reviews: reviewsOf(store, range, allGoals),
  };
}

/** The reviewed weeks [from, to) overlaps that have something to lead with: highlights (as one line each) or a next focus. */
function reviewsOf(store: Store, range: { from: number; to: number }, goals: ReadonlyMap<string, ReportGoal>): ReportReview[] {
  return store.reviews
    .overlapping(range.from, range.to)
    .map((review) => ({ week: { from: review.weekStart, to: review.weekEnd }, highlights: highlightsOf(store, review, goals), nextFocus: review.nextFocus }))
    .filter((review) => review.highlights.length > 0 || review.nextFocus !== null);
}

function highlightsOf(store: Store, review: Review, goals: ReadonlyMap<string, ReportGoal>): ReportOutcome[] {
  if (review.highlights.length === 0) return [];
  const views = new Map<string, OutcomeView>();
  const visit = (list: readonly OutcomeView[]) => {
    for (const view of list) {
      views.set(view.id, view);
      visit(view.children);
    }
  };
  visit(store.log.outcomesWithChildren(review.weekStart, review.weekEnd));
  return review.highlights.flatMap((id) => {
    const view = views.get(id);
    return view ? [{ ...outcome(view, goals), children: [] }] : [];
  });
}

/** What an export asks each repository it names: what its remote has (GitReader answers it). */
export interface RemoteReader {
  /** Of `shas`, those a remote-tracking branch reaches. */
  published(root: string, shas: readonly string[]): Promise<Set<string>>;
  /** Of `branches`, those the remote that links point at has. */
  branchesOnRemote(root: string, branches: readonly string[]): Promise<Set<string>>;
}

/**
 * Marks the commits that a remote-tracking branch reaches, and the branches the remote has, asked
 * per repository: only those become links, so that a reader never follows a link that does not
 * open. A repository that cannot be asked (not on this machine, git failing) links nothing.
 */
export async function markPublished(data: ReportData, remote: RemoteReader): Promise<ReportData> {
  const asked = new Map<string, { shas: Set<string>; branches: Set<string> }>();
  const visit = (outcomes: readonly ReportOutcome[]) => {
    for (const item of outcomes) {
      const root = item.repository?.root;
      if (root) {
        const question = asked.get(root) ?? asked.set(root, { shas: new Set(), branches: new Set() }).get(root)!;
        for (const commit of item.commits) question.shas.add(commit.sha);
        if (item.branch !== null) question.branches.add(item.branch);
      }
      visit(item.children);
    }
  };
  const highlights = (data.reviews ?? []).flatMap((review) => review.highlights);
  visit([...data.impact, ...data.routine, ...highlights]);
  const answers = new Map<string, { shas: Set<string>; branches: Set<string> }>();
  for (const [root, question] of asked) {
    try {
      answers.set(root, { shas: await remote.published(root, [...question.shas]), branches: await remote.branchesOnRemote(root, [...question.branches]) });
    } catch {
      answers.set(root, { shas: new Set(), branches: new Set() });
    }
  }
  const mark = (item: ReportOutcome): ReportOutcome => {
    const answer = answers.get(item.repository?.root ?? '');
    return {
      ...item,
      branchPublished: item.branch !== null && (answer?.branches.has(item.branch) ?? false),
      commits: item.commits.map((commit) => ({ ...commit, published: answer?.shas.has(commit.sha) ?? false })),
      children: item.children.map(mark),
    };
  };
  const marked = { ...data, impact: data.impact.map(mark), routine: data.routine.map(mark) };
  return data.reviews ? { ...marked, reviews: data.reviews.map((review) => ({ ...review, highlights: review.highlights.map(mark) })) } : marked;
}
