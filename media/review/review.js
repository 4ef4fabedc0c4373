// The weekly review panel's page. It renders the model the extension sends (src/review/reviewModel.ts)
// and sends back what the person does (src/vscode/reviewPanel.ts: FromWebview). The user's words are
// only ever set as text (textContent, value), never as markup. What is typed is kept in the webview
// state at once (a hidden or reloaded panel keeps it) and as a draft in the database moments later.
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('review'));
  const QUESTIONS = ['movedForward', 'busyWork', 'nextFocus'];

  /**
   * @typedef {{ answers: Record<string, string | null>, highlights: string[] }} Form
   * @typedef {{ week?: number, form?: Form, inputs: Record<string, string>, kinds: Record<string, string> }} State
   */
  /** @type {State} */
  let state = Object.assign({ inputs: {}, kinds: {} }, vscode.getState() || {});
  /** @type {any} */
  let model = null;
  let builtFor = -1;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let formTimer;
  /** @type {Record<string, ReturnType<typeof setTimeout>>} */
  const checkTimers = {};
  /** @type {Record<string, string>} */
  const problems = {};

  // ------------------------------------------------------------------------------------------
  // Small helpers

  /** An element with attributes, listeners (onclick…) and children; `text` sets its text. */
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') element.textContent = String(value);
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else if (name === 'class') element.className = value;
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
  }

  const safeId = (text) => String(text).replace(/[^A-Za-z0-9_-]/g, '_');
  // The page's sentences in the user's language: the extension puts its bundle in the page (none in
  // English). Called like the extension's own (src/core/l10n.ts), with literal English, so that
  // scripts/l10n-bundle.mjs collects them into l10n/bundle.l10n.json.
  const bundle = JSON.parse((document.getElementById('l10n-bundle') || {}).textContent || '{}');
  const format = (message, args) => message.replace(/\{(\d+)\}/g, (placeholder, index) => (Number(index) < args.length ? String(args[Number(index)]) : placeholder));
  const translate = (message, args) => format(bundle[message] ?? message, args);
  const l10n = {
    /** @type {(message: string, ...args: (string | number)[]) => string} */
    t: (message, ...args) => translate(message, args),
    /**
     * `one` when the count is 1, `other` otherwise; `{0}` is the count.
     * @type {(count: number, one: string, other: string, ...args: (string | number)[]) => string}
     */
    plural: (count, one, other, ...args) => translate(count === 1 ? one : other, [count, ...args]),
  };
  const keep = () => vscode.setState(state);
  const byId = (id) => document.getElementById(id);

  function announce(text) {
    const region = byId('announce');
    if (!region) return;
    region.textContent = '';
    setTimeout(() => (region.textContent = text), 30);
  }

  function setStatus(text, isProblem) {
    const status = byId('save-status');
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('problem', !!isProblem);
  }

  /** Shows (or clears) the sentence under an input, and marks the input for assistive technology. */
  function showProblem(id, problem) {
    if (problem) problems[id] = problem;
    else delete problems[id];
    const input = byId(id);
    const line = byId(`${id}-problem`);
    if (input) input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    if (line) line.textContent = problem || '';
  }

  /** Asks the extension whether a line or an answer can be saved, a moment after typing stops. */
  function check(id, field, text) {
    clearTimeout(checkTimers[id]);
    checkTimers[id] = setTimeout(() => vscode.postMessage({ type: 'check', id, field, text }), 200);
  }

  // ------------------------------------------------------------------------------------------
  // The form: answers and highlights

  function form() {
    if (!state.form) state.form = { answers: { movedForward: null, busyWork: null, nextFocus: null }, highlights: [] };
    return state.form;
  }

  function formChanged() {
    keep();
    clearTimeout(formTimer);
    formTimer = setTimeout(flushForm, 100);
    setStatus(model && model.saved ? l10n.t('Changed since the last save. What you type is kept as a draft.') : l10n.t('Not saved yet. What you type is kept as a draft.'));
  }

  function flushForm() {
    if (formTimer === undefined) return;
    clearTimeout(formTimer);
    formTimer = undefined;
    vscode.postMessage({ type: 'form', form: form() });
  }

  function saveReview() {
    flushForm();
    setStatus(l10n.t('Saving…'));
    vscode.postMessage({ type: 'save', form: form() });
  }

  // ------------------------------------------------------------------------------------------
  // Building the page

  function build() {
    root.replaceChildren(
      h('header', { class: 'top' }, h('h1', { id: 'title', tabindex: '-1' }), h('p', { class: 'muted', id: 'subtitle' })),
      h(
        'nav',
        { 'aria-label': l10n.t('Sections of the review') },
        h(
          'ol',
          { class: 'steps' },
          [
            ['glance', l10n.t('At a glance')],
            ['naming', l10n.t('Finish naming')],
            ['sharpen', l10n.t('Sharpen')],
            ['questions', l10n.t('Questions')],
            ['highlights', l10n.t('Highlights')],
          ].map(([id, text]) => h('li', {}, h('a', { href: `#${id}`, onclick: (event) => jumpTo(event, id) }, text))),
        ),
      ),
      section('glance', '1', l10n.t('The week at a glance')),
      section('naming', '2', l10n.t('Finish naming')),
      section('sharpen', '3', l10n.t('Sharpen')),
      section('questions', '4', l10n.t('The honest questions')),
      section('highlights', '5', l10n.t('Highlights')),
      h(
        'footer',
        { class: 'actions' },
        h('button', { id: 'save', class: 'primary', type: 'button', onclick: saveReview }, l10n.t('Save review')),
        h('span', { class: 'muted keys', 'aria-hidden': 'true' }, navigator.platform.startsWith('Mac') ? '⌘ Enter' : 'Ctrl+Enter'),
        h('p', { id: 'save-status', role: 'status', 'aria-live': 'polite' }),
      ),
      h('div', { id: 'announce', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
    );
    byId('save').setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
    buildQuestions();
  }

  function section(id, step, title) {
    return h(
      'section',
      { id, 'aria-labelledby': `${id}-heading` },
      h('h2', { id: `${id}-heading`, tabindex: '-1' }, h('span', { class: 'step', 'aria-hidden': 'true' }, step), title),
      h('div', { id: `${id}-body` }),
    );
  }

  function jumpTo(event, id) {
    event.preventDefault();
    const heading = byId(`${id}-heading`);
    heading.scrollIntoView({ block: 'start' });
    heading.focus();
  }

  function render() {
    if (builtFor !== model.week.start) {
      build();
      builtFor = model.week.start;
    }
    // Re-rendering replaces rows: put the focus and the caret back where they were.
    const active = document.activeElement;
    const focusedId = active && active.id;
    const selection = active && 'selectionStart' in active ? [active.selectionStart, active.selectionEnd] : undefined;
    const focusedSection = active && active.closest ? active.closest('section') : null;

    byId('title').textContent =
      model.week.label === model.week.range ? l10n.t('Weekly review: {0}', model.week.range) : l10n.t('Weekly review: {0}, {1}', model.week.label, model.week.range);
    byId('subtitle').textContent = model.saved ? l10n.t('{0}. Saving again replaces it.', model.saved.label) : l10n.t('Not reviewed yet. Every question is optional.');
    renderGlance();
    renderNaming();
    renderSharpen();
    renderHighlights();
    updateQuestions();
    root.setAttribute('aria-busy', 'false');

    if (focusedId && document.activeElement !== active) {
      const again = byId(focusedId);
      if (again) {
        again.focus();
        if (selection && 'setSelectionRange' in again) again.setSelectionRange(selection[0], selection[1]);
      } else if (focusedSection) {
        const heading = byId(`${focusedSection.id}-heading`);
        if (heading) heading.focus();
      }
    }
  }

  /**
   * An outcome: its line and where it happened; `lead` (a button) comes first; its kind when the
   * list mixes kinds, its goal when asked.
   */
  function outcomeRow(outcome, { lead, showKind, showGoal } = {}) {
    return h(
      'li',
      { class: 'outcome' },
      lead || null,
      showKind ? h('span', { class: `kind ${outcome.kind}` }, outcome.kind === 'impact' ? l10n.t('impact') : l10n.t('routine')) : null,
      h('span', { class: 'text', text: outcome.text }),
      outcome.where ? h('span', { class: 'muted where', text: outcome.where }) : null,
      showGoal && outcome.goal ? h('span', { class: 'goal-tag', text: `\u2192 ${outcome.goal}` }) : null,
    );
  }

  function renderGlance() {
    const { glance } = model;
    const stat = (value, label, href) =>
      h('div', { class: 'stat' }, h('dt', {}, href ? h('a', { href: `#${href}`, onclick: (event) => jumpTo(event, href) }, label) : label), h('dd', { text: String(value) }));
    const body = h(
      'div',
      {},
      model.signals.length
        ? h('div', { class: 'signals', role: 'note' }, h('h3', {}, l10n.t('Signals that changed')), h('ul', {}, model.signals.map((signal) => h('li', { text: signal }))))
        : null,
      h(
        'dl',
        { class: 'stats' },
        stat(glance.shipped, l10n.t('Shipped impact')),
        stat(glance.routine, l10n.t('Routine activity')),
        stat(glance.commits, l10n.t('Commits')),
        stat(glance.waiting, l10n.t('Still waiting'), glance.waiting ? 'naming' : undefined),
      ),
      h('h3', {}, l10n.t('Shipped impact')),
      model.impact.length ? h('ul', { class: 'outcomes' }, model.impact.map((outcome) => outcomeRow(outcome, { showGoal: true }))) : h('p', { class: 'muted' }, l10n.t('Nothing shipped this week yet.')),
      h('h3', {}, l10n.t('Routine activity')),
      model.routine.length || glance.unnamedRoutine
        ? h('ul', { class: 'outcomes' }, model.routine.map((outcome) => outcomeRow(outcome)), glance.unnamedRoutine ? h('li', { class: 'muted' }, l10n.t('Unnamed: {0}', glance.unnamedRoutine)) : null)
        : h('p', { class: 'muted' }, l10n.t('No routine activity recorded.')),
      glance.waiting || glance.inProgress
        ? h(
            'p',
            { class: 'muted' },
            [
              glance.waiting ? l10n.plural(glance.waiting, '{0} piece of work still waiting for a name.', '{0} pieces of work still waiting for a name.') : '',
              glance.inProgress ? l10n.plural(glance.inProgress, '{0} commit on branches that have not landed yet.', '{0} commits on branches that have not landed yet.') : '',
            ]
              .filter(Boolean)
              .join(' '),
          )
        : null,
      h('h3', {}, l10n.t('By goal')),
      goals(),
    );
    byId('glance-body').replaceChildren(body);
  }

  function goals() {
    const { moved, notTied, idle, anyActive } = model.goals;
    if (!anyActive && moved.length === 0) return h('p', { class: 'muted' }, l10n.t('No active goals: this week\u2019s outcomes are not tied to a goal.'));
    return h(
      'div',
      { class: 'goals' },
      moved.map((goal) => h('div', { class: 'goal' }, h('h4', {}, goal.title, h('span', { class: 'muted count', text: ` ${l10n.plural(goal.outcomes.length, '{0} outcome', '{0} outcomes')}` })), h('ul', { class: 'outcomes' }, goal.outcomes.map((outcome) => outcomeRow(outcome, { showKind: true }))))),
      notTied.length ? h('div', { class: 'goal' }, h('h4', {}, l10n.t('Not tied to a goal'), h('span', { class: 'muted count', text: ` ${l10n.plural(notTied.length, '{0} outcome', '{0} outcomes')}` })), h('ul', { class: 'outcomes' }, notTied.map((outcome) => outcomeRow(outcome, { showKind: true })))) : null,
      idle.length
        ? h('div', { class: 'goal idle' }, h('h4', {}, l10n.t('Goals that did not move')), h('ul', {}, idle.map((goal) => h('li', {}, h('span', { class: 'text', text: goal.title }), h('span', { class: 'muted where', text: goal.lastMoved })))))
        : h('p', { class: 'muted' }, l10n.t('Every active goal moved this week.')),
    );
  }

  function renderNaming() {
    const body = byId('naming-body');
    if (model.waiting.length === 0) {
      body.replaceChildren(h('p', { class: 'muted' }, l10n.t('Nothing from this week waits for a name.')));
      return;
    }
    body.replaceChildren(
      h('p', { class: 'muted' }, l10n.t('Name each piece of work in one line (at most {0} characters), as the prompt would: what moved forward, and why it matters. Enter saves it.', model.limits.line)),
      h('ul', { class: 'cards' }, model.waiting.map(waitingCard)),
    );
  }

  function waitingCard(card) {
    const id = `name-${safeId(card.key)}`;
    const kind = state.kinds[card.key] || card.kind;
    const value = state.inputs[id] !== undefined ? state.inputs[id] : card.value;
    const submit = () => {
      const input = /** @type {HTMLInputElement} */ (byId(id));
      vscode.postMessage({ type: 'name', key: card.key, text: input.value, kind: state.kinds[card.key] || card.kind });
    };
    const kindLabel = (which) => (which === 'impact' ? l10n.t('Shipped impact') : l10n.t('Routine activity'));
    return h(
      'li',
      { class: 'card' },
      h('label', { for: id, class: 'card-title' }, card.title),
      h('p', { class: 'muted where', id: `${id}-where` }, card.where, card.commits.length > 1 ? ` · ${card.commits.map((commit) => commit.subject).join(' · ')}` : ''),
      h(
        'div',
        { class: 'row' },
        lineInput(id, value, submit, (text) => vscode.postMessage({ type: 'workDraft', key: card.key, text })),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary kind-toggle',
            id: `${id}-kind`,
            'aria-label': kind === 'impact' ? l10n.t('Counts as shipped impact. Press to count it as routine activity.') : l10n.t('Counts as routine activity. Press to count it as shipped impact.'),
            onclick: () => {
              state.kinds[card.key] = kind === 'impact' ? 'routine' : 'impact';
              keep();
              renderNaming();
              announce(state.kinds[card.key] === 'impact' ? l10n.t('Counts as shipped impact.') : l10n.t('Counts as routine activity.'));
            },
          },
          l10n.t('Kind: {0}', kindLabel(kind)),
        ),
        h('button', { type: 'button', class: 'primary', id: `${id}-save`, onclick: submit }, l10n.t('Save name')),
      ),
      h('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite', text: problems[id] || '' }),
      h(
        'div',
        { class: 'row quiet' },
        h('button', { type: 'button', class: 'link', id: `${id}-routine`, onclick: () => vscode.postMessage({ type: 'settle', key: card.key, status: 'routine' }) }, l10n.t('Routine, no name')),
        h('button', { type: 'button', class: 'link', id: `${id}-skip`, onclick: () => vscode.postMessage({ type: 'settle', key: card.key, status: 'skipped' }) }, l10n.t('Skip')),
      ),
    );
  }

  /**
   * A one-line input of a card: what is typed is kept (and checked under the outcome line rules) as
   * it is typed, Enter submits; `changed` hears each change too.
   */
  function lineInput(id, value, submit, changed = () => undefined) {
    return h('input', {
      id,
      type: 'text',
      value,
      spellcheck: 'true',
      'aria-describedby': `${id}-where ${id}-problem`,
      oninput: (event) => {
        state.inputs[id] = event.target.value;
        keep();
        check(id, 'line', event.target.value);
        changed(event.target.value);
      },
      onkeydown: (event) => {
        if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
          event.preventDefault();
          submit();
        }
      },
    });
  }

  function renderSharpen() {
    const body = byId('sharpen-body');
    if (model.sharpen.lines.length === 0) {
      body.replaceChildren(h('p', { class: 'muted' }, l10n.t('Every shipped line of this week says something of its own.')));
      return;
    }
    body.replaceChildren(
      h('p', { class: 'muted' }, l10n.t('These shipped lines still just repeat what git said: a commit subject or a branch name. Enter saves a line.')),
      h(
        'ul',
        { class: 'cards' },
        model.sharpen.lines.map((line) => {
          const id = `sharpen-${safeId(line.id)}`;
          const value = state.inputs[id] !== undefined ? state.inputs[id] : line.text;
          const submit = () => vscode.postMessage({ type: 'sharpen', id: line.id, text: /** @type {HTMLInputElement} */ (byId(id)).value });
          return h(
            'li',
            { class: 'card' },
            h('label', { for: id, class: 'card-title' }, l10n.t('\u201C{0}\u201D reads like activity: what changed, and for whom?', line.text)),
            h('p', { class: 'muted where', id: `${id}-where` }, l10n.t('Repeats {0}', line.echoes), line.where ? ` · ${line.where}` : ''),
            h(
              'div',
              { class: 'row' },
              lineInput(id, value, submit),
              h('button', { type: 'button', class: 'primary', id: `${id}-save`, onclick: submit }, l10n.t('Save line')),
            ),
            h('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite', text: problems[id] || '' }),
          );
        }),
      ),
    );
  }

  function buildQuestions() {
    byId('questions-body').replaceChildren(
      h('p', { class: 'muted' }, l10n.t('Each is optional; a few lines each.')),
      ...QUESTIONS.map((question) => {
        const id = `answer-${question}`;
        return h(
          'div',
          { class: 'question' },
          h('label', { for: id, id: `${id}-label` }),
          h('textarea', {
            id,
            rows: '3',
            spellcheck: 'true',
            'aria-describedby': `${id}-counter ${id}-problem`,
            oninput: (event) => {
              form().answers[question] = event.target.value;
              formChanged();
              check(id, 'answer', event.target.value);
              updateCounter(question);
            },
          }),
          h('p', { class: 'muted counter', id: `${id}-counter` }),
          h('p', { class: 'problem', id: `${id}-problem`, 'aria-live': 'polite' }),
        );
      }),
    );
  }

  function updateQuestions() {
    for (const { id: question, text } of model.questions) {
      const id = `answer-${question}`;
      byId(`${id}-label`).textContent = text;
      const area = /** @type {HTMLTextAreaElement} */ (byId(id));
      const value = form().answers[question] || '';
      if (area.value !== value) area.value = value;
      updateCounter(question);
    }
  }

  function updateCounter(question) {
    const id = `answer-${question}`;
    const text = form().answers[question] || '';
    const lines = text.trim() === '' ? 0 : text.replace(/\s+$/, '').split(/\r\n|\r|\n/).length;
    byId(`${id}-counter`).textContent = l10n.t('{0} of {1} lines · {2} of {3} characters', lines, model.limits.answerLines, Array.from(text.trim()).length, model.limits.answerLength);
  }

  function renderHighlights() {
    const picked = form().highlights.filter((id) => model.candidates.some((candidate) => candidate.id === id));
    if (picked.length !== form().highlights.length) {
      form().highlights = picked;
      keep();
    }
    const body = byId('highlights-body');
    if (model.candidates.length === 0) {
      body.replaceChildren(h('p', { class: 'muted' }, l10n.t('No outcomes this week to pick from yet.')));
      return;
    }
    const max = model.limits.highlights;
    body.replaceChildren(
      h(
        'p',
        { class: 'muted', id: 'highlights-hint' },
        `${l10n.t('Up to {0} outcomes to talk about; Export for 1:1 leads with them.', max)} `,
        h('strong', { id: 'highlights-count', text: l10n.t('{0} of {1} picked.', picked.length, max) }),
      ),
      h(
        'ul',
        { class: 'outcomes pickable' },
        model.candidates.map((outcome) => {
          const position = picked.indexOf(outcome.id);
          const pressed = position >= 0;
          const full = !pressed && picked.length >= max;
          const button = h(
            'button',
            {
              type: 'button',
              id: `highlight-${safeId(outcome.id)}`,
              class: `star${pressed ? ' on' : ''}`,
              'aria-pressed': pressed ? 'true' : 'false',
              'aria-label': l10n.t('Highlight: {0}', outcome.text),
              'aria-describedby': full ? 'highlights-count' : null,
              title: full ? l10n.t('{0} is the most: unpick one first', max) : pressed ? l10n.t('Picked: press to unpick') : l10n.t('Pick as a highlight'),
              onclick: () => toggleHighlight(outcome.id),
            },
            h('span', { 'aria-hidden': 'true' }, pressed ? '\u2605' : '\u2606'),
            pressed ? h('span', { class: 'position', 'aria-hidden': 'true' }, String(position + 1)) : null,
          );
          return outcomeRow(outcome, { lead: button, showKind: true, showGoal: true });
        }),
      ),
    );
  }

  function toggleHighlight(id) {
    const picked = form().highlights;
    const index = picked.indexOf(id);
    if (index >= 0) {
      picked.splice(index, 1);
      announce(l10n.t('Unpicked. {0} of {1} picked.', picked.length, model.limits.highlights));
    } else if (picked.length >= model.limits.highlights) {
      announce(`${model.limits.highlights} is the most: unpick one first.`);
      return;
    } else {
      picked.push(id);
      announce(l10n.t('Picked as highlight {0} of {1}.', picked.length, model.limits.highlights));
    }
    formChanged();
    renderHighlights();
    const button = byId(`highlight-${safeId(id)}`);
    if (button) button.focus();
  }

  // ------------------------------------------------------------------------------------------
  // Messages from the extension

  window.addEventListener('message', (event) => {
    const message = event.data;
    switch (message && message.type) {
      case 'model': {
        model = message.model;
        if (state.week !== model.week.start) state = { week: model.week.start, form: undefined, inputs: {}, kinds: {} };
        if (!state.form) state.form = { answers: Object.assign({}, model.form.answers), highlights: model.form.highlights.slice() };
        // Rows that went (named, settled, sharpened) take what was typed in them along.
        const live = new Set([...model.waiting.map((card) => `name-${safeId(card.key)}`), ...model.sharpen.lines.map((line) => `sharpen-${safeId(line.id)}`)]);
        for (const id of Object.keys(state.inputs)) if (!live.has(id)) delete state.inputs[id];
        keep();
        render();
        if (!byId('save-status').textContent) setStatus(model.form.from === 'draft' ? l10n.t('Your unsaved answers from before are back. Save to keep them in the review.') : '');
        return;
      }
      case 'problem':
        showProblem(message.id, message.problem);
        return;
      case 'result':
        onResult(message);
        return;
    }
  });

  function onResult(message) {
    if (message.action === 'save') {
      if (message.ok) {
        setStatus(l10n.t('Saved. The week shows as reviewed in the Weekly Log.'));
        announce(l10n.t('Review saved.'));
      } else {
        setStatus(message.problem, true);
        const first = QUESTIONS.map((question) => `answer-${question}`).find((id) => problems[id]);
        if (first) byId(first).focus();
      }
      return;
    }
    const id = message.action === 'sharpen' ? `sharpen-${safeId(message.target)}` : `name-${safeId(message.target)}`;
    if (message.ok) {
      delete state.inputs[id];
      keep();
      showProblem(id, null);
      announce(message.action === 'name' ? l10n.t('Named.') : message.action === 'settle' ? l10n.t('Settled: it no longer waits.') : l10n.t('Line saved.'));
    } else {
      showProblem(id, message.problem);
      const input = byId(id);
      if (input) input.focus();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Keyboard, and keeping what was typed when the panel goes away

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      saveReview();
    }
  });
  window.addEventListener('blur', flushForm);
  window.addEventListener('pagehide', flushForm);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushForm());

  vscode.postMessage({ type: 'ready' });
})();
