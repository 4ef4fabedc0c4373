import * as vscode from 'vscode';
import { REACHES, type OutcomeKind, type Reach } from '../core/domain';
import type { Logger } from '../core/logger';
import { nextReach, reachLabel } from '../core/reach';
import { MAX_OUTCOME_LENGTH, outcomeTextProblem } from '../core/rules';
import { ContextKeys } from '../ids';
import { activityHint, type ActivityContext } from '../naming/activity';
import { nextGoal, suggestedGoal, type GoalChoices, type ReachChoices, type SaveState } from '../naming/naming';
import type { DayChoice } from '../naming/outcomeDay';
import { describeError } from './notices';
import type { Suggestion } from './suggester';

/** What the user chose in the notification about new commits. */
export type PromptAction = 'name' | 'routine' | 'skip' | 'later';

/** The notification's buttons, in the user's language. */
export function actionLabels(): Record<PromptAction, string> {
  return {
    name: vscode.l10n.t('Name outcome'),
    routine: vscode.l10n.t('Routine'),
    skip: vscode.l10n.t('Skip'),
    later: vscode.l10n.t('Not now'),
  };
}

/** One request for an outcome line, answered in a one-line input. */
export interface OutcomeRequest {
  title: string;
  value: string;
  kind: OutcomeKind;
  /** What Escape does with the line, said under the input ("Escape keeps … with what you typed."). */
  escapeKeeps: string;
  /**
   * The goals to link the line to, the suggested one (`suggestedGoal`) shown in the title (one
   * button changes it); absent when the user has no active goal, and then nothing about goals is shown.
   */
  goals?: GoalChoices;
  /**
   * Who the line reached, suggested from its words and its goal's, shown in the title for shipped
   * impact (one button, or Ctrl+R, changes it); absent where the input sets no reach (a rename).
   */
  reach?: ReachChoices;
  /** The work the line names (its commits' subjects, its branch): a line that only repeats them is hinted at as activity. */
  work?: ActivityContext;
  /**
   * A line suggested for the work (the "Suggest" button, which shows only when this is given),
   * for the goal the input shows: it prefills the input, with the sentence to show under it.
   */
  suggest?(goal: string | null, token: vscode.CancellationToken): Promise<Suggestion>;
  /**
   * Saves the line, linked to `goalId` (null: to no goal; left out: to the goal suggested for the
   * line and its kind), with `reach` (null: not said; left out: the one suggested for the line, its
   * kind and goal); resolves to what happened ('saved', or 'kept' to be written as soon as the
   * database is free), or the sentence explaining why it could not be saved (the line stays).
   */
  save(text: string, kind: OutcomeKind, goalId?: string | null, reach?: Reach | null): Promise<SaveState | { problem: string }>;
  /** Keeps what was typed, while typing and when the input closes without saving. */
  keepDraft(text: string): void;
}

/** One request for the day something happened: a pick among `choices` (the first is the default), or a day typed as YYYY-MM-DD. */
export interface DayRequest {
  title: string;
  choices: readonly DayChoice[];
  /** Why a typed day cannot be used (shown while it is there, the picker staying open), or undefined. */
  problem(typed: string): string | undefined;
  /** How a typed day reads: "Nov 12, 2026". */
  describe(day: string): string;
}

/** Where prompts appear. VS Code's notifications and input box here; a script in tests. */
export interface PromptSurface {
  askAction(message: string): Thenable<PromptAction | undefined>;
  /** What became of the line: saved, kept until the database is free, or left waiting (closed, with what was typed as a draft). */
  askOutcome(request: OutcomeRequest): Promise<SaveState | 'waiting'>;
  /** The day picked (YYYY-MM-DD), or undefined when closed. */
  askDay(request: DayRequest): Promise<string | undefined>;
  /** Says one sentence about a prompt's answer (work that is gone, say), asking nothing. */
  tell(message: string): void;
}

function kindLabel(kind: OutcomeKind): string {
  return kind === 'impact' ? vscode.l10n.t('Shipped impact') : vscode.l10n.t('Routine activity');
}

/** "Goal: Faster checkout", or "No goal"; `space` joins the words (a title wraps at no other). */
function goalLabel(goals: GoalChoices, goalId: string | null, space = ' '): string {
  const goal = goals.options.find((option) => option.id === goalId);
  if (!goal) return vscode.l10n.t('No goal').replace(/ /g, space);
  // The label's own spaces, not those of the goal's name: the name goes in after.
  return vscode.l10n.t('Goal: {0}').replace(/ /g, space).replace('{0}', () => goal.title);
}

/** "Reach: Other teams", or "No reach said"; `space` joins the words (a title wraps at no other). */
function reachTitle(reach: Reach | undefined, space = ' '): string {
  if (!reach) return vscode.l10n.t('No reach said').replace(/ /g, space);
  return vscode.l10n.t('Reach: {0}').replace(/ /g, space).replace('{0}', () => reachLabel(reach));
}

/** Changes the goal of the outcome input on screen, if it offers one (the key bound to Commands.nextGoal). */
let changeGoalOnScreen: (() => void) | undefined;

export function changeGoalInOpenInput(): void {
  changeGoalOnScreen?.();
}

/** Changes who the line on screen reached, if the input offers it (the key bound to Commands.nextReach). */
let changeReachOnScreen: (() => void) | undefined;

export function changeReachInOpenInput(): void {
  changeReachOnScreen?.();
}

/**
 * The `save` of a request with goals and reach: those passed, or, when left out, what the input
 * would show for that line and kind (the goal first, then the reach, which may come from the goal).
 */
export function savingWithChoices(
  request: Pick<OutcomeRequest, 'goals' | 'reach'>,
  save: (choice: { goalId: string | null; reach: Reach | null }) => (text: string, kind: OutcomeKind) => Promise<SaveState | { problem: string }>,
): OutcomeRequest['save'] {
  const { goals } = request;
  return (text, kind, goalId, reach) => {
    const goal = goalId === undefined ? (goals ? suggestedGoal(goals, kind, text) : null) : goalId;
    const who = kind === 'routine' ? null : reach === undefined ? (request.reach?.suggestFor(text, kind, goal) ?? null) : reach;
    return save({ goalId: goal, reach: who })(text, kind);
  };
}

/** VS Code's own UI: a non-modal notification, then a one-line input with a kind toggle. */
export const vscodePromptSurface: PromptSurface = {
  askAction(message) {
    const labels = Object.entries(actionLabels()) as [PromptAction, string][];
    return vscode.window
      .showInformationMessage(message, ...labels.map(([, label]) => label))
      .then((label) => labels.find(([, candidate]) => candidate === label)?.[0]);
  },

  tell(message) {
    void vscode.window.showInformationMessage(message);
  },

  askOutcome(request) {
    return new Promise((resolve) => {
      const input = vscode.window.createInputBox();
      let kind = request.kind;
      let saved: SaveState | undefined;
      const { goals } = request;
      let goalId = goals ? suggestedGoal(goals, kind, request.value) : null;
      // Once the person changes the goal, what they chose stays, whatever they type or toggle.
      let goalChosen = false;
      /** Follows what the line and its kind suggest; true when the goal shown changes. */
      const followSuggestion = () => {
        if (!goals || goalChosen) return false;
        const suggested = suggestedGoal(goals, kind, input.value);
        const changed = suggested !== goalId;
        goalId = suggested;
        return changed;
      };
      // Who it reached: suggested from the line and its goal until the person changes it.
      const reachOffered = request.reach;
      let reach = reachOffered?.suggestFor(request.value, kind, goalId);
      let reachChosen = false;
      const followReach = () => {
        if (!reachOffered || reachChosen) return false;
        const suggested = reachOffered.suggestFor(input.value, kind, goalId);
        const changed = suggested !== reach;
        reach = suggested;
        return changed;
      };
      let kindButton: vscode.QuickInputButton | undefined;
      let reachButton: vscode.QuickInputButton | undefined;
      const suggestButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('sparkle'), tooltip: vscode.l10n.t('Suggest a line from this work') };
      const render = () => {
        // Where the title wraps, "Goal:" stays with the goal's name, "Reach:" with the reach.
        // Routine activity carries no reach: neither the title nor the buttons offer one then.
        const showsReach = reachOffered !== undefined && kind === 'impact';
        input.title = `${request.title} · ${kindLabel(kind)}${goals ? ` · ${goalLabel(goals, goalId, '\u00a0')}` : ''}${showsReach ? ` · ${reachTitle(reach, '\u00a0')}` : ''}`;
        kindButton = {
          iconPath: new vscode.ThemeIcon(kind === 'impact' ? 'rocket' : 'tools'),
          tooltip: kind === 'impact' ? vscode.l10n.t('Shipped impact: click to count it as routine activity') : vscode.l10n.t('Routine activity: click to count it as shipped impact'),
        };
        reachButton = showsReach ? reachButtonFor(reach) : undefined;
        input.buttons = [...(request.suggest ? [suggestButton] : []), kindButton, ...(goals ? [goalButton(goals, goalId)] : []), ...(reachButton ? [reachButton] : [])];
        void vscode.commands.executeCommand('setContext', ContextKeys.reachInput, showsReach);
      };
      const changeReach = () => {
        if (!reachOffered || kind !== 'impact' || input.busy) return;
        reach = nextReach(reach, REACHES);
        reachChosen = true;
        render();
      };
      if (reachOffered) changeReachOnScreen = changeReach;
      const changeGoal = () => {
        if (!goals || input.busy) return;
        goalId = nextGoal(goals, goalId);
        goalChosen = true;
        // A reach that came from the goal's words follows the goal.
        followReach();
        render();
      };
      if (goals) {
        changeGoalOnScreen = changeGoal;
        void vscode.commands.executeCommand('setContext', ContextKeys.goalInput, true);
      }
      input.value = request.value;
      input.placeholder = vscode.l10n.t('What moved forward, and why it matters');
      input.prompt = vscode.l10n.t('One line, at most {0} characters. {1}', MAX_OUTCOME_LENGTH, request.escapeKeeps);
      input.ignoreFocusOut = true;
      /** What a suggestion said about the line it prefilled, shown until the line changes. */
      let suggested: { line: string; note: string } | undefined;
      /** What stops the line from being saved, else what Suggest said and the activity hint, which only inform: Enter still saves. */
      const check = () => {
        const value = input.value;
        const problem = value.trim() === '' ? undefined : outcomeTextProblem(value);
        if (problem) {
          input.validationMessage = problem;
          return;
        }
        const said = [suggested?.line === value ? suggested.note : undefined, activityHint(value, kind, request.work)].filter(Boolean).join(' ');
        input.validationMessage = said ? { message: said, severity: vscode.InputBoxValidationSeverity.Info } : undefined;
      };
      const suggesting = new vscode.CancellationTokenSource();
      const suggest = async () => {
        if (!request.suggest || input.busy) return;
        input.busy = true;
        const goal = goals?.options.find((option) => option.id === goalId)?.title ?? null;
        let suggestion: Suggestion;
        try {
          suggestion = await request.suggest(goal, suggesting.token);
        } finally {
          input.busy = false;
        }
        if (suggesting.token.isCancellationRequested) return;
        suggested = suggestion.note ? { line: suggestion.line, note: suggestion.note } : undefined;
        input.value = suggestion.line;
        // A value set here fires no change event: the goal and the reach follow the new line as they do a typed one.
        const goalFollowed = followSuggestion();
        if (followReach() || goalFollowed) render();
        check();
      };
      render();
      check();
      // Kept as it is typed, not only on close: a window that reloads mid-sentence loses nothing.
      let draftTimer: NodeJS.Timeout | undefined;
      input.onDidChangeValue((value) => {
        check();
        const goalFollowed = followSuggestion();
        if (followReach() || goalFollowed) render();
        clearTimeout(draftTimer);
        draftTimer = setTimeout(() => request.keepDraft(value), 500);
      });
      input.onDidTriggerButton((button) => {
        if (button === suggestButton) return void suggest();
        if (button === reachButton) return changeReach();
        if (button !== kindButton) return changeGoal();
        kind = kind === 'impact' ? 'routine' : 'impact';
        followSuggestion();
        followReach();
        render();
        check();
      });
      input.onDidAccept(async () => {
        if (input.busy) return;
        const problem = outcomeTextProblem(input.value);
        if (problem) {
          input.validationMessage = problem;
          return;
        }
        input.busy = true;
        input.enabled = false;
        const result = await request.save(input.value, kind, goals ? goalId : undefined, reachOffered ? (kind === 'impact' ? (reach ?? null) : null) : undefined);
        input.busy = false;
        input.enabled = true;
        if (typeof result === 'object') {
          input.validationMessage = result.problem;
          return;
        }
        saved = result;
        input.hide();
      });
      input.onDidHide(() => {
        clearTimeout(draftTimer);
        suggesting.cancel();
        suggesting.dispose();
        if (goals && changeGoalOnScreen === changeGoal) {
          changeGoalOnScreen = undefined;
          void vscode.commands.executeCommand('setContext', ContextKeys.goalInput, false);
        }
        if (reachOffered && changeReachOnScreen === changeReach) {
          changeReachOnScreen = undefined;
          void vscode.commands.executeCommand('setContext', ContextKeys.reachInput, false);
        }
        if (!saved) request.keepDraft(input.value);
        input.dispose();
        resolve(saved ?? 'waiting');
      });
      input.show();
    });
  },

  askDay,
};

type DayItem = vscode.QuickPickItem & { day?: string };

/**
 * The day picker: the choices, and a day typed in its box as YYYY-MM-DD, shown as a row of its own
 * once it is a day (Enter takes it) or as the reason it is not (Enter leaves the picker open,
 * with what was typed still there).
 */
function askDay(request: DayRequest): Promise<string | undefined> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<DayItem>();
    const choices: DayItem[] = request.choices.map((choice) => ({ label: choice.label, description: choice.description, day: choice.day }));
    picker.title = request.title;
    picker.placeholder = vscode.l10n.t('Pick a day, or type one as YYYY-MM-DD');
    picker.ignoreFocusOut = true;
    picker.items = choices;
    let picked: string | undefined;
    picker.onDidChangeValue((value) => {
      const typed = value.trim();
      if (!/^\d/.test(typed)) {
        picker.items = choices;
        return;
      }
      const problem = request.problem(typed);
      const row: DayItem = problem
        ? { label: `$(warning) ${problem}`, alwaysShow: true }
        : { label: `$(calendar) ${request.describe(typed)}`, description: typed, alwaysShow: true, day: typed };
      picker.items = [row, ...choices];
    });
    picker.onDidAccept(() => {
      const day = picker.selectedItems[0]?.day;
      if (day === undefined) return;
      picked = day;
      picker.hide();
    });
    picker.onDidHide(() => {
      picker.dispose();
      resolve(picked);
    });
    picker.show();
  });
}

/** The one button that changes the goal: its icon says whether there is one, its tooltip what a click does. */
function goalButton(goals: GoalChoices, goalId: string | null): vscode.QuickInputButton {
  const next = nextGoal(goals, goalId);
  return {
    iconPath: new vscode.ThemeIcon(goalId ? 'target' : 'circle-slash'),
    tooltip: next
      ? vscode.l10n.t('{0}: click or press {1} to link it to {2}', goalLabel(goals, goalId), GOAL_KEY, goals.options.find((option) => option.id === next)!.title)
      : vscode.l10n.t('{0}: click or press {1} to tie it to no goal', goalLabel(goals, goalId), GOAL_KEY),
  };
}

/** The key bound to Commands.nextGoal while the input offers goals, on every platform (package.json binds it). */
const GOAL_KEY = 'Ctrl+G';

/** The button that changes who the line reached: its tooltip says what it is and what a click (or the key) makes it. */
function reachButtonFor(reach: Reach | undefined): vscode.QuickInputButton {
  const next = nextReach(reach, REACHES);
  return {
    iconPath: new vscode.ThemeIcon(reach ? 'organization' : 'person'),
    tooltip: next
      ? vscode.l10n.t('{0}: click or press {1} for {2}', reachTitle(reach), REACH_KEY, reachLabel(next))
      : vscode.l10n.t('{0}: click or press {1} to say no reach', reachTitle(reach), REACH_KEY),
  };
}

/** The key bound to Commands.nextReach while the input offers a reach, on every platform (package.json binds it). */
const REACH_KEY = 'Ctrl+R';

/**
 * The `save` of an outcome request: runs the write and says what happened, or turns a failure
 * into the sentence shown under the input (the line stays there, so nothing typed is lost). A
 * write kept because the database is locked is 'kept': on disk, and written when the lock clears.
 */
export function savingWith(logger: Logger, write: (text: string, kind: OutcomeKind) => SaveState): OutcomeRequest['save'] {
  return async (text, kind) => {
    try {
      const state = write(text, kind);
      if (state === 'kept') logger.info(`Kept "${text}" until the database is free`);
      return state;
    } catch (error) {
      logger.error(error instanceof Error ? error : new Error(String(error)));
      return { problem: vscode.l10n.t('{0} Press Enter to try again.', describeError(error)) };
    }
  };
}

/** What the status bar says once a line is saved: `saved`, or that it is kept until the database is free. */
export function savedMessage(state: SaveState, saved: string): string {
  return state === 'kept' ? vscode.l10n.t('Progress Log: kept, and written as soon as the database is free') : saved;
}
