/**
 * The only place that runs git, one way: every command passes the gate of `gitSafety.ts`
 * (read-only, validated, a repository's configuration kept from running programs), runs without a
 * shell in the safe environment, is stopped when it prints nothing for the timeout, is logged with
 * its time, and fails as a typed error of the core. `run` takes a command's whole output, `stream`
 * its records as they come: both read one process the same way. Nothing here knows VS Code.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { GitCommandError, GitMissingError } from '../core/errors';
import type { Logger } from '../core/logger';
import { safeCommand, safeEnvironment } from './gitSafety';

/** A command that produces no output for this long is killed. */
const DEFAULT_TIMEOUT_MS = 15_000;

export interface GitRunnerOptions {
  logger: Logger;
  /** Path of the git binary, e.g. the one VS Code's git extension found; `git` on PATH when absent. */
  binary?: () => string | undefined;
  timeoutMs?: number;
  /**
   * What git is allowed to run and in which environment: reads of the user's repositories, kept
   * from running anything they configure (the default); or sync's own repository (src/git/syncGit.ts).
   */
  gate?: GitGate;
}

/** Turns a caller's arguments into what git runs (or refuses them), and gives the environment it runs in. */
export interface GitGate {
  command(args: readonly string[], env: Record<string, string>): string[];
  environment(): Record<string, string>;
}

/** The gate of every read of a user's repository (gitSafety.ts). */
export const READ_GATE: GitGate = { command: safeCommand, environment: safeEnvironment };

/** How `stream` reads: where records end, what to write to stdin, and when to stop. */
export interface StreamOptions {
  /** What ends a record; the text between two is yielded. A newline unless given. */
  separator?: string;
  input?: string;
  /** Aborting stops git and ends the stream at the next record. */
  signal?: AbortSignal;
}

/**
 * What git reads on its standard input: a text, or a text in pieces (written one at a time as git
 * takes them, so that a large input is never one string to encode at once).
 */
export type GitInput = string | Iterable<string>;

/** How one git process is read: whole (no separator), or record by record. */
interface ReadOptions {
  input?: GitInput;
  signal?: AbortSignal;
  separator?: string;
}

/** Runs read-only git commands in one repository at a time. */
export class GitRunner {
  private readonly binary: () => string | undefined;
  private readonly timeoutMs: number;
  private readonly gate: GitGate;
  private readonly env: Record<string, string>;
  private readonly logger: Logger;

  constructor(options: GitRunnerOptions) {
    this.logger = options.logger;
    this.gate = options.gate ?? READ_GATE;
    this.env = this.gate.environment();
    this.binary = options.binary ?? (() => undefined);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Runs `git args…` in `cwd` and returns its standard output. A command that exits non-zero without
   * a word on stderr (`config --get` of an unset key, `rev-parse -q --verify` of a missing ref) is
   * git's way of saying "nothing": its output (empty) is returned.
   * `args` start with the subcommand (or `--literal-pathspecs`); the configuration and global
   * options that keep git from running programs are added by the gate, and anything that would undo
   * them is refused (see safeArguments).
   */
  async run(cwd: string, args: readonly string[], options: { input?: GitInput } = {}): Promise<string> {
    let output = '';
    for await (const text of this.read(cwd, args, options)) output += text;
    return output;
  }

  /**
   * Runs `git args…` like `run`, and hands over its standard output as it comes, one record at a
   * time: never more than a chunk and a record in memory, however long the history. git waits
   * while the caller works on a record (the pipe fills), and is stopped when the caller stops
   * reading, when `signal` aborts, or when it prints nothing for the timeout. Exit codes read as
   * in `run`; the last record comes only once git has exited well.
   */
  stream(cwd: string, args: readonly string[], options: StreamOptions = {}): AsyncGenerator<string> {
    return this.read(cwd, args, { ...options, separator: options.separator ?? '\n' });
  }

  /**
   * Starts git and reads its standard output: with a separator, yields each record as it arrives;
   * without, yields the whole output once. Either way what comes after the last separator is
   * yielded only after git exited well. Every failure becomes a GitMissingError (git cannot be
   * started) or a GitCommandError, and every command one line of the log.
   */
  private async *read(cwd: string, args: readonly string[], options: ReadOptions): AsyncGenerator<string> {
    const started = Date.now();
    const commandLine = `git ${args.join(' ')}`;
    const binary = this.binary() || 'git';
    let child: ChildProcessWithoutNullStreams;
    try {
      child = spawn(binary, this.gate.command(args, this.env), { cwd, env: this.env, stdio: 'pipe', windowsHide: true });
    } catch (error) {
      this.logger.warn(`${commandLine} (in ${cwd}) could not start: ${describe(error)}`);
      throw error instanceof GitCommandError ? error : new GitCommandError(`Cannot run git in ${cwd}: ${describe(error)}`, args, { cause: error });
    }
    const exited = new Promise<{ code: number | null; error?: NodeJS.ErrnoException }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('close', (code) => resolve({ code }));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading its input; its exit says why
    if (typeof options.input === 'string' || options.input === undefined) child.stdin.end(options.input ?? '');
    else void writeInPieces(child.stdin, options.input);
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
    const stop = () => child.kill();
    options.signal?.addEventListener('abort', stop);
    const { separator, signal } = options;
    const decoder = new StringDecoder('utf8');
    const chunks = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let pending = '';
    let records = 0;
    let finished = false;
    try {
      for (;;) {
        if (signal?.aborted) return;
        const next = await this.withinTimeout(chunks.next(), stop, args);
        if (next.done) break;
        pending += decoder.write(next.value);
        if (separator === undefined) continue;
        let end = pending.indexOf(separator);
        while (end !== -1) {
          const record = pending.slice(0, end);
          pending = pending.slice(end + separator.length);
          records++;
          yield record;
          if (signal?.aborted) return;
          end = pending.indexOf(separator);
        }
      }
      pending += decoder.end();
      const { code, error } = await exited;
      if (signal?.aborted) return;
      if (error) throw startFailure(error, binary, cwd, args);
      if (code === null) throw new GitCommandError(`git was stopped before it finished${stderr.trim() ? `: ${describe(stderr)}` : ''}`, args);
      if (code !== 0 && stderr.trim() !== '') throw new GitCommandError(describe(stderr), args);
      finished = true;
      if (separator === undefined || pending !== '') {
        if (separator !== undefined) records++;
        yield pending;
      }
    } catch (error) {
      this.logger.warn(`${commandLine} (in ${cwd}) failed after ${Date.now() - started}ms: ${describe(error)}`);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', stop);
      if (!finished) stop();
      const read = separator === undefined ? '' : `, ${records} record(s)${finished ? '' : ', stopped early'}`;
      this.logger.info(`> ${commandLine} (in ${cwd}) ${Date.now() - started}ms${read}`);
    }
  }

  /** Waits for git's next output, killing it when it stays silent for the timeout. */
  private async withinTimeout<T>(next: Promise<T>, stop: () => void, args: readonly string[]): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stop();
        reject(new GitCommandError(`git printed nothing for ${this.timeoutMs} ms and was stopped`, args));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([next, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Writes `pieces` to git's input as it takes them; a git that stops reading (it exited) ends the writing, and its exit says why. */
async function writeInPieces(stdin: Writable, pieces: Iterable<string>): Promise<void> {
  const taken = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        stdin.off('drain', done);
        stdin.off('close', done);
        resolve();
      };
      stdin.on('drain', done);
      stdin.on('close', done);
    });
  for (const piece of pieces) {
    if (stdin.destroyed || stdin.writableEnded) return;
    if (!stdin.write(piece)) await taken();
  }
  if (!stdin.destroyed) stdin.end();
}

/** Why git did not start: no such program (or not one we may run), or no such folder to run it in. */
function startFailure(error: NodeJS.ErrnoException, binary: string, cwd: string, args: readonly string[]): Error {
  // spawn says ENOENT for a missing folder as for a missing program.
  if (error.code === 'ENOENT' && !fs.existsSync(cwd)) return new GitCommandError(`Cannot run git in ${cwd}: the folder does not exist`, args, { cause: error });
  if (error.code === 'ENOENT' || error.code === 'EACCES') return new GitMissingError(`git could not be started (${binary})`, { cause: error });
  return new GitCommandError(error.message, args, { cause: error });
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').slice(0, 3).join(' ');
}
