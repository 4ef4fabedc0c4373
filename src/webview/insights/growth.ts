/**
 * "Is the work growing?" on the Insights page: the growth signals in plain sentences, how far
 * shipped impact reached per quarter (beyond the team apart), firsts per quarter, and how much of
 * each week's plan landed; each chart with its table view.
 */
import * as l10n from '../../core/l10n';
import type { GrowthNumbers, GrowthSignal } from '../../insights/growth';
import { whereTheWorkWent } from './charts';
import { h } from '../shared/dom';

/** One section of the page: a chart, its table, and what they say. */
export interface ChartSpec {
  id: string;
  title: string;
  note?: string;
  legend?: [string, string][];
  draw: (width: number) => Node[];
  table: () => Node[];
}

const REACH_ORDER = ['organisation', 'users', 'teams', 'team', 'me'] as const;

function reachWords(): Record<(typeof REACH_ORDER)[number] | 'unsaid', string> {
  return {
    organisation: l10n.t('The whole organisation'),
    users: l10n.t('Users or customers'),
    teams: l10n.t('Other teams'),
    team: l10n.t('My team'),
    me: l10n.t('Me'),
    unsaid: l10n.t('Reach not said'),
  };
}

function cells(values: readonly (string | number)[], header: string): HTMLTableRowElement {
  return h('tr', {}, h('th', { scope: 'row' }, header), ...values.map((value) => h('td', { class: 'number' }, String(value))));
}

function table(caption: string, headers: readonly string[], rows: readonly HTMLTableRowElement[]): HTMLTableElement {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((header, index) => h('th', { scope: 'col', class: index === 0 ? undefined : 'number' }, header)))),
    h('tbody', {}, ...rows),
  );
}

/** The growth signals: inertia and growth alike, each a sentence with its evidence. */
export function growthSignals(growth: GrowthNumbers): HTMLElement {
  const section = h('section', { class: 'signals growth-signals', 'aria-labelledby': 'growth-signals-title' }, h('h2', { id: 'growth-signals-title' }, l10n.t('Is the work growing?')));
  if (growth.signals.length === 0) {
    section.append(h('p', { class: 'empty' }, l10n.t('Nothing stands out yet: say who outcomes reached and mark your firsts, and the quarters will show whether reach widens.')));
    return section;
  }
  section.append(h('ul', {}, ...growth.signals.map(signalItem)));
  return section;
}

function signalItem(signal: GrowthSignal): HTMLLIElement {
  return h('li', { class: `signal ${signal.rule}${signal.positive ? ' positive' : ''}` }, h('p', { class: 'sentence' }, signal.sentence), h('ul', { class: 'evidence' }, ...signal.evidence.map((line) => h('li', {}, line))));
}

/** The growth charts, each with its table. */
export function growthSpecs(growth: GrowthNumbers): ChartSpec[] {
  const words = reachWords();
  const reachRows = growth.quarters.map((quarter) => ({
    label: quarter.label,
    segments: [
      ...REACH_ORDER.map((reach) => ({ value: quarter.byReach[reach], className: `reach-${reach}`, spoken: `${quarter.byReach[reach]} ${words[reach]}` })),
      { value: quarter.impact - quarter.marked, className: 'reach-unsaid', spoken: `${quarter.impact - quarter.marked} ${words.unsaid}` },
    ],
  }));
  const firstRows = growth.quarters.map((quarter) => ({ label: quarter.label, segments: [{ value: quarter.firsts, className: 'first', spoken: l10n.plural(quarter.firsts, '{0} first', '{0} firsts') }] }));
  const planRows = growth.planWeeks.map((week) => ({
    label: new Date(week.weekStart).toISOString().slice(0, 10),
    segments: [
      { value: week.landed, className: 'plan-landed', spoken: l10n.t('{0} landed', week.landed) },
      { value: week.planned - week.landed, className: 'plan-not-landed', spoken: l10n.t('{0} not landed', week.planned - week.landed) },
    ],
  }));
  const beyond = (quarter: GrowthNumbers['quarters'][number]) => (quarter.marked ? `${Math.round((100 * quarter.beyondTeam) / quarter.marked)}%` : '–');
  return [
    {
      id: 'reach',
      title: l10n.t('Reach per quarter'),
      legend: [...REACH_ORDER.map((reach): [string, string] => [`reach-${reach}`, words[reach]]), ['reach-unsaid', words.unsaid]],
      note: l10n.t('Shipped impact by who it reached, widest first. Beyond your team: other teams, users or customers, the whole organisation.'),
      draw: (width) => [whereTheWorkWent(reachRows, width, l10n.t('Shipped impact per quarter, by reach'))],
      table: () => [
        table(
          l10n.t('Shipped impact per quarter, by reach'),
          [l10n.t('Quarter'), ...REACH_ORDER.map((reach) => words[reach]), words.unsaid, l10n.t('Beyond your team')],
          growth.quarters.map((quarter) => cells([...REACH_ORDER.map((reach) => quarter.byReach[reach]), quarter.impact - quarter.marked, beyond(quarter)], quarter.label)),
        ),
      ],
    },
    {
      id: 'firsts',
      title: l10n.t('Firsts per quarter'),
      legend: [['first', l10n.t('Firsts')]],
      draw: (width) => [whereTheWorkWent(firstRows, width, l10n.t('Outcomes marked as firsts, per quarter'))],
      table: () => [table(l10n.t('Outcomes marked as firsts, per quarter'), [l10n.t('Quarter'), l10n.t('Firsts')], growth.quarters.map((quarter) => cells([quarter.firsts], quarter.label)))],
    },
    {
      id: 'plan',
      title: l10n.t('Plan against done'),
      legend: [
        ['plan-landed', l10n.t('Landed')],
        ['plan-not-landed', l10n.t('Not landed')],
      ],
      note: growth.planDone ? l10n.t('{0} of {1} planned outcomes landed in the weeks that are over.', growth.planDone.landed, growth.planDone.planned) : l10n.t('No week has a plan yet: the weekly review plans the next one.'),
      draw: (width) => (planRows.length ? [whereTheWorkWent(planRows, width, l10n.t('Planned outcomes per week, landed or not'))] : []),
      table: () => [
        table(
          l10n.t('Planned outcomes per week'),
          [l10n.t('Week of'), l10n.t('Planned'), l10n.t('Landed'), l10n.t('Moved on'), l10n.t('Dropped'), l10n.t('Open')],
          growth.planWeeks.map((week) => cells([week.planned, week.landed, week.moved, week.dropped, week.open], new Date(week.weekStart).toISOString().slice(0, 10))),
        ),
      ],
    },
  ];
}
