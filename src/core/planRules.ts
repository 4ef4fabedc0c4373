/**
 * What a week's plan may hold, and which plan item an outcome most likely lands. A plan is a few
 * intended outcomes (five at most), each one line, optionally tied to a goal and due on a day;
 * never a to-do list (no sub-tasks, no reminders). Nothing here knows VS Code.
 */
import type { PlanItem } from './domain';
import * as l10n from './l10n';
import { lineProblem, type LineWording } from './outcomeLine';
import { dayProblem } from './ranges';

/** The most intended outcomes a week's plan holds: a plan is a choice, not a backlog. */
export const MAX_PLAN_ITEMS = 5;

const planWording = (): LineWording => ({
  oneLine: l10n.t('Keep a planned outcome to one line: what should have moved forward by the end of the week.'),
  empty: l10n.t('Write the planned outcome in one line, for example "Checkout retries failed payments".'),
  nothingVisible: l10n.t('That shows nothing but invisible characters or lone accents: write the planned outcome in words.'),
});

/** Why a planned outcome's line cannot be used, or undefined. */
export function planTextProblem(text: string): string | undefined {
  return lineProblem(text, planWording());
}

/** Why a due day cannot be used (empty is fine): a real calendar day written YYYY-MM-DD. */
export function dueDayProblem(day: string): string | undefined {
  const text = day.trim();
  return text === '' ? undefined : dayProblem(text, () => l10n.t('Write the day it is due as YYYY-MM-DD, for example 2027-03-31, or leave it empty.'));
}

/** Why one more item cannot join a plan that holds `count` (dropped items do not count). */
export function planFullProblem(count: number): string | undefined {
  return count >= MAX_PLAN_ITEMS ? l10n.t('A week holds at most {0} planned outcomes: drop one, or fold two into one.', MAX_PLAN_ITEMS) : undefined;
}

/** Words that say little about which item a line lands ("the", "fix", "add"). */
const STOP = new Set(
  'a an and the of to for in on at by with from into our my we i is are be it its this that as or so now no not up out new all can via per than then get got make made fix fixed add added ship shipped finish finished done work working'.split(' '),
);

/** The words of a line that tell it apart: lower case, without stop words, stems by a crude cut. */
function words(text: string): Set<string> {
  const found = new Set<string>();
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (STOP.has(word) || word.length < 3) continue;
    found.add(word.length > 5 ? word.slice(0, 5) : word);
  }
  return found;
}

/** How much a line and a planned item share: the share of the item's words the line says, 0–1. */
export function planOverlap(line: string, item: string): number {
  const itemWords = words(item);
  if (itemWords.size === 0) return 0;
  const lineWords = words(line);
  let shared = 0;
  for (const word of itemWords) if (lineWords.has(word)) shared++;
  return shared / itemWords.size;
}

/**
 * The open plan item an outcome most likely lands, to offer as the one step: the one whose words
 * the line says most (at least a third of them), a shared goal counting as much as half the words;
 * undefined when none comes close (then nothing is offered, and the person can still pick one).
 */
export function matchingPlanItem(outcome: { text: string; goalId: string | null }, items: readonly PlanItem[]): PlanItem | undefined {
  let best: { item: PlanItem; score: number } | undefined;
  for (const item of items) {
    if (item.state !== 'open') continue;
    const overlap = planOverlap(outcome.text, item.text);
    const sameGoal = item.goalId !== null && item.goalId === outcome.goalId;
    const score = overlap + (sameGoal ? 0.5 : 0);
    if ((overlap >= 1 / 3 || (sameGoal && overlap > 0)) && (!best || score > best.score)) best = { item, score };
  }
  return best?.item;
}
