/**
 * What every part of the review page shares: the webview (messages to the extension, the state it
 * keeps), the model last received, and the lines that speak to the person: the save status, the
 * announcements for assistive technology, and the problem under an input. What is typed is kept
 * in the webview state at once, so a hidden or reloaded panel keeps it.
 */
import type { OutcomeKind } from '../../core/domain';
import type { FromPage, ReviewForm, ReviewModel } from '../../review/messages';
import { pageApi } from '../shared/vscodeApi';

/** What the webview keeps; after a reload VS Code hands it to the panel too, which reopens `week`. */
export interface PageState {
  /** The start of the week everything else belongs to. */
  week?: number;
  form?: ReviewForm;
  /** What is typed in each card's one-line input, by the input's id. */
  inputs: Record<string, string>;
  /** The kind chosen for a piece of work waiting for a name, by its key. */
  kinds: Record<string, OutcomeKind>;
  /** The goal chosen for a piece of work waiting for a name, by its key ('' for none). */
  goals: Record<string, string>;
}

const vscode = pageApi<FromPage, PageState>();
export const state: PageState = { inputs: {}, kinds: {}, goals: {}, ...vscode.getState() };
/** Why an input cannot be saved as typed, by the input's id, as the extension last said. */
export const problems: Record<string, string> = {};
const checkTimers: Record<string, ReturnType<typeof setTimeout>> = {};
let latest: ReviewModel | undefined;

export function keep(): void {
  vscode.setState(state);
}

export function post(message: FromPage): void {
  vscode.postMessage(message);
}

/** Forgets what was typed for another week. */
export function startWeek(week: number): void {
  state.week = week;
  state.form = undefined;
  state.inputs = {};
  state.kinds = {};
  state.goals = {};
}

export function setModel(model: ReviewModel): void {
  latest = model;
}

/** The model last received: everything that reads it runs once the page was built from one. */
export function model(): ReviewModel {
  if (!latest) throw new Error('The review page has no week yet.');
  return latest;
}

/** An id made of the characters an element id and a CSS selector take as they are. */
export function safeId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** The element `id`, when the page has it. */
export function byId(id: string): HTMLElement | null {
  return document.getElementById(id);
}

/** The element `id`, which the page always has once built. */
export function part<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The review page has no #${id}.`);
  return element as T;
}

/** Moves to a section (a link in the steps or the glance), its heading taking the focus. */
export function jumpTo(event: Event, id: string): void {
  event.preventDefault();
  const heading = part(`${id}-heading`);
  heading.scrollIntoView({ block: 'start' });
  heading.focus();
}

/** Says `text` to a screen reader once. */
export function announce(text: string): void {
  const region = byId('announce');
  if (!region) return;
  region.textContent = '';
  setTimeout(() => (region.textContent = text), 30);
}

/** The line beside "Save review": where the review stands, or why it was not saved. */
export function setStatus(text: string, isProblem = false): void {
  const status = byId('save-status');
  if (!status) return;
  status.textContent = text;
  status.classList.toggle('problem', isProblem);
}

/** Shows (or clears) the sentence under an input, and marks the input for assistive technology. */
export function showProblem(id: string, problem: string | null | undefined): void {
  if (problem) problems[id] = problem;
  else delete problems[id];
  const input = byId(id);
  const line = byId(`${id}-problem`);
  if (input) input.setAttribute('aria-invalid', problem ? 'true' : 'false');
  if (line) line.textContent = problem || '';
}

/** Asks the extension whether a line or an answer can be saved, a moment after typing stops. */
export function check(id: string, field: 'line' | 'answer', text: string): void {
  clearTimeout(checkTimers[id]);
  checkTimers[id] = setTimeout(() => post({ type: 'check', id, field, text }), 200);
}
