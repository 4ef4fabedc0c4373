/**
 * "Suggest" in a real VS Code, against a fake chat model registered through the Language Model API
 * (test/fakeModel, loaded beside Progress Log): the checked line prefills the input, an invented
 * number is cut off, each of the API's errors and a slow model fall back to the offline line with
 * one sentence, and nothing reaches a model while suggestions are off.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProgressLogTestApi } from '../../src/extension';
import { SETTINGS_SECTION, Settings } from '../../src/ids';
import type { SaveState } from '../../src/naming/naming';
import { Store } from '../../src/storage/store';
import type { OutcomeRequest, PromptAction, PromptSurface } from '../../src/vscode/promptSurface';
import type { Suggestion } from '../../src/vscode/suggester';
import { FAKE_MODEL_EXTENSION, FAKE_MODEL_NEEDS, FakeCommands, type FakeReply, type FakeRequest, fakeModelHostable } from '../fakeModel/extension';
import { MemoryLogger } from '../support/memoryLogger';
import { eventually, git, progressLog, query, workspaceRepositoryWatched, workspaceRoot } from './helpers';

const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SUBJECT = 'fix(checkout): retry payments on gateway timeout';
const OFFLINE = 'Retry payments on gateway timeout for checkout';

/** Answers "Name outcome", keeps the input's request, and closes the input (the work keeps waiting). */
class NamingPerson implements PromptSurface {
  readonly requests: OutcomeRequest[] = [];
  async askAction(): Promise<PromptAction> {
    return 'name';
  }
  async askOutcome(request: OutcomeRequest): Promise<SaveState | 'waiting'> {
    this.requests.push(request);
    return 'waiting';
  }
  async askDay(): Promise<string | undefined> {
    return undefined;
  }
  tell(): void {}
}

async function setting(key: string, value: unknown, section = SETTINGS_SECTION): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

const requests = async () => (await vscode.commands.executeCommand<FakeRequest[]>(FakeCommands.requests)) ?? [];
const reply = (...replies: FakeReply[]) => vscode.commands.executeCommand(FakeCommands.reply, ...replies);

suite('Suggest, against a fake language model', () => {
  let api: ProgressLogTestApi;
  let request: OutcomeRequest;
  let commitId: string;
  const consentAsked: string[] = [];
  let consentAnswer: string | undefined;
  /** The test host turns VS Code's AI features off (scripts/host.mjs); these tests need them on, as a user who uses them has. */
  let aiFeaturesDisabled: unknown;

  /** Clicks Suggest in the input, as the button does. */
  async function suggest(): Promise<Suggestion> {
    const source = new vscode.CancellationTokenSource();
    try {
      assert.ok(request.suggest, 'the input offers Suggest');
      return await request.suggest(null, source.token);
    } finally {
      source.dispose();
    }
  }

  suiteSetup(async function () {
    if (!fakeModelHostable(vscode.version)) {
      console.log(`      skipped: VS Code ${vscode.version} cannot register a chat model (the fake needs ${FAKE_MODEL_NEEDS.join('.')})`);
      this.skip();
    }
    assert.ok(vscode.extensions.getExtension(FAKE_MODEL_EXTENSION), 'the fake model is installed beside Progress Log');
    api = await progressLog();
    aiFeaturesDisabled = vscode.workspace.getConfiguration('chat').inspect('disableAIFeatures')?.globalValue;
    await setting('disableAIFeatures', false, 'chat');
    const root = workspaceRoot();
    await workspaceRepositoryWatched(api, root);
    api.suggester.askConsent = async (message, turnOn) => {
      consentAsked.push(message);
      return consentAnswer === 'yes' ? turnOn : undefined;
    };
    const person = new NamingPerson();
    api.setPromptSurface(person);
    fs.appendFileSync(path.join(root, 'checkout.ts'), 'export const retries = 3;\n');
    fs.writeFileSync(path.join(root, '.env'), `AWS_ACCESS_KEY_ID=${AWS_KEY}\n`);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', SUBJECT, '-m', `The gateway drops calls at peak.\nSTRIPE_SECRET_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc (rotated)`);
    const sha = git(root, 'rev-parse', 'HEAD');
    request = await eventually('the naming input', () => person.requests[0]);
    commitId = query<{ id: string }>(api.databaseFile, 'SELECT id FROM commits WHERE sha = ?', sha)[0].id;
  });

  teardown(() => vscode.commands.executeCommand(FakeCommands.reset));

  suiteTeardown(async () => {
    if (!api) return;
    await setting(Settings.suggestEnabled, undefined);
    await setting('disableAIFeatures', aiFeaturesDisabled, 'chat');
    const store = Store.open(api.databaseFile, { logger: new MemoryLogger() });
    try {
      store.changes.settleCommits([commitId], 'routine');
    } finally {
      store.close();
    }
  });

  test('off, the first click asks once; declined, nothing reaches a model and the line comes from the commits; it never asks again', async () => {
    const before = (await requests()).length;
    consentAnswer = undefined;
    const first = await suggest();
    assert.equal(consentAsked.length, 1);
    assert.match(consentAsked[0], /commit subjects and messages, the branch, the goal and the names of the files changed/);
    assert.deepEqual(first, { line: OFFLINE, from: 'offline', note: 'Suggestions from a language model are off (progressLog.suggest.enabled), so this line is made from your commits.' });
    consentAnswer = 'yes';
    assert.equal((await suggest()).from, 'offline');
    assert.equal(consentAsked.length, 1, 'asked once, ever');
    assert.equal((await requests()).length, before, 'no request while off');
  });

  test('on, the model\'s checked line prefills the input: an invented number is cut off and said; the request carries the work, no secret', async () => {
    await setting(Settings.suggestEnabled, true);
    await reply({ text: 'Checkout retries payments on gateway timeout, cutting failed orders by 35%' });
    const suggestion = await suggest();
    assert.deepEqual(suggestion, { line: 'Checkout retries payments on gateway timeout', from: 'model', note: 'Left out what this work does not say: cutting failed orders by 35%' });
    const [sent] = (await requests()).slice(-1);
    assert.ok(sent.suggestEnabled);
    for (const part of [SUBJECT, 'The gateway drops calls at peak.', 'checkout.ts +1 -0']) assert.ok(sent.prompt.includes(part), part);
    for (const secret of [AWS_KEY, 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', '.env']) assert.ok(!sent.prompt.includes(secret), `${secret} reached the model`);
  });

  test('a canned answer that holds up is shown as it is, and saved only by the person', async () => {
    await setting(Settings.suggestEnabled, true);
    await reply({ text: 'Shoppers keep their order when the payment gateway times out at peak' });
    assert.deepEqual(await suggest(), { line: 'Shoppers keep their order when the payment gateway times out at peak', from: 'model', note: undefined });
    assert.equal(query<{ n: number }>(api.databaseFile, "SELECT count(*) AS n FROM outcomes WHERE text LIKE 'Shoppers keep%'")[0].n, 0, 'nothing saved by itself');
  });

  test('NoPermissions, Blocked, NotFound, a failure and an answer of two lines each fall back to the offline line, with one sentence', async () => {
    await setting(Settings.suggestEnabled, true);
    const cases: [FakeReply, RegExp][] = [
      [{ error: 'NoPermissions' }, /may not use the language model/],
      [{ error: 'Blocked' }, /declined \(blocked, or over its quota\)/],
      [{ error: 'NotFound' }, /no longer there/],
      [{ error: 'Other' }, /The language model failed/],
      [{ text: 'Checkout retries payments\nShoppers keep orders' }, /more than one line/],
    ];
    for (const [scripted, note] of cases) {
      await reply(scripted);
      const suggestion = await suggest();
      assert.equal(suggestion.from, 'offline', JSON.stringify(scripted));
      assert.equal(suggestion.line, OFFLINE);
      assert.match(suggestion.note ?? '', note);
      assert.match(suggestion.note ?? '', /so this (?:line|one) is made from your commits\.$/);
    }
  });

  test('a model slower than 3 seconds is not waited for', async () => {
    await setting(Settings.suggestEnabled, true);
    await reply({ text: 'Checkout retries payments on gateway timeout', delayMs: 6000 });
    const started = Date.now();
    const suggestion = await suggest();
    const took = Date.now() - started;
    assert.deepEqual(suggestion, { line: OFFLINE, from: 'offline', note: 'The language model did not answer within 3 seconds, so this line is made from your commits.' });
    assert.ok(took >= 2900 && took < 5000, `${took} ms`);
  });

  test('VS Code\'s chat.disableAIFeatures wins over the setting: nothing reaches a model', async () => {
    await setting(Settings.suggestEnabled, true);
    const before = (await requests()).length;
    await setting('disableAIFeatures', true, 'chat');
    try {
      await reply({ text: 'never asked' });
      const suggestion = await suggest();
      assert.equal(suggestion.from, 'offline');
      assert.match(suggestion.note ?? '', /chat\.disableAIFeatures/);
      assert.equal((await requests()).length, before);
    } finally {
      await setting('disableAIFeatures', false, 'chat');
    }
  });

  test('the weekly review\'s Suggest prefills the waiting card, and says why when it is the offline line', async () => {
    await setting(Settings.suggestEnabled, false);
    await vscode.commands.executeCommand('progressLog.reviewWeek');
    const panel = await eventually('the review panel', () => api.reviews.handle);
    const key = await eventually('the waiting card', () => {
      const model = [...panel.posted].reverse().find((message) => message.type === 'model');
      return model?.type === 'model' ? model.model.waiting.find((card) => card.commits.some((commit) => commit.subject === SUBJECT))?.key : undefined;
    });
    await panel.receive({ type: 'suggest', key });
    const answer = panel.posted.find((message) => message.type === 'suggestion');
    assert.deepEqual(answer, { type: 'suggestion', key, line: OFFLINE, note: 'Suggestions from a language model are off (progressLog.suggest.enabled), so this line is made from your commits.' });
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
