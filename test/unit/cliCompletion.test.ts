/**
 * Shell completion, as bash, zsh and fish run it: each script is loaded into the real shell and
 * asked what completes a command line. zsh's completion system needs a terminal, so its primitives
 * (_describe, compadd, _files) are stood in for by functions that print what they were given; bash
 * and fish are asked the way they ask themselves.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { completionScript, type Shell } from '../../src/cli/common/completion';
import { COMMANDS, GLOBAL_OPTIONS, PROGRAM } from '../../src/cli/commands';
import { makeTempDir } from '../support/testRepo';

suite('shell completion', () => {
  let folder: string;
  const scripts = {} as Record<Shell, string>;

  suiteSetup(() => {
    folder = makeTempDir('progress-log-completion-');
    fs.mkdirSync(path.join(folder, 'shop'));
    fs.mkdirSync(path.join(folder, 'shelf'));
    fs.writeFileSync(path.join(folder, 'notes.md'), '');
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      scripts[shell] = path.join(folder, `completion.${shell}`);
      fs.writeFileSync(scripts[shell], completionScript(shell, PROGRAM, GLOBAL_OPTIONS));
    }
  });

  suiteTeardown(() => fs.rmSync(folder, { recursive: true, force: true }));

  /** What bash offers for the words of a command line, the last one being completed. */
  const bash = (...words: string[]) =>
    execFileSync('bash', ['-c', `source ${scripts.bash}; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _progress_log; printf '%s\\n' "\${COMPREPLY[@]}"`, 'bash', 'progress-log', ...words], { cwd: folder, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort();

  /** What zsh's function hands to completion's primitives for the words of a command line. */
  const zsh = (...words: string[]) =>
    execFileSync(
      'zsh',
      [
        '-f',
        '-c',
        [
          '_describe() { local entry; for entry in ${(P)4}; do print -r -- ${entry%%:*}; done }',
          'compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; print -rl -- "$@" }',
          '_files() { print -r -- "<files $*>" }',
          '_message() { print -r -- "<message $*>" }',
          'compdef() { }',
          `source ${scripts.zsh}`,
          'words=(progress-log "$@"); CURRENT=${#words}; _progress_log',
        ].join('\n'),
        'zsh',
        ...words,
      ],
      { cwd: folder, encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean)
      .sort();

  /** What fish offers for a command line (`complete -C`), without the descriptions. */
  const fish = (line: string) =>
    execFileSync('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C ${JSON.stringify(`progress-log ${line}`)}`], { cwd: folder, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((entry) => entry.split('\t')[0])
      .sort();

  const commandNames = COMMANDS.map((command) => command.name).sort();
  const sorted = (...values: string[]) => [...values].sort();

  test('the commands, at the start', () => {
    assert.deepEqual(bash(''), commandNames);
    assert.deepEqual(zsh(''), commandNames);
    assert.deepEqual(fish(''), commandNames);
    assert.deepEqual(bash('we'), ['week']);
    assert.deepEqual(fish('we'), ['week']);
  });

  test("a command's subcommands, and a subcommand's own options", () => {
    const subs = sorted('list', 'add', 'complete', 'drop', 'restore');
    assert.deepEqual(bash('goals', ''), subs);
    assert.deepEqual(zsh('goals', ''), subs);
    assert.deepEqual(fish('goals '), subs);
    const addOptions = sorted('--why', '--target', ...GLOBAL_OPTIONS.map((option) => `--${option.name}`));
    assert.deepEqual(bash('goals', 'add', '--'), addOptions);
    assert.deepEqual(zsh('goals', 'add', '--'), addOptions);
    assert.deepEqual(fish('goals add --'), addOptions);
  });

  test('the top-level add and goals add are told apart', () => {
    assert.ok(bash('add', '--').includes('--kind'));
    assert.ok(!bash('goals', 'add', '--').includes('--kind'));
    assert.ok(fish('add --').includes('--kind'));
    assert.ok(!fish('goals add --').includes('--kind'));
  });

  test('values from a fixed list, for the command they belong to', () => {
    const formats = sorted('markdown', 'text', 'json', 'csv');
    assert.deepEqual(bash('export', '--format', ''), formats);
    assert.deepEqual(zsh('export', '--format', ''), formats);
    assert.deepEqual(fish('export --format '), formats);
    assert.deepEqual(bash('add', '--kind', 'r'), ['routine']);
    assert.deepEqual(bash('insights', '--range', 'last'), ['last-12-months', 'last-12-weeks']);
    assert.deepEqual(bash('completion', ''), sorted('bash', 'zsh', 'fish'));
    assert.deepEqual(fish('completion '), sorted('bash', 'zsh', 'fish'));
  });

  test("an option's value is not taken for a command", () => {
    assert.deepEqual(bash('--db', '/tmp/x.sqlite', 'we'), ['week']);
    assert.deepEqual(bash('week', '--date', '2026-11-02', '--l'), ['--last']);
    assert.deepEqual(zsh('--db', '/tmp/x.sqlite', 'goals', ''), sorted('list', 'add', 'complete', 'drop', 'restore'));
    assert.deepEqual(fish('--db /tmp/x.sqlite goals '), sorted('list', 'add', 'complete', 'drop', 'restore'));
    assert.deepEqual(bash('list', '--since', ''), [], 'a day is typed, not offered');
  });

  test('files for --db and --output, folders for the repositories scan and import take', () => {
    assert.deepEqual(bash('export', '-o', 'no'), ['notes.md']);
    assert.deepEqual(zsh('--db', ''), ['<files >']);
    assert.deepEqual(bash('scan', 'sh'), ['shelf', 'shop']);
    assert.deepEqual(zsh('import', ''), ['<files -/>']);
    assert.deepEqual(fish('scan sh'), ['shelf/', 'shop/']);
  });

  test('every command and every option of the table is in each script', () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const text = fs.readFileSync(scripts[shell], 'utf8');
      const walk = (command: (typeof COMMANDS)[number]) => {
        assert.ok(text.includes(command.name), `${shell} lacks ${command.name}`);
        for (const option of command.options ?? []) assert.ok(text.includes(shell === 'fish' ? `-l ${option.name}` : `--${option.name}`), `${shell} lacks --${option.name} of ${command.name}`);
        for (const sub of command.subcommands ?? []) walk(sub);
      };
      COMMANDS.forEach(walk);
    }
  });
});
