/**
 * "The honest questions": three optional answers of a few lines, each with a counter of its lines
 * and characters against the limits, and the sentence that says why it cannot be saved yet.
 */
import * as l10n from '../../core/l10n';
import { QUESTIONS, type Question } from '../../core/reviewAnswers';
import { h } from '../shared/dom';
import { form, formChanged } from './form';
import { check, model, part } from './page';

/** The id of the answer to `question`. */
export function answerId(question: Question): string {
  return `answer-${question}`;
}

/** The questions' fields, made once a week: re-rendering them would move the caret under the person's fingers. */
export function buildQuestions(): void {
  part('questions-body').replaceChildren(h('p', { class: 'muted' }, l10n.t('Each is optional; a few lines each.')), ...QUESTIONS.map(questionField));
}

function questionField(question: Question): HTMLDivElement {
  const id = answerId(question);
  const area = h('textarea', { id, rows: '3', spellcheck: 'true', 'aria-describedby': `${id}-counter ${id}-problem` });
  area.addEventListener('input', () => {
    form().answers[question] = area.value;
    formChanged();
    check(id, 'answer', area.value);
    updateCounter(question);
  });
  return h(
    'div',
    { class: 'question' },
    h('label', { for: id, id: `${id}-label` }),
    area,
    h('p', { class: 'muted counter', id: `${id}-counter` }),
    h('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite' }),
  );
}

/** The questions' wording and the answers, from the model and the form. */
export function updateQuestions(): void {
  for (const { id: question, text } of model().questions) {
    const id = answerId(question);
    part(`${id}-label`).textContent = text;
    const area = part<HTMLTextAreaElement>(id);
    const value = form().answers[question] || '';
    if (area.value !== value) area.value = value;
    updateCounter(question);
  }
}

function updateCounter(question: Question): void {
  const { limits } = model();
  const text = form().answers[question] || '';
  const lines = text.trim() === '' ? 0 : text.replace(/\s+$/, '').split(/\r\n|\r|\n/).length;
  part(`${answerId(question)}-counter`).textContent = l10n.t('{0} of {1} lines · {2} of {3} characters', lines, limits.answerLines, Array.from(text.trim()).length, limits.answerLength);
}
