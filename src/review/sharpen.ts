/**
 * When a saved line of shipped impact reads like activity rather than an outcome: by its own words
 * (a commit prefix, "Refactored code", a ticket id alone: see src/naming/activity.ts), or because
 * it is still just what git already said, a subject of its commits or the name of its branch. The
 * weekly review points those lines out ("what changed, and for whom?") so that they can be
 * sharpened in place. Nothing here knows VS Code.
 */
import type { OutcomeKind, OutcomeSource } from '../core/domain';
import * as l10n from '../core/l10n';
import { activityShape, type ActivityShape } from '../naming/activity';

/** What the review asks of a line that reads like activity. */
export function sharpenQuestion(): string {
  return l10n.t('This reads like activity: what changed, and for whom?');
}

/** The parts of an outcome the rule looks at. */
export interface LineToSharpen {
  text: string;
  kind: OutcomeKind;
  source: OutcomeSource;
  branch: string | null;
  commits: readonly { subject: string }[];
}

/**
 * Why a line reads like activity, or undefined when it says something of its own. Only shipped
 * impact is looked at: routine activity is activity by name.
 */
export function activityOfLine(line: LineToSharpen): ActivityShape | undefined {
  if (line.kind !== 'impact') return undefined;
  return activityShape(line.text, { subjects: line.commits.map((commit) => commit.subject), branch: line.source === 'branch' ? line.branch : null });
}

/** Whether a line still reads like activity (see `activityOfLine`). */
export function readsLikeActivity(line: LineToSharpen): boolean {
  return activityOfLine(line) !== undefined;
}
