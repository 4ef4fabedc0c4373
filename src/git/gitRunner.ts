/**
 * The only place that runs git. Every command is read-only, validated, logged, bounded by a
 * timeout, and never prompts for credentials. Nothing here knows VS Code.
 */
import { simpleGit, type SimpleGit } from 'simple-git';
import { GitCommandError, GitMissingError } from '../core/errors';
import type { Logger } from '../core/logger';

/** A command that produces no output for this long is killed. */
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Environment keys that simple-git refuses to pass on (they can make git run other programs).
 * We drop them rather than enable any `unsafe` option: reading history never needs them.
 */
const GUARDED_ENV_KEYS = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

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
  if (value.length === 0 || value.startsWith('-') || /[ ~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{/.test(value)) {
    throw new GitCommandError(`Not a branch name: ${JSON.stringify(value)}`, []);
  }
  return value;
}

function childEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (value === undefined || lower.startsWith('git_') || GUARDED_ENV_KEYS.has(lower)) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
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
   */
  async run(cwd: string, args: readonly string[], options: { input?: string } = {}): Promise<string> {
    const started = Date.now();
    const commandLine = `git ${args.join(' ')}`;
    const binary = usableBinary(this.binaryOption(), this.logger);
    let git: SimpleGit;
    try {
      git = simpleGit({
        baseDir: cwd,
        binary,
        timeout: { block: this.timeoutMs },
        allowEnvironment: ['GIT_TERMINAL_PROMPT'],
        ...(options.input !== undefined ? { input: () => options.input } : {}),
      }).env(this.env);
    } catch (error) {
      this.logger.warn(`${commandLine} (in ${cwd}) could not start: ${describe(error)}`);
      throw new GitCommandError(`Cannot run git in ${cwd}: ${describe(error)}`, args, { cause: error });
    }
    try {
      const output = await git.raw([...args]);
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
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n').slice(0, 3).join(' ');
}

