/**
 * One piece of work, one question, in a real VS Code: work pushed at once (from a shell, and
 * through VS Code's own git extension), a feature branch asked about once when it lands, a burst
 * of commits that joins the prompt on screen, and Escape keeping what was typed everywhere.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ProgressLogTestApi } from '../../src/extension';
import { Commands } from '../../src/ids';
import type { GitExtension, Repository } from '../../src/vscode/gitApi';

/** The parts of the git extension's repository API a person's commit in VS Code goes through. */
type ScmRepository = Repository & { status(): Promise<void>; inputBox: { value: string } };
import { commitFromTerminal, eventually, git, HesitantPerson, progressLog, query, ScriptedPerson, workspaceRepositoryWatched, workspaceRoot } from './helpers';

const pendingRows = (api: ProgressLogTestApi, sha: string) =>
  query<{ n: number }>(api.databaseFile, "SELECT count(*) AS n FROM commits WHERE sha = ? AND status = 'pending'", sha)[0].n;

suite('one piece of work, one question, in a real VS Code', () => {
  let api: ProgressLogTestApi;
  let root: string;
  let origin: string;

  suiteSetup(async () => {
    api = await progressLog();
    root = workspaceRoot();
    await workspaceRepositoryWatched(api, root);
    // A bare origin, as a hosted repository would be.
    origin = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-origin-'));
    execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', origin]);
    git(root, 'remote', 'add', 'origin', origin);
    git(root, 'push', '-q', '-u', 'origin', 'main');
    await api.scanAll();
  });

  suiteTeardown(() => {
    fs.rmSync(origin, { recursive: true, force: true });
  });

  test('commit and push from a shell in one command: exactly one stored pending commit, asked about once', async () => {
    const person = new ScriptedPerson(() => undefined);
    api.setPromptSurface(person);
    fs.appendFileSync(path.join(root, 'notes.md'), 'pushed at once\n');
    execFileSync('sh', ['-c', 'git commit -qam "fix: pushed at once" && git push -q origin main'], { cwd: root });
    const sha = git(root, 'rev-parse', 'HEAD');
    assert.equal(git(root, 'rev-parse', 'origin/main'), sha, 'the push landed');
    await eventually('the pushed commit to wait for a name', () => (pendingRows(api, sha) === 1 ? true : undefined));
    await api.scanAll();
    assert.equal(pendingRows(api, sha), 1);
    assert.equal(person.notifications.filter((message) => message.includes(sha.slice(0, 7))).length, 1);
  });

  test('VS Code\'s own commit and push (git.commitAll, then git.push): exactly one stored pending commit', async () => {
    const person = new ScriptedPerson(() => undefined);
    api.setPromptSurface(person);
    const gitApi = vscode.extensions.getExtension<GitExtension>('vscode.git')!.exports.getAPI(1);
    const repository = gitApi.repositories.find((candidate) => fs.realpathSync(candidate.rootUri.fsPath) === root) as ScmRepository;
    fs.appendFileSync(path.join(root, 'README.md'), 'Committed and pushed from VS Code.\n');
    await repository.status();
    repository.inputBox.value = 'docs: committed and pushed from VS Code';
    await vscode.commands.executeCommand('git.commitAll');
    await vscode.commands.executeCommand('git.push');
    const sha = git(root, 'rev-parse', 'HEAD');
    assert.equal(git(root, 'log', '-1', '--format=%s'), 'docs: committed and pushed from VS Code');
    assert.equal(git(root, 'rev-parse', 'origin/main'), sha, 'VS Code pushed it');
    await eventually('the commit to wait for a name', () => (pendingRows(api, sha) === 1 ? true : undefined));
    await api.scanAll();
    assert.equal(pendingRows(api, sha), 1);
    assert.equal(person.notifications.filter((message) => message.includes(sha.slice(0, 7))).length, 1);
  });

  test('a feature branch with two commits, merged and deleted: one question, about the branch', async () => {
    const person = new ScriptedPerson(() => undefined);
    api.setPromptSurface(person);
    git(root, 'checkout', '-q', '-b', 'feature/two-commits');
    await api.scanAll();
    const shas = [commitFromTerminal(root, 'feat: first half')];
    await eventually('the first commit to be recorded', () => query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'open'", shas[0])[0]);
    shas.push(commitFromTerminal(root, 'feat: second half'));
    await eventually('the second commit to be recorded', () => query(api.databaseFile, "SELECT 1 FROM commits WHERE sha = ? AND status = 'open'", shas[1])[0]);
    git(root, 'checkout', '-q', 'main');
    git(root, 'merge', '-q', '--no-ff', '--no-edit', 'feature/two-commits');
    await eventually('the branch prompt', () => (person.notifications.some((message) => message.startsWith('Branch feature/two-commits')) ? true : undefined));
    git(root, 'branch', '-q', '-d', 'feature/two-commits');
    await api.scanAll();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await api.scanAll();
    assert.deepEqual(person.notifications, [`Branch feature/two-commits merged into main (2 commits) in ${path.basename(root)}. What shipped?`]);
  });

  test('a burst of commits joins the prompt on screen: one notification, one outcome for all of them', async () => {
    const line = 'Billing exports every invoice line the auditors asked for';
    const person = new HesitantPerson([{ line }]);
    api.setPromptSurface(person);
    const shas: string[] = [];
    for (let index = 0; index < 4; index++) {
      shas.push(commitFromTerminal(root, `feat: billing export part ${index + 1}`));
      await eventually(`commit ${index + 1} to be recorded`, () => query(api.databaseFile, 'SELECT 1 FROM commits WHERE sha = ?', shas[index])[0]);
      await new Promise((resolve) => setTimeout(resolve, 800));
    }
    await api.scanAll();
    assert.equal(person.notifications.length, 1, person.notifications.join('\n'));
    const groups = query<{ n: number }>(api.databaseFile, `SELECT count(DISTINCT ask_group) AS n FROM commits WHERE sha IN (${shas.map(() => '?').join(',')})`, ...shas)[0].n;
    assert.equal(groups, 1, 'the four commits are one piece of work');
    person.answer(0, 'name');
    await eventually('the outcome of the whole burst', () => {
      const rows = query<{ sha: string }>(
        api.databaseFile,
        'SELECT c.sha FROM outcomes o JOIN outcome_commits oc ON oc.outcome_id = o.id JOIN commits c ON c.id = oc.commit_id WHERE o.text = ?',
        line,
      );
      return rows.length === 4 ? rows : undefined;
    });
    assert.equal(person.requests[0].title, `Outcome of 4 commits in ${path.basename(root)}`);
  });

  test('Escape keeps the typed line in Add an Outcome and in Rename: the next time it is there again', async () => {
    const adding = new ScriptedPerson(() => undefined, [{ draft: 'Mentored two new hires thro' }, { line: 'Mentored two new hires through their first release' }]);
    api.setPromptSurface(adding);
    await vscode.commands.executeCommand(Commands.addOutcome);
    await vscode.commands.executeCommand(Commands.addOutcome);
    assert.equal(adding.requests[1].value, 'Mentored two new hires thro', 'Add an Outcome reopens with what was typed');
    assert.match(adding.requests[0].escapeKeeps, /Escape keeps what you typed/);
    const [outcome] = query<{ id: string; text: string }>(api.databaseFile, "SELECT id, text FROM outcomes WHERE text LIKE 'Mentored two new hires through%'");
    assert.ok(outcome);

    const renaming = new ScriptedPerson(() => undefined, [{ draft: 'Mentored two engineers thr' }, { line: 'Mentored two engineers through their first release' }]);
    api.setPromptSurface(renaming);
    const node = { type: 'outcome', outcome: { id: outcome.id, text: outcome.text, kind: 'impact' }, parentId: 'test' };
    await vscode.commands.executeCommand(Commands.renameOutcome, node);
    await vscode.commands.executeCommand(Commands.renameOutcome, node);
    assert.equal(renaming.requests[1].value, 'Mentored two engineers thr', 'Rename reopens with the unsaved edit');
    assert.match(renaming.requests[0].escapeKeeps, /Escape keeps your edit/);
    assert.equal(query<{ text: string }>(api.databaseFile, 'SELECT text FROM outcomes WHERE id = ?', outcome.id)[0].text, 'Mentored two engineers through their first release');
  });
});
