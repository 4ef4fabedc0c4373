import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportFolder } from '../../src/report/saveFolder';
import { cleanupsAfterEach } from '../support/harness';
import { createTestRepo, makeTempDir } from '../support/testRepo';

suite('where "Save as a file" proposes to save an export', () => {
  const cleanups = cleanupsAfterEach();
  const folder = (prefix: string) => {
    const made = makeTempDir(prefix);
    cleanups.push(() => fs.rmSync(made, { recursive: true, force: true }));
    return made;
  };
  const repository = () => {
    const repo = createTestRepo();
    repo.commit('chore: start');
    cleanups.push(() => repo.cleanup());
    return repo;
  };

  test('the first time, the home folder', () => {
    const home = folder('home-');
    assert.equal(exportFolder(undefined, home), home);
  });

  test('then the folder the last export went to', () => {
    const home = folder('home-');
    const notes = folder('one-on-ones-');
    assert.equal(exportFolder(notes, home), notes);
  });

  test('not a last folder that is gone', () => {
    const home = folder('home-');
    const notes = folder('one-on-ones-');
    fs.rmSync(notes, { recursive: true });
    assert.equal(exportFolder(notes, home), home);
  });

  test('not a last folder in a repository, at its root or below, where git add -A would commit the notes', () => {
    const home = folder('home-');
    const repo = repository();
    const docs = path.join(repo.root, 'docs', 'notes');
    fs.mkdirSync(docs, { recursive: true });
    assert.equal(exportFolder(repo.root, home), home);
    assert.equal(exportFolder(docs, home), home);
  });

  test('not a last folder in a worktree or a submodule, whose .git is a file', () => {
    const home = folder('home-');
    const repo = repository();
    const worktree = path.join(folder('worktrees-'), 'feature');
    repo.git('worktree', 'add', '-q', '-b', 'feature', worktree);
    assert.ok(fs.statSync(path.join(worktree, '.git')).isFile());
    assert.equal(exportFolder(worktree, home), home);
  });
});
