/**
 * "Firsts" and "Plan": the week's outcomes to mark as something done for the first time (a toggle
 * each), this week's plan settled (landed, moved on, dropped), and the next week's plan, up to five
 * intended outcomes, each one line with an optional goal and due day. Each change is saved at once.
 */
import * as l10n from '../../core/l10n';
import type { PlanState } from '../../core/domain';
import type { PlanCard } from '../../review/messages';
import { h, on } from '../shared/dom';
import { lineInput, problemLine, typedOr } from './cards';
import { outcomeRow } from './glance';
import { reachPart } from './reach';
import { announce, byId, keep, model, part, post, safeId, state } from './page';

/** The input of the next week's new planned outcome. */
export const PLAN_INPUT_ID = 'plan-new';

/** The "Reach and firsts" section: who the shipped outcomes reached, then the firsts. */
export function renderFirsts(): void {
  const { candidates, firstsQuestion } = model();
  const body = part('firsts-body');
  const firsts = h('h3', {}, l10n.t('Firsts'));
  if (candidates.length === 0) {
    body.replaceChildren(...reachPart(), firsts, h('p', { class: 'muted' }, l10n.t('No outcomes this week to mark yet.')));
    return;
  }
  body.replaceChildren(
    ...reachPart(),
    firsts,
    h('p', { class: 'muted' }, firstsQuestion),
    h(
      'ul',
      { class: 'outcomes pickable' },
      candidates.map((outcome) => {
        const id = `first-${safeId(outcome.id)}`;
        const toggle = h(
          'button',
          { type: 'button', id, class: `star${outcome.first ? ' on' : ''}`, 'aria-pressed': outcome.first ? 'true' : 'false', 'aria-label': l10n.t('A first: {0}', outcome.text), title: outcome.first ? l10n.t('Marked as a first: press to unmark') : l10n.t('Mark as a first') },
          h('span', { 'aria-hidden': 'true' }, outcome.first ? '\u2691' : '\u2690'),
        );
        return outcomeRow(outcome, { lead: on(toggle, 'click', () => post({ type: 'first', id: outcome.id, first: !outcome.first })), showKind: true });
      }),
    ),
  );
}

const STATE_WORDS = (): Record<PlanState, string> => ({ open: l10n.t('open'), landed: l10n.t('landed'), moved: l10n.t('moved on'), dropped: l10n.t('dropped') });

export function renderPlan(): void {
  const { plan } = model();
  const body = part('plan-body');
  const thisWeek = plan.thisWeek.length
    ? [
        h('h3', {}, l10n.t('This week’s plan')),
        h('p', { class: 'muted' }, l10n.t('Settle each planned outcome: landed, moved on to next week, or dropped.')),
        h('ul', { class: 'cards' }, plan.thisWeek.map((item) => planRow(item, true))),
      ]
    : [h('p', { class: 'muted' }, l10n.t('This week had no plan.'))];
  const full = plan.nextWeek.length >= plan.max;
  const submit = () => {
    const text = part<HTMLInputElement>(PLAN_INPUT_ID).value;
    const goal = part<HTMLSelectElement>('plan-goal').value || null;
    const due = part<HTMLInputElement>('plan-due').value || null;
    post({ type: 'planAdd', text, goalId: goal, dueDay: due });
  };
  const parts: (HTMLElement | null)[] = [
    plan.doneRate ? h('p', { class: 'plan-rate', id: 'plan-rate' }, plan.doneRate) : null,
    ...thisWeek,
    h('h3', {}, l10n.t('Next week: {0}', plan.nextWeekLabel)),
    h('p', { class: 'muted', id: 'plan-hint' }, l10n.t('Up to {0} outcomes you intend to land, one line each. Not a to-do list: what should have moved forward by Friday?', plan.max)),
    plan.nextWeek.length ? h('ul', { class: 'cards' }, plan.nextWeek.map((item) => planRow(item, false))) : null,
    full
      ? h('p', { class: 'muted' }, l10n.t('{0} planned: drop one to add another.', plan.max))
      : h(
          'div',
          { class: 'card' },
          h('label', { for: PLAN_INPUT_ID, class: 'card-title' }, l10n.t('A planned outcome')),
          h('div', { class: 'row' }, lineInput(PLAN_INPUT_ID, typedOr(PLAN_INPUT_ID, ''), submit)),
          h(
            'div',
            { class: 'row' },
            h('label', { for: 'plan-goal' }, l10n.t('Goal')),
            h('select', { id: 'plan-goal' }, h('option', { value: '' }, l10n.t('No goal')), plan.goals.map((goal) => h('option', { value: goal.id }, goal.title))),
            h('label', { for: 'plan-due' }, l10n.t('Due')),
            h('input', { id: 'plan-due', type: 'date' }),
            on(h('button', { type: 'button', class: 'primary', id: 'plan-add' }, l10n.t('Add to plan')), 'click', submit),
          ),
          h('p', { class: 'muted where', id: `${PLAN_INPUT_ID}-where` }),
          problemLine(PLAN_INPUT_ID),
        ),
  ];
  body.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
}

function planRow(item: PlanCard, thisWeek: boolean): HTMLLIElement {
  const words = STATE_WORDS();
  const details = [item.goal ? l10n.t('goal: {0}', item.goal) : undefined, item.dueDay ? l10n.t('due {0}', item.dueDay) : undefined, item.landedAs ? l10n.t('landed as “{0}”', item.landedAs) : undefined].filter(Boolean).join(' · ');
  const actions: [PlanState, string][] = thisWeek
    ? item.state === 'open'
      ? [
          ['landed', l10n.t('Landed')],
          ['moved', l10n.t('Move to next week')],
          ['dropped', l10n.t('Drop')],
        ]
      : [['open', l10n.t('Reopen')]]
    : [['dropped', l10n.t('Drop')]];
  const id = `plan-${safeId(item.id)}`;
  return h(
    'li',
    { class: `card plan-item ${item.state}`, id },
    h('p', { class: 'card-title' }, h('span', { class: `kind ${item.state === 'landed' ? 'impact' : 'routine'}` }, words[item.state]), ' ', item.text),
    details ? h('p', { class: 'muted where' }, details) : null,
    h(
      'div',
      { class: 'row' },
      actions.map(([next, label]) =>
        on(h('button', { type: 'button', id: `${id}-${next}`, 'aria-label': `${label}: ${item.text}` }, label), 'click', () => {
          post({ type: 'planSettle', id: item.id, state: next });
        }),
      ),
    ),
  );
}

/** After the extension answered a plan action: the input is emptied when an item was added. */
export function planAdded(ok: boolean, problem: string | undefined): void {
  if (ok) {
    delete state.inputs[PLAN_INPUT_ID];
    keep();
    const input = byId(PLAN_INPUT_ID) as HTMLInputElement | null;
    if (input) input.value = '';
    announce(l10n.t('Added to next week’s plan.'));
  } else {
    const line = byId(`${PLAN_INPUT_ID}-problem`);
    if (line) line.textContent = problem ?? '';
    byId(PLAN_INPUT_ID)?.focus();
  }
}
