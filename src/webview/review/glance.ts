/**
 * "The week at a glance": the signals that changed, the counts, what shipped and what was routine,
 * and the outcomes by goal with the goals that did not move.
 */
import * as l10n from '../../core/l10n';
import type { OutcomeCard } from '../../review/messages';
import { h, on } from '../shared/dom';
import { jumpTo, model, part } from './page';

interface RowOptions {
  /** A button before the line. */
  lead?: HTMLElement;
  /** Its kind, when the list mixes kinds. */
  showKind?: boolean;
  /** The goal it moves. */
  showGoal?: boolean;
}

/** An outcome: its line and where it happened. */
export function outcomeRow(outcome: OutcomeCard, { lead, showKind, showGoal }: RowOptions = {}): HTMLLIElement {
  return h(
    'li',
    { class: 'outcome' },
    lead,
    showKind && h('span', { class: `kind ${outcome.kind}` }, outcome.kind === 'impact' ? l10n.t('impact') : l10n.t('routine')),
    h('span', { class: 'text' }, outcome.text),
    outcome.where ? h('span', { class: 'muted where' }, outcome.where) : null,
    showGoal && outcome.goal ? h('span', { class: 'goal-tag' }, `\u2192 ${outcome.goal}`) : null,
  );
}

/** A count, and the section it links to when there is something to do there. */
function stat(value: number, label: string, section?: string): HTMLDivElement {
  const term = section ? on(h('a', { href: `#${section}` }, label), 'click', (event) => jumpTo(event, section)) : label;
  return h('div', { class: 'stat' }, h('dt', {}, term), h('dd', {}, String(value)));
}

export function renderGlance(): void {
  const { glance, signals, impact, routine } = model();
  const body = h(
    'div',
    {},
    signals.length > 0 && h('div', { class: 'signals', role: 'note' }, h('h3', {}, l10n.t('Signals that changed')), h('ul', {}, signals.map((signal) => h('li', {}, signal)))),
    h(
      'dl',
      { class: 'stats' },
      stat(glance.shipped, l10n.t('Shipped impact')),
      stat(glance.routine, l10n.t('Routine activity')),
      stat(glance.commits, l10n.t('Commits')),
      stat(glance.waiting, l10n.t('Still waiting'), glance.waiting ? 'naming' : undefined),
    ),
    h('h3', {}, l10n.t('Shipped impact')),
    impact.length ? h('ul', { class: 'outcomes' }, impact.map((outcome) => outcomeRow(outcome, { showGoal: true }))) : h('p', { class: 'muted' }, l10n.t('Nothing shipped this week yet.')),
    h('h3', {}, l10n.t('Routine activity')),
    routine.length || glance.unnamedRoutine
      ? h('ul', { class: 'outcomes' }, routine.map((outcome) => outcomeRow(outcome)), glance.unnamedRoutine ? h('li', { class: 'muted' }, l10n.t('Unnamed: {0}', glance.unnamedRoutine)) : null)
      : h('p', { class: 'muted' }, l10n.t('No routine activity recorded.')),
    glance.waiting || glance.inProgress ? h('p', { class: 'muted' }, stillOpen()) : null,
    h('h3', {}, l10n.t('By goal')),
    goals(),
  );
  part('glance-body').replaceChildren(body);
}

/** What the week leaves open: work waiting for a name, commits on branches that have not landed. */
function stillOpen(): string {
  const { waiting, inProgress } = model().glance;
  return [
    waiting ? l10n.plural(waiting, '{0} piece of work still waiting for a name.', '{0} pieces of work still waiting for a name.') : '',
    inProgress ? l10n.plural(inProgress, '{0} commit on branches that have not landed yet.', '{0} commits on branches that have not landed yet.') : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function goals(): HTMLElement {
  const { moved, notTied, idle, anyActive } = model().goals;
  if (!anyActive && moved.length === 0) return h('p', { class: 'muted' }, l10n.t('No active goals: this week\u2019s outcomes are not tied to a goal.'));
  const count = (outcomes: readonly OutcomeCard[]) => h('span', { class: 'muted count' }, ` ${l10n.plural(outcomes.length, '{0} outcome', '{0} outcomes')}`);
  const list = (outcomes: readonly OutcomeCard[]) => h('ul', { class: 'outcomes' }, outcomes.map((outcome) => outcomeRow(outcome, { showKind: true })));
  return h(
    'div',
    { class: 'goals' },
    moved.map((goal) => h('div', { class: 'goal' }, h('h4', {}, goal.title, count(goal.outcomes)), list(goal.outcomes))),
    notTied.length > 0 && h('div', { class: 'goal' }, h('h4', {}, l10n.t('Not tied to a goal'), count(notTied)), list(notTied)),
    idle.length
      ? h('div', { class: 'goal idle' }, h('h4', {}, l10n.t('Goals that did not move')), h('ul', {}, idle.map((goal) => h('li', {}, h('span', { class: 'text' }, goal.title), h('span', { class: 'muted where' }, goal.lastMoved)))))
      : h('p', { class: 'muted' }, l10n.t('Every active goal moved this week.')),
  );
}
