/**
 * "Sharpen": the week's shipped lines that read like activity (what was done, or what git already
 * said), each with an input to say what changed, and for whom.
 */
import * as l10n from '../../core/l10n';
import type { SharpenCard } from '../../review/messages';
import { h, on } from '../shared/dom';
import { lineInput, problemLine, typedOr } from './cards';
import { model, part, post, safeId } from './page';

/** The id of the input that rewrites the outcome line `id`. */
export function sharpenInputId(id: string): string {
  return `sharpen-${safeId(id)}`;
}

export function renderSharpen(): void {
  const body = part('sharpen-body');
  const { lines } = model().sharpen;
  if (lines.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, l10n.t('Every shipped line of this week says something of its own.')));
    return;
  }
  body.replaceChildren(
    h('p', { class: 'muted' }, l10n.t('These shipped lines say what was done, or repeat what git said, rather than what changed. Enter saves a line.')),
    h('ul', { class: 'cards' }, lines.map(sharpenCard)),
  );
}

function sharpenCard(line: SharpenCard): HTMLLIElement {
  const id = sharpenInputId(line.id);
  const submit = () => post({ type: 'sharpen', id: line.id, text: part<HTMLInputElement>(id).value });
  return h(
    'li',
    { class: 'card' },
    h('label', { for: id, class: 'card-title' }, l10n.t('\u201C{0}\u201D reads like activity: what changed, and for whom?', line.text)),
    h('p', { class: 'muted where', id: `${id}-where` }, line.why, line.where ? ` · ${line.where}` : ''),
    h('div', { class: 'row' }, lineInput(id, typedOr(id, line.text), submit), on(h('button', { type: 'button', class: 'primary', id: `${id}-save` }, l10n.t('Save line')), 'click', submit)),
    problemLine(id),
  );
}
