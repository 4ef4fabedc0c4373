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

/** The outcomes ticked for "set at once", by id, and the reach picked for them: kept across renders (a sync or another window redraws the page). */
const ticked = new Set<string>();
let bulkReach: Reach | null = null;
/** The ids of the last "Set for the ticked", joined as the panel names the result's target. */
let awaitingBulk: string | undefined;
/** A row's menu saves a moment after its last change, so that arrowing through a closed menu saves once. */
const SAVE_AFTER_MS = 600;
const pending = new Map<string, ReturnType<typeof setTimeout>>();

/** The value a menu holds for "not said". */
const NOT_SAID = '';

function reachMenu(id: string, label: string, current: Reach | null | undefined, notSaid: string): HTMLSelectElement {
  return h(
    'select',
    { id, 'aria-label': label },
    h('option', { value: NOT_SAID, selected: !current }, notSaid),
    REACHES.map((reach) => h('option', { value: reach, selected: current === reach }, reachLabel(reach))),
  );
}

function valueOf(menu: HTMLSelectElement): Reach | null {
  return (REACHES as readonly string[]).includes(menu.value) ? (menu.value as Reach) : null;
}

/** Saves one row's menu now, if a save of it waits. */
function flush(outcomeId: string, menu: HTMLSelectElement): void {
  const timer = pending.get(outcomeId);
  if (timer === undefined) return;
  clearTimeout(timer);
  pending.delete(outcomeId);
  post({ type: 'reach', ids: [outcomeId], reach: valueOf(menu) });
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
  on(menu, 'change', () => {
    clearTimeout(pending.get(outcome.id));
    pending.set(outcome.id, setTimeout(() => flush(outcome.id, menu), SAVE_AFTER_MS));
  });
  on(menu, 'blur', () => flush(outcome.id, menu));
  const row = outcomeRow(outcome, { lead: tick });
  row.append(menu);
  return row;
}

/** The ticked outcomes still listed this week. */
function tickedIds(): string[] {
  return model()
    .impact.map((outcome) => outcome.id)
    .filter((id) => ticked.has(id));
}

/** The bar under the list: how many are ticked, and whether the button can set theirs (it stays focusable, saying so). */
function updateBar(): void {
  const count = document.getElementById('reach-ticked');
  const button = document.getElementById('reach-set');
  const n = tickedIds().length;
  if (count) count.textContent = n === 0 ? l10n.t('Tick several to set theirs at once.') : l10n.t('{0} ticked', n);
  button?.setAttribute('aria-disabled', n === 0 ? 'true' : 'false');
}

/** What the extension said of a reach saved: the ticked outcomes are unticked once theirs is. */
export function reachResult(target: string, ok: boolean): void {
  if (!ok || target !== awaitingBulk) return;
  awaitingBulk = undefined;
  ticked.clear();
  for (const box of document.querySelectorAll<HTMLInputElement>('input[id^="reach-tick-"]')) box.checked = false;
  updateBar();
}

/** The reach part of the "Reach and firsts" section, or a sentence when the week shipped nothing. */
export function reachPart(): HTMLElement[] {
  const { impact } = model();
  const heading = h('h3', {}, l10n.t('Who did it reach?'));
  if (impact.length === 0) return [heading, h('p', { class: 'muted' }, l10n.t('No shipped impact this week: routine work carries no reach.'))];
  // Outcomes deleted meanwhile drop out of the ticked ones.
  for (const id of [...ticked]) if (!impact.some((outcome) => outcome.id === id)) ticked.delete(id);
  const menu = on(reachMenu('reach-all', l10n.t('Who the ticked outcomes reached'), bulkReach, l10n.t('Not said')), 'change', (event) => {
    bulkReach = valueOf(event.target as HTMLSelectElement);
  });
  const set = on(h('button', { type: 'button', id: 'reach-set' }, l10n.t('Set for the ticked')), 'click', () => {
    const ids = tickedIds();
    if (ids.length === 0) return;
    awaitingBulk = ids.join(',');
    post({ type: 'reach', ids, reach: bulkReach });
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
