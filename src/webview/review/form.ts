/**
 * The review's form: the answers and the highlights. Kept in the webview state at every change,
 * sent to the extension as a draft moments later (and at once when the page loses the focus or
 * hides), and saved when the person says so.
 */
import * as l10n from '../../core/l10n';
import { NO_ANSWERS } from '../../core/reviewAnswers';
import type { ReviewForm } from '../../review/messages';
import { keep, model, post, setStatus, state } from './page';

let formTimer: ReturnType<typeof setTimeout> | undefined;

export function form(): ReviewForm {
  if (!state.form) state.form = { answers: { ...NO_ANSWERS }, highlights: [] };
  return state.form;
}

export function formChanged(): void {
  keep();
  clearTimeout(formTimer);
  formTimer = setTimeout(flushForm, 100);
  setStatus(model().saved ? l10n.t('Changed since the last save. What you type is kept as a draft.') : l10n.t('Not saved yet. What you type is kept as a draft.'));
}

/** Sends the draft now, if a change waits to be sent. */
export function flushForm(): void {
  if (formTimer === undefined) return;
  clearTimeout(formTimer);
  formTimer = undefined;
  post({ type: 'form', form: form() });
}

export function saveReview(): void {
  flushForm();
  setStatus(l10n.t('Saving…'));
  post({ type: 'save', form: form() });
}
