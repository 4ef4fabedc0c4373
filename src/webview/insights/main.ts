/**
 * The Insights page inside its webview. It draws what the extension sends (InsightNumbers),
 * keeps the chosen range and table views with getState/setState (and the last numbers, so a
 * page shown again paints at once), and sends back: the range, a week to show in the Weekly Log,
 * and when it first painted.
 */
import * as l10n from '../../core/l10n';
import type { FromPage, ToPage } from '../../insights/messages';
import type { InsightNumbers, Signal } from '../../insights/model';
import { INSIGHT_RANGES, rangeLabel, type InsightRangeKey } from '../../core/ranges';
import { busyAgainstProgress, goalRows, goalStrips, repositoryRows, weeklyBars, whereTheWorkWent } from './charts';
import { h } from '../shared/dom';
import { usePageBundle } from '../shared/l10n';
import { onMessage, pageApi } from '../shared/vscodeApi';
import { busyTable, goalsTable, goalTotalsTable, repositoriesTable, weeklyTable } from './tables';
import { growthSignals, growthSpecs, type ChartSpec } from './growth';

interface PageState {
  range: InsightRangeKey;
  /** Charts shown as tables, by chart id. */
  tables: Record<string, boolean>;
  numbers?: InsightNumbers;
}

type Message = ToPage;

/** When this script began to run: what the page itself costs is measured from here. */
const scriptStarted = performance.now();
usePageBundle();
const vscode = pageApi<FromPage, PageState>();
const saved = vscode.getState();
const state: PageState = { range: saved?.range ?? 'last12Weeks', tables: saved?.tables ?? {}, numbers: saved?.numbers };
const root = document.getElementById('insights')!;
const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
const tooltip = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });
document.body.append(tooltip);
let painted = false;
/** Weeks a hovered or focused signal is about, highlighted in the charts. */
let highlighted = new Set<number>();

function save(): void {
  vscode.setState(state);
}

/** What has the keyboard focus, as a key that survives a redraw. */
function focusKey(): string | undefined {
  const active = document.activeElement;
  if (!(active instanceof Element) || !root.contains(active)) return undefined;
  const section = active.closest('section')?.getAttribute('aria-labelledby') ?? '';
  if (active.matches('g.week')) return `${section}|week|${active.getAttribute('data-start')}`;
  if (active.matches('button.week-link')) return `${section}|link|${active.getAttribute('data-start')}`;
  if (active.matches('.ranges button')) return `range|${active.getAttribute('data-range')}`;
  if (active.matches('button.toggle')) return `${section}|toggle`;
  return undefined;
}

function restoreFocus(key: string | undefined): void {
  if (!key) return;
  const [section, kind, value] = key.split('|');
  const scope = section === 'range' ? root : root.querySelector(`section[aria-labelledby="${section}"]`);
  const selector = section === 'range' ? `.ranges button[data-range="${kind}"]` : kind === 'toggle' ? 'button.toggle' : kind === 'week' ? `g.week[data-start="${value}"]` : `button.week-link[data-start="${value}"]`;
  const target = scope?.querySelector<HTMLElement | SVGGElement>(selector);
  if (!target) return;
  if (kind === 'week') {
    for (const column of target.parentElement?.querySelectorAll('g.week') ?? []) column.setAttribute('tabindex', '-1');
    target.setAttribute('tabindex', '0');
  }
  target.focus();
}

function render(): void {
  const numbers = state.numbers;
  if (!numbers) return;
  // Live updates redraw everything; whoever was moving through the weeks keeps their place.
  const focused = focusKey();
  const growth = numbers.growth ? [growthSignals(numbers.growth), ...growthSpecs(numbers.growth).map((spec) => chartSection(spec, numbers))] : [];
  root.replaceChildren(header(numbers), status, signals(numbers), ...charts(numbers), ...growth);
  restoreFocus(focused);
  root.setAttribute('aria-busy', 'false');
  if (!painted) {
    painted = true;
    // The next frame is when the charts are on screen.
    requestAnimationFrame(() => vscode.postMessage({ type: 'painted', ms: performance.now(), drawingMs: performance.now() - scriptStarted }));
  }
}

function header(numbers: InsightNumbers): HTMLElement {
  const group = h('div', { class: 'ranges', role: 'radiogroup', 'aria-label': l10n.t('Range') });
  for (const key of INSIGHT_RANGES) {
    const checked = key === state.range;
    const button = h('button', { type: 'button', role: 'radio', 'aria-checked': String(checked), tabindex: checked ? 0 : -1, 'data-range': key }, rangeLabel(key));
    button.addEventListener('click', () => chooseRange(key));
    group.append(button);
  }
  group.addEventListener('keydown', (event) => {
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = INSIGHT_RANGES[(INSIGHT_RANGES.indexOf(state.range) + step + INSIGHT_RANGES.length) % INSIGHT_RANGES.length];
    chooseRange(next);
    group.querySelector<HTMLButtonElement>(`[data-range="${next}"]`)?.focus();
  });
  return h(
    'header',
    {},
    h('div', { class: 'title' }, h('h1', {}, l10n.t('Insights')), h('span', { class: 'days' }, numbers.range.days)),
    group,
  );
}

function chooseRange(range: InsightRangeKey): void {
  if (range === state.range) return;
  state.range = range;
  save();
  for (const button of root.querySelectorAll<HTMLButtonElement>('.ranges button')) {
    const checked = button.dataset.range === range;
    button.setAttribute('aria-checked', String(checked));
    button.tabIndex = checked ? 0 : -1;
  }
  root.setAttribute('aria-busy', 'true');
  vscode.postMessage({ type: 'range', range });
}

function signals(numbers: InsightNumbers): HTMLElement {
  const section = h('section', { class: 'signals', 'aria-labelledby': 'signals-title' }, h('h2', { id: 'signals-title' }, l10n.t('Signals')));
  section.append(h('p', { class: 'note' }, l10n.t('Patterns up to the week of {0}, the last complete week.', numbers.signalsAsOf.label)));
  if (numbers.signals.length === 0) {
    section.append(h('p', { class: 'empty' }, l10n.t('Nothing stands out: no trend, streak or quiet goal in the weeks before.')));
    return section;
  }
  const list = h('ul', {});
  for (const signal of numbers.signals) list.append(signalItem(signal));
  section.append(list);
  return section;
}

function signalItem(signal: Signal): HTMLElement {
  const item = h('li', { class: `signal ${signal.rule}`, tabindex: signal.weeks.length ? 0 : undefined }, h('p', { class: 'sentence' }, signal.sentence), h('ul', { class: 'evidence' }, ...signal.evidence.map((line) => h('li', {}, line))));
  const on = () => highlight(new Set(signal.weeks));
  const off = () => highlight(new Set());
  item.addEventListener('pointerenter', on);
  item.addEventListener('pointerleave', off);
  item.addEventListener('focus', on);
  item.addEventListener('blur', off);
  return item;
}

function highlight(weeks: Set<number>): void {
  highlighted = weeks;
  for (const column of root.querySelectorAll<SVGGElement>('g.week')) column.classList.toggle('highlight', highlighted.has(Number(column.dataset.start)));
}


function charts(numbers: InsightNumbers): HTMLElement[] {
  const specs: ChartSpec[] = [
    {
      id: 'weekly',
      title: l10n.t('Week by week'),
      legend: [
        ['impact', l10n.t('Shipped impact')],
        ['routine', l10n.t('Routine outcomes')],
        ['unnamed', l10n.t('Unnamed commits')],
      ],
      note: l10n.t(
        'Unnamed commits: your landed commits that no outcome names: settled as routine, from before Progress Log, or waiting for a name. Skipped, merge and not-yet-landed commits are left out.',
      ),
      draw: (width) => [weeklyBars(numbers, width)],
      table: () => [weeklyTable(numbers)],
    },
    {
      id: 'busy',
      title: l10n.t('Busy against progress'),
      legend: [
        ['commits', l10n.t('Commits')],
        ['impact', l10n.t('Shipped impact')],
      ],
      draw: (width) => [busyAgainstProgress(numbers, width)],
      table: () => [busyTable(numbers)],
    },
    {
      id: 'goals',
      title: l10n.t('Goals over time'),
      note: numbers.goals.length ? l10n.t('Outcomes linked to each goal, week by week: an empty strip is a goal that did not move.') : undefined,
      draw: (width) => (numbers.goals.length ? [goalStrips(numbers, width)] : [h('p', { class: 'empty' }, l10n.t('No goals yet. Goals you set show here with their outcomes, week by week.'))]),
      table: () => (numbers.goals.length ? [goalsTable(numbers)] : [h('p', { class: 'empty' }, l10n.t('No goals yet.'))]),
    },
    {
      id: 'where',
      title: l10n.t('Where the work went'),
      legend: [
        ['impact', l10n.t('Shipped impact')],
        ['routine', l10n.t('Routine')],
        ['goal', l10n.t('Outcomes for a goal')],
      ],
      draw: (width) => [
        h('h3', {}, l10n.t('By repository')),
        numbers.repositories.length
          ? whereTheWorkWent(repositoryRows(numbers.repositories), width, l10n.t('Outcomes per repository'))
          : h('p', { class: 'empty' }, l10n.t('No outcomes in this range.')),
        h('h3', {}, l10n.t('By goal')),
        whereTheWorkWent(goalRows(numbers), width, l10n.t('Outcomes per goal')),
      ],
      table: () => [repositoriesTable(numbers), goalTotalsTable(numbers)],
    },
  ];
  return specs.map((spec) => chartSection(spec, numbers));
}

function chartSection(spec: ChartSpec, numbers: InsightNumbers): HTMLElement {
  const asTable = state.tables[spec.id] === true;
  const toggle = h('button', { type: 'button', class: 'toggle', 'aria-pressed': String(asTable), 'aria-controls': `${spec.id}-body` }, asTable ? l10n.t('Show chart') : l10n.t('Show table'));
  const body = h('div', { id: `${spec.id}-body`, class: 'body' });
  const section = h(
    'section',
    { class: `chart-section ${spec.id}`, 'aria-labelledby': `${spec.id}-title` },
    h('div', { class: 'section-head' }, h('h2', { id: `${spec.id}-title` }, spec.title), legend(spec.legend), toggle),
    body,
    spec.note ? h('p', { class: 'note' }, spec.note) : undefined,
  );
  const fill = () => {
    const table = state.tables[spec.id] === true;
    toggle.textContent = table ? l10n.t('Show chart') : l10n.t('Show table');
    toggle.setAttribute('aria-pressed', String(table));
    body.replaceChildren(...(table ? [h('div', { class: 'table-wrap' }, ...spec.table())] : spec.draw(chartWidth())));
    if (!table) wireWeeks(body);
    highlight(highlighted);
  };
  toggle.addEventListener('click', () => {
    state.tables[spec.id] = !(state.tables[spec.id] === true);
    save();
    fill();
  });
  fill();
  section.dataset.weeks = String(numbers.weeks.length);
  return section;
}

function legend(items: [string, string][] | undefined): HTMLElement | undefined {
  if (!items) return undefined;
  return h('ul', { class: 'legend', 'aria-hidden': 'true' }, ...items.map(([className, label]) => h('li', {}, h('span', { class: `swatch ${className}` }), label)));
}

function chartWidth(): number {
  return Math.max(320, Math.min(root.clientWidth, 1100) - 2);
}

/** Hover and focus show a week's numbers; click, Enter or Space show it in the Weekly Log; arrows move. */
function wireWeeks(container: HTMLElement): void {
  const columns = [...container.querySelectorAll<SVGGElement>('g.week')];
  if (columns.length) columns[columns.length - 1].setAttribute('tabindex', '0');
  columns.forEach((column, index) => {
    column.addEventListener('pointerenter', (event) => showTip(column.getAttribute('aria-label') ?? '', event.clientX, event.clientY));
    column.addEventListener('pointermove', (event) => moveTip(event.clientX, event.clientY));
    column.addEventListener('pointerleave', hideTip);
    column.addEventListener('focus', () => {
      const box = column.getBoundingClientRect();
      showTip(column.getAttribute('aria-label') ?? '', box.left + box.width / 2, box.top + 24);
    });
    column.addEventListener('blur', hideTip);
    column.addEventListener('click', () => revealWeek(Number(column.dataset.start)));
    column.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        revealWeek(Number(column.dataset.start));
        return;
      }
      const target = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? columns.length - 1 : undefined;
      if (target === undefined || !columns[target]) return;
      event.preventDefault();
      column.setAttribute('tabindex', '-1');
      columns[target].setAttribute('tabindex', '0');
      columns[target].focus();
    });
  });
  for (const row of container.querySelectorAll<SVGGElement>('[data-tip]')) {
    row.addEventListener('pointerenter', (event) => showTip(row.dataset.tip ?? '', event.clientX, event.clientY));
    row.addEventListener('pointermove', (event) => moveTip(event.clientX, event.clientY));
    row.addEventListener('pointerleave', hideTip);
  }
}

function showTip(text: string, x: number, y: number): void {
  const [first, ...rest] = text.split(/[:;] /);
  tooltip.replaceChildren(h('strong', {}, first), ...rest.map((line) => h('div', {}, line)));
  tooltip.hidden = false;
  moveTip(x, y);
}

function moveTip(x: number, y: number): void {
  const box = tooltip.getBoundingClientRect();
  const left = Math.min(Math.max(8, x + 14), window.innerWidth - box.width - 8);
  const top = y + 16 + box.height > window.innerHeight ? y - box.height - 12 : y + 16;
  tooltip.style.left = `${left}px`;
  tooltip.style.top = `${Math.max(8, top)}px`;
}

function hideTip(): void {
  tooltip.hidden = true;
}

function revealWeek(start: number): void {
  status.textContent = '';
  vscode.postMessage({ type: 'revealWeek', start });
}

root.addEventListener('click', (event) => {
  const link = (event.target as Element).closest<HTMLButtonElement>('button.week-link');
  if (link) revealWeek(Number(link.dataset.start));
});

function receive(message: Message): void {
  switch (message?.type) {
    case 'numbers':
      state.numbers = message.numbers;
      state.range = message.numbers.range.key;
      save();
      render();
      return;
    case 'status':
      status.textContent = message.message;
      return;
    case 'error':
      root.setAttribute('aria-busy', 'false');
      root.replaceChildren(h('p', { class: 'error', role: 'alert' }, message.message));
      return;
  }
}

onMessage(receive);

// Charts are drawn for the page's width: redraw when the width changes (not the height, which
// every redraw changes).
let drawnWidth = root.clientWidth;
let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (root.clientWidth === drawnWidth || !state.numbers) return;
    drawnWidth = root.clientWidth;
    render();
  });
}).observe(root);

// A page shown again draws what it had at once; a new page draws the numbers it was made with.
// Either way it then asks for fresh numbers.
const first = document.getElementById('first-message')?.textContent;
if (state.numbers || !first) render();
else receive(JSON.parse(first) as Message);
vscode.postMessage({ type: 'ready', range: state.range });
