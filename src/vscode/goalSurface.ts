import * as vscode from 'vscode';

/** One field of the goal form (title, why it matters, target day), asked in a one-line input. */
export interface GoalFieldRequest {
  /** "Add a goal", "Edit goal" */
  title: string;
  step: number;
  totalSteps: number;
  value: string;
  placeholder: string;
  /** Said under the input: what to write, and what Escape does. */
  prompt: string;
  /** Why the value cannot be used, in one sentence; undefined when it can. Checked on Enter; while typing, only once there is something. */
  problem(value: string): string | undefined;
  /** Keeps what was typed, while typing and when the input closes without going on. */
  keepDraft(value: string): void;
  /** Offer a Back button (every step but the first). */
  canGoBack: boolean;
}

/** What the person did with a field: went on with a value, went back a step, or closed it (undefined). */
export type GoalFieldAnswer = { value: string } | 'back' | undefined;

/** One row of a goal picker; `goalId` null is "no goal". */
export interface GoalOption {
  goalId: string | null;
  label: string;
  description?: string;
  detail?: string;
}

export interface GoalPickRequest {
  title: string;
  placeholder: string;
  options: GoalOption[];
}

/** Where goals are asked about. VS Code's inputs and pickers here; a script in tests. */
export interface GoalSurface {
  askField(request: GoalFieldRequest): Promise<GoalFieldAnswer>;
  /** Resolves to the goal picked, null for "no goal", or undefined when closed. */
  pickGoal(request: GoalPickRequest): Promise<string | null | undefined>;
  /** Says something worth hearing once (never a question, never in the way). */
  tell(message: string): void;
}

/** VS Code's own UI: a multi-step input with Back, and a quick pick. */
export const vscodeGoalSurface: GoalSurface = {
  askField(request) {
    return new Promise((resolve) => {
      const input = vscode.window.createInputBox();
      let answer: GoalFieldAnswer;
      input.title = request.title;
      input.step = request.step;
      input.totalSteps = request.totalSteps;
      input.value = request.value;
      input.placeholder = request.placeholder;
      input.prompt = request.prompt;
      input.ignoreFocusOut = true;
      input.buttons = request.canGoBack ? [vscode.QuickInputButtons.Back] : [];
      let draftTimer: NodeJS.Timeout | undefined;
      input.onDidChangeValue((value) => {
        input.validationMessage = value.trim() === '' ? undefined : request.problem(value);
        clearTimeout(draftTimer);
        draftTimer = setTimeout(() => request.keepDraft(value), 500);
      });
      input.onDidTriggerButton((button) => {
        if (button !== vscode.QuickInputButtons.Back) return;
        answer = 'back';
        input.hide();
      });
      input.onDidAccept(() => {
        const problem = request.problem(input.value);
        if (problem) {
          input.validationMessage = problem;
          return;
        }
        answer = { value: input.value };
        input.hide();
      });
      input.onDidHide(() => {
        clearTimeout(draftTimer);
        request.keepDraft(input.value);
        input.dispose();
        resolve(answer);
      });
      input.show();
    });
  },

  async pickGoal(request) {
    const picked = await vscode.window.showQuickPick(
      request.options.map((option) => ({ label: option.label, description: option.description, detail: option.detail, goalId: option.goalId })),
      { title: request.title, placeHolder: request.placeholder, matchOnDescription: true },
    );
    return picked?.goalId;
  },

  tell(message) {
    void vscode.window.showInformationMessage(message);
  },
};
