/**
 * Every chart's numbers as a table, for screen readers, keyboards and anyone who would rather
 * read: real <table>s with captions and header cells. A week's header is a button that shows the
 * week in the Weekly Log.
 */
import type { InsightNumbers, WeekInsight } from '../../insights/model';
import { h } from './dom';

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
    h('button', { type: 'button', class: 'link week-link', 'data-start': week.start, title: 'Show this week in the Weekly Log' }, week.label),
    week.current ? ' (in progress)' : undefined,
  );
}

const number = (value: number | string) => h('td', { class: 'number' }, String(value));

export function weeklyTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    'Shipped impact, routine outcomes and unnamed commits per week',
    ['Week', 'Shipped impact', 'Routine outcomes', 'Unnamed commits', 'Unnamed: routine', 'Unnamed: history', 'Unnamed: waiting'],
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
    'Commits per week against shipped impact per week',
    ['Week', 'Commits', 'Shipped impact'],
    numbers.weeks.map((week) => h('tr', {}, weekHeader(week), number(week.commits), number(week.impact))),
  );
}

export function goalsTable(numbers: InsightNumbers): HTMLTableElement {
  const rows = numbers.weeks.map((week, index) => h('tr', {}, weekHeader(week), ...numbers.goals.map((goal) => number(goal.perWeek[index]))));
  rows.push(h('tr', { class: 'totals' }, h('th', { scope: 'row' }, 'Total'), ...numbers.goals.map((goal) => number(goal.total))));
  return table(
    'Outcomes per goal per week',
    ['Week', ...numbers.goals.map((goal) => (goal.status === 'active' ? goal.title : `${goal.title} (${goal.status})`))],
    rows,
  );
}

export function repositoriesTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    `Outcomes per repository, ${numbers.range.days}`,
    ['Repository', 'Shipped impact', 'Routine', 'Total'],
    numbers.repositories.map((repository) =>
      h('tr', {}, h('th', { scope: 'row' }, repository.name), number(repository.impact), number(repository.routine), number(repository.impact + repository.routine)),
    ),
  );
}

export function goalTotalsTable(numbers: InsightNumbers): HTMLTableElement {
  return table(
    `Outcomes per goal, ${numbers.range.days}`,
    ['Goal', 'Outcomes'],
    [
      ...numbers.goals.map((goal) => h('tr', {}, h('th', { scope: 'row' }, goal.status === 'active' ? goal.title : `${goal.title} (${goal.status})`), number(goal.total))),
      h('tr', {}, h('th', { scope: 'row' }, 'No goal'), number(numbers.outcomesWithoutGoal)),
    ],
  );
}
