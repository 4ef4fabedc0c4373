/**
 * The only place that runs git. Every command is read-only, validated, logged, bounded by a
 * timeout, and never prompts for credentials; and whatever a repository's configuration says, it
 * runs no other program. Nothing here knows VS Code.
 * (It is longer than the rest on purpose: the allow-list, the argument checks and the settings that
 * neutralise a repository's configuration stay in one file, so that every git process passes one gate.)
 */
import { vulnerabilityCheck } from '@simple-git/argv-parser';
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { GitCommandError, GitMissingError } from '../core/errors';
import type { Logger } from '../core/logger';

/** A command that produces no output for this long is killed. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Environment keys that simple-git refuses to pass on (they can make git run other programs).
 * We drop them rather than enable any `unsafe` option: reading history never needs them.
 */
const GUARDED_ENV_KEYS = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

/** Every transport git has built in, and the remote helpers that ship with it. */
const TRANSPORTS = ['file', 'git', 'ssh', 'http', 'https', 'ftp', 'ftps', 'ext', 'fd'];

/**
 * The configuration a repository could use to make a read run a program, set back to values that
 * run nothing. Given as `-c` before every command: the command line wins over `.git/config`, over
 * every file it reaches through `include.path` or `includeIf`, and over the user's own files; and
 * git hands it on to any git it starts itself (a lazy fetch, a submodule).
 */
export const NEUTRAL_CONFIG: readonly string[] = [
  // Reading the index (diff-tree does, for attributes) starts core.fsmonitor. An empty value turns
  // it off in every git; `false` was the name of a program to run before git 2.36.
  'core.fsmonitor=',
  // log and show verify signed commits when asked to show signatures: gpg.program, gpg.ssh.program
  // or gpg.x509.program runs.
  'log.showSignature=false',
  // log and show without --format use format.pretty, which can ask for a signature (%G?).
  'format.pretty=medium',
  // No read runs a hook. Should one ever write the index (post-index-change) or start gc
  // (pre-auto-gc), the hooks stay off, wherever .git/hooks or core.hooksPath point.
  'core.hooksPath=/dev/null',
  // A partial clone fetches a missing object during a read (diff, diff-tree, cherry), and the
  // fetch runs core.sshCommand, remote.<name>.uploadpack, core.gitProxy, an ext:: URL or a
  // credential helper. GIT_NO_LAZY_FETCH stops that (git 2.44, and the 2024 security releases
  // 2.39.4 to 2.43.4); for older git no transport is allowed. A repository's protocol.<name>.allow
  // wins over protocol.allow, hence every name.
  'protocol.allow=never',
  ...TRANSPORTS.map((transport) => `protocol.${transport}.allow=never`),
];

/**
 * simple-git refuses to set these keys at all, even to values that turn programs off. We enable
 * exactly the categories NEUTRAL_CONFIG needs (core.fsmonitor, core.hooksPath, protocol.*.allow),
 * and no other: what is set is fixed constants that disable programs, and safeArguments refuses
 * any `-c` or global option from a caller, so nothing else can pass through them.
 */
export const UNSAFE_CATEGORIES = {
  allowUnsafeFsMonitor: true,
  allowUnsafeHooksPath: true,
  allowUnsafeProtocolOverride: true,
} as const satisfies SimpleGitOptions['unsafe'];

/**
 * Options given before every command: no pager (core.pager, pager.<cmd>; git pages only a terminal,
 * and ours is a pipe, but this says so whatever the version), and no opportunistic write of the
 * index, which would take its lock under the user's own git and fire post-index-change.
 */
const GLOBAL_OPTIONS = ['--no-pager', '--no-optional-locks'];

/** The global options a caller may give: they change only how its own pathspecs are read. */
const CALLER_GLOBAL_OPTIONS = new Set(['--literal-pathspecs']);

/** Options that would run an external diff or textconv program, whatever the configuration says. */
const NO_DIFF_PROGRAMS = ['--no-ext-diff', '--no-textconv'];

interface ReadCommand {
  /** Options given right after the subcommand: they turn off what could run a program. */
  safety?: readonly string[];
  /** Throws when these arguments would make the command write, or look beyond history. */
  check?: (args: readonly string[]) => void;
}

/**
 * The subcommands Progress Log runs, each with what keeps it from running a program. A command not
 * listed is refused: add it here with its own safety options after reading its manual page (an
 * alias of the same name is never run: git runs its own command first).
 */
const READ_COMMANDS: ReadonlyMap<string, ReadCommand> = new Map<string, ReadCommand>([
  ['cat-file', { check: onlyBatchCheck }],
  ['cherry', {}],
  ['config', { check: onlyConfigReads }],
  ['diff', { safety: NO_DIFF_PROGRAMS, check: onlyTwoCommits }],
  ['diff-tree', { safety: NO_DIFF_PROGRAMS }],
  ['for-each-ref', {}],
  ['log', { safety: [...NO_DIFF_PROGRAMS, '--no-show-signature'] }],
  ['merge-base', {}],
  ['patch-id', { check: onlyStdinPatchIds }],
  ['remote', { check: onlyListRemotes }],
  ['rev-list', {}],
  ['rev-parse', {}],
  ['show', { safety: [...NO_DIFF_PROGRAMS, '--no-show-signature'] }],
  ['symbolic-ref', { check: oneRefRead }],
]);

/** Options no caller may give: each turns back on a program, a write or an in-memory merge. */
const REFUSED_OPTIONS: readonly [RegExp, string][] = [
  [/^--(ext-diff|textconv)$/, 'runs the external diff or textconv program the repository configures'],
  [/^--show-signature$/, 'runs gpg.program to verify signatures'],
  [/^--alternate-refs$/, 'runs core.alternateRefsCommand'],
  [/^--(remerge-diff|diff-merges=(r|remerge))$/, 'merges in memory, which runs merge drivers'],
  [/^--output(=|$)/, 'writes a file'],
];

/** Built-in pretty formats; any other name is looked up in the repository's `pretty.<name>`. */
const BUILTIN_PRETTY = new Set(['oneline', 'short', 'medium', 'full', 'fuller', 'reference', 'email', 'mboxrd', 'raw']);

export interface GitRunnerOptions {
  logger: Logger;
  /** Path of the git binary, e.g. the one VS Code's git extension found; `git` on PATH when absent. */
  binary?: () => string | undefined;
  timeoutMs?: number;
}

/** Whether a string is a full or abbreviated hexadecimal object name. */
export function isSha(value: string): boolean {
  return /^[0-9a-f]{4,64}$/i.test(value);
}

/** Throws unless the value is an object name git cannot mistake for an option. */
export function assertSha(value: string): string {
  if (!isSha(value)) throw new GitCommandError(`Not a commit id: ${JSON.stringify(value)}`, []);
  return value;
}

/** Throws unless the value is a ref name that cannot be read as an option or a range. */
export function assertRefName(value: string): string {
  // git's own rules (git check-ref-format): no ASCII space or control characters, none of ~^:?*[\,
  // no "..", no "@{". Unicode spaces and punctuation are valid and stay allowed.
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (value.length === 0 || value.startsWith('-') || /[ ~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{/.test(value)) {
    throw new GitCommandError(`Not a branch name: ${JSON.stringify(value)}`, []);
  }
  return value;
}

/**
 * The arguments git really gets for `git args…`: the neutral configuration and global options, the
 * caller's pathspec option if any, the subcommand, its safety options, then the caller's arguments.
 * Throws a GitCommandError, before anything runs, for a global option, an unknown subcommand or an
 * option that would run a program or write.
 */
export function safeArguments(args: readonly string[]): string[] {
  let index = 0;
  while (index < args.length && args[index].startsWith('-')) {
    if (!CALLER_GLOBAL_OPTIONS.has(args[index])) {
      refuse(args, `${args[index]} is a global option: Progress Log gives git its global options and configuration itself`);
    }
    index++;
  }
  const subcommand = args[index];
  const command = subcommand === undefined ? undefined : READ_COMMANDS.get(subcommand);
  if (subcommand === undefined || !command) {
    refuse(args, `git ${subcommand ?? '(no command)'} is not one of the read-only commands Progress Log runs`);
  }
  const rest = args.slice(index + 1);
  checkOptions(args, optionPart(rest));
  command.check?.(rest);
  return [
    ...NEUTRAL_CONFIG.flatMap((setting) => ['-c', setting]),
    ...GLOBAL_OPTIONS,
    ...args.slice(0, index),
    subcommand,
    ...(command.safety ?? []),
    ...rest,
  ];
}

function refuse(args: readonly string[], reason: string): never {
  throw new GitCommandError(`Refused to run git ${args.join(' ')}: ${reason}`, args);
}

/** The arguments a command reads as options and their values: those before `--end-of-options` or `--`. */
function optionPart(rest: readonly string[]): readonly string[] {
  const end = rest.findIndex((arg) => arg === '--end-of-options' || arg === '--');
  return end === -1 ? rest : rest.slice(0, end);
}

function checkOptions(args: readonly string[], given: readonly string[]): void {
  for (const [index, option] of given.entries()) {
    if (!option.startsWith('-')) continue;
    for (const [pattern, reason] of REFUSED_OPTIONS) {
      if (pattern.test(option)) refuse(args, `${option} ${reason}`);
    }
    const format = /^--(?:format|pretty)(?:=(.*))?$/s.exec(option);
    if (format) checkFormat(args, format[1] ?? (option === '--format' ? (given[index + 1] ?? '') : ''));
  }
}

/** Throws for a format that verifies signatures, or that names a format the repository defines. */
function checkFormat(args: readonly string[], format: string): void {
  if (/%G|%\(signature/.test(format)) refuse(args, `the format ${JSON.stringify(format)} verifies signatures (runs gpg.program)`);
  const literal = format === '' || format.includes('%') || /^t?format:/.test(format) || BUILTIN_PRETTY.has(format.toLowerCase());
  if (!literal) refuse(args, `the format ${JSON.stringify(format)} would be looked up in the repository's pretty.<name>`);
}

function onlyConfigReads(rest: readonly string[]): void {
  if (!['--get', '--get-all', '--get-regexp'].includes(rest[0] ?? '')) {
    refuse(['config', ...rest], 'git config is run only to read a value (--get, --get-all, --get-regexp)');
  }
}

/** `git diff` between two commits never looks at the working tree, where clean filters would run. */
function onlyTwoCommits(rest: readonly string[]): void {
  const end = rest.indexOf('--end-of-options');
  const [from, to, next] = end === -1 ? [] : rest.slice(end + 1);
  if (from === undefined || to === undefined || !isSha(from) || !isSha(to) || (next !== undefined && next !== '--') || rest.includes('--no-index')) {
    refuse(['diff', ...rest], 'git diff compares two commit ids given after --end-of-options, never the working tree (clean filters would run)');
  }
}

/** `cat-file --batch-check`: object names and types only (`--textconv` and `--filters` would run programs). */
function onlyBatchCheck(args: readonly string[]): void {
  if (args.length !== 1 || !args[0].startsWith('--batch-check')) refuse(['cat-file', ...args], 'only --batch-check is read');
}

/** `patch-id --stable`: reads a patch from stdin, runs nothing. */
function onlyStdinPatchIds(args: readonly string[]): void {
  if (args.some((arg) => arg !== '--stable')) refuse(['patch-id', ...args], 'only --stable is used');
}

function onlyListRemotes(rest: readonly string[]): void {
  if (rest.some((arg) => !arg.startsWith('-'))) {
    refuse(['remote', ...rest], 'git remote is run only to list remotes (show and update reach the network, add writes)');
  }
}

function oneRefRead(rest: readonly string[]): void {
  const operands = rest.filter((arg) => !arg.startsWith('-'));
  if (operands.length > 1 || rest.some((arg) => /^(-d|--delete|-m)$/.test(arg))) {
    refuse(['symbolic-ref', ...rest], 'git symbolic-ref is run only to read one ref');
  }
}

function childEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (value === undefined || lower.startsWith('git_') || GUARDED_ENV_KEYS.has(lower)) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  // A partial clone never fetches what it lacks during a read (see NEUTRAL_CONFIG for older git).
  env.GIT_NO_LAZY_FETCH = '1';
  // Into a pipe, git flushes after every commit it logs unless told not to: reading 100,000
  // commits as a stream took ~19,000 reads instead of ~2,300, and twice as long after git's first byte.
  env.GIT_FLUSH = '0';
  return env;
}

function usableBinary(binary: string | undefined, logger: Logger): string {
  if (!binary) return 'git';
  // simple-git accepts a restricted character set for a custom binary (no spaces, for instance).
  if (/^([a-z]:)?[a-z0-9/.\\_~-]+$/i.test(binary)) return binary;
  logger.warn(`git at ${binary} has characters simple-git refuses; using git from PATH instead`);
  return 'git';
}

/** Runs read-only git commands in one repository at a time. */
export class GitRunner {
  private readonly binaryOption: () => string | undefined;
  private readonly timeoutMs: number;
  private readonly env = childEnvironment();
  private readonly logger: Logger;

  constructor(options: GitRunnerOptions) {
    this.logger = options.logger;
    this.binaryOption = options.binary ?? (() => undefined);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Runs `git args…` in `cwd` and returns its standard output. A command that exits non-zero without
   * a word on stderr (`config --get` of an unset key, `rev-parse -q --verify` of a missing ref) is
   * git's way of saying "nothing": simple-git then returns empty output, and so does this.
   * `args` start with the subcommand (or `--literal-pathspecs`); the configuration and global
   * options that keep git from running programs are added here, and anything that would undo them
   * is refused (see safeArguments).
   */
  async run(cwd: string, args: readonly string[], options: { input?: string } = {}): Promise<string> {
    const started = Date.now();
    const commandLine = `git ${args.join(' ')}`;
    const binary = usableBinary(this.binaryOption(), this.logger);
    let git: SimpleGit;
    let argv: string[];
    try {
      argv = safeArguments(args);
      git = simpleGit({
        baseDir: cwd,
        binary,
        timeout: { block: this.timeoutMs },
        allowEnvironment: ['GIT_TERMINAL_PROMPT', 'GIT_NO_LAZY_FETCH', 'GIT_FLUSH'],
        unsafe: { ...UNSAFE_CATEGORIES },
        ...(options.input !== undefined ? { input: () => options.input } : {}),
        // completion is left as it is: simple-git's 50 ms wait after a command that printed nothing
        // is fixed in its completion plugin, and `completion.onExit` (which only bounds the wait for
        // stdio to close after the exit) changed no timing we measured. A command that may print
        // nothing costs 50 ms; make it print (rev-list --count) where that matters.
      }).env(this.env);
    } catch (error) {
      this.logger.warn(`${commandLine} (in ${cwd}) could not start: ${describe(error)}`);
      if (error instanceof GitCommandError) throw error;
      throw new GitCommandError(`Cannot run git in ${cwd}: ${describe(error)}`, args, { cause: error });
    }
    try {
      const output = await git.raw(argv);
      this.logger.info(`> ${commandLine} (in ${cwd}) ${Date.now() - started}ms`);
      return output;
    } catch (error) {
      const message = describe(error);
      this.logger.warn(`${commandLine} (in ${cwd}) failed after ${Date.now() - started}ms: ${message}`);
      if (/\bENOENT\b|\bEACCES\b/.test(message) && !message.includes('fatal:')) {
        throw new GitMissingError(`git could not be started (${binary})`, { cause: error });
      }
      throw new GitCommandError(message, args, { cause: error });
    }
  }

  /**
   * Runs `git args…` like `run`, and hands over its standard output as it comes, one record at a
   * time: never more than a chunk and a record in memory, however long the history. git waits
   * while the caller works on a record (the pipe fills), and is stopped when the caller stops
   * reading, when `signal` aborts, or when it prints nothing for the timeout. Exit codes read as
   * in `run`: non-zero with a word on stderr throws a GitCommandError.
   */
  async *stream(cwd: string, args: readonly string[], options: StreamOptions = {}): AsyncGenerator<string> {
    const started = Date.now();
    const commandLine = `git ${args.join(' ')}`;
    const binary = usableBinary(this.binaryOption(), this.logger);
    const separator = options.separator ?? '\n';
    let child: ReturnType<typeof spawnGit>;
    try {
      child = spawnGit(binary, cwd, safeArguments(args), this.env, options.input);
    } catch (error) {
      this.logger.warn(`${commandLine} (in ${cwd}) could not start: ${describe(error)}`);
      if (error instanceof GitCommandError) throw error;
      throw new GitCommandError(`Cannot run git in ${cwd}: ${describe(error)}`, args, { cause: error });
    }
    const exited = new Promise<{ code: number | null; error?: Error }>((resolve) => {
      child.once('error', (error) => resolve({ code: null, error }));
      child.once('close', (code) => resolve({ code }));
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr = (stderr + text).slice(-4000)));
    const stop = () => child.kill();
    options.signal?.addEventListener('abort', stop);
    const decoder = new StringDecoder('utf8');
    const chunks = child.stdout[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let pending = '';
    let records = 0;
    let finished = false;
    try {
      for (;;) {
        if (options.signal?.aborted) return;
        const next = await this.withinTimeout(chunks.next(), stop);
        if (next.done) break;
        pending += decoder.write(next.value);
        let end = pending.indexOf(separator);
        while (end !== -1) {
          const record = pending.slice(0, end);
          pending = pending.slice(end + separator.length);
          records++;
          yield record;
          if (options.signal?.aborted) return;
          end = pending.indexOf(separator);
        }
      }
      pending += decoder.end();
      const { code, error } = await exited;
      if (options.signal?.aborted) return;
      if (error) {
        if (/\bENOENT\b|\bEACCES\b/.test(error.message)) throw new GitMissingError(`git could not be started (${binary})`, { cause: error });
        throw new GitCommandError(error.message, args, { cause: error });
      }
      if (code === null) throw new GitCommandError(`git was stopped before it finished${stderr.trim() ? `: ${describe(stderr)}` : ''}`, args);
      if (code !== 0 && stderr.trim() !== '') throw new GitCommandError(describe(stderr), args);
      finished = true;
      if (pending !== '') {
        records++;
        yield pending;
      }
    } catch (error) {
      this.logger.warn(`${commandLine} (in ${cwd}) failed after ${Date.now() - started}ms: ${describe(error)}`);
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', stop);
      if (!finished) stop();
      this.logger.info(`> ${commandLine} (in ${cwd}) ${Date.now() - started}ms, ${records} record(s)${finished ? '' : ', stopped early'}`);
    }
  }

  /** Waits for git's next output, killing it when it stays silent for the timeout. */
  private async withinTimeout<T>(next: Promise<T>, stop: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        stop();
        reject(new GitCommandError(`git printed nothing for ${this.timeoutMs} ms and was stopped`, []));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([next, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** How `stream` reads: where records end, what to write to stdin, and when to stop. */
export interface StreamOptions {
  /** What ends a record; the text between two is yielded. A newline unless given. */
  separator?: string;
  input?: string;
  /** Aborting stops git and ends the stream at the next record. */
  signal?: AbortSignal;
}

/**
 * Runs `git` directly for `stream`: simple-git collects a command's whole output before it
 * answers, and a stream must not. Everything that keeps `run` safe holds here too: the same
 * validated arguments, the same environment, the same check simple-git makes of its own (any
 * category it would refuse and NEUTRAL_CONFIG does not need is refused), no shell.
 */
function spawnGit(binary: string, cwd: string, argv: readonly string[], env: Record<string, string>, input: string | undefined) {
  const refused = vulnerabilityCheck(argv, env).filter((vulnerability) => !(vulnerability.category in UNSAFE_CATEGORIES));
  if (refused.length) throw new GitCommandError(`Refused to run git: ${refused.map((vulnerability) => vulnerability.message).join('; ')}`, argv);
  const child = spawn(binary, argv, { cwd, env, stdio: 'pipe', windowsHide: true });
  child.stdin.on('error', () => undefined); // git may exit before reading its input; its exit says why
  child.stdin.end(input ?? '');
  return child;
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').slice(0, 3).join(' ');
}

