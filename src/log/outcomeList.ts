/**
 * The log's outcomes as a list, for a span of time and what narrows it (a kind, a goal,
 * repositories, words): every outcome on its own, an outcome named under a branch's included, newest
 * first. Words match as the Weekly Log's filter matches: the line, the branch, a commit's subject.
 * Nothing here knows VS Code.
 */
import type { OutcomeKind, OutcomeView } from '../core/domain';
import type { Store } from '../storage/store';

export interface OutcomeQuery {
  from: number;
  to: number;
  kind?: OutcomeKind;
  /** A goal's id, or null for outcomes tied to no goal. */
  goalId?: string | null;
  repoIds?: ReadonlySet<string>;
  text?: string;
}

/** Outcomes of [from, to) the query lets through, newest first; children follow their own dates, not their parent's. */
export function listOutcomes(store: Store, query: OutcomeQuery): OutcomeView[] {
  const needle = query.text?.trim().toLocaleLowerCase();
  const matches = (text: string | null) => !!text && text.toLocaleLowerCase().includes(needle!);
  const all: OutcomeView[] = [];
  const visit = (views: readonly OutcomeView[]) => {
    for (const view of views) {
      all.push(view);
      visit(view.children);
    }
  };
  visit(store.log.outcomesWithChildren(query.from, query.to));
  return all
    .filter(
      (view) =>
        (query.kind === undefined || view.kind === query.kind) &&
        (query.goalId === undefined || view.goalId === query.goalId) &&
        (query.repoIds === undefined || (view.repoId !== null && query.repoIds.has(view.repoId))) &&
        (!needle || matches(view.text) || matches(view.branch) || view.commits.some((commit) => matches(commit.subject))),
    )
    .sort((a, b) => b.happenedAt - a.happenedAt || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));
}
