/**
 * "Highlights": up to a few of the week's outcomes to talk about, picked with a star button each
 * (a toggle to assistive technology, numbered in the order picked); Export for 1:1 leads with them.
 */
import * as l10n from '../../core/l10n';
import { h, on } from '../shared/dom';
import { form, formChanged } from './form';
import { outcomeRow } from './glance';
import { announce, byId, keep, model, part, safeId } from './page';

function highlightId(outcomeId: string): string {
  return `highlight-${safeId(outcomeId)}`;
}

export function renderHighlights(): void {
  const { candidates, limits } = model();
  const picked = form().highlights.filter((id) => candidates.some((candidate) => candidate.id === id));
  if (picked.length !== form().highlights.length) {
    form().highlights = picked;
    keep();
  }
  const body = part('highlights-body');
  if (candidates.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, l10n.t('No outcomes this week to pick from yet.')));
    return;
  }
  const max = limits.highlights;
  body.replaceChildren(
    h(
      'p',
      { class: 'muted', id: 'highlights-hint' },
      `${l10n.t('Up to {0} outcomes to talk about; Export for 1:1 leads with them.', max)} `,
      h('strong', { id: 'highlights-count' }, l10n.t('{0} of {1} picked.', picked.length, max)),
    ),
    h(
      'ul',
      { class: 'outcomes pickable' },
      candidates.map((outcome) => {
        const position = picked.indexOf(outcome.id);
        const pressed = position >= 0;
        const full = !pressed && picked.length >= max;
        const star = h(
          'button',
          {
            type: 'button',
            id: highlightId(outcome.id),
            class: `star${pressed ? ' on' : ''}`,
            'aria-pressed': pressed ? 'true' : 'false',
            // A picked star shows its place: the name says it too (WCAG 2.5.3).
            'aria-label': pressed ? l10n.t('Highlight: {0}, number {1}', outcome.text, position + 1) : l10n.t('Highlight: {0}', outcome.text),
            'aria-describedby': full ? 'highlights-count' : null,
            title: full ? l10n.t('{0} is the most: unpick one first', max) : pressed ? l10n.t('Picked: press to unpick') : l10n.t('Pick as a highlight'),
          },
          h('span', { 'aria-hidden': 'true' }, pressed ? '\u2605' : '\u2606'),
          pressed ? h('span', { class: 'position', 'aria-hidden': 'true' }, String(position + 1)) : null,
        );
        return outcomeRow(outcome, { lead: on(star, 'click', () => toggleHighlight(outcome.id)), showKind: true, showGoal: true });
      }),
    ),
  );
}

function toggleHighlight(id: string): void {
  const max = model().limits.highlights;
  const picked = form().highlights;
  const index = picked.indexOf(id);
  if (index >= 0) {
    picked.splice(index, 1);
    announce(l10n.t('Unpicked. {0} of {1} picked.', picked.length, max));
  } else if (picked.length >= max) {
    announce(l10n.t('{0} is the most: unpick one first.', max));
    return;
  } else {
    picked.push(id);
    announce(l10n.t('Picked as highlight {0} of {1}.', picked.length, max));
  }
  formChanged();
  renderHighlights();
  byId(highlightId(id))?.focus();
}
