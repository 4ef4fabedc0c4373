/**
 * One log on every machine, through a git repository the user owns. A sync fetches every
 * machine's ref (`refs/progress-log/<machine id>`) into Progress Log's own cache repository,
 * receives the operations it has not read yet (src/storage/operations.ts applies them by id, so
 * reading one twice changes nothing), then adds this machine's unsent operations to its own ref as
 * one batch file (`<yyyy-mm>/<batch ulid>.jsonl`, one operation per line) and pushes that ref.
 * Only this machine writes its ref, so the push is a fast-forward and git never merges content;
 * when the sync repository's copy of it is not an ancestor of ours (rewritten or deleted by hand,
 * or a copy of this database synced elsewhere), the new commit keeps both as parents and the union
 * of their files, so nothing is lost and the ref is pushed again. Operations count as sent only
 * once the push is done: a sync stopped anywhere is finished by the next one.
 * Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from '../core/logger';
import { inTurns } from '../core/turns';
import { newId } from '../core/ulid';
import { FETCHED, machineRef, type SyncFile, type SyncGit } from '../git/syncGit';
import type { OperationLog } from '../storage/operations';
import type { Store } from '../storage/store';
import { parseOperations, receiveInTurns } from './operationLines';

export interface SyncSettings {
  /** Progress Log's own bare repository, in its global storage. */
  cache: string;
  /** The sync repository: a URL git reaches with the user's credentials, or a path. */
  repository: string;
}

export interface SyncResult {
  /** Operations from other machines applied here. */
  received: number;
  /** Operations of this machine's pushed. */
  sent: number;
  /** This machine's ref was missing from the sync repository, or not as pushed, and was pushed again. */
  repushed: boolean;
}

/** A lock older than this is a sync that died: the next one takes over. */
const STALE_LOCK_MS = 10 * 60 * 1000;
/** Unsent operations read at once: a few milliseconds' work. */
const UNSENT_PAGE = 1000;

export class SyncEngine {
  constructor(
    private readonly store: Store,
    private readonly git: SyncGit,
    private readonly logger: Logger,
  ) {}

  /** Checks that git reaches the sync repository with the user's credentials; throws git's reason when it does not. */
  async check(settings: SyncSettings): Promise<void> {
    await this.ensureCache(settings.cache);
    await this.git.reach(settings.cache, settings.repository);
  }

  /**
   * Syncs once: receives what other machines sent, sends what this one made. Returns undefined
   * when another window of this machine is syncing the same cache right now.
   */
  async sync(settings: SyncSettings): Promise<SyncResult | undefined> {
    await this.ensureCache(settings.cache);
    const release = claim(settings.cache);
    if (!release) {
      this.logger.info('Sync: another window is syncing; this one leaves it to that one');
      return undefined;
    }
    try {
      return await this.syncNow(settings);
    } finally {
      release();
    }
  }

  private async syncNow({ cache, repository }: SyncSettings): Promise<SyncResult> {
    const started = Date.now();
    const operations = this.store.operations;
    const replayed = await operations.replayKept();
    if (replayed > 0) this.logger.info(`Sync: ${replayed} operation(s) an older Progress Log kept without applying them, applied now`);
    const made = await operations.baselineInTurns();
    if (made > 0) this.logger.info(`Sync: ${made} operation(s) made for what the log held before it kept operations`);
    const me = operations.machineId();
    await this.git.fetch(cache, repository);
    const fetched = await this.git.refs(cache, FETCHED);
    let received = 0;
    for (const [ref, tip] of fetched) received += await this.receive(cache, ref, tip);
    const { sent, repushed } = await this.send(cache, repository, me, fetched.get(FETCHED + me));
    this.logger.info(`Sync with ${repository}: ${received} operation(s) received, ${sent} sent${repushed ? ', this machine\'s ref pushed again' : ''} in ${Date.now() - started}ms`);
    return { received, sent, repushed };
  }

  /** Receives the operations of one machine's ref that this machine has not read yet. */
  private async receive(cache: string, ref: string, tip: string): Promise<number> {
    const operations = this.store.operations;
    const key = `read:${ref}`;
    const last = operations.state(key);
    if (last === tip) return 0;
    const added = last ? await this.git.addedSince(cache, last, tip) : undefined;
    const files = await this.git.files(cache, tip);
    const unread = added ? files.filter((file) => added.includes(file.path)) : files;
    const { parsed, skipped } = await parseOperations(this.git.read(cache, unread.map((file) => file.blob)));
    if (skipped > 0) this.logger.warn(`Sync: ${skipped} line(s) of ${ref.slice(FETCHED.length)} are not operations this version reads; they were left alone`);
    const received = await receiveInTurns(operations, parsed);
    operations.setState(key, tip);
    return received;
  }

  /** Adds this machine's unsent operations to its ref and pushes it. */
  private async send(cache: string, repository: string, me: string, remoteTip: string | undefined): Promise<{ sent: number; repushed: boolean }> {
    const operations = this.store.operations;
    const ref = machineRef(me);
    const localTip = (await this.git.refs(cache, ref)).get(ref);
    const unsent = await unsentLines(operations);
    // The sync repository's copy of this ref is ours unless it was rewritten, deleted, or written by a copy of this database.
    const remoteIsOurs = remoteTip === undefined ? false : localTip !== undefined && (remoteTip === localTip || (await this.git.isAncestor(cache, remoteTip, localTip)));
    const diverged = remoteTip !== undefined && !remoteIsOurs;
    if (unsent.length === 0 && !diverged) {
      if (localTip === undefined || remoteTip === localTip) return { sent: 0, repushed: false };
      // Deleted from the sync repository, or not pushed the last time: pushed as it is.
      await this.git.push(cache, repository, ref);
      return { sent: 0, repushed: remoteTip === undefined };
    }
    const files = new Map<string, SyncFile>();
    for (const tip of [localTip, diverged ? remoteTip : undefined]) if (tip) for (const file of await this.git.files(cache, tip)) files.set(file.path, file);
    const batch = newId(Date.now());
    if (unsent.length > 0) {
      const blob = await this.git.writeBlob(cache, batchText(unsent));
      files.set(batchPath(batch), { path: batchPath(batch), blob });
    }
    const tree = await this.git.writeTree(cache, [...files.values()]);
    const parents = [localTip, diverged ? remoteTip : undefined].filter((tip): tip is string => tip !== undefined);
    const commit = await this.git.commit(cache, tree, parents, `${unsent.length} operation(s) from ${me}\n`, me);
    await this.git.updateRef(cache, ref, commit, localTip ?? null);
    await this.git.push(cache, repository, ref);
    const ids = unsent.map((operation) => operation.id);
    await inTurns(ids.length, (start, end) => (operations.markSent(ids.slice(start, end), batch), 0));
    if (diverged) this.logger.warn(`Sync: ${repository} held this machine's operations otherwise than pushed (rewritten by hand, or a copy of this log synced elsewhere); both are kept and pushed again`);
    return { sent: unsent.length, repushed: diverged };
  }

  private async ensureCache(cache: string): Promise<void> {
    if (fs.existsSync(path.join(cache, 'HEAD'))) return;
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    await this.git.init(cache);
  }
}

/** Where a batch lives in the sync repository: a folder per month, so that no tree grows without end. */
/** This machine's unsent operations as the lines they travel as, read a page at a time with turns between (a log's first sync sends 100,000). */
async function unsentLines(operations: OperationLog): Promise<{ id: string; line: string }[]> {
  const lines: { id: string; line: string }[] = [];
  for (let page = operations.unsentLines(undefined, UNSENT_PAGE); ; page = operations.unsentLines(page[page.length - 1], UNSENT_PAGE)) {
    lines.push(...page);
    if (page.length < UNSENT_PAGE) return lines;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A batch file's text in pieces of a thousand lines: a year's first batch is 270 MB, never one string. */
function* batchText(unsent: readonly { line: string }[]): Generator<string> {
  for (let start = 0; start < unsent.length; start += UNSENT_PAGE) {
    yield `${unsent
      .slice(start, start + UNSENT_PAGE)
      .map((operation) => operation.line)
      .join('\n')}\n`;
  }
}

function batchPath(batch: string): string {
  const month = new Date().toISOString().slice(0, 7);
  return `${month}/${batch.toLowerCase()}.jsonl`;
}

/**
 * Takes the cache for this sync (one window of this machine at a time); undefined when another
 * holds it. A lock whose process is gone (a window killed mid-sync), or that is older than any
 * sync takes, is taken over.
 */
function claim(cache: string): (() => void) | undefined {
  const lock = path.join(cache, 'progress-log-sync.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (isHeld(lock)) return undefined;
      fs.rmSync(lock, { force: true });
    }
  }
  return undefined;
}

/** Whether a sync lock is held: by a process that still runs, for less time than a sync takes. */
function isHeld(lock: string): boolean {
  const stat = fs.statSync(lock, { throwIfNoEntry: false });
  if (!stat || Date.now() - stat.mtimeMs > STALE_LOCK_MS) return false;
  const pid = Number(fs.readFileSync(lock, 'utf8'));
  if (!Number.isInteger(pid) || pid <= 0) return true; // written by something else: left alone until it is stale
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}
