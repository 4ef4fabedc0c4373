/**
 * A fake chat model for the extension-host tests, registered through VS Code's Language Model API
 * (`vscode.lm.registerLanguageModelChatProvider`, VS Code 1.104+, newer than the types Progress Log
 * compiles against, hence the few declarations below). It answers what a test scripts (a line, a
 * slow line, an error) and records every request with whether `progressLog.suggest.enabled` was on
 * when it came, so that a test can show that nothing reaches a model while suggestions are off.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const FAKE_VENDOR = 'progress-log-fake';

/** The extension's id, and the oldest VS Code that can register it (its `engines`). */
export const FAKE_MODEL_EXTENSION = 'progress-log-test.fake-model';
export const FAKE_MODEL_NEEDS = [1, 104] as const;

/**
 * Whether this VS Code can host the fake model. Older ones (the oldest host the suite runs on,
 * VS Code 1.103) have no provider API, so the tests that talk to a model are skipped there, saying so;
 * Progress Log's own Suggest (`vscode.lm.selectChatModels`, 1.90) is there on both.
 */
export function fakeModelHostable(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > FAKE_MODEL_NEEDS[0] || (major === FAKE_MODEL_NEEDS[0] && minor >= FAKE_MODEL_NEEDS[1]);
}

/** What the next request gets: a line (after `delayMs`), or one of the Language Model API's errors. */
export type FakeReply = { text: string; delayMs?: number } | { error: 'NoPermissions' | 'Blocked' | 'NotFound' | 'Other' };

/** A request as the model saw it. */
export interface FakeRequest {
  prompt: string;
  suggestEnabled: boolean;
}

/** The commands a test drives the fake with. */
export const FakeCommands = {
  /** Queues replies, one per request to come. */
  reply: 'progressLogFake.reply',
  /** Every request so far, oldest first. */
  requests: 'progressLogFake.requests',
  /** Drops the replies not used. */
  reset: 'progressLogFake.reset',
} as const;

interface ChatInformation {
  id: string;
  name: string;
  family: string;
  version: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: Record<string, never>;
}

interface ChatProvider {
  provideLanguageModelChatInformation(options: { silent: boolean }, token: vscode.CancellationToken): ChatInformation[];
  provideLanguageModelChatResponse(
    model: ChatInformation,
    messages: readonly vscode.LanguageModelChatMessage[],
    options: unknown,
    progress: vscode.Progress<vscode.LanguageModelTextPart>,
    token: vscode.CancellationToken,
  ): Promise<void>;
  provideTokenCount(model: ChatInformation, text: string | vscode.LanguageModelChatMessage, token: vscode.CancellationToken): Promise<number>;
}

type LanguageModels = typeof vscode.lm & { registerLanguageModelChatProvider(vendor: string, provider: ChatProvider): vscode.Disposable };

const replies: FakeReply[] = [];
const requests: FakeRequest[] = [];

function textOf(message: vscode.LanguageModelChatMessage | string): string {
  if (typeof message === 'string') return message;
  return message.content.map((part) => (part instanceof vscode.LanguageModelTextPart ? part.value : '')).join('');
}

const provider: ChatProvider = {
  provideLanguageModelChatInformation: () => [{ id: 'fake-line', name: 'Fake line model', family: 'fake', version: '1', maxInputTokens: 100_000, maxOutputTokens: 1_000, capabilities: {} }],

  async provideLanguageModelChatResponse(_model, messages, _options, progress) {
    requests.push({ prompt: messages.map(textOf).join('\n'), suggestEnabled: vscode.workspace.getConfiguration('progressLog').get<boolean>('suggest.enabled') === true });
    const reply = replies.shift() ?? { error: 'Other' };
    if ('error' in reply) {
      if (reply.error === 'Other') throw new Error('the fake model has no reply scripted');
      throw vscode.LanguageModelError[reply.error](`the fake model says ${reply.error}`);
    }
    // A slow model that does not listen for cancellation: the caller's own timeout must end the wait.
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    progress.report(new vscode.LanguageModelTextPart(reply.text));
  },

  provideTokenCount: async (_model, text) => Math.ceil(textOf(text).length / 4),
};

/**
 * Scripted from a file for a browser test, which cannot run commands with arguments: `replies.json`
 * beside the extension (an array of FakeReply) is queued at start, and each request is appended to
 * `requests.jsonl` there, for the test to read what reached the model.
 */
function scriptFromFiles(folder: string): void {
  const scripted = path.join(folder, 'replies.json');
  if (!fs.existsSync(scripted)) return;
  replies.push(...(JSON.parse(fs.readFileSync(scripted, 'utf8')) as FakeReply[]));
  const push = requests.push.bind(requests);
  requests.push = (...added: FakeRequest[]) => {
    for (const request of added) fs.appendFileSync(path.join(folder, 'requests.jsonl'), `${JSON.stringify(request)}\n`);
    return push(...added);
  };
}

export function activate(context: vscode.ExtensionContext): void {
  scriptFromFiles(context.extensionPath);
  context.subscriptions.push(
    (vscode.lm as LanguageModels).registerLanguageModelChatProvider(FAKE_VENDOR, provider),
    vscode.commands.registerCommand(FakeCommands.reply, (...next: FakeReply[]) => void replies.push(...next)),
    vscode.commands.registerCommand(FakeCommands.requests, () => requests.slice()),
    vscode.commands.registerCommand(FakeCommands.reset, () => void replies.splice(0)),
  );
}
