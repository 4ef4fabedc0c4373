/**
 * git for sync: the only git that writes or reaches the network, and only in Progress Log's own
 * repository (a bare cache in its global storage) and to the sync repository the user named.
 * That remote is reached with the user's own git: their configuration, SSH keys and credential
 * helper (Progress Log stores no secret), never a prompt (GIT_TERMINAL_PROMPT=0, no askpass), no
 * hook (core.hooksPath off), no `ext::` transport. Each machine writes only its own ref,
 * `refs/progress-log/<machine id>`: every push is a fast-forward and git never merges content.
 * Nothing here knows VS Code.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { GitCommandError } from '../core/errors';
import type { Logger } from '../core/logger';
import { GitRunner, type GitGate, type GitInput } from './gitRunner';
import { assertSha } from './gitSafety';

/** What sync runs, and nothing else. */
const SYNC_COMMANDS: ReadonlySet<string> = new Set(['init', 'fetch', 'push', 'ls-remote', 'hash-object', 'mktree', 'commit-tree', 'update-ref', 'for-each-ref', 'ls-tree', 'cat-file', 'diff-tree', 'rev-list', 'count-objects']);

/** Environment keys that would point git at another repository, or make it ask someone. */
const DROPPED_ENV = /^(GIT_(DIR|WORK_TREE|INDEX_FILE|OBJECT_DIRECTORY|ALTERNATE_OBJECT_DIRECTORIES|COMMON_DIR|NAMESPACE|CEILING_DIRECTORIES|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|ASKPASS|EDITOR|PAGER|EXEC_PATH|TRACE.*)|SSH_ASKPASS|VSCODE_GIT_.*)$/i;

/** The gate of sync's git: its commands only, no hooks, no pager, no prompt, the user's credentials. */
export const SYNC_GATE: GitGate = {
  command(args) {
    // The only configuration a caller gives: who writes a commit (this machine).
    let index = 0;
    while (args[index] === '-c' && /^user\.(name|email)=[^\0\n]*$/.test(args[index + 1] ?? '')) index += 2;
    const subcommand = args[index];
    if (subcommand === undefined || !SYNC_COMMANDS.has(subcommand)) throw new GitCommandError(`Refused to run git ${args.join(' ')}: not one of the commands sync runs`, args);
    return ['-c', `core.hooksPath=${os.devNull}`, '-c', 'protocol.ext.allow=never', '-c', 'core.fsmonitor=', '-c', 'gc.auto=0', '--no-pager', ...args];
  },
  environment() {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !DROPPED_ENV.test(key)) env[key] = value;
    env.GIT_TERMINAL_PROMPT = '0';
    // ssh may not ask for a passphrase or a host's key on a terminal nobody watches.
    env.GIT_SSH_VARIANT ??= 'auto';
    return env;
  },
};

/** A file in a commit of the sync repository. */
export interface SyncFile {
  path: string;
  blob: string;
}

/** The name of a machine's ref in the sync repository. */
export function machineRef(machine: string): string {
  if (!/^[a-z0-9]+$/.test(machine)) throw new GitCommandError(`Not a machine id: ${machine}`, []);
  return `refs/progress-log/${machine}`;
}

/** Where fetched refs are kept in the cache: apart from this machine's own, which only it writes. */
export const FETCHED = 'refs/progress-log-fetched/';

/** A sync repository as the user names it: a URL git knows, or a path; never something git would read as an option. */
export function checkedRemote(remote: string): string {
  const trimmed = remote.trim();
  if (trimmed === '' || trimmed.startsWith('-') || /^ext::/i.test(trimmed) || /[\0\n\r]/.test(trimmed)) {
    throw new GitCommandError(`Not a repository Progress Log can sync with: ${JSON.stringify(remote)}`, []);
  }
  return trimmed;
}

export class SyncGit {
  private readonly git: GitRunner;

  constructor(logger: Logger, binary: () => string | undefined = () => undefined, timeoutMs = 60_000) {
    this.git = new GitRunner({ logger, binary, timeoutMs, gate: SYNC_GATE });
  }

  /** Makes the cache (a bare repository) unless it is there. */
  async init(cache: string): Promise<void> {
    await this.git.run(path.dirname(cache), ['init', '--bare', '-q', '--', cache]);
  }

  /** Whether git can reach the sync repository with the user's credentials; throws git's reason when it cannot. */
  async reach(cache: string, remote: string): Promise<void> {
    await this.git.run(cache, ['ls-remote', '--end-of-options', checkedRemote(remote), 'refs/progress-log/*']);
  }

  /** Brings every machine's ref from the sync repository (refs outside refs/heads are fetched only when named). */
  async fetch(cache: string, remote: string): Promise<void> {
    await this.git.run(cache, ['fetch', '-q', '--no-tags', '--prune', '--end-of-options', checkedRemote(remote), `+refs/progress-log/*:${FETCHED}*`]);
  }

  /** Pushes this machine's ref; throws when the sync repository refuses it. */
  async push(cache: string, remote: string, ref: string): Promise<void> {
    await this.git.run(cache, ['push', '-q', '--porcelain', '--end-of-options', checkedRemote(remote), `${ref}:${ref}`]);
  }

  /** Refs under `prefix` and their commits. */
  async refs(cache: string, prefix: string): Promise<Map<string, string>> {
    const output = await this.git.run(cache, ['for-each-ref', '--format=%(objectname) %(refname)', prefix]);
    return new Map(
      output
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const space = line.indexOf(' ');
          return [line.slice(space + 1), line.slice(0, space)] as const;
        }),
    );
  }

  /** Every file in a commit's tree. */
  async files(cache: string, commit: string): Promise<SyncFile[]> {
    const output = await this.git.run(cache, ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', assertSha(commit)]);
    return output
      .split('\0')
      .filter(Boolean)
      .map((entry) => {
        const [meta, file] = entry.split('\t');
        return { path: file, blob: meta.split(' ')[2] };
      });
  }

  /** The files `to` added since `from` (an ancestor), or undefined when `from` is not one (the ref was rewritten). */
  async addedSince(cache: string, from: string, to: string): Promise<string[] | undefined> {
    const behind = await this.git.run(cache, ['rev-list', '--count', '--end-of-options', assertSha(from), `^${assertSha(to)}`]);
    if (behind.trim() !== '0') return undefined;
    const output = await this.git.run(cache, ['diff-tree', '-r', '-z', '--name-only', '--no-renames', '--diff-filter=A', '--end-of-options', assertSha(from), assertSha(to)]);
    return output.split('\0').filter(Boolean);
  }

  /**
   * The lines of blobs, in one git process, handed over as git prints them: a year's first batch
   * is 270 MB, never one string. Each blob's size (in bytes) says where it ends, with or without a
   * last newline.
   */
  async *read(cache: string, blobs: readonly string[]): AsyncGenerator<string> {
    if (blobs.length === 0) return;
    // Bytes of the current blob still to come; HEADER: its header comes next; 0: the newline cat-file prints after it.
    const HEADER = -1;
    let remaining = HEADER;
    for await (const line of this.git.stream(cache, ['cat-file', '--batch'], { input: `${blobs.map(assertSha).join('\n')}\n` })) {
      if (remaining === HEADER) {
        const [object, type, size] = line.split(' ');
        if (type === 'missing') throw new GitCommandError(`The sync repository lacks ${object}`, ['cat-file']);
        remaining = Number(size);
      } else if (remaining === 0) {
        remaining = HEADER;
      } else {
        yield line;
        remaining -= Buffer.byteLength(line) + 1;
        // Below zero: the blob had no last newline, and cat-file's own ended this line.
        if (remaining < 0) remaining = HEADER;
      }
    }
  }

  /** Writes a file's contents (whole, or in pieces for a large one) into the cache; returns its blob. */
  async writeBlob(cache: string, text: GitInput): Promise<string> {
    return assertSha((await this.git.run(cache, ['hash-object', '-w', '--stdin'], { input: text })).trim());
  }

  /** A tree of `files` (paths of one folder level under the root, `month/batch.jsonl`). */
  async writeTree(cache: string, files: readonly SyncFile[]): Promise<string> {
    const folders = new Map<string, SyncFile[]>();
    for (const file of files) {
      const [folder, name] = file.path.split('/');
      if (!name) throw new GitCommandError(`Not a sync file: ${file.path}`, []);
      (folders.get(folder) ?? folders.set(folder, []).get(folder)!).push({ path: name, blob: file.blob });
    }
    const entries: string[] = [];
    for (const [folder, inside] of [...folders].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const tree = (await this.git.run(cache, ['mktree', '-z'], { input: inside.map((file) => `100644 blob ${assertSha(file.blob)}\t${file.path}\0`).join('') })).trim();
      entries.push(`040000 tree ${assertSha(tree)}\t${folder}\0`);
    }
    return assertSha((await this.git.run(cache, ['mktree', '-z'], { input: entries.join('') })).trim());
  }

  /** A commit of `tree` on `parents`, by this machine. */
  async commit(cache: string, tree: string, parents: readonly string[], message: string, machine: string): Promise<string> {
    const identity = ['-c', `user.name=Progress Log (${machine})`, '-c', `user.email=${machine}@progress-log.invalid`];
    const args = [...identity, 'commit-tree', assertSha(tree), ...parents.flatMap((parent) => ['-p', assertSha(parent)])];
    return assertSha((await this.git.run(cache, args, { input: message })).trim());
  }

  /** Moves a ref from `old` (null: it must not exist) to `value`, or fails when it moved meanwhile. */
  async updateRef(cache: string, ref: string, value: string, old: string | null): Promise<void> {
    await this.git.run(cache, ['update-ref', ref, assertSha(value), old ?? '0'.repeat(value.length)]);
  }

  /** Whether `ancestor` is reachable from `descendant`. */
  async isAncestor(cache: string, ancestor: string, descendant: string): Promise<boolean> {
    return (await this.git.run(cache, ['rev-list', '--count', '--end-of-options', assertSha(ancestor), `^${assertSha(descendant)}`])).trim() === '0';
  }

  /** The size of the cache on disk, in KiB (what a year of sync costs). */
  async size(cache: string): Promise<number> {
    const output = await this.git.run(cache, ['count-objects', '-v']);
    const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
    return field('size') + field('size-pack');
  }
}
