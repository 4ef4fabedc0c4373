/**
 * The four charts, drawn as plain SVG: colours come from the theme through CSS classes
 * (insights.css maps them to --vscode-charts-* variables), so light, dark and high contrast
 * themes need nothing here. Each week is one focusable column (a button to screen readers) that
 * the page wires to the tooltip and to "show this week in the Weekly Log".
 */
import * as l10n from '../../core/l10n';
import type { GoalInsight, InsightNumbers, RepositoryInsight, WeekInsight } from '../../insights/model';
import { s } from '../shared/dom';

const MARGIN = { left: 36, right: 12, top: 10, bottom: 22 };
/** Room the shortest tick label ("Nov 30") needs. */
const TICK_WIDTH = 60;
/** About how wide a character of an axis label is (11px text), for the room a longer one needs. */
const CHARACTER_WIDTH = 6.2;

/** A round upper bound for an axis, at least `value`: 1, 2, 4, 6, 8, 10, 20, 30, 40, 60, 80, 100… */
function niceMax(value: number): number {
  if (value <= 1) return 1;
  if (value <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 3, 4, 6, 8, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** One week's column: where it is and what a person hears when it has focus. */
interface Column {
  x: number;
  width: number;
  center: number;
}

function columns(weeks: readonly WeekInsight[], width: number, left = MARGIN.left): Column[] {
  const band = (width - left - MARGIN.right) / Math.max(weeks.length, 1);
  return weeks.map((_, index) => ({ x: left + index * band, width: band, center: left + (index + 0.5) * band }));
}

/** The part of a band a bar fills. */
function barWidth(band: number): number {
  return Math.max(1.5, Math.min(band * 0.72, 36));
}

function svgRoot(width: number, height: number, label: string, className: string): SVGSVGElement {
  return s('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: `chart ${className}`, role: 'group', 'aria-label': label });
}

/** Horizontal gridlines with their values, for a scale from 0 to `max` over [top, bottom]. */
function yAxis(svg: SVGSVGElement, max: number, top: number, bottom: number, left: number, right: number): void {
  for (const value of Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]) {
    const y = bottom - (value / max) * (bottom - top);
    svg.append(s('line', { class: 'grid', x1: left, x2: right, y1: y, y2: y }));
    svg.append(s('text', { class: 'axis', x: left - 6, y: y + 4, 'text-anchor': 'end' }, formatTick(value)));
  }
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/**
 * Week labels under the plot, as many as fit without overlapping; the current week always. Ticks
 * of a range across a new year carry their year ("Nov 3, 2025"), so they take more room.
 */
function xTicks(svg: SVGSVGElement, weeks: readonly WeekInsight[], cols: readonly Column[], y: number): void {
  const text = (week: WeekInsight) => (week.current ? l10n.t('This week') : week.tick);
  const room = Math.max(TICK_WIDTH, ...weeks.map((week) => text(week).length * CHARACTER_WIDTH + 14));
  const every = Math.max(1, Math.ceil(room / (cols[0]?.width ?? room)));
  weeks.forEach((week, index) => {
    const fromEnd = weeks.length - 1 - index;
    if (fromEnd % every !== 0) return;
    svg.append(s('text', { class: `axis${week.current ? ' current-label' : ''}`, x: cols[index].center, y, 'text-anchor': 'middle' }, text(week)));
  });
}

/** A focusable, clickable column over the whole plot height for week `index`. */
function weekColumn(index: number, column: Column, top: number, bottom: number, label: string, week: WeekInsight): SVGGElement {
  const group = s('g', { class: `week${week.current ? ' current' : ''}`, 'data-index': index, 'data-start': week.start, role: 'button', tabindex: -1, 'aria-label': label });
  group.append(s('rect', { class: 'hit', x: column.x, y: top, width: column.width, height: bottom - top }));
  return group;
}

/** "Nov 3 – 9", or "Nov 10 – 16 (in progress)" for the week not over yet. */
function weekName(week: WeekInsight): string {
  return week.current ? l10n.t('{0} (in progress)', week.label) : week.label;
}

/** What a person hears on a week of the first chart. */
export function weekSummary(week: WeekInsight): string {
  const unnamed = week.unnamedByStatus;
  return [
    weekName(week),
    l10n.plural(week.impact, '{0} shipped impact outcome', '{0} shipped impact outcomes'),
    l10n.plural(week.routine, '{0} routine outcome', '{0} routine outcomes'),
    l10n.plural(
      week.unnamed,
      '{0} unnamed commit ({1} routine, {2} history, {3} waiting for a name)',
      '{0} unnamed commits ({1} routine, {2} history, {3} waiting for a name)',
      unnamed.routine,
      unnamed.history,
      unnamed.pending,
    ),
    l10n.plural(week.commits, '{0} commit in all', '{0} commits in all'),
  ].join('; ');
}

/** 1. Shipped impact, routine outcomes and unnamed commits, stacked, per week. */
export function weeklyBars(numbers: InsightNumbers, width: number): SVGSVGElement {
  const height = 200;
  const { weeks } = numbers;
  const svg = svgRoot(width, height, l10n.t('Shipped impact, routine outcomes and unnamed commits per week. Arrow keys move between weeks; Enter shows a week in the Weekly Log.'), 'weekly');
  const bottom = height - MARGIN.bottom;
  const max = niceMax(Math.max(...weeks.map((week) => week.impact + week.routine + week.unnamed), 0));
  yAxis(svg, max, MARGIN.top, bottom, MARGIN.left, width - MARGIN.right);
  const cols = columns(weeks, width);
  const scale = (value: number) => (value / max) * (bottom - MARGIN.top);
  weeks.forEach((week, index) => {
    const column = weekColumn(index, cols[index], MARGIN.top, bottom, weekSummary(week), week);
    const w = barWidth(cols[index].width);
    let y = bottom;
    for (const [value, className] of [
      [week.impact, 'impact'],
      [week.routine, 'routine'],
      [week.unnamed, 'unnamed'],
    ] as const) {
      if (value === 0) continue;
      const h = scale(value);
      y -= h;
      column.append(s('rect', { class: `bar ${className}`, x: cols[index].center - w / 2, y, width: w, height: h }));
    }
    svg.append(column);
  });
  xTicks(svg, weeks, cols, height - 6);
  return svg;
}

/** 2. Busy against progress: commits per week above, shipped impact per week below, on one time axis. */
export function busyAgainstProgress(numbers: InsightNumbers, width: number): SVGSVGElement {
  const { weeks } = numbers;
  const rowHeight = 86;
  const gap = 26;
  const height = MARGIN.top + rowHeight * 2 + gap + MARGIN.bottom + 14;
  const svg = svgRoot(width, height, l10n.t('Commits per week against shipped impact per week. Arrow keys move between weeks; Enter shows a week in the Weekly Log.'), 'busy');
  const cols = columns(weeks, width);
  const rows = [
    { title: l10n.t('Commits'), values: weeks.map((week) => week.commits), className: 'commits', top: MARGIN.top + 14 },
    { title: l10n.t('Shipped impact'), values: weeks.map((week) => week.impact), className: 'impact', top: MARGIN.top + 14 + rowHeight + gap },
  ];
  for (const row of rows) {
    const bottom = row.top + rowHeight - 14;
    const max = niceMax(Math.max(...row.values, 0));
    svg.append(s('text', { class: 'row-title', x: MARGIN.left, y: row.top - 4 }, row.title));
    yAxis(svg, max, row.top + 4, bottom, MARGIN.left, width - MARGIN.right);
    row.values.forEach((value, index) => {
      if (value === 0) return;
      const w = barWidth(cols[index].width);
      const h = (value / max) * (bottom - row.top - 4);
      svg.append(s('rect', { class: `bar ${row.className}${weeks[index].current ? ' current' : ''}`, x: cols[index].center - w / 2, y: bottom - h, width: w, height: h }));
    });
  }
  const top = rows[0].top;
  const bottom = rows[1].top + rowHeight - 14;
  weeks.forEach((week, index) => {
    const counts = [l10n.plural(week.commits, '{0} commit', '{0} commits'), l10n.plural(week.impact, '{0} shipped impact outcome', '{0} shipped impact outcomes')];
    svg.append(weekColumn(index, cols[index], top, bottom, l10n.t('{0}: {1}', weekName(week), counts.join(', ')), week));
  });
  xTicks(svg, weeks, cols, height - 6);
  return svg;
}

/** 3. Goals over time: one strip per goal, a cell per week, darker with more outcomes. */
export function goalStrips(numbers: InsightNumbers, width: number): SVGSVGElement {
  const { weeks, goals } = numbers;
  const rowHeight = 24;
  const labelWidth = Math.min(220, Math.max(120, width * 0.26));
  const totalWidth = 44;
  const height = MARGIN.top + goals.length * rowHeight + MARGIN.bottom + 4;
  const svg = svgRoot(width, height, l10n.t('Outcomes per goal per week. Arrow keys move between weeks; Enter shows a week in the Weekly Log.'), 'goals');
  const cols = columns(weeks, width - totalWidth, labelWidth);
  const max = Math.max(1, ...goals.flatMap((goal) => goal.perWeek));
  goals.forEach((goal, row) => {
    const y = MARGIN.top + row * rowHeight;
    svg.append(goalLabel(goal, labelWidth, y + rowHeight / 2 + 4));
    goal.perWeek.forEach((value, index) => {
      const cell = s('rect', {
        class: value > 0 ? 'cell filled' : 'cell empty',
        x: cols[index].x + 1,
        y: y + 2,
        width: Math.max(1, cols[index].width - 2),
        height: rowHeight - 4,
        rx: 2,
        'fill-opacity': value > 0 ? (0.35 + (0.65 * value) / max).toFixed(2) : undefined,
      });
      svg.append(cell);
      if (value > 0 && cols[index].width >= 16) svg.append(s('text', { class: 'cell-count', x: cols[index].center, y: y + rowHeight / 2 + 4, 'text-anchor': 'middle' }, String(value)));
    });
    svg.append(s('text', { class: 'total', x: width - MARGIN.right, y: y + rowHeight / 2 + 4, 'text-anchor': 'end' }, String(goal.total)));
  });
  const top = MARGIN.top;
  const bottom = MARGIN.top + goals.length * rowHeight;
  weeks.forEach((week, index) => {
    const perGoal = goals.map((goal) => `${goal.title}: ${goal.perWeek[index]}`).join(', ');
    svg.append(weekColumn(index, cols[index], top, bottom, l10n.t('{0}: {1}', weekName(week), perGoal), week));
  });
  xTicks(svg, weeks, cols, height - 6);
  return svg;
}

function goalLabel(goal: GoalInsight, labelWidth: number, y: number): SVGTextElement {
  const maxChars = Math.floor((labelWidth - 12) / 7);
  const title = goal.title.length > maxChars ? `${goal.title.slice(0, maxChars - 1)}…` : goal.title;
  return s('text', { class: `goal-label${goal.status === 'active' ? '' : ' closed'}`, x: 0, y }, s('title', {}, goalWithStatus(goal, goal.title)), goalWithStatus(goal, title));
}

/** "Faster checkout", or "Faster checkout (completed)" for a goal no longer active. */
export function goalWithStatus(goal: Pick<GoalInsight, 'status'>, title: string): string {
  if (goal.status === 'active') return title;
  return goal.status === 'completed' ? l10n.t('{0} (completed)', title) : l10n.t('{0} (dropped)', title);
}

/** One horizontal bar row: a label, segments, and a total. */
interface BarRow {
  label: string;
  /** `spoken`: how a person hears the segment ("3 shipped impact"). */
  segments: { value: number; className: string; spoken: string }[];
}

/** 4. Where the work went: outcomes per repository (shipped impact and routine) and per goal. */
export function whereTheWorkWent(rows: readonly BarRow[], width: number, label: string): SVGSVGElement {
  const rowHeight = 24;
  const labelWidth = Math.min(200, Math.max(110, width * 0.3));
  const totalWidth = 40;
  const height = rows.length * rowHeight + 4;
  const svg = svgRoot(width, height, label, 'where');
  const max = Math.max(1, ...rows.map((row) => row.segments.reduce((sum, segment) => sum + segment.value, 0)));
  const plot = width - labelWidth - totalWidth - MARGIN.right;
  rows.forEach((row, index) => {
    const y = index * rowHeight + 2;
    const total = row.segments.reduce((sum, segment) => sum + segment.value, 0);
    const spoken = l10n.t('{0}: {1}', row.label, row.segments.map((segment) => segment.spoken).join(', '));
    const group = s('g', { class: 'bar-row', role: 'img', 'aria-label': spoken, 'data-tip': spoken });
    const maxChars = Math.floor((labelWidth - 10) / 7);
    group.append(s('text', { class: 'bar-label', x: 0, y: y + rowHeight / 2 + 2 }, row.label.length > maxChars ? `${row.label.slice(0, maxChars - 1)}…` : row.label));
    let x = labelWidth;
    for (const segment of row.segments) {
      if (segment.value === 0) continue;
      const w = (segment.value / max) * plot;
      group.append(s('rect', { class: `bar ${segment.className}`, x, y: y + 3, width: Math.max(1, w), height: rowHeight - 10 }));
      x += w;
    }
    group.append(s('text', { class: 'total', x: width - MARGIN.right, y: y + rowHeight / 2 + 2, 'text-anchor': 'end' }, String(total)));
    svg.append(group);
  });
  return svg;
}

export function repositoryRows(repositories: readonly RepositoryInsight[]): BarRow[] {
  return repositories.map((repository) => ({
    label: repository.name,
    segments: [
      { value: repository.impact, className: 'impact', spoken: l10n.t('{0} shipped impact', repository.impact) },
      { value: repository.routine, className: 'routine', spoken: l10n.t('{0} routine', repository.routine) },
    ],
  }));
}

export function goalRows(numbers: InsightNumbers): BarRow[] {
  const outcomes = (count: number) => l10n.plural(count, '{0} outcome', '{0} outcomes');
  const rows = numbers.goals.map((goal) => ({ label: goal.title, segments: [{ value: goal.total, className: 'goal', spoken: outcomes(goal.total) }] }));
  rows.push({ label: l10n.t('No goal'), segments: [{ value: numbers.outcomesWithoutGoal, className: 'no-goal', spoken: outcomes(numbers.outcomesWithoutGoal) }] });
  return rows;
}
