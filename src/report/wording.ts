/** Sentences every format of an export shares, so that a count reads the same in each. */
import { plural } from '../core/text';
import type { RoutineSummary } from './model';

/** "14 routine commits in api"; `literal` writes the repository name for the format. */
export function routineSummaryText(summary: RoutineSummary, literal: (raw: string) => string): string {
  return `${plural(summary.commitCount, 'routine commit')} in ${literal(summary.repository.name)}`;
}

/** "3 commits or branches": what waits for a name, counted in one unit everywhere. */
export function waitingCountText(waitingCount: number): string {
  return plural(waitingCount, 'commit or branch', 'commits or branches');
}
