/**
 * What a git command may be, and what it is always given: the read-only commands Progress Log
 * runs, the checks of their arguments, the configuration and global options that keep a
 * repository's own settings from running a program, and the environment. `gitRunner.ts` starts
 * nothing that has not passed `safeCommand` here. Nothing here runs git or knows VS Code.
 */
import { isGitEnvKey, vulnerabilityCheck, type VulnerabilityCategoryFlags } from '@simple-git/argv-parser';
import { GitCommandError } from '../core/errors';

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
 * simple-git's own check of a git command line (`@simple-git/argv-parser`) is asked too, as a
 * second opinion, and refuses these keys at all, even set to values that turn programs off. Exactly
 * the categories NEUTRAL_CONFIG needs (core.fsmonitor, core.hooksPath, protocol.*.allow) are let
 * through, and no other: what is set is fixed constants that disable programs, and safeArguments
 * refuses any `-c` or global option from a caller, so nothing else can pass through them.
 */
export const UNSAFE_CATEGORIES = {
  allowUnsafeFsMonitor: true,
  allowUnsafeHooksPath: true,
  allowUnsafeProtocolOverride: true,
} as const satisfies Partial<VulnerabilityCategoryFlags>;

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

/**
 * The environment of every git command: the extension host's, without any GIT_* variable or other
 * key that can make git run a program (an editor, a pager, an askpass; `isGitEnvKey` knows them),
 * and with what keeps a read a read.
 */
export function safeEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (value === undefined || lower.startsWith('git_') || isGitEnvKey(lower)) continue;
    env[key] = value;
  }
  env.GIT_TERMINAL_PROMPT = '0';
  // git refuses an abbreviated option (`--no-ext` for `--no-ext-diff`) rather than guess: the
  // options checked above are checked as spelled.
  env.GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS = 'true';
  // A partial clone never fetches what it lacks during a read (see NEUTRAL_CONFIG for older git).
  env.GIT_NO_LAZY_FETCH = '1';
  // Into a pipe, git flushes after every commit it logs unless told not to: a long history then
  // arrives in many times more reads, and takes about twice as long (bench/README.md, "import").
  env.GIT_FLUSH = '0';
  return env;
}

/**
 * The arguments git really gets for `git args…` (see safeArguments), run with `env`, once
 * simple-git's check agrees that nothing in them can run a program beyond the categories
 * NEUTRAL_CONFIG needs. Throws a GitCommandError, before anything runs, otherwise.
 */
export function safeCommand(args: readonly string[], env: Record<string, string>): string[] {
  const argv = safeArguments(args);
  const refused = vulnerabilityCheck(argv, env).filter((vulnerability) => !(vulnerability.category in UNSAFE_CATEGORIES));
  if (refused.length) refuse(args, refused.map((vulnerability) => vulnerability.message).join('; '));
  return argv;
}
