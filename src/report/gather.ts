/**
 * Gathers what a report shows from the store. Pure of VS Code, so that a command-line export can
 * use it as well.
 */
import * as path from 'node:path';
import type { OutcomeView, RepositoryRecord } from '../core/domain';
import type { Store } from '../storage/store';
import type { ReportData, ReportOutcome, ReportRepository } from './model';

function repository(record: RepositoryRecord): ReportRepository {
  return { name: path.basename(record.root), root: record.root, remoteUrl: record.remoteUrl };
}

function outcome(view: OutcomeView): ReportOutcome {
  return {
    text: view.text,
    kind: view.kind,
    source: view.source,
    happenedAt: view.happenedAt,
    repository: view.repo ? repository(view.repo) : null,
    branch: view.branch,
    commits: view.commits.map((commit) => ({ sha: commit.sha, subject: commit.subject })),
    children: view.children.map(outcome),
  };
}

/** The report data for [from, to), dates shown in `timeZone`. */
export function gatherReport(store: Store, range: { from: number; to: number }, timeZone: string): ReportData {
  const contents = store.contentsBetween(range.from, range.to);
  return {
    range,
    timeZone,
    impact: contents.impact.map(outcome),
    routine: contents.routine.map(outcome),
    unnamedRoutine: contents.unnamedRoutine.map((group) => ({ repository: repository(group.repo), commitCount: group.commits.length })),
    waitingCount: contents.waiting.reduce((sum, batch) => sum + (batch.type === 'branch' ? 1 : batch.commits.length), 0),
  };
}
