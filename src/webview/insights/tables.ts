/**
 * Every chart's numbers as a table, for screen readers, keyboards and anyone who would rather
 * read: real <table>s with captions and header cells. A week's header is a button that shows the
 * week in the Weekly Log.
 */
import * as l10n from '../../core/l10n';
import type { InsightNumbers, WeekInsight } from '../../insights/model';
import { goalWithStatus } from './charts';
import { h } from '../shared/dom';

function table(caption: string, headers: readonly string[], rows: readonly Node[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header, index) => h('th', { scope: 'col', class: index === 0 ? undefined : 'number' }, header)))),
    h('tbody', {}, ...rows),
  );
}

function weekHeader(week: WeekInsight): HTMLTableCellElement {
  return h(
    'th',
    { scope: 'row' },
    h('button', { type: 'button', class: 'link week-link', 'data-start': week.start, title: l10n.t('Show this week in the Weekly Log') }, week.label),
    week.current ? ` ${l10n.t('(in progress)')}` : undefined,
  );
}

const number = (value: number | string) => h('td', { class: 'number' }, String(value));

export function weeklyTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    l10n.t('Shipped impact, routine outcomes and unnamed commits per week'),
    [l10n.t('Week'), l10n.t('Shipped impact'), l10n.t('Routine outcomes'), l10n.t('Unnamed commits'), l10n.t('Unnamed: routine'), l10n.t('Unnamed: history'), l10n.t('Unnamed: waiting')],
    numbers.weeks.map((week) =>
      h(
        'tr',
        {},
        weekHeader(week),
        number(week.impact),
        number(week.routine),
        number(week.unnamed),
        number(week.unnamedByStatus.routine),
        number(week.unnamedByStatus.history),
        number(week.unnamedByStatus.pending),
      ),
    ),
  );
}

export function busyTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    l10n.t('Commits per week against shipped impact per week'),
    [l10n.t('Week'), l10n.t('Commits'), l10n.t('Shipped impact')],
    numbers.weeks.map((week) => h('tr', {}, weekHeader(week), number(week.commits), number(week.impact))),
  );
}

export function goalsTable(numbers: InsightNumbers): HTMLTableElement {
  const rows = numbers.weeks.map((week, index) => h('tr', {}, weekHeader(week), ...numbers.goals.map((goal) => number(goal.perWeek[index]))));
  rows.push(h('tr', { class: 'totals' }, h('th', { scope: 'row' }, l10n.t('Total')), ...numbers.goals.map((goal) => number(goal.total))));
  return table(
    l10n.t('Outcomes per goal per week'),
    [l10n.t('Week'), ...numbers.goals.map((goal) => goalWithStatus(goal, goal.title))],
    rows,
  );
}

export function repositoriesTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    l10n.t('Outcomes per repository, {0}', numbers.range.days),
    [l10n.t('Repository'), l10n.t('Shipped impact'), l10n.t('Routine'), l10n.t('Total')],
    numbers.repositories.map((repository) =>
      h('tr', {}, h('th', { scope: 'row' }, repository.name), number(repository.impact), number(repository.routine), number(repository.impact + repository.routine)),
    ),
  );
}

export function goalTotalsTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    l10n.t('Outcomes per goal, {0}', numbers.range.days),
    [l10n.t('Goal'), l10n.t('Outcomes')],
    [
      ...numbers.goals.map((goal) => h('tr', {}, h('th', { scope: 'row' }, goalWithStatus(goal, goal.title)), number(goal.total))),
      h('tr', {}, h('th', { scope: 'row' }, l10n.t('No goal')), number(numbers.outcomesWithoutGoal)),
    ],
  );
}
