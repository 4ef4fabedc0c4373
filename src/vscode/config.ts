import * as vscode from 'vscode';
import { PROMPT_MODES, SETTINGS_SECTION, Settings, type PromptMode } from '../ids';

/** Typed access to Progress Log's settings. */
export const config = {
  promptMode(): PromptMode {
    const value = vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string>(Settings.prompt);
    return PROMPT_MODES.includes(value as PromptMode) ? (value as PromptMode) : 'afterEachCommit';
  },

  /** Fires when any Progress Log setting changes. */
  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SETTINGS_SECTION)) listener();
    });
  },
};
