/**
 * A goal as a person names it where there is no picker (the command line): by its id, its whole
 * title (any case), or words only its title holds. Nothing here knows VS Code.
 */
import type { Goal } from '../core/domain';

export type GoalLookup = { found: Goal } | { ambiguous: Goal[] } | { none: true };

/** The goal among `goals` that `name` names; several that it could name are ambiguous. */
export function goalNamed(goals: readonly Goal[], name: string): GoalLookup {
  const wanted = name.trim().toLocaleLowerCase();
  const byId = goals.find((goal) => goal.id.toLocaleLowerCase() === wanted);
  if (byId) return { found: byId };
  const byTitle = goals.filter((goal) => goal.title.toLocaleLowerCase() === wanted);
  if (byTitle.length === 1) return { found: byTitle[0] };
  const partly = byTitle.length > 1 ? byTitle : goals.filter((goal) => wanted !== '' && goal.title.toLocaleLowerCase().includes(wanted));
  if (partly.length === 1) return { found: partly[0] };
  return partly.length > 1 ? { ambiguous: partly } : { none: true };
}
