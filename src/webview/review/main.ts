/**
 * The weekly review panel's page. It renders the model the extension sends (src/review/messages.ts)
 * and sends back what the person does; src/vscode/reviewPanel.ts answers. The user's words are
 * only ever set as text (textContent, value), never as markup. What is typed is kept in the webview
 * state at once (a hidden or reloaded panel keeps it) and as a draft in the database moments later.
 */
import * as l10n from '../../core/l10n';
import { QUESTIONS } from '../../core/reviewAnswers';
import type { ToPage } from '../../review/messages';
import { usePageBundle } from '../shared/l10n';
import { onMessage } from '../shared/vscodeApi';
import { flushForm, saveReview } from './form';
import { render } from './layout';
import { nameInputId, showLineGoal, showSuggestion } from './naming';
import { planAdded } from './plan';
import { reachResult } from './reach';
import { announce, byId, keep, part, post, problems, setModel, setStatus, showProblem, startWeek, state } from './page';
import { answerId } from './questions';
import { sharpenInputId } from './sharpen';

usePageBundle();

function receive(message: ToPage): void {
  switch (message?.type) {
    case 'model': {
      const model = message.model;
      setModel(model);
      if (state.week !== model.week.start) startWeek(model.week.start);
      if (!state.form) state.form = { answers: { ...model.form.answers }, highlights: model.form.highlights.slice() };
      // Rows that went (named, settled, sharpened) take what was typed in them along.
      const live = new Set([...model.waiting.map((card) => nameInputId(card.key)), ...model.sharpen.lines.map((line) => sharpenInputId(line.id))]);
      for (const id of Object.keys(state.inputs)) if (!live.has(id)) delete state.inputs[id];
      keep();
      render();
      if (!part('save-status').textContent) setStatus(model.form.from === 'draft' ? l10n.t('Your unsaved answers from before are back. Save to keep them in the review.') : '');
      return;
    }
    case 'problem':
      showProblem(message.id, message.problem);
      return;
    case 'suggestion':
      showSuggestion(message.key, message.line, message.note);
      return;
    case 'goal':
      showLineGoal(message.key, message.goalId);
      return;
    case 'result':
      onResult(message);
      return;
  }
}

function onResult(message: Extract<ToPage, { type: 'result' }>): void {
  if (message.action === 'save') {
    if (message.ok) {
      setStatus(l10n.t('Saved. The week shows as reviewed in the Weekly Log.'));
      announce(l10n.t('Review saved.'));
    } else {
      setStatus(message.problem ?? '', true);
      const first = QUESTIONS.map(answerId).find((id) => problems[id]);
      if (first) part(first).focus();
    }
    return;
  }
  if (message.action === 'plan' || message.action === 'first' || message.action === 'reach') {
    if (message.target === 'new') planAdded(message.ok, message.problem);
    else if (!message.ok) setStatus(message.problem ?? '', true);
    else if (message.action === 'reach') announce(l10n.t('Reach saved.'));
    if (message.action === 'reach') reachResult(message.target, message.ok);
    return;
  }
  const id = message.action === 'sharpen' ? sharpenInputId(message.target) : nameInputId(message.target);
  if (message.ok) {
    delete state.inputs[id];
    keep();
    showProblem(id, null);
    announce(message.action === 'name' ? l10n.t('Named.') : message.action === 'settle' ? l10n.t('Settled: it no longer waits.') : l10n.t('Line saved.'));
  } else {
    showProblem(id, message.problem);
    byId(id)?.focus();
  }
}

onMessage(receive);

// Ctrl+Enter (Cmd+Enter) saves from anywhere; what was typed is sent when the panel goes away.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    saveReview();
  }
});
window.addEventListener('blur', flushForm);
window.addEventListener('pagehide', flushForm);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flushForm();
});

post({ type: 'ready' });
