/**
 * "Finish naming": each piece of work of the week still waiting for a name, as a card that names
 * it the way the prompt would (one line, its kind, Enter saves), or settles it as routine or skips it.
 */
import type { OutcomeKind } from '../../core/domain';
import * as l10n from '../../core/l10n';
import type { WaitingCard } from '../../review/messages';
import { h, on } from '../shared/dom';
import { lineInput, problemLine, typedOr } from './cards';
import { announce, check, keep, model, part, post, safeId, state } from './page';

/** What Suggest said about the line it prefilled, by the input's id. */
const notes: Record<string, string> = {};
/** The goal each waiting work's line as typed points to, as the extension last said, by key. */
const lineGoals: Record<string, string | null> = {};
const goalTimers: Record<string, ReturnType<typeof setTimeout>> = {};

/** Prefills a waiting card's input with a suggested line, for the person to edit and save. */
export function showSuggestion(key: string, line: string, note: string | null): void {
  const id = nameInputId(key);
  const input = document.getElementById(id) as HTMLInputElement | null;
  const button = document.getElementById(`${id}-suggest`) as HTMLButtonElement | null;
  if (button) button.disabled = false;
  if (!input) return;
  input.value = line;
  state.inputs[id] = line;
  keep();
  check(id, 'line', line);
  askLineGoal(key, line);
  if (note) notes[id] = note;
  else delete notes[id];
  const noteLine = document.getElementById(`${id}-note`);
  if (noteLine) noteLine.textContent = note ?? '';
  input.focus();
  // The note sits under the input, where the page's save bar, fixed at the bottom, may cover it.
  noteLine?.scrollIntoView({ block: 'center' });
  announce(note ? `${line}. ${note}` : line);
}

/** The id of the input that names the waiting work `key`. */
export function nameInputId(key: string): string {
  return `name-${safeId(key)}`;
}

export function renderNaming(): void {
  const body = part('naming-body');
  const { waiting, limits } = model();
  if (waiting.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, l10n.t('Nothing from this week waits for a name.')));
    return;
  }
  body.replaceChildren(
    h('p', { class: 'muted' }, l10n.t('Name each piece of work in one line (at most {0} characters), as the prompt would: what moved forward, and why it matters. Enter saves it.', limits.line)),
    h('ul', { class: 'cards' }, waiting.map(waitingCard)),
  );
}

function kindLabel(kind: OutcomeKind): string {
  return kind === 'impact' ? l10n.t('Shipped impact') : l10n.t('Routine activity');
}

/**
 * The goal a card shows and saving links: the one picked for it; else, as the prompt's input does,
 * none for routine work and for shipped impact what the work and its line as typed point to.
 */
function goalOf(card: WaitingCard): string | null {
  const picked = state.goals[card.key];
  const goals = model().plan.goals;
  if (picked !== undefined) return picked === '' || !goals.some((goal) => goal.id === picked) ? null : picked;
  if ((state.kinds[card.key] || card.kind) === 'routine') return null;
  return card.key in lineGoals ? lineGoals[card.key] : card.goalId;
}

/** The goal the extension says the line of `key` points to: the card's menu follows it until the person picks one. */
export function showLineGoal(key: string, goalId: string | null): void {
  lineGoals[key] = goalId;
  const card = model().waiting.find((candidate) => candidate.key === key);
  const select = document.getElementById(`${nameInputId(key)}-goal`) as HTMLSelectElement | null;
  if (card && select) select.value = goalOf(card) ?? '';
}

/** Asks which goal the line as typed points to, once typing pauses. */
function askLineGoal(key: string, text: string): void {
  if (model().plan.goals.length === 0) return;
  clearTimeout(goalTimers[key]);
  goalTimers[key] = setTimeout(() => post({ type: 'goalFor', key, text }), 200);
}

/** The card's goal, as a choice among the active goals; nothing when there are none. */
function goalChoice(card: WaitingCard, id: string): HTMLElement | null {
  const goals = model().plan.goals;
  if (goals.length === 0) return null;
  const select = h('select', { id: `${id}-goal` }, h('option', { value: '' }, l10n.t('No goal')), goals.map((goal) => h('option', { value: goal.id }, goal.title)));
  select.value = goalOf(card) ?? '';
  on(select, 'change', () => {
    state.goals[card.key] = select.value;
    keep();
  });
  return h('span', { class: 'goal-choice' }, h('label', { for: `${id}-goal`, class: 'muted' }, l10n.t('Goal')), ' ', select);
}

function waitingCard(card: WaitingCard): HTMLLIElement {
  const id = nameInputId(card.key);
  const kind = state.kinds[card.key] || card.kind;
  const submit = () => {
    const input = part<HTMLInputElement>(id);
    post({ type: 'name', key: card.key, text: input.value, kind: state.kinds[card.key] || card.kind, goalId: goalOf(card) });
  };
  const toggleKind = () => {
    state.kinds[card.key] = kind === 'impact' ? 'routine' : 'impact';
    keep();
    renderNaming();
    announce(state.kinds[card.key] === 'impact' ? l10n.t('Counts as shipped impact.') : l10n.t('Counts as routine activity.'));
  };
  return h(
    'li',
    { class: 'card' },
    h('label', { for: id, class: 'card-title' }, card.title),
    h('p', { class: 'muted where', id: `${id}-where` }, card.where, card.commits.length > 1 ? ` · ${card.commits.map((commit) => commit.subject).join(' · ')}` : ''),
    h(
      'div',
      { class: 'row' },
      lineInput(id, typedOr(id, card.value), submit, (text) => {
        post({ type: 'workDraft', key: card.key, text });
        askLineGoal(card.key, text);
      }),
      on(
        h(
          'button',
          {
            type: 'button',
            class: 'secondary kind-toggle',
            id: `${id}-kind`,
            // The name begins with the words on the button (WCAG 2.5.3: say what you see to speech input).
            'aria-label': kind === 'impact' ? l10n.t('Kind: Shipped impact. Press to count it as routine activity.') : l10n.t('Kind: Routine activity. Press to count it as shipped impact.'),
          },
          l10n.t('Kind: {0}', kindLabel(kind)),
        ),
        'click',
        toggleKind,
      ),
      // Between the kind and saving: a person who tabs from the line meets what saving links.
      goalChoice(card, id),
      on(h('button', { type: 'button', class: 'primary', id: `${id}-save` }, l10n.t('Save name')), 'click', submit),
      // After saving in the tab order: the line, its kind and saving it come first.
      on(h('button', { type: 'button', class: 'secondary', id: `${id}-suggest`, title: l10n.t('Suggest a line from this work') }, l10n.t('Suggest')), 'click', () => {
        part<HTMLButtonElement>(`${id}-suggest`).disabled = true;
        post({ type: 'suggest', key: card.key, goalId: goalOf(card) });
      }),
    ),
    h('p', { class: 'muted note', id: `${id}-note`, 'aria-live': 'polite' }, notes[id] || ''),
    problemLine(id),
    h(
      'div',
      { class: 'row quiet' },
      on(h('button', { type: 'button', class: 'link', id: `${id}-routine` }, l10n.t('Routine, no name')), 'click', () => post({ type: 'settle', key: card.key, status: 'routine' })),
      on(h('button', { type: 'button', class: 'link', id: `${id}-skip` }, l10n.t('Skip')), 'click', () => post({ type: 'settle', key: card.key, status: 'skipped' })),
    ),
  );
}
