/**
 * The `progress-log` command as a person installs it: `npm run cli:pack`'s tarball, installed with
 * `npm install -g` into a prefix of its own (never the machine's global one), once for the whole
 * suite (mocha's global setup) and for the bench's timing of it. Tests run that installed command
 * as a subprocess, with the project's Node first on PATH.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGit, type TestRepo } from '../support/testRepo';

const root = path.resolve(__dirname, '..', '..', '..');

/** The installed command. */
export function command(): string {
  const installed = process.env.PROGRESS_LOG_INSTALLED;
  if (!installed) throw new Error('The command is not installed: run these tests with npm run test:cli');
  return installed;
}

/** PATH with the project's Node first, as the installed command's `#!/usr/bin/env node` finds it. */
export function pathWithNode(): string {
  return `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`;
}

/** The environment npm itself had: the user's home (its cache, its configuration), none of an outer npm run's settings. */
function npmEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, HOME: os.userInfo().homedir, PATH: pathWithNode() };
}

/** The command installed for a while: where it is, and how to take it away. */
export interface Installed {
  command: string;
  remove(): void;
}

/** Packs the command (`npm run cli:pack`'s tarball) and installs it with `npm install -g` into a prefix of its own. */
export function installCommand(): Installed {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-prefix-'));
  try {
    const tarball = execFileSync(process.execPath, [path.join(root, 'scripts', 'cli.mjs'), 'pack'], { cwd: prefix, encoding: 'utf8', env: npmEnvironment() }).trim();
    execFileSync('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', '--prefer-offline', path.resolve(prefix, tarball)], { cwd: prefix, stdio: ['ignore', 'ignore', 'inherit'], env: npmEnvironment() });
  } catch (error) {
    fs.rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
  return { command: path.join(prefix, 'bin', 'progress-log'), remove: () => fs.rmSync(prefix, { recursive: true, force: true }) };
}

let installed: Installed | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  const started = Date.now();
  installed = installCommand();
  process.env.PROGRESS_LOG_INSTALLED = installed.command;
  process.stderr.write(`[cli] packed and installed with npm install -g at ${installed.command} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

export function mochaGlobalTeardown(): void {
  installed?.remove();
}

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running command: what it printed so far, and its end. */
export interface Running {
  child: ChildProcess;
  printed(): { stdout: string; stderr: string };
  done: Promise<Result>;
}

/** Runs the installed command to its end. */
export function progressLog(args: readonly string[], env: NodeJS.ProcessEnv, options: { cwd?: string; input?: string } = {}): Promise<Result> {
  return start(args, env, options).done;
}

/** Starts the installed command. */
export function start(args: readonly string[], env: NodeJS.ProcessEnv, options: { cwd?: string; input?: string } = {}): Running {
  const child = spawn(command(), args, { cwd: options.cwd ?? os.tmpdir(), env: { ...process.env, PATH: pathWithNode(), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin!.end(options.input ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Result>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { child, printed: () => ({ stdout, stderr }), done };
}

/** Dates for commits made now, a second apart (the log takes work authored before it first looked as history). */
let second = 0;
export const now = () => {
  second = Math.max(second + 1, Math.floor(Date.now() / 1000));
  return { GIT_AUTHOR_DATE: `${second} +0000`, GIT_COMMITTER_DATE: `${second} +0000` };
};

/** Commits in `repo` dated now; returns the commit. */
export function commit(repo: TestRepo, subject: string): string {
  fs.appendFileSync(path.join(repo.root, 'work.txt'), `${subject}\n`);
  runGit(repo.root, ['add', '-A'], now());
  runGit(repo.root, ['commit', '-q', '-m', subject], now());
  return runGit(repo.root, ['rev-parse', 'HEAD']);
}

/** A branch made from main with `subjects` committed on it, merged into main (--no-ff) and deleted: one shell line's worth of work. */
export function mergedBranch(repo: TestRepo, branch: string, subjects: readonly string[]): void {
  runGit(repo.root, ['checkout', '-q', '-b', branch], now());
  for (const subject of subjects) commit(repo, subject);
  runGit(repo.root, ['checkout', '-q', 'main'], now());
  runGit(repo.root, ['merge', '-q', '--no-ff', '-m', `Merge branch '${branch}'`, branch], now());
  runGit(repo.root, ['branch', '-q', '-d', branch], now());
}
