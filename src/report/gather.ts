/**
 * Gathers what a report shows from the store, and which of its commits others can open. Pure of
 * VS Code, so that a command-line export can use it as well.
 */
import type { Goal, OutcomeView, RepositoryRecord } from '../core/domain';
import type { Store } from '../storage/store';
import type { ReportData, ReportGoal, ReportOutcome, ReportRepository } from './model';

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
    commits: view.commits.map((commit) => ({ sha: commit.sha, subject: commit.subject, published: false })),
    children: view.children.map((child) => outcome(child, goals)),
    goal: view.goalId === null ? null : (goals.get(view.goalId) ?? null),
  };
}

/** The report data for [from, to), dates shown in `timeZone`. Commits are marked unpublished until `markPublished` says otherwise. */
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
  };
}

/**
 * Marks the commits that a remote-tracking branch reaches, asked per repository in one call:
 * only those become links, so that a reader never follows a link that does not open.
 * A repository that cannot be asked (not on this machine, git failing) links nothing.
 */
export async function markPublished(data: ReportData, published: (root: string, shas: readonly string[]) => Promise<Set<string>>): Promise<ReportData> {
  const byRoot = new Map<string, Set<string>>();
  const visit = (outcomes: readonly ReportOutcome[]) => {
    for (const item of outcomes) {
      const root = item.repository?.root;
      if (root) for (const commit of item.commits) (byRoot.get(root) ?? byRoot.set(root, new Set()).get(root)!).add(commit.sha);
      visit(item.children);
    }
  };
  visit([...data.impact, ...data.routine]);
  const reachable = new Map<string, Set<string>>();
  for (const [root, shas] of byRoot) {
    try {
      reachable.set(root, await published(root, [...shas]));
    } catch {
      reachable.set(root, new Set());
    }
  }
  const mark = (item: ReportOutcome): ReportOutcome => ({
    ...item,
    commits: item.commits.map((commit) => ({ ...commit, published: reachable.get(item.repository?.root ?? '')?.has(commit.sha) ?? false })),
    children: item.children.map(mark),
  });
  return { ...data, impact: data.impact.map(mark), routine: data.routine.map(mark) };
}
