/**
 * "Share Goals and Plan…": a short Markdown note for a manager or a peer, the accountability a
 * server would otherwise give: the active goals with why they matter and their target days, and
 * this week's plan with what already landed. Pure: the same data gives the same note anywhere.
 * Nothing here knows VS Code.
 */
import { calendarIn } from '../core/calendar';
import type { Goal, PlanItem } from '../core/domain';
import * as l10n from '../core/l10n';
import type { Store } from '../storage/store';
import { weekOf, type WeekOptions } from '../core/weeks';
import { markdownLiteral } from './literal';

export interface ShareNoteData {
  week: { from: number; to: number };
  timeZone: string;
  goals: Pick<Goal, 'id' | 'title' | 'why' | 'targetDay'>[];
  plan: Pick<PlanItem, 'text' | 'goalId' | 'dueDay' | 'state'>[];
}

/** The active goals and this week's plan (dropped items left out). */
export function gatherShareNote(store: Store, now: number, options: WeekOptions): ShareNoteData {
  const week = weekOf(now, options);
  return {
    week: { from: week.start, to: week.end },
    timeZone: options.timeZone,
    goals: store.goals.list().filter((goal) => goal.status === 'active'),
    plan: store.plans.ofWeek(week.start).filter((item) => item.state !== 'dropped'),
  };
}

export function renderShareNote(data: ShareNoteData): string {
  const calendar = calendarIn(data.timeZone);
  const titles = new Map(data.goals.map((goal) => [goal.id, goal.title]));
  const goalLines = data.goals.map((goal) => {
    const about = [goal.why ? l10n.t('why: {0}', markdownLiteral(goal.why)) : undefined, goal.targetDay ? l10n.t('target {0}', goal.targetDay) : undefined].filter((part) => part !== undefined);
    return `- **${markdownLiteral(goal.title)}**${about.length ? ` — ${about.join(' · ')}` : ''}`;
  });
  const planLines = data.plan.map((item) => {
    const details = [
      item.goalId && titles.has(item.goalId) ? l10n.t('goal: {0}', markdownLiteral(titles.get(item.goalId)!)) : undefined,
      item.dueDay ? l10n.t('due {0}', item.dueDay) : undefined,
      item.state === 'landed' ? l10n.t('landed') : item.state === 'moved' ? l10n.t('moved on') : undefined,
    ].filter((part) => part !== undefined);
    return `- [${item.state === 'landed' ? 'x' : ' '}] ${markdownLiteral(item.text)}${details.length ? ` (${details.join(' · ')})` : ''}`;
  });
  return [
    `# ${l10n.t('Goals and plan: week of {0}', calendar.dayWithYear(data.week.from))}`,
    '',
    `## ${l10n.t('Goals')}`,
    '',
    ...(goalLines.length ? goalLines : [l10n.t('No active goals.')]),
    '',
    `## ${l10n.t("This week's plan")}`,
    '',
    ...(planLines.length ? planLines : [l10n.t('No plan for this week yet: the weekly review sets it.')]),
    '',
  ].join('\n');
}
