/**
 * A repository's own configuration must not make Progress Log's reads run a program. Each row of
 * HOSTILE_SETTINGS points one setting at a script that leaves a marker, in `.git/config` and again
 * through `include.path`; every read of GitReader then runs on a repository whose content triggers
 * the feature, and the marker must not exist. Control tests run plain git with the same
 * configuration and show the marker does appear, so that no row passes for want of a trigger.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { vulnerabilityCheck } from '@simple-git/argv-parser';
import { GitCommandError } from '../../src/core/errors';
import { GitReader } from '../../src/git/gitReader';
import { GitRunner } from '../../src/git/gitRunner';
import { NEUTRAL_CONFIG, safeArguments, UNSAFE_CATEGORIES } from '../../src/git/gitSafety';
import { MemoryLogger } from '../support/harness';
import { createTestRepo, makeTempDir, runGit } from '../support/testRepo';

/** A repository to read, and the commits the reads are asked about. */
interface Fixture {
  root: string;
  /** Where main and feature forked; also what origin/main points at in the local fixture. */
  base: string;
  /** main: a patch equal to one of feature's, a conflicting change, then three signed commits. */
  main: string;
  /** feature: the patch main also has, a conflicting change, then an inexact rename (its tip). */
  feature: string;
  /** A signed commit no ref reaches. */
  orphan: string;
}

/** Every public read of GitReader, as it would run on a fixture. A new read is one more line. */
const READS: { [Read in keyof GitReader]: (reader: GitReader, fixture: Fixture) => Promise<unknown> } = {
  readTips: (reader, f) => reader.readTips(f.root),
  commitsSince: (reader, f) => reader.commitsSince(f.root, f.main, [f.base], { excludeRemotes: false }),
  commitsBetween: (reader, f) => reader.commitsBetween(f.root, [f.main], f.feature),
  isAncestor: (reader, f) => reader.isAncestor(f.root, f.base, f.feature),
  branchesLanded: (reader, f) => reader.branchesLanded(f.root, [f.main], [f.base]),
  reachableFromAny: (reader, f) => reader.reachableFromAny(f.root, f.feature, [f.main, f.base]),
  firstParents: (reader, f) => reader.firstParents(f.root, f.main, [f.base]),
  changedFiles: (reader, f) => reader.changedFiles(f.root, f.feature),
  isReachableLocally: (reader, f) => reader.isReachableLocally(f.root, f.orphan),
  unreachableFrom: (reader, f) => reader.unreachableFrom(f.root, [f.orphan, f.main, f.feature]),
  commits: (reader, f) => reader.commits(f.root, [f.orphan, f.main, f.feature]),
  existing: (reader, f) => reader.existing(f.root, [f.orphan, f.main, f.feature]),
  patchIds: (reader, f) => reader.patchIds(f.root, [f.orphan, f.main, f.feature, f.base]),
  published: (reader, f) => reader.published(f.root, [f.orphan, f.main, f.feature]),
  rootCommit: (reader, f) => reader.rootCommit(f.root),
  gitDirectories: (reader, f) => reader.gitDirectories(f.root),
  repositoryRoot: (reader, f) => reader.repositoryRoot(f.root),
  landingOf: (reader, f) => reader.landingOf(f.root, f.feature, [f.base, f.main]),
  userEmail: (reader, f) => reader.userEmail(f.root),
  remoteUrl: (reader, f) => reader.remoteUrl(f.root),
  branchesOnRemote: (reader, f) => reader.branchesOnRemote(f.root, ['main', 'feature']),
  remoteDefaultBranch: (reader, f) => reader.remoteDefaultBranch(f.root),
  operationInProgress: (reader, f) => reader.operationInProgress(f.root),
  history: async (reader, f) => {
    const commits = [];
    for await (const commit of reader.history(f.root, [f.main, f.feature, f.orphan])) commits.push(commit);
    return commits;
  },
};

/** What a hostile row has to work with: the script that leaves the marker, and a folder of its own. */
interface Hostile {
  program: string;
  dir: string;
}

interface HostileSetting {
  /** Completes "a repository whose …". */
  name: string;
  /** `local`: a full repository; `partial`: a blob-less partial clone, whose reads may fetch. */
  repo: 'local' | 'partial';
  /** The repository's configuration: key and value. */
  config: (hostile: Hostile, fixture: Fixture) => [string, string][];
  /** Anything else the repository needs (hook files, an alternate). */
  prepare?: (hostile: Hostile, fixture: Fixture) => void;
  /** Plain git that does run the program under this configuration; absent where only a terminal, a server or a push would. */
  control?: (fixture: Fixture) => string[];
}

/** Every hook githooks(5) names. */
const HOOKS = [
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg',
  'commit-msg', 'post-commit', 'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-receive', 'update',
  'proc-receive', 'post-receive', 'post-update', 'reference-transaction', 'push-to-checkout', 'pre-auto-gc',
  'post-rewrite', 'sendemail-validate', 'fsmonitor-watchman', 'p4-changelist', 'p4-prepare-changelist',
  'p4-post-changelist', 'p4-pre-submit', 'post-index-change',
];

/** The subcommands GitReader runs (an alias or a pager of the same name must never be used). */
const SUBCOMMANDS = ['cherry', 'config', 'diff', 'diff-tree', 'for-each-ref', 'log', 'merge-base', 'name-rev', 'remote', 'rev-list', 'rev-parse', 'symbolic-ref'];

const diffThatFetches = (f: Fixture) => ['diff', '--name-only', f.base, f.feature];
const commitRunningHooks = () => ['commit', '--allow-empty', '-q', '-m', 'control'];

/** One row per way a repository's configuration could run a program. */
const HOSTILE_SETTINGS: HostileSetting[] = [
  { name: 'core.fsmonitor runs a program', repo: 'local', config: (h) => [['core.fsmonitor', h.program]], control: (f) => ['diff-tree', '--no-commit-id', '--name-status', '-r', '-M', '--root', '-z', f.feature] },
  { name: 'log.showSignature verifies OpenPGP signatures with gpg.program', repo: 'local', config: (h) => [['log.showSignature', 'true'], ['gpg.program', h.program]], control: (f) => ['log', '--format=%H', f.main] },
  { name: 'log.showSignature verifies SSH signatures with gpg.ssh.program', repo: 'local', config: (h) => [['log.showSignature', 'true'], ['gpg.format', 'ssh'], ['gpg.ssh.program', h.program], ['gpg.ssh.allowedSignersFile', path.join(h.dir, 'allowed_signers')]], prepare: (h) => fs.writeFileSync(path.join(h.dir, 'allowed_signers'), ''), control: (f) => ['log', '--format=%H', f.main] },
  { name: 'log.showSignature verifies X.509 signatures with gpg.x509.program', repo: 'local', config: (h) => [['log.showSignature', 'true'], ['gpg.format', 'x509'], ['gpg.x509.program', h.program]], control: (f) => ['log', '--format=%H', f.main] },
  { name: 'format.pretty asks for signatures (%G?)', repo: 'local', config: (h) => [['format.pretty', '%H %G?'], ['gpg.program', h.program]], control: (f) => ['log', f.main] },
  { name: 'diff.external runs a program', repo: 'local', config: (h) => [['diff.external', h.program]], control: (f) => ['diff', f.base, f.feature] },
  { name: 'diff driver command (diff.<driver>.command) runs a program', repo: 'local', config: (h) => [['diff.hostile.command', h.program]], control: (f) => ['diff', f.base, f.feature] },
  { name: 'diff driver textconv (diff.<driver>.textconv) runs a program', repo: 'local', config: (h) => [['diff.hostile.textconv', h.program]], control: (f) => ['diff', f.base, f.feature] },
  { name: 'clean filter (filter.<driver>.clean) runs a program', repo: 'local', config: (h) => [['filter.hostile.clean', h.program]], control: () => ['diff'] },
  { name: 'smudge filter (filter.<driver>.smudge) runs a program', repo: 'local', config: (h) => [['filter.hostile.smudge', h.program]], control: (f) => ['checkout', f.base, '--', 'a.txt'] },
  { name: 'long-running filter (filter.<driver>.process) runs a program', repo: 'local', config: (h) => [['filter.hostile.process', h.program]], control: () => ['diff'] },
  { name: 'merge driver (merge.<driver>.driver) runs a program', repo: 'local', config: (h) => [['merge.hostile.driver', h.program]], control: (f) => ['merge-tree', '--write-tree', f.main, f.feature] },
  { name: 'hooks in .git/hooks run a program', repo: 'local', config: () => [], prepare: (h, f) => writeHooks(path.join(f.root, '.git', 'hooks'), h.program), control: commitRunningHooks },
  { name: 'core.hooksPath points at hooks that run a program', repo: 'local', config: (h) => [['core.hooksPath', path.join(h.dir, 'hooks')]], prepare: (h) => writeHooks(path.join(h.dir, 'hooks'), h.program), control: commitRunningHooks },
  { name: 'core.pager and pager.<command> run a program', repo: 'local', config: (h) => [['core.pager', h.program], ...SUBCOMMANDS.map((command): [string, string] => [`pager.${command}`, h.program])] },
  { name: 'core.editor and sequence.editor run a program', repo: 'local', config: (h) => [['core.editor', h.program], ['sequence.editor', h.program]], control: () => ['commit', '--allow-empty', '-q'] },
  { name: 'aliases named like git commands run a program', repo: 'local', config: (h) => SUBCOMMANDS.map((command): [string, string] => [`alias.${command}`, `!${h.program}`]) },
  { name: 'core.alternateRefsCommand runs a program', repo: 'local', config: (h) => [['core.alternateRefsCommand', h.program]], prepare: (h, f) => addAlternate(h, f), control: (f) => ['rev-list', '--alternate-refs', '--count', f.main] },
  { name: 'partial clone fetches with remote.<name>.uploadpack', repo: 'partial', config: (h) => [['remote.origin.uploadpack', h.program], ['protocol.file.allow', 'always']], control: diffThatFetches },
  { name: 'partial clone fetches over ssh with core.sshCommand', repo: 'partial', config: (h) => [['remote.origin.url', 'ssh://example.invalid/origin.git'], ['core.sshCommand', h.program], ['protocol.ssh.allow', 'always']], control: diffThatFetches },
  { name: 'partial clone fetches over git:// with core.gitProxy', repo: 'partial', config: (h) => [['remote.origin.url', 'git://example.invalid/origin.git'], ['core.gitProxy', h.program]], control: diffThatFetches },
  { name: 'partial clone fetches through an ext:: remote it allows', repo: 'partial', config: (h) => [['remote.origin.url', `ext::${h.program}`], ['protocol.ext.allow', 'always']], control: diffThatFetches },
  { name: 'partial clone fetches over HTTP with credential.helper and core.askPass', repo: 'partial', config: (h) => [['remote.origin.url', 'http://127.0.0.1:9/origin.git'], ['credential.helper', `!${h.program}`], ['core.askPass', h.program]] },
];

/** How a row's configuration reaches the repository. */
const PLACEMENTS: { label: string; apply: (root: string, hostile: Hostile, config: [string, string][]) => void }[] = [
  { label: '', apply: (root, _hostile, config) => setConfig(root, path.join(root, '.git', 'config'), config) },
  {
    label: ', set through include.path',
    apply: (root, hostile, config) => {
      const included = path.join(hostile.dir, 'included.gitconfig');
      setConfig(root, included, config);
      // The included file must be the only source: a remote's first url would win over a later one.
      for (const [key] of config) unsetConfig(root, key);
      runGit(root, ['config', 'include.path', included]);
    },
  },
];

function setConfig(root: string, file: string, config: [string, string][]): void {
  fs.appendFileSync(file, '');
  for (const [key, value] of config) runGit(root, ['config', '--file', file, key, value]);
}

function unsetConfig(root: string, key: string): void {
  try {
    runGit(root, ['config', '--unset-all', key]);
  } catch {
    // it was not set
  }
}

function writeHooks(dir: string, program: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const hook of HOOKS) fs.copyFileSync(program, path.join(dir, hook));
}

function addAlternate(hostile: Hostile, fixture: Fixture): void {
  const other = path.join(hostile.dir, 'alternate.git');
  runGit(hostile.dir, ['clone', '-q', '--bare', fixture.root, other]);
  fs.writeFileSync(path.join(fixture.root, '.git', 'objects', 'info', 'alternates'), `${path.join(other, 'objects')}\n`);
}

/** A script that notes each run in `dir/ran`, then fails (as a broken program would). */
function hostileProgram(dir: string): Hostile {
  const program = path.join(dir, 'hostile.sh');
  fs.writeFileSync(program, `#!/bin/sh\necho "$0 $*" >> '${path.join(dir, 'ran')}'\nexit 1\n`, { mode: 0o755 });
  return { program, dir };
}

function ran(hostile: Hostile): string | undefined {
  const marker = path.join(hostile.dir, 'ran');
  return fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : undefined;
}

const SIGNATURES = {
  openpgp: ['-----BEGIN PGP SIGNATURE-----', '', 'iQEzBAABCAAdFiEEnotarealsignaturenotarealsignature', '=abcd', '-----END PGP SIGNATURE-----'],
  ssh: ['-----BEGIN SSH SIGNATURE-----', 'U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAgnotarealsignature', '-----END SSH SIGNATURE-----'],
  x509: ['-----BEGIN SIGNED MESSAGE-----', 'MIAGCSqGSIb3DQEHAqCAMIACAQExDTALBglghkgBZQMEAgEwgAYJKoZIhvcNAQcBAACg', '-----END SIGNED MESSAGE-----'],
};

/** Writes a commit object with a `gpgsig` header (it verifies as nothing, but git tries). */
function signedCommit(root: string, parent: string, kind: keyof typeof SIGNATURES, date: number): string {
  const tree = runGit(root, ['rev-parse', `${parent}^{tree}`]);
  const [first, ...rest] = SIGNATURES[kind];
  const object = [
    `tree ${tree}`,
    `parent ${parent}`,
    `author Dev Eloper <dev@example.com> ${date} +0000`,
    `committer Dev Eloper <dev@example.com> ${date} +0000`,
    `gpgsig ${first}`,
    ...rest.map((line) => ` ${line}`),
    '',
    `chore: signed with ${kind}`,
    '',
  ].join('\n');
  const file = path.join(root, '.git', `signed-${kind}`);
  fs.writeFileSync(file, object);
  const sha = runGit(root, ['hash-object', '-t', 'commit', '-w', file]);
  fs.rmSync(file);
  return sha;
}

const lines = (label: string) => Array.from({ length: 12 }, (_, index) => `${label} line ${index + 1}`).join('\n') + '\n';

/**
 * A repository with content that triggers each feature: .gitattributes sending every file to the
 * `hostile` diff, merge and filter drivers; a dirty working tree; a patch on both branches (so
 * `git cherry` compares content); a conflicting change (for merge drivers); an inexact rename on
 * feature's tip (rename detection reads blobs); three signed commits on main and one unreachable.
 */
function buildFixture(): Fixture {
  const repo = createTestRepo();
  const root = repo.root;
  const commit = (subject: string, files: Record<string, string>) => {
    for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(root, file), content);
    runGit(root, ['add', '-A']);
    runGit(root, ['commit', '-q', '-m', subject]);
    return runGit(root, ['rev-parse', 'HEAD']);
  };
  const base = commit('chore: base', {
    '.gitattributes': '* diff=hostile merge=hostile filter=hostile\n',
    'a.txt': lines('a'),
    'b.txt': lines('b'),
    'shared.txt': lines('shared'),
  });
  runGit(root, ['checkout', '-q', '-b', 'feature']);
  commit('fix: a, on both branches', { 'a.txt': lines('a').replace('a line 2', 'a line two') });
  commit('feat: shared, the feature way', { 'shared.txt': lines('shared').replace('shared line 5', 'feature') });
  runGit(root, ['mv', 'b.txt', 'c.txt']);
  const feature = commit('refactor: b becomes c', { 'c.txt': lines('b').replace('b line 12', 'c line 12') });
  runGit(root, ['checkout', '-q', 'main']);
  commit('fix: a, on both branches', { 'a.txt': lines('a').replace('a line 2', 'a line two') });
  let main = commit('feat: shared, the main way', { 'shared.txt': lines('shared').replace('shared line 5', 'main') });
  for (const [index, kind] of (['openpgp', 'ssh', 'x509'] as const).entries()) main = signedCommit(root, main, kind, 1_790_000_000 + index);
  const orphan = signedCommit(root, main, 'openpgp', 1_790_000_100);
  runGit(root, ['update-ref', 'refs/heads/main', main]);
  runGit(root, ['reset', '-q', '--hard', 'main']);
  runGit(root, ['update-ref', 'refs/remotes/origin/main', base]);
  runGit(root, ['symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main']);
  runGit(root, ['config', 'remote.origin.url', 'https://example.invalid/origin.git']);
  fs.appendFileSync(path.join(root, 'a.txt'), 'not committed\n');
  return { root, base, main, feature, orphan };
}

/** A blob-less partial clone of a fixture: feature's blobs are missing and a read would fetch them. */
function buildPartialClone(origin: Fixture): Fixture {
  runGit(origin.root, ['config', 'uploadpack.allowFilter', 'true']);
  runGit(origin.root, ['config', 'uploadpack.allowAnySHA1InWant', 'true']);
  const root = makeTempDir('progress-log-partial-');
  runGit(path.dirname(root), ['clone', '-q', '--filter=blob:none', `file://${origin.root}`, root]);
  runGit(root, ['config', 'user.email', 'dev@example.com']);
  runGit(root, ['branch', '-q', 'feature', 'origin/feature']);
  return { ...origin, root };
}

function copyOf(template: Fixture): Fixture {
  const root = makeTempDir('progress-log-hostile-');
  fs.cpSync(template.root, root, { recursive: true });
  return { ...template, root };
}

/** Runs every read; returns those that failed, by name. */
async function readEverything(fixture: Fixture): Promise<Map<string, unknown>> {
  const reader = new GitReader(new GitRunner({ logger: new MemoryLogger(), timeoutMs: 10_000 }));
  const names = Object.keys(READS) as (keyof GitReader)[];
  const results = await Promise.allSettled(names.map((name) => READS[name](reader, fixture)));
  const failures = new Map<string, unknown>();
  results.forEach((result, index) => {
    if (result.status === 'rejected') failures.set(names[index], result.reason);
  });
  return failures;
}

suite('a repository cannot make Progress Log run a program', () => {
  const templates: Partial<Record<HostileSetting['repo'], Fixture>> = {};
  const templateRoots: string[] = [];
  const cleanups: (() => void)[] = [];

  suiteSetup(function () {
    if (process.platform === 'win32') this.skip(); // the hostile programs are shell scripts
    templates.local = buildFixture();
    const origin = buildFixture();
    templates.partial = buildPartialClone(origin);
    templateRoots.push(templates.local.root, origin.root, templates.partial.root);
  });

  suiteTeardown(() => {
    for (const root of templateRoots) fs.rmSync(root, { recursive: true, force: true });
  });

  teardown(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });

  /** A fresh copy of the row's repository, the row's hostile program and configuration applied. */
  function hostileRepository(setting: HostileSetting, placement = PLACEMENTS[0]): { fixture: Fixture; hostile: Hostile } {
    const fixture = copyOf(templates[setting.repo]!);
    const hostile = hostileProgram(makeTempDir('progress-log-program-'));
    cleanups.push(
      () => fs.rmSync(fixture.root, { recursive: true, force: true }),
      () => fs.rmSync(hostile.dir, { recursive: true, force: true }),
    );
    setting.prepare?.(hostile, fixture);
    placement.apply(fixture.root, hostile, setting.config(hostile, fixture));
    return { fixture, hostile };
  }

  test('every read has something to do in the fixture: signed commits, a rename, a patch on both branches, a squash to judge', async () => {
    const fixture = copyOf(templates.local!);
    cleanups.push(() => fs.rmSync(fixture.root, { recursive: true, force: true }));
    const reader = new GitReader(new GitRunner({ logger: new MemoryLogger() }));
    const since = await reader.commitsSince(fixture.root, fixture.main, [fixture.base], { excludeRemotes: false });
    assert.deepEqual(since.slice(0, 3).map((commit) => commit.subject), ['chore: signed with x509', 'chore: signed with ssh', 'chore: signed with openpgp']);
    assert.deepEqual(await reader.changedFiles(fixture.root, fixture.feature), [{ status: 'R', oldPath: 'b.txt', path: 'c.txt' }]);
    assert.equal(await reader.reachableFromAny(fixture.root, fixture.feature, [fixture.main]), false);
    assert.equal(await reader.landingOf(fixture.root, fixture.feature, [fixture.base, fixture.main]), undefined);
    assert.deepEqual([...(await reader.unreachableFrom(fixture.root, [fixture.orphan, fixture.main]))], [fixture.orphan]);
    assert.equal(await reader.remoteDefaultBranch(fixture.root), 'main');
    assert.notEqual(runGit(fixture.root, ['status', '--porcelain']), '', 'the working tree is dirty, so a read of it would run filters');
  });

  for (const setting of HOSTILE_SETTINGS) {
    const configured = setting.config({ program: '', dir: '' }, {} as Fixture).length > 0;
    for (const placement of configured ? PLACEMENTS : PLACEMENTS.slice(0, 1)) {
      test(`a repository whose ${setting.name}${placement.label}: no read runs it`, async () => {
        const { fixture, hostile } = hostileRepository(setting, placement);
        const failures = await readEverything(fixture);
        assert.equal(ran(hostile), undefined, `a read ran the repository's program`);
        if (setting.repo === 'local') {
          assert.deepEqual([...failures.keys()], [], `every read succeeds: ${[...failures.values()].map(String).join('; ')}`);
        } else {
          // A partial clone lacks what some reads need, and fetches nothing: those reads fail, and say so.
          for (const failure of failures.values()) assert.ok(failure instanceof GitCommandError, String(failure));
        }
      });
    }
  }

  for (const setting of HOSTILE_SETTINGS.filter((row) => row.control)) {
    test(`control: plain git in a repository whose ${setting.name} does run it`, () => {
      const { fixture, hostile } = hostileRepository(setting);
      try {
        runGit(fixture.root, setting.control!(fixture));
      } catch {
        // the program fails on purpose, and git with it
      }
      assert.ok(ran(hostile), `plain git ${setting.control!(fixture).join(' ')} should have run the program`);
    });
  }
});

suite('git runner: callers cannot undo what keeps git from running programs', () => {
  const sha = 'a'.repeat(40);
  const refused: [string, string[]][] = [
    ['a -c configuration of its own', ['-c', 'core.fsmonitor=/tmp/x', 'log', '--end-of-options', sha]],
    ['a -c glued to its value', ['-ccore.fsmonitor=/tmp/x', 'log']],
    ['--config-env', ['--config-env=core.fsmonitor=EVIL', 'log']],
    ['--config-env as two arguments', ['--config-env', 'core.pager=EVIL', 'log']],
    ['--exec-path', ['--exec-path=/tmp', 'log']],
    ['-C', ['-C', '/tmp', 'log']],
    ['--git-dir', ['--git-dir=/tmp/other/.git', 'log']],
    ['--work-tree', ['--work-tree=/tmp', 'diff']],
    ['--namespace', ['--namespace=x', 'for-each-ref']],
    ['--paginate', ['--paginate', 'log']],
    ['-p (paginate)', ['-p', 'log']],
    ['--attr-source', ['--attr-source=HEAD', 'diff']],
    ['--bare', ['--bare', 'rev-parse']],
    ['--super-prefix', ['--super-prefix=x/', 'rev-parse']],
    ['no command at all', []],
    ['only global options', ['--literal-pathspecs']],
    ['a command that writes', ['commit', '-m', 'x']],
    ['a command that reaches the network', ['fetch', 'origin']],
    ['status, which refreshes the index and runs filters', ['status']],
    ['an alias', ['lg']],
    ['merge-tree, which runs merge drivers', ['merge-tree', '--write-tree', sha, sha]],
    ['--ext-diff', ['diff', '--ext-diff', '--end-of-options', sha, sha]],
    ['--textconv', ['log', '--textconv', '-p']],
    ['--show-signature', ['log', '--show-signature']],
    ['a %G placeholder', ['log', '--format=%H %G?']],
    ['a %G placeholder in --pretty=format:', ['log', '--pretty=format:%GS']],
    ['a %(signature) atom', ['for-each-ref', '--format=%(signature)']],
    ['a %(signature) atom as a separate argument', ['for-each-ref', '--format', '%(signature:key)']],
    ['a format the repository defines (pretty.<name>)', ['log', '--format=mine']],
    ['--alternate-refs', ['rev-list', '--alternate-refs', '--count', 'HEAD']],
    ['--remerge-diff', ['log', '--remerge-diff']],
    ['--diff-merges=remerge', ['log', '--diff-merges=remerge']],
    ['--output', ['log', '--output=/tmp/x']],
    ['config that writes', ['config', 'user.email', 'x@example.com']],
    ['config that unsets', ['config', '--unset', 'user.email']],
    ['remote show (network)', ['remote', 'show', 'origin']],
    ['symbolic-ref that writes', ['symbolic-ref', 'HEAD', 'refs/heads/x']],
    ['symbolic-ref that deletes', ['symbolic-ref', '-d', 'refs/remotes/origin/HEAD']],
    ['diff of the working tree (clean filters)', ['diff', '--name-only']],
    ['diff of a commit against the working tree', ['diff', '--name-only', '--end-of-options', sha]],
    ['diff of names that are not commit ids', ['diff', '--end-of-options', 'HEAD', 'main']],
    ['diff --no-index', ['diff', '--no-index', '--end-of-options', sha, sha]],
  ];

  for (const [what, args] of refused) {
    test(`refuses ${what}, before anything runs`, async () => {
      assert.throws(() => safeArguments(args), (error: unknown) => error instanceof GitCommandError && /^Refused to run git/.test(error.message));
      // A missing binary or folder would fail differently: the refusal comes first.
      const runner = new GitRunner({ logger: new MemoryLogger(), binary: () => '/nonexistent/bin/git' });
      await assert.rejects(runner.run('/nonexistent/repository', args), /Refused to run git/);
    });
  }

  test('every command gets the neutral configuration, no pager, no optional locks, then its safety options', () => {
    const argv = safeArguments(['--literal-pathspecs', 'log', '--format=%H', '--end-of-options', sha]);
    const subcommand = argv.indexOf('log');
    assert.deepEqual(argv.slice(0, NEUTRAL_CONFIG.length * 2), NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]));
    assert.deepEqual(argv.slice(NEUTRAL_CONFIG.length * 2, subcommand), ['--no-pager', '--no-optional-locks', '--literal-pathspecs']);
    assert.deepEqual(argv.slice(subcommand), ['log', '--no-ext-diff', '--no-textconv', '--no-show-signature', '--format=%H', '--end-of-options', sha]);
    assert.deepEqual(safeArguments(['diff-tree', '-r', sha]).slice(-5), ['diff-tree', '--no-ext-diff', '--no-textconv', '-r', sha]);
  });

  test('simple-git unsafe categories: exactly those the neutral configuration needs, and nothing else', () => {
    const needed = new Set(vulnerabilityCheck(safeArguments(['rev-parse', 'HEAD']), {}).map((vulnerability) => vulnerability.category));
    assert.deepEqual([...needed].sort(), Object.keys(UNSAFE_CATEGORIES).sort());
    assert.ok(Object.values(UNSAFE_CATEGORIES).every((enabled) => enabled === true));
  });
});
