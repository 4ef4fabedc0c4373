/**
 * The page's frame (the title, the steps, seven sections and the save button), built once a week,
 * and the render that fills it from each model while the focus and the caret stay where they were.
 */
import * as l10n from '../../core/l10n';
import { h, on } from '../shared/dom';
import { saveReview } from './form';
import { renderGlance } from './glance';
import { renderHighlights } from './highlights';
import { renderNaming } from './naming';
import { renderFirsts, renderPlan } from './plan';
import { jumpTo, model, part } from './page';
import { buildQuestions, updateQuestions } from './questions';
import { renderSharpen } from './sharpen';

const root = part('review');
/** The week the frame was built for. */
let builtFor = -1;

function build(): void {
  const steps: [string, string][] = [
    ['glance', l10n.t('At a glance')],
    ['naming', l10n.t('Finish naming')],
    ['sharpen', l10n.t('Sharpen')],
    ['questions', l10n.t('Questions')],
    ['highlights', l10n.t('Highlights')],
    ['firsts', l10n.t('Reach and firsts')],
    ['plan', l10n.t('Plan')],
  ];
  root.replaceChildren(
    h('header', { class: 'top' }, h('h1', { id: 'title', tabindex: '-1' }), h('p', { class: 'muted', id: 'subtitle' })),
    h(
      'nav',
      { 'aria-label': l10n.t('Sections of the review') },
      h(
        'ol',
        { class: 'steps' },
        steps.map(([id, text]) => h('li', {}, on(h('a', { href: `#${id}` }, text), 'click', (event) => jumpTo(event, id)))),
      ),
    ),
    section('glance', '1', l10n.t('The week at a glance')),
    section('naming', '2', l10n.t('Finish naming')),
    section('sharpen', '3', l10n.t('Sharpen')),
    section('questions', '4', l10n.t('The honest questions')),
    section('highlights', '5', l10n.t('Highlights')),
    section('firsts', '6', l10n.t('Reach and firsts')),
    section('plan', '7', l10n.t('Next week’s plan')),
    h(
      'footer',
      { class: 'actions' },
      on(h('button', { id: 'save', class: 'primary', type: 'button', 'aria-keyshortcuts': 'Control+Enter Meta+Enter' }, l10n.t('Save review')), 'click', saveReview),
      h('span', { class: 'muted keys', 'aria-hidden': 'true' }, navigator.platform.startsWith('Mac') ? '⌘ Enter' : 'Ctrl+Enter'),
      h('p', { id: 'save-status', role: 'status', 'aria-live': 'polite' }),
    ),
    h('div', { id: 'announce', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
  );
  buildQuestions();
}

function section(id: string, step: string, title: string): HTMLElement {
  return h(
    'section',
    { id, 'aria-labelledby': `${id}-heading` },
    h('h2', { id: `${id}-heading`, tabindex: '-1' }, h('span', { class: 'step', 'aria-hidden': 'true' }, step), title),
    h('div', { id: `${id}-body` }),
  );
}

/** Shows the model last received. */
export function render(): void {
  const { week, saved } = model();
  if (builtFor !== week.start) {
    build();
    builtFor = week.start;
  }
  // Re-rendering replaces rows: put the focus and the caret back where they were.
  const active = document.activeElement;
  const focusedId = active?.id;
  const selection = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? ([active.selectionStart, active.selectionEnd] as const) : undefined;
  const focusedSection = active?.closest('section') ?? null;

  part('title').textContent = week.label === week.range ? l10n.t('Weekly review: {0}', week.range) : l10n.t('Weekly review: {0}, {1}', week.label, week.range);
  part('subtitle').textContent = saved ? l10n.t('{0}. Saving again replaces it.', saved.label) : l10n.t('Not reviewed yet. Every question is optional.');
  renderGlance();
  renderNaming();
  renderSharpen();
  renderHighlights();
  renderFirsts();
  renderPlan();
  updateQuestions();
  root.setAttribute('aria-busy', 'false');

  if (focusedId && document.activeElement !== active) {
    const again = document.getElementById(focusedId);
    if (again) {
      again.focus();
      if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) again.setSelectionRange(selection[0], selection[1]);
    } else if (focusedSection) {
      document.getElementById(`${focusedSection.id}-heading`)?.focus();
    }
  }
}
