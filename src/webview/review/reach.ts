/**
 * "Who did it reach?": each shipped outcome of the week with who it reached (a menu, the
 * suggestion from its words named while nobody said), and several ticked and set at once. Each
 * change is saved at once; routine work carries no reach and is not listed.
 */
import { REACHES, type Reach } from '../../core/domain';
import * as l10n from '../../core/l10n';
import { reachLabel } from '../../core/reach';
import type { OutcomeCard } from '../../review/messages';
import { h, on } from '../shared/dom';
import { outcomeRow } from './glance';
import { model, post, safeId } from './page';

/** The outcomes ticked for "set at once", by id: kept across renders (another window's change redraws the page). */
const ticked = new Set<string>();

/** The value a menu holds for "not said". */
const NOT_SAID = '';

function reachMenu(id: string, label: string, current: Reach | undefined, notSaid: string): HTMLSelectElement {
  return h(
    'select',
    { id, 'aria-label': label },
    h('option', { value: NOT_SAID, selected: current === undefined }, notSaid),
    REACHES.map((reach) => h('option', { value: reach, selected: current === reach }, reachLabel(reach))),
  );
}

function valueOf(menu: HTMLSelectElement): Reach | null {
  return (REACHES as readonly string[]).includes(menu.value) ? (menu.value as Reach) : null;
}

function reachRow(outcome: OutcomeCard): HTMLLIElement {
  const id = safeId(outcome.id);
  const tick = on(h('input', { type: 'checkbox', id: `reach-tick-${id}`, checked: ticked.has(outcome.id), 'aria-label': l10n.t('Tick: {0}', outcome.text) }), 'change', (event) => {
    if ((event.target as HTMLInputElement).checked) ticked.add(outcome.id);
    else ticked.delete(outcome.id);
    updateBar();
  });
  const notSaid = outcome.suggestedReach ? l10n.t('Not said (its words suggest: {0})', reachLabel(outcome.suggestedReach)) : l10n.t('Not said');
  const menu = reachMenu(`reach-${id}`, l10n.t('Who “{0}” reached', outcome.text), outcome.reach, notSaid);
  on(menu, 'change', () => post({ type: 'reach', ids: [outcome.id], reach: valueOf(menu) }));
  const row = outcomeRow(outcome, { lead: tick });
  row.append(menu);
  return row;
}

/** The bar under the list: how many are ticked, a menu, and the button that sets theirs. */
function updateBar(): void {
  const count = document.getElementById('reach-ticked');
  const button = document.getElementById('reach-set') as HTMLButtonElement | null;
  const shipped = new Set(model().impact.map((outcome) => outcome.id));
  const n = [...ticked].filter((id) => shipped.has(id)).length;
  if (count) count.textContent = n === 0 ? l10n.t('Tick several to set theirs at once.') : l10n.t('{0} ticked', n);
  if (button) button.disabled = n === 0;
}

/** The reach part of the "Reach and firsts" section, or a sentence when the week shipped nothing. */
export function reachPart(): HTMLElement[] {
  const { impact } = model();
  const heading = h('h3', {}, l10n.t('Who did it reach?'));
  if (impact.length === 0) return [heading, h('p', { class: 'muted' }, l10n.t('No shipped impact this week: routine work carries no reach.'))];
  // Outcomes deleted meanwhile drop out of the ticked ones.
  for (const id of [...ticked]) if (!impact.some((outcome) => outcome.id === id)) ticked.delete(id);
  const menu = reachMenu('reach-all', l10n.t('Who the ticked outcomes reached'), undefined, l10n.t('Not said'));
  const set = on(h('button', { type: 'button', id: 'reach-set' }, l10n.t('Set for the ticked')), 'click', () => {
    const ids = impact.map((outcome) => outcome.id).filter((id) => ticked.has(id));
    if (ids.length === 0) return;
    post({ type: 'reach', ids, reach: valueOf(menu) });
    ticked.clear();
  });
  const parts = [
    heading,
    h('p', { class: 'muted' }, l10n.t('You, your team, other teams, users or customers, the whole organisation: growth shows as reach widening over the quarters. Never required.')),
    h('ul', { class: 'outcomes reach' }, impact.map(reachRow)),
    h('div', { class: 'row reach-bar' }, h('span', { class: 'muted', id: 'reach-ticked', role: 'status' }), menu, set),
  ];
  queueMicrotask(updateBar);
  return parts;
}
