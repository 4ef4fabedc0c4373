import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { weekOf } from '../../src/core/weeks';
import type { ProgressLogTestApi } from '../../src/extension';
import { Commands, Webviews } from '../../src/ids';
import type { InsightNumbers } from '../../src/insights/model';
import { Store } from '../../src/storage/store';
import { MemoryLogger } from '../support/memoryLogger';
import { eventually, progressLog, ScriptedPerson } from './helpers';
import { written } from '../support/written';

const options = () => ({ weekStart: 'monday' as const, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });

suite('the Insights panel in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let other: Store;

  /** The next numbers the panel sends to its page that satisfy `accept`. */
  const nextNumbers = (accept: (numbers: InsightNumbers) => boolean) =>
    new Promise<InsightNumbers>((resolve) => {
      const subscription = api.insightsPanel.onDidSend((numbers) => {
        if (!accept(numbers)) return;
        subscription.dispose();
        resolve(numbers);
      });
    });

  const insightsTab = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.label === 'Progress Log: Insights');

  suiteSetup(async () => {
    api = await progressLog();
    other = Store.open(api.databaseFile, { logger: new MemoryLogger() });
  });

  suiteTeardown(async () => {
    other.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Show Insights opens the panel, its page receives the numbers of the last 12 weeks and paints them', async () => {
    const received = nextNumbers(() => true);
    await vscode.commands.executeCommand(Commands.showInsights);
    await eventually('the Insights tab', () => insightsTab());
    const numbers = await received;
    assert.equal(numbers.range.key, 'last12Weeks');
    assert.equal(numbers.weeks.length, 12);
    assert.equal(numbers.weeks[11].current, true);
    assert.equal(numbers.weeks[11].start, weekOf(Date.now(), options()).start);
    const paint = await eventually('the page to report its first paint', () => api.insightsPanel.firstPaintMs);
    assert.ok(paint > 0 && paint < 5000, `first paint ${paint} ms`);
  });

  test('an outcome saved in another window shows in the panel without a reload', async () => {
    const before = api.insightsPanel.lastSent!.weeks[11].impact;
    const updated = nextNumbers((numbers) => numbers.weeks[11].impact === before + 1);
    written(other.changes.createOutcome({ text: 'Cut the checkout page load to one second', kind: 'impact', source: 'manual' }));
    const numbers = await updated;
    assert.equal(numbers.weeks[11].impact, before + 1);
  });

  test('an outcome saved in this window updates the panel too', async () => {
    const before = api.insightsPanel.lastSent!.weeks[11].routine;
    const updated = nextNumbers((numbers) => numbers.weeks[11].routine === before + 1);
    api.setPromptSurface(new ScriptedPerson(() => undefined, [{ line: 'Rotated the staging certificates', flipKind: true }]));
    await vscode.commands.executeCommand(Commands.addOutcome);
    assert.equal((await updated).weeks[11].routine, before + 1);
  });

  test('who an outcome reached, said in another window, shows in the panel’s growth: this quarter counts it beyond the team', async () => {
    const beyond = (numbers: InsightNumbers) => numbers.growth!.quarters.at(-1)!.beyondTeam;
    const before = beyond(api.insightsPanel.lastSent!);
    const updated = nextNumbers((numbers) => beyond(numbers) === before + 1);
    written(other.changes.createOutcome({ text: 'Customers see delivery dates before paying', kind: 'impact', source: 'manual', reach: 'users' }));
    const numbers = await updated;
    assert.equal(numbers.growth!.quarters.length, 8);
    assert.ok(numbers.growth!.quarters.at(-1)!.byReach.users >= 1);
  });

  test('Show Insights on a range sends that range', async () => {
    const received = nextNumbers((numbers) => numbers.range.key === 'last12Months');
    await vscode.commands.executeCommand(Commands.showInsights, 'last12Months');
    const numbers = await received;
    assert.ok(numbers.weeks.length >= 53, `${numbers.weeks.length} weeks`);
    const back = nextNumbers((candidate) => candidate.range.key === 'last12Weeks');
    await vscode.commands.executeCommand(Commands.showInsights, 'last12Weeks');
    await back;
  });

  test('after a reload VS Code revives the panel through our serializer, on the range its page kept, and it follows the log again', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually('the Insights tab to close', () => (insightsTab() ? undefined : true));
    // Only one serializer per view type: ours is the one VS Code will ask after a reload.
    assert.throws(() => vscode.window.registerWebviewPanelSerializer(Webviews.insights, { deserializeWebviewPanel: async () => undefined }));

    // What VS Code does after a reload: a panel of our view type, then our serializer with the page's state.
    const restored = vscode.window.createWebviewPanel(Webviews.insights, 'Insights', vscode.ViewColumn.Active, {});
    const received = nextNumbers(() => true);
    await api.insightsPanel.serializer.deserializeWebviewPanel(restored, { range: 'last12Months', tables: { weekly: true } });
    const numbers = await received;
    assert.equal(numbers.range.key, 'last12Months');
    assert.ok(numbers.weeks.length >= 53, `${numbers.weeks.length} weeks`);
    assert.equal(restored.title, 'Progress Log: Insights');
    const paint = await eventually('the revived page to report its first paint', () => api.insightsPanel.firstPaintMs);
    console.log(`      the revived page painted ${paint.toFixed(0)} ms after it started loading`);
    assert.ok(paint > 0 && paint < 5000, `first paint ${paint} ms`);

    const before = numbers.weeks[numbers.weeks.length - 1].impact;
    const updated = nextNumbers((candidate) => candidate.range.key === 'last12Months' && candidate.weeks[candidate.weeks.length - 1].impact === before + 1);
    written(other.changes.createOutcome({ text: 'Published the pricing page in four languages', kind: 'impact', source: 'manual' }));
    await updated;

    // Show Insights brings the revived panel forward instead of opening another.
    await vscode.commands.executeCommand(Commands.showInsights);
    assert.equal(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'Progress Log: Insights').length, 1);
  });

  test('a week with outcomes is revealed in the Weekly Log; a week with nothing logged is not', async () => {
    const thisWeek = weekOf(Date.now(), options());
    assert.equal(await vscode.commands.executeCommand(Commands.revealWeek, thisWeek.start), true);
    const longAgo = weekOf(Date.UTC(2001, 0, 10), options());
    assert.equal(await vscode.commands.executeCommand(Commands.revealWeek, longAgo.start), false);
  });
});
