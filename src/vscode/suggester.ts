/**
 * "Suggest": a line for a piece of work from the language model VS Code provides (`vscode.lm`),
 * only when the person clicks it, only once they said yes (`progressLog.suggest.enabled`, asked
 * once on the first click), never when VS Code's `chat.disableAIFeatures` is on. What is sent is
 * built and cleaned by src/naming/suggestInput.ts, the answer checked by suggestCheck.ts. Whatever
 * goes wrong (no model, no consent, a refusal, a quota, a cancel, no answer within 3 s, an answer
 * that does not hold up), the person gets one sentence saying so and the offline suggestion, a
 * template from their own subjects and branch; never an error dialog. A suggestion only prefills
 * the input: nothing is saved until the person presses Enter.
 */
import * as vscode from 'vscode';
import type { PendingBatch } from '../core/domain';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import { StateKeys } from '../ids';
import { checkSuggestion, offlineSuggestion, type CheckedSuggestion } from '../naming/suggestCheck';
import { buildSuggestRequest, type SuggestRequest, type WorkToSuggest } from '../naming/suggestInput';
import { workToSuggest, type ReadCommitWork } from '../naming/suggestWork';
import { config } from './config';

/** How long the model may take, from the click to the whole answer. */
export const SUGGEST_TIMEOUT_MS = 3000;

/** The longest answer read: one line needs far less. */
const MAX_ANSWER_CHARS = 2000;

/** A line to prefill the input with, where it came from, and the sentence to show with it. */
export interface Suggestion {
  line: string;
  from: 'model' | 'offline';
  note?: string;
}

/** How the person is asked, once, whether Suggest may use a language model (a modal in VS Code; answered by a script in tests). */
export type AskConsent = (message: string, turnOn: string) => Thenable<string | undefined>;

const askWithModal: AskConsent = (message, turnOn) => vscode.window.showInformationMessage(message, { modal: true }, turnOn);

class TimedOut extends Error {}
class NoModel extends Error {}

export class Suggester {
  /** How the person is asked for consent; tests answer it themselves. */
  askConsent: AskConsent = askWithModal;

  constructor(
    private readonly logger: Logger,
    private readonly state: vscode.Memento,
    private readonly read: ReadCommitWork,
    private readonly timeoutMs = SUGGEST_TIMEOUT_MS,
  ) {}

  /** A line for a piece of work waiting for a name, read from git when asked, for the goal the input shows. */
  async forWork(batch: PendingBatch, goal: string | null, token?: vscode.CancellationToken): Promise<Suggestion> {
    const work = await workToSuggest(batch, this.read, goal, this.logger);
    try {
      return await this.suggest(work, token);
    } catch (error) {
      // Never an error dialog for a suggestion: the offline line, and why, as for any failure.
      this.logger.error(error instanceof Error ? error : new Error(String(error)));
      return offlineFor(work, whyNoAnswer(error));
    }
  }

  /** A line for `work`: the model's, checked, when it may and can answer; else the offline one, with why. */
  async suggest(work: WorkToSuggest, token?: vscode.CancellationToken): Promise<Suggestion> {
    const offline = (note: string) => offlineFor(work, note);
    if (config.aiFeaturesDisabled()) return offline(vscode.l10n.t('AI features are off in VS Code (chat.disableAIFeatures), so this line is made from your commits.'));
    if (!config.suggestEnabled() && !(await this.consented())) {
      return offline(vscode.l10n.t('Suggestions from a language model are off (progressLog.suggest.enabled), so this line is made from your commits.'));
    }
    const request = buildSuggestRequest(work, config.suggestExclude(), vscode.env.language);
    let answer: string;
    try {
      answer = await this.ask(request, work.commits.length, token);
    } catch (error) {
      this.logger.info(`Suggest: no line from the model (${errorMessage(error)})`);
      return offline(whyNoAnswer(error));
    }
    const checked = checkSuggestion(answer, request.facts);
    if ('dropped' in checked) {
      this.logger.info(`Suggest: the model's answer was dropped (${checked.dropped})`);
      return offline(whyDropped(checked.dropped));
    }
    if (checked.removed.length) this.logger.info(`Suggest: left out what the work does not say: ${checked.removed.join(' | ')}`);
    return { line: checked.line, from: 'model', note: checked.removed.length ? vscode.l10n.t('Left out what this work does not say: {0}', checked.removed.join('; ')) : undefined };
  }

  /** Asks once, ever: a yes turns the setting on; a no (or closing the question) leaves it off, and the offline suggestion is used. */
  private async consented(): Promise<boolean> {
    if (this.state.get<boolean>(StateKeys.suggestConsentAsked)) return false;
    await this.state.update(StateKeys.suggestConsentAsked, true);
    const turnOn = vscode.l10n.t('Turn On');
    const choice = await this.askConsent(
      vscode.l10n.t(
        'Suggest can ask the language model VS Code provides for a line about this work. Only when you click Suggest, it would send the commit subjects and messages, the branch, the goal and the names of the files changed (never the changes, .env files, keys, lockfiles or anything that looks like a secret). Turn it on?',
      ),
      turnOn,
    );
    if (choice !== turnOn) return false;
    await config.setSuggestEnabled(true);
    return true;
  }

  /** The model's whole answer, within the timeout; throws when there is none. */
  private async ask(request: SuggestRequest, commits: number, token: vscode.CancellationToken | undefined): Promise<string> {
    const source = new vscode.CancellationTokenSource();
    const cancelled = token?.onCancellationRequested(() => source.cancel());
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        source.cancel();
        reject(new TimedOut(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    const answer = async () => {
      const [model] = await vscode.lm.selectChatModels();
      if (!model) throw new NoModel('no chat model available');
      if (source.token.isCancellationRequested) throw new vscode.CancellationError();
      const { files, secrets } = request.withheld;
      this.logger.info(`Suggest: asking ${model.vendor}/${model.id} about ${commits} commits in ${request.prompt.length} characters (withheld: ${files} files by name, ${secrets} secrets)`);
      const response = await model.sendRequest(
        [vscode.LanguageModelChatMessage.User(request.prompt)],
        { justification: vscode.l10n.t('Progress Log suggests one line about the work you are naming, when you click Suggest.') },
        source.token,
      );
      let text = '';
      for await (const part of response.text) {
        text += part;
        if (text.length > MAX_ANSWER_CHARS) break;
      }
      if (source.token.isCancellationRequested) throw new vscode.CancellationError();
      return text;
    };
    try {
      return await Promise.race([answer(), timeout]);
    } finally {
      clearTimeout(timer);
      cancelled?.dispose();
      source.cancel();
      source.dispose();
    }
  }
}

/** The line made from the work's own subjects and branch, and why it is the one offered. */
function offlineFor(work: WorkToSuggest, note: string): Suggestion {
  return { line: offlineSuggestion(work.commits.map((commit) => commit.subject), work.branch), from: 'offline', note };
}

/** Why the model gave no line, in one sentence that ends with what the person gets instead. */
function whyNoAnswer(error: unknown): string {
  if (error instanceof TimedOut) return vscode.l10n.t('The language model did not answer within 3 seconds, so this line is made from your commits.');
  if (error instanceof NoModel) return vscode.l10n.t('VS Code offers no language model here, so this line is made from your commits.');
  if (error instanceof vscode.CancellationError) return vscode.l10n.t('The suggestion was cancelled, so this line is made from your commits.');
  const code = error instanceof vscode.LanguageModelError ? error.code : undefined;
  if (code === vscode.LanguageModelError.NoPermissions.name) return vscode.l10n.t('Progress Log may not use the language model (not allowed), so this line is made from your commits.');
  if (code === vscode.LanguageModelError.Blocked.name) return vscode.l10n.t('The language model declined (blocked, or over its quota), so this line is made from your commits.');
  if (code === vscode.LanguageModelError.NotFound.name) return vscode.l10n.t('The language model is no longer there, so this line is made from your commits.');
  return vscode.l10n.t('The language model failed ({0}), so this line is made from your commits.', errorMessage(error));
}

/** Why the model's answer is not shown. */
function whyDropped(reason: Extract<CheckedSuggestion, { dropped: string }>['dropped']): string {
  switch (reason) {
    case 'empty':
      return vscode.l10n.t('The language model gave no line, so this one is made from your commits.');
    case 'lines':
      return vscode.l10n.t('The language model gave more than one line, so this one is made from your commits.');
    case 'length':
      return vscode.l10n.t('The language model gave a line too long to save, so this one is made from your commits.');
    case 'invented':
      return vscode.l10n.t('The language model named what this work does not say, so this line is made from your commits.');
  }
}
