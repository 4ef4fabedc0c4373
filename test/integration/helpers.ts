/** What the extension-host tests share: the extension's test API, the workspace repo, the database. */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProgressLogTestApi } from '../../src/extension';
import { EXTENSION_ID } from '../../src/ids';
import type { GoalFieldAnswer, GoalFieldRequest, GoalPickRequest, GoalSurface } from '../../src/vscode/goalSurface';
import type { SaveState } from '../../src/naming/naming';
import type { DayRequest, OutcomeRequest, PromptAction, PromptSurface } from '../../src/vscode/promptSurface';

export async function progressLog(): Promise<ProgressLogTestApi> {
  const extension = vscode.extensions.getExtension<ProgressLogTestApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  if (!api) throw new Error('Progress Log activated without its test API (is the host in test mode?)');
  // Capture, the panels and the commands are built on turns of their own after activation.
  await api.built;
  return api;
}

/** The workspace folder: a git repository the runner created. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The extension-host tests need a workspace folder that is a git repository');
  return fs.realpathSync(folder.uri.fsPath);
}

/**
 * Waits until the git extension opened the workspace repository and Progress Log took its first
 * look (which records where the repository is; history is never asked about).
 */
export async function workspaceRepositoryWatched(api: ProgressLogTestApi, root: string): Promise<void> {
  await eventually('the git extension to open the workspace repository', () => (api.repositories().includes(root) ? true : undefined));
  await eventually('the first scan of the workspace', () =>
    query<{ n: number }>(api.databaseFile, 'SELECT count(*) AS n FROM clones WHERE path = ? AND scanned_at IS NOT NULL', root)[0].n > 0 ? true : undefined,
  );
}

/** Runs git in the workspace like a person in a terminal would. */
export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

let counter = 0;
/** Commits a change from the command line, outside VS Code's own git UI. */
export function commitFromTerminal(root: string, subject: string): string {
  fs.appendFileSync(path.join(root, 'notes.md'), `${subject} ${++counter}\n`);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', subject);
  return git(root, 'rev-parse', 'HEAD');
}

/** Reads the shared database the way another window would: its own read-only connection. */
export function query<T>(databaseFile: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Polls until `probe` returns a value (not undefined), or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Presses Enter in the save dialog that `saving` opened (VS Code's simple file dialog in the
 * browser), accepting the file it proposes, and waits for the command to finish.
 */
export async function acceptSaveDialog(saving: Thenable<unknown>): Promise<void> {
  let done = false;
  void Promise.resolve(saving).finally(() => (done = true));
  await eventually('the save dialog to take Enter', async () => {
    if (done) return true;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((resolve) => setTimeout(resolve, 300));
    return done ? true : undefined;
  });
  await saving;
}

/**
 * What the scripted person does in the one-line input: save a line (maybe flipping the kind, maybe
 * changing the goal to the one titled `goal`, or to none with null), or close it with a draft.
 */
export interface Answer {
  line?: string;
  flipKind?: boolean;
  draft?: string;
  goal?: string | null;
}

/**
 * Stands in for the person in front of the notification and the input box (which the extension
 * host cannot click): it answers through the very code path the real buttons take.
 */
export class ScriptedPerson implements PromptSurface {
  readonly notifications: string[] = [];
  readonly requests: OutcomeRequest[] = [];
  readonly dayRequests: DayRequest[] = [];
  /** What the day picker said of a typed day it did not take. */
  readonly dayRefusals: string[] = [];
  /** What the extension said without asking anything. */
  readonly told: string[] = [];

  constructor(
    private readonly choose: (message: string) => PromptAction | undefined,
    private readonly answers: Answer[] = [],
    /** In the day picker, in turn: a choice's label ("Yesterday") or a typed day; with none left, Enter on the default. */
    private readonly days: string[] = [],
  ) {}

  async askDay(request: DayRequest): Promise<string | undefined> {
    this.dayRequests.push(request);
    for (let answer = this.days.shift(); answer !== undefined; answer = this.days.shift()) {
      const choice = request.choices.find((candidate) => candidate.label === answer);
      if (choice) return choice.day;
      const problem = request.problem(answer);
      if (!problem) return answer;
      // The picker stays open with the typed day and its reason; the person types again.
      this.dayRefusals.push(problem);
    }
    return request.choices[0].day;
  }

  async askAction(message: string): Promise<PromptAction | undefined> {
    this.notifications.push(message);
    return this.choose(message);
  }

  tell(message: string): void {
    this.told.push(message);
  }

  async askOutcome(request: OutcomeRequest): Promise<SaveState | 'waiting'> {
    this.requests.push(request);
    const answer = this.answers.shift();
    if (answer?.line === undefined) {
      request.keepDraft(answer?.draft ?? request.value);
      return 'waiting';
    }
    const kind = answer.flipKind ? (request.kind === 'impact' ? 'routine' : 'impact') : request.kind;
    const result = await request.save(answer.line, kind, this.goalFor(request, answer));
    if (typeof result === 'object') throw new Error(result.problem);
    return result;
  }

  /**
   * The goal the person changed the input to; left out, the one the input suggests for the line
   * typed and its kind (the request's own save reads it as the input does).
   */
  private goalFor(request: OutcomeRequest, answer: Answer): string | null | undefined {
    if (answer.goal === null) return null;
    if (answer.goal === undefined) return undefined;
    const option = request.goals?.options.find((candidate) => candidate.title === answer.goal);
    if (!option) throw new Error(`The input offers no goal "${answer.goal}"`);
    return option.id;
  }
}

/** A person who sees each notification and answers only when told to (a toast left alone, then clicked). */
export class HesitantPerson extends ScriptedPerson {
  private readonly held: ((action: PromptAction | undefined) => void)[] = [];

  constructor(lines: Answer[] = []) {
    super(() => undefined, lines);
  }

  override askAction(message: string): Promise<PromptAction | undefined> {
    this.notifications.push(message);
    return new Promise((resolve) => this.held.push(resolve));
  }

  answer(index: number, action: PromptAction | undefined): void {
    this.held[index](action);
  }

  /** Closes every notification still unanswered, as the notification centre's "Clear All" does. */
  dismissAll(): void {
    for (const resolve of this.held) resolve(undefined);
  }
}

/** What the scripted person does in a field of the goal form: type and press Enter, go back, or press Escape with `typed` in it. */
export type FieldAnswer = { enter: string } | { escape: string } | 'back';

/**
 * Stands in for the person in front of the goal form and the goal pickers: Enter on a value the
 * field refuses keeps the field open (the refusal is recorded) and the next answer is typed there.
 */
export class ScriptedGoalPerson implements GoalSurface {
  readonly fields: GoalFieldRequest[] = [];
  readonly refusals: string[] = [];
  readonly picks: GoalPickRequest[] = [];
  readonly told: string[] = [];

  constructor(
    private readonly answers: FieldAnswer[] = [],
    /** The label of the row to pick (without its icon), null for "no goal", undefined to close the picker. */
    private readonly pick: (request: GoalPickRequest) => string | null | undefined = () => undefined,
  ) {}

  async askField(request: GoalFieldRequest): Promise<GoalFieldAnswer> {
    this.fields.push(request);
    for (;;) {
      const answer = this.answers.shift();
      if (answer === undefined || answer === 'back') return answer;
      if ('escape' in answer) {
        request.keepDraft(answer.escape);
        return undefined;
      }
      const problem = request.problem(answer.enter);
      if (!problem) {
        request.keepDraft(answer.enter);
        return { value: answer.enter };
      }
      this.refusals.push(problem);
    }
  }

  async pickGoal(request: GoalPickRequest): Promise<string | null | undefined> {
    this.picks.push(request);
    const label = this.pick(request);
    if (label === undefined) return undefined;
    if (label === null) return null;
    const option = request.options.find((candidate) => candidate.label.replace(/^\$\([\w-]+\) /, '') === label);
    if (!option) throw new Error(`The picker offers no "${label}": ${request.options.map((candidate) => candidate.label).join(', ')}`);
    return option.goalId;
  }

  tell(message: string): void {
    this.told.push(message);
  }
}
