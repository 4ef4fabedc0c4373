/**
 * What the naming and sharpening cards share: a one-line input under the outcome line rules, and
 * the sentence under it that says why it cannot be saved yet.
 */
import { h } from '../shared/dom';
import { check, keep, problems, state } from './page';

/**
 * A card's one-line input: what is typed is kept (and checked under the outcome line rules) as it
 * is typed, Enter submits; `changed` hears each change too.
 */
export function lineInput(id: string, value: string, submit: () => void, changed: (text: string) => void = () => undefined): HTMLInputElement {
  const input = h('input', { id, type: 'text', value, spellcheck: 'true', 'aria-describedby': `${id}-where ${id}-problem` });
  input.addEventListener('input', () => {
    state.inputs[id] = input.value;
    keep();
    check(id, 'line', input.value);
    changed(input.value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      submit();
    }
  });
  return input;
}

/** Why the input `id` cannot be saved yet, as last heard; empty when it can. */
export function problemLine(id: string): HTMLParagraphElement {
  return h('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite' }, problems[id] || '');
}

/** What was typed in the input `id`, or what it starts with. */
export function typedOr(id: string, value: string): string {
  return state.inputs[id] !== undefined ? state.inputs[id] : value;
}
