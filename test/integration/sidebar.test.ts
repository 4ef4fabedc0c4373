import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { MemoryLogger } from '../support/memoryLogger';
import type { ProgressLogTestApi } from '../../src/extension';
import { Commands } from '../../src/ids';
import { Store } from '../../src/storage/store';
import type { LogNode } from '../../src/vscode/logTree';
import { commitFromTerminal, eventually, progressLog, query, ScriptedPerson, workspaceRoot, type Answer } from './helpers';
import { written } from '../support/written';

/** Names what it is asked about with the next scripted line; with none left, answers "Routine". */
const typist = (answers: Answer[]) => new ScriptedPerson(() => (answers.length ? 'name' : 'routine'), answers);

suite('the weekly sidebar in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let other: Store;

  const children = async (node?: LogNode) => api.tree.getChildren(node);
  const label = (node: LogNode) => String(api.tree.getTreeItem(node).label);
  const thisWeek = async () => (await children()).find((node) => label(node) === 'This week')!;
  const group = async (name: string) => (await children(await thisWeek())).find((node) => label(node).startsWith(name));
  const outcomeNamed = async (text: string, groupName = 'Shipped impact') => {
    const holder = await group(groupName);
    return holder ? (await children(holder)).find((node) => node.type === 'outcome' && node.outcome.text === text) : undefined;
  };

  suiteSetup(async () => {
    api = await progressLog();
    // Another window: its own connection to the same database file.
    other = Store.open(api.databaseFile, { logger: new MemoryLogger() });
  });

  suiteTeardown(() => {
    other.close();
  });

  test('another window\'s outcome appears in the tree without a reload', async () => {
    written(other.changes.createOutcome({ text: 'Led the incident review for the outage', kind: 'impact', source: 'manual' }));
    await eventually('the outcome in the tree', () => outcomeNamed('Led the incident review for the outage'));
  });

  test('weeks read "This week" and "Last week" with their dates, and groups carry counts', async () => {
    const roots = await children();
    assert.deepEqual(roots.slice(0, 2).map(label), ['This week', 'Last week']);
    assert.match(String(api.tree.getTreeItem(roots[0]).description), /^[A-Z][a-z]{2} \d{1,2} – /);
    const groups = (await children(roots[0])).map(label);
    assert.ok(groups.some((text) => /^Shipped impact \(\d+\)$/.test(text)), groups.join());
    assert.ok(groups.some((text) => /^Routine activity \(\d+\)$/.test(text)), groups.join());
  });

  test('an outcome shows its repository and branch, a tooltip with its commits, and the commits as children', async () => {
    const root = workspaceRoot();
    api.setPromptSurface(typist([{ line: 'Search results load twice as fast' }]));
    const sha = commitFromTerminal(root, 'perf: cache search results');
    await eventually('the named commit', () => query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'named'", sha)[0]);
    api.setPromptSurface(typist([]));
    const node = await eventually('the outcome row', () => outcomeNamed('Search results load twice as fast'));
    const item = api.tree.getTreeItem(node);
    assert.match(String(item.description), /^progress-log-workspace-\w+ · main$/);
    assert.match((item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' '), new RegExp(`${sha.slice(0, 7)} perf: cache search results`));
    const [commit] = await children(node);
    assert.equal(commit.type, 'commit');
    assert.equal(label(commit), 'perf: cache search results');
    assert.equal(api.tree.getTreeItem(commit).command?.command, Commands.openCommit);
  });

  test('opening a commit shows its changes in VS Code', async () => {
    const node = await eventually('the outcome row', () => outcomeNamed('Search results load twice as fast'));
    const [commit] = await children(node);
    const open = api.tree.getTreeItem(commit).command!;
    await vscode.commands.executeCommand(open.command, ...(open.arguments ?? []));
    const tab = await eventually('the changes editor', () => {
      const active = vscode.window.tabGroups.activeTabGroup.activeTab;
      return active?.label.includes('perf: cache search results') ? active : undefined;
    });
    assert.ok(tab.label.startsWith(commitSha(commit).slice(0, 7)));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('mark as routine and mark as impact move an outcome between groups', async () => {
    const node = await eventually('the outcome', () => outcomeNamed('Led the incident review for the outage'));
    await vscode.commands.executeCommand(Commands.markRoutine, node);
    const moved = await eventually('the outcome under routine', () => outcomeNamed('Led the incident review for the outage', 'Routine activity'));
    assert.equal(api.tree.getTreeItem(moved).contextValue, 'outcome.routine');
    await vscode.commands.executeCommand(Commands.markImpact, moved);
    await eventually('the outcome back under impact', () => outcomeNamed('Led the incident review for the outage'));
  });

  test('rename edits the words in the one-line input', async () => {
    const node = await eventually('the outcome', () => outcomeNamed('Led the incident review for the outage'));
    const person = typist([{ line: 'Led the outage review; two fixes shipped since' }]);
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.renameOutcome, node);
    assert.equal(person.requests[0].value, 'Led the incident review for the outage');
    await eventually('the renamed outcome', () => outcomeNamed('Led the outage review; two fixes shipped since'));
  });

  test('copy puts the outcome text on the clipboard', async () => {
    const node = await eventually('the outcome', () => outcomeNamed('Led the outage review; two fixes shipped since'));
    await vscode.commands.executeCommand(Commands.copyOutcome, node);
    assert.equal(await vscode.env.clipboard.readText(), 'Led the outage review; two fixes shipped since');
  });

  test('delete removes the outcome, and its commit waits for a name again', async () => {
    const node = await eventually('the outcome', () => outcomeNamed('Search results load twice as fast'));
    await vscode.commands.executeCommand(Commands.deleteOutcome, node);
    await eventually('the outcome gone', async () => ((await outcomeNamed('Search results load twice as fast')) ? undefined : true));
    const waiting = await eventually('the waiting group', () => group('Waiting for a name'));
    const rows = await children(waiting);
    assert.ok(rows.some((row) => label(row) === 'perf: cache search results'));
  });

  test('a waiting commit is named from the tree with the same prompt', async () => {
    const waiting = await eventually('the waiting group', () => group('Waiting for a name'));
    const row = (await children(waiting)).find((candidate) => label(candidate) === 'perf: cache search results')!;
    api.setPromptSurface(typist([{ line: 'Search is fast again' }]));
    const command = api.tree.getTreeItem(row).command!;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    await eventually('the new outcome', () => outcomeNamed('Search is fast again'));
  });

  test('an outcome added by hand lands in this week with its kind', async () => {
    api.setPromptSurface(typist([{ line: 'Mentored Sam through a first on-call week', flipKind: true }]));
    await vscode.commands.executeCommand(Commands.addOutcome);
    const node = await eventually('the added outcome', () => outcomeNamed('Mentored Sam through a first on-call week', 'Routine activity'));
    assert.match(String(api.tree.getTreeItem(node).description), /added by hand/);
  });

  test('an outcome added by hand is dated on the day picked: a day that is not one is refused with its reason, then Yesterday files it under yesterday', async () => {
    const text = 'Paired with Ana on the flaky checkout test';
    const person = new ScriptedPerson(() => undefined, [{ line: text }], ['2026-02-30', 'Yesterday']);
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.addOutcome);
    assert.deepEqual(person.dayRefusals, ['2026-02-30 is not a day on the calendar.']);
    assert.deepEqual(person.dayRequests[0].choices.slice(0, 2).map((choice) => choice.label), ['Today', 'Yesterday']);
    const yesterday = person.dayRequests[0].choices[1].day;
    const [{ happened_at: happenedAt }] = query<{ happened_at: number }>(api.databaseFile, 'SELECT happened_at FROM outcomes WHERE text = ?', text);
    assert.equal(localDay(happenedAt), yesterday);
    assert.match(person.requests[0].title, /^Add an outcome on [A-Z][a-z]{2} \d{1,2}, \d{4} /);
    const weeks = (await children()).filter((node) => node.type === 'week');
    const holding = await eventually('the week that holds it', async () => {
      for (const week of weeks) {
        const shipped = (await children(week)).find((node) => label(node).startsWith('Shipped impact'));
        if (shipped && (await children(shipped)).some((node) => node.type === 'outcome' && node.outcome.text === text)) return week;
      }
      return undefined;
    });
    assert.ok(holding.type === 'week' && holding.week.start <= happenedAt && happenedAt < holding.week.end);
  });

  test('a day passed to Add an Outcome that is still to come is refused, and nothing is asked', async () => {
    const person = typist([{ line: 'Never saved' }]);
    api.setPromptSurface(person);
    await vscode.commands.executeCommand(Commands.addOutcome, { day: '2999-01-01' });
    assert.deepEqual([person.dayRequests.length, person.requests.length], [0, 0]);
    assert.deepEqual(query(api.databaseFile, 'SELECT 1 FROM outcomes WHERE text = ?', 'Never saved'), []);
  });

  test('the filter narrows the tree to matching outcomes, and clearing it shows everything', async () => {
    await vscode.commands.executeCommand(Commands.filter, { text: 'mentored' });
    await eventually('the filtered tree', async () => ((await outcomeNamed('Search is fast again')) ? undefined : true));
    assert.ok(await outcomeNamed('Mentored Sam through a first on-call week', 'Routine activity'));
    await vscode.commands.executeCommand(Commands.clearFilter);
    await eventually('the whole tree', () => outcomeNamed('Search is fast again'));
  });

  test('a filter lists only the weeks and groups that match, and a filter that matches nothing says so once', async () => {
    try {
      await vscode.commands.executeCommand(Commands.filter, { text: 'first on-call week' });
      const weeks = await eventually('only the matching week', async () => {
        const roots = await children();
        return roots.length === 1 ? roots : undefined;
      });
      assert.deepEqual(weeks.map(label), ['This week'], 'last week holds no match: not listed');
      const groups = (await children(weeks[0])).filter((node) => node.type === 'group');
      assert.deepEqual(groups.map(label), ['Routine activity (1)'], 'no "(0)" rows');
      await vscode.commands.executeCommand(Commands.filter, { text: 'words no outcome holds' });
      const nothing = await eventually('the empty result', async () => {
        const roots = await children();
        return roots.length === 1 && label(roots[0]) === 'Nothing matches the filter.' ? roots : undefined;
      });
      assert.equal(api.tree.getTreeItem(nothing[0]).command?.command, Commands.clearFilter);
    } finally {
      await vscode.commands.executeCommand(Commands.clearFilter);
    }
    assert.deepEqual((await children()).slice(0, 2).map(label), ['This week', 'Last week']);
  });

  test('refresh, load older weeks and show view run without trouble', async () => {
    await vscode.commands.executeCommand(Commands.refresh);
    await vscode.commands.executeCommand(Commands.loadOlderWeeks);
    await vscode.commands.executeCommand(Commands.showView);
    assert.ok((await children()).length >= 2);
  });

  test('Export for 1:1 of this week opens a Markdown document with the shipped outcomes', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.exportOneOnOne, { range: 'thisWeek', destination: 'editor' });
    assert.ok(document, 'the export returned its document');
    assert.equal(document.languageId, 'markdown');
    const text = document.getText();
    assert.match(text, /^# Progress: /);
    const shipped = text.slice(text.indexOf('## Shipped impact'), text.indexOf('## Routine activity'));
    assert.match(shipped, /\n- Search is fast again — progress-log-workspace-\w+ · main · `[0-9a-f]{7}`\n/);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Export for 1:1 to the clipboard puts the report there and opens nothing', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await vscode.commands.executeCommand(Commands.exportOneOnOne, { range: 'thisWeek', format: 'text', destination: 'clipboard' });
    assert.equal(document, undefined);
    assert.match(await vscode.env.clipboard.readText(), /^Progress: /);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  test('a custom range with a day that does not exist is refused and nothing is exported', async () => {
    const document = await vscode.commands.executeCommand(Commands.exportOneOnOne, { range: { from: '2026-02-30', to: '2026-03-04' } });
    assert.equal(document, undefined);
    assert.equal(vscode.window.activeTextEditor, undefined);
  });

  test('Export for review as JSON opens a JSON document', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>(Commands.exportReview, { range: 'thisQuarter', format: 'json', destination: 'editor' });
    const review = JSON.parse(document.getText());
    assert.equal(review.format, 'progress-log/review');
    assert.ok(review.totals.impact >= 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

function commitSha(node: LogNode): string {
  if (node.type !== 'commit') throw new Error('not a commit row');
  return node.commit.sha;
}

/** "2026-11-29": the day of `time` on this machine's clock, as the extension reads days. */
function localDay(time: number): string {
  const date = new Date(time);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

suite('what a screen reader hears in the Weekly Log and the Goals view', () => {
  /** Every row of a tree, each with its item, depth first; `before` runs on a row before its children are read. */
  async function rowsOf<T>(provider: vscode.TreeDataProvider<T>, before: (node: T, item: vscode.TreeItem) => void = () => undefined): Promise<{ node: T; item: vscode.TreeItem; children: T[] }[]> {
    const rows: { node: T; item: vscode.TreeItem; children: T[] }[] = [];
    const visit = async (nodes: T[]) => {
      for (const node of nodes) {
        const item = await provider.getTreeItem(node);
        before(node, item);
        const children = item.collapsibleState === vscode.TreeItemCollapsibleState.None ? [] : ((await provider.getChildren(node)) ?? []);
        rows.push({ node, item, children });
        await visit(children);
      }
    };
    await visit((await provider.getChildren()) ?? []);
    return rows;
  }

  const shown = (item: vscode.TreeItem) => String(typeof item.label === 'object' ? item.label?.label : item.label);
  const countIn = (item: vscode.TreeItem) => Number(/\((\d+)\)$/.exec(shown(item))?.[1]);

  test('every row says what kind of row it is and how many it holds, and the counts are the ones shown', async () => {
    const api = await progressLog();
    const root = workspaceRoot();
    // Work of every kind this week: a commit left waiting for a name, a routine one nobody named.
    api.setPromptSurface(new ScriptedPerson(() => 'name', [{ draft: 'rows for screen readers' }]));
    const waiting = commitFromTerminal(root, 'feat: rows for screen readers');
    await eventually('the waiting commit', () => query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'pending'", waiting)[0]);
    api.setPromptSurface(new ScriptedPerson(() => 'routine'));
    const routine = commitFromTerminal(root, 'chore: tidy the fixtures');
    await eventually('the routine commit', () => query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'routine'", routine)[0]);
    api.tree.refresh();

    const kinds: Record<LogNode['type'], RegExp> = {
      week: /^Week, .+: \d+ shipped, \d+ routine, \d+ waiting for a name$/,
      group: /^(Shipped impact|Routine activity|Waiting for a name|In progress|Abandoned branches): \d+ /,
      outcome: /^(Shipped impact|Routine) outcome(, \d+ commits?| of a branch, \d+ commits and outcomes under it): /,
      commit: /^Commit [0-9a-f]{7}( in [^:]+)?: /,
      routineSummary: /^Unnamed routine commits: \d+ commits? in /,
      waiting: /^(Commit waiting for a name in [^:]+: |Waiting for a name: \d+ commits? in |Branch waiting for a name: )/,
      openBranch: /^Branch in progress: .+, \d+ commits?$/,
      abandoned: /^Abandoned branch: .+, \d+ commits?$/,
      review: /^Review of the week: \d+ highlights?, \d+ of \d+ questions answered$/,
      reviewAnswer: /^Review answer, [^:]+: /,
      older: /^Load \d+ older weeks?$/,
      noMatch: /^Filter .*: no week matches$/,
    };
    // A week's row is made before the week is read: its counts come from counting, which must agree with the rows under it.
    const weekLabels = new Map<LogNode, string>();
    const logRows = await rowsOf<LogNode>(api.tree, (node, item) => {
      if (node.type === 'week') weekLabels.set(node, String(item.accessibilityInformation?.label));
    });
    const seen = new Set(logRows.map(({ node }) => node.type));
    for (const type of ['week', 'group', 'outcome', 'commit', 'routineSummary', 'waiting'] as const) assert.ok(seen.has(type), `no ${type} row to check`);
    for (const { node, item, children } of logRows) {
      const spoken = item.accessibilityInformation?.label ?? '';
      assert.match(spoken, kinds[node.type], `${node.type} row "${shown(item)}"`);
      if (node.type === 'group') assert.ok(spoken.includes(`: ${countIn(item)} `), `"${spoken}" says the ${countIn(item)} shown`);
      if (node.type === 'outcome') assert.ok(spoken.includes(node.outcome.text), spoken);
      if (node.type === 'routineSummary' || node.type === 'openBranch') assert.ok(spoken.includes(`${children.length} commit`), `"${spoken}" counts its ${children.length} rows`);
      if (node.type === 'week') {
        const groupCount = (name: string) => {
          const row = logRows.find((candidate) => children.includes(candidate.node) && shown(candidate.item).startsWith(name));
          return row ? countIn(row.item) : 0;
        };
        const expected = `${groupCount('Shipped impact')} shipped, ${groupCount('Routine activity')} routine, ${groupCount('Waiting for a name')} waiting for a name`;
        assert.ok(weekLabels.get(node)?.endsWith(expected), `"${weekLabels.get(node)}" before the week was read; its rows say ${expected}`);
        assert.ok(spoken.endsWith(expected), `"${spoken}" once read; its rows say ${expected}`);
      }
    }

    const goalKinds: Record<string, RegExp> = {
      goal: /^(Goal|Completed goal|Dropped goal), \d+ outcomes this week, \d+ this quarter: /,
      fact: /^Goal fact: /,
      why: /^Why it matters: /,
      goalOutcome: /^(Shipped impact|Routine): /,
      untied: /^Not tied to a goal: \d+ outcomes? this week$/,
      closedGoals: /^Completed and dropped goals: \d+ goals?$/,
      noActiveGoal: /^No active goal/,
    };
    const goalRows = await rowsOf(api.goalsTree);
    assert.ok(goalRows.some(({ node }) => node.type === 'goal'), 'no goal row to check');
    for (const { node, item, children } of goalRows) {
      const spoken = item.accessibilityInformation?.label ?? '';
      assert.match(spoken, goalKinds[node.type], `${node.type} row "${shown(item)}"`);
      if (node.type === 'untied' || node.type === 'closedGoals') assert.ok(spoken.includes(`: ${children.length} `), `"${spoken}" counts its ${children.length} rows`);
    }
  });
});
