/**
 * What the user asked to write while the database was locked by someone else, kept as data (not
 * code): one small file per write beside the database, `<file>.pending-<id>`, synced to disk and
 * readable by its owner only. Kept writes are written in order as soon as the lock clears: tried
 * again with growing waits, and at the next open when the window closed meanwhile. Any window may
 * write any kept write, and each is written once: a window writes one only while holding the
 * database's write lock and while its file still exists, removes the file once it committed, and
 * skips a write the database already holds (a crash between the two). A lock that passes (a
 * window of Progress Log taking its turn) keeps a write for a moment without a word; the user is
 * told only when what this window kept meets a lock that lasts (see `Database`).
 * Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { OutcomeKind } from '../core/domain';
import { InvalidInputError, StoreBusyError } from '../core/errors';
import * as l10n from '../core/l10n';
import { newId } from '../core/ulid';
import type { Database } from './database';
import { syncFolder, writeFileDurably } from './databaseFiles';
import type { LogChange } from './changes';
import type { NewOutcome } from './outcomes';
import { translate } from './translate';

/** What was typed and not saved yet (machine-local, not a change to the log). */
export interface DraftWrite {
  type: 'draft.set';
  target: string;
  text: string | null;
}

/** A write the user asked for, as data: a change to the log, or a draft. */
export type PendingWrite = LogChange | DraftWrite;

/** What a write did: done now (with what it gave back), or kept to be written as soon as the database is free. */
export type Written<T> = { state: 'saved'; value: T } | { state: 'kept' };

/** A kept write, as its file holds it. */
export interface KeptWrite {
  id: string;
  /** The database clock when it was kept. */
  keptAt: number;
  write: PendingWrite;
}

/** How kept writes of one kind (changes to the log, drafts) are written. */
export interface PendingWriteHandler<W extends PendingWrite> {
  write(write: W): void;
  /**
   * Whether the database already holds this write (written, then the window died before removing
   * its file). `legacy`: kept by an older Progress Log, whose outcomes had no id chosen beforehand.
   */
  alreadyWritten?(write: W, keptAt: number, legacy: boolean): boolean;
}

/** Writes kept by Progress Log before changes were one API, as their files may still hold them. */
type LegacyWrite =
  | { type: 'saveOutcome'; outcome: NewOutcome }
  | { type: 'editOutcome'; id: string; change: { text?: string; kind?: OutcomeKind } }
  | { type: 'settleCommits'; commitIds: readonly string[]; status: 'routine' | 'skipped' }
  | { type: 'settleBranch'; branchId: string; status: 'routine' | 'skipped' }
  | { type: 'setDraft'; target: string; text: string | null };

/** A kept write as today's code writes it; an older one is read as the change it was (its file's id names what it creates). */
function upgraded(kept: { id: string; write: PendingWrite | LegacyWrite }): { write: PendingWrite; legacy: boolean } {
  const write = kept.write;
  switch (write.type) {
    case 'saveOutcome':
      return { write: { type: 'outcome.create', id: kept.id, outcome: write.outcome }, legacy: true };
    case 'editOutcome':
      return { write: { type: 'outcome.edit', id: write.id, ...write.change }, legacy: true };
    case 'settleCommits':
      return { write: { type: 'commits.settle', commitIds: write.commitIds, status: write.status }, legacy: true };
    case 'settleBranch':
      return { write: { type: 'branch.settle', branchId: write.branchId, status: write.status }, legacy: true };
    case 'setDraft':
      return { write: { type: 'draft.set', target: write.target, text: write.text }, legacy: true };
    default:
      return { write, legacy: false };
  }
}

type Listener<T extends unknown[]> = (...args: T) => void;

/** The first wait before kept writes are tried again; it doubles up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;
/** How long one round of writing kept writes may hold the thread before it lets other work run. */
const ROUND_BUDGET_MS = 25;
/** How long a round waits for the lock before it leaves the kept writes for the next round. */
const ROUND_LOCK_WAIT_MS = 10;

export class PendingWrites {
  private readonly handlers: { change?: PendingWriteHandler<LogChange>; draft?: PendingWriteHandler<DraftWrite> } = {};
  private readonly keptListeners = new Set<Listener<[]>>();
  private readonly writtenListeners = new Set<Listener<[]>>();
  private readonly refusedListeners = new Set<Listener<[KeptWrite, Error]>>();
  private timer: NodeJS.Timeout | undefined;
  private nextWaitMs = FIRST_RETRY_MS;
  /** This window kept a write because of a lock, and not all kept writes are written yet. */
  private lockEpisode = false;
  /** This window kept a write that may not be written yet. */
  private keptHere = false;
  private lastProblem: string | undefined;
  private disposed = false;

  constructor(
    private readonly database: Database,
    /** Off, a locked write fails with StoreBusyError as any other (tests, tools); on in a window. */
    readonly enabled: boolean,
  ) {}

  /** Says how kept changes to the log are written. */
  handleChanges(handler: PendingWriteHandler<LogChange>): void {
    this.handlers.change = handler;
  }

  /** Says how kept drafts are written. */
  handleDrafts(handler: PendingWriteHandler<DraftWrite>): void {
    this.handlers.draft = handler;
  }

  /**
   * Runs a user-typed write now; when the database is locked (or writes kept earlier still wait,
   * which go first), keeps it to be written as soon as it can be, and says so.
   */
  run<T>(write: PendingWrite, direct: () => T): Written<T> {
    if (!this.enabled) return { state: 'saved', value: direct() };
    // Writes kept earlier go first (a round gives way to a lock within 10 ms); when they cannot
    // all be written now, this one joins them.
    if (this.hasKept()) {
      const earlier = this.writeKept();
      if (earlier !== 'done') return this.keep(write, earlier === 'waiting' ? 'earlier' : earlier);
    }
    try {
      return { state: 'saved', value: direct() };
    } catch (error) {
      if (error instanceof StoreBusyError) return this.keep(write, error.lasting ? 'lasting' : 'locked');
      throw error;
    }
  }

  /** How many kept writes wait (this window's and any other's). */
  waiting(): number {
    return this.keptFiles().length;
  }

  /**
   * Writes kept writes, oldest first, for at most a short round; what is left is tried again
   * later. Returns 'done' when none wait any more, 'locked' when the database is still locked
   * ('lasting' when by a lock that lasts).
   */
  writeKept(): 'done' | 'locked' | 'lasting' | 'waiting' {
    if (this.disposed) return 'waiting';
    const started = performance.now();
    let files: string[];
    try {
      files = this.keptFiles();
    } catch (error) {
      this.problem(error);
      this.schedule();
      return 'waiting';
    }
    for (const file of files) {
      if (performance.now() - started > ROUND_BUDGET_MS) {
        this.schedule(0);
        return 'waiting';
      }
      const written = this.writeOne(file);
      if (written === 'locked' || written === 'lasting' || written === 'later') {
        // What this window kept waits for a lock that lasts: now the user is told.
        if (written === 'lasting' && this.keptHere) this.startLockEpisode();
        this.schedule();
        return written === 'later' ? 'waiting' : written;
      }
    }
    this.nextWaitMs = FIRST_RETRY_MS;
    this.lastProblem = undefined;
    this.keptHere = false;
    if (this.lockEpisode) {
      this.lockEpisode = false;
      for (const listener of [...this.writtenListeners]) listener();
    }
    return 'done';
  }

  /** Fires when a lock first makes this window keep a write (once until everything kept is written). */
  onDidKeep(listener: () => void): { dispose(): void } {
    this.keptListeners.add(listener);
    return { dispose: () => this.keptListeners.delete(listener) };
  }

  /** Fires when everything this window kept during a lock has been written. */
  onDidWriteKept(listener: () => void): { dispose(): void } {
    this.writtenListeners.add(listener);
    return { dispose: () => this.writtenListeners.delete(listener) };
  }

  /**
   * Fires when a kept write can no longer be written as asked (the work was named in another
   * window meanwhile): its file is renamed `….refused`, so the line is still on disk. The reason
   * is a sentence for the user.
   */
  onDidRefuse(listener: (kept: KeptWrite, reason: Error) => void): { dispose(): void } {
    this.refusedListeners.add(listener);
    return { dispose: () => this.refusedListeners.delete(listener) };
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get prefix(): string {
    return `${path.basename(this.database.file)}.pending-`;
  }

  private hasKept(): boolean {
    try {
      return this.keptFiles().length > 0;
    } catch {
      return false;
    }
  }

  /** Kept writes' files, oldest first (their ids sort by time). */
  private keptFiles(): string[] {
    const folder = path.dirname(this.database.file);
    return fs
      .readdirSync(folder)
      .filter((name) => name.startsWith(this.prefix) && /^[0-9A-Z]{26}$/.test(name.slice(this.prefix.length)))
      .sort()
      .map((name) => path.join(folder, name));
  }

  /** Keeps a write: because of a lock (passing, or one that lasts), or behind earlier kept writes. */
  private keep(write: PendingWrite, why: 'locked' | 'lasting' | 'earlier'): { state: 'kept' } {
    const kept: KeptWrite = { id: newId(), keptAt: this.database.now(), write };
    try {
      writeFileDurably(`${this.database.file}.pending-${kept.id}`, JSON.stringify(kept));
    } catch (error) {
      throw translate(error, this.database.file);
    }
    const reason = { locked: 'The database is busy for a moment', lasting: 'The database is locked', earlier: 'Earlier kept writes go first' }[why];
    this.database.logger.info(`${reason}: kept ${describe(write)} to write when it can (${kept.id})`);
    this.keptHere = true;
    if (why === 'lasting') this.startLockEpisode();
    this.schedule(why === 'earlier' ? 0 : undefined);
    return { state: 'kept' };
  }

  private startLockEpisode(): void {
    if (this.lockEpisode) return;
    this.lockEpisode = true;
    for (const listener of [...this.keptListeners]) listener();
  }

  /** Writes one kept write; 'locked' ('lasting' for a lock that lasts) or 'later' when the database cannot take it now. */
  private writeOne(file: string): 'written' | 'refused' | 'locked' | 'lasting' | 'later' {
    let kept: KeptWrite;
    try {
      kept = JSON.parse(fs.readFileSync(file, 'utf8')) as KeptWrite;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return 'written'; // another window wrote it
      this.refuse(file, undefined, error as Error);
      return 'refused';
    }
    const { write, legacy } = upgraded(kept);
    kept = { ...kept, write };
    const handler = (write.type === 'draft.set' ? this.handlers.draft : this.handlers.change) as PendingWriteHandler<PendingWrite> | undefined;
    try {
      if (!handler) throw new InvalidInputError(`Progress Log does not know how to write "${kept.write.type}"`);
      this.database.write(
        () => {
          if (!fs.existsSync(file)) return; // another window wrote it while this one waited for the lock
          if (handler.alreadyWritten?.(write, kept.keptAt, legacy)) return;
          handler.write(write);
        },
        // A round that meets the lock gives way at once: the next round comes soon enough.
        { durable: true, waitMs: ROUND_LOCK_WAIT_MS },
      );
    } catch (error) {
      if (error instanceof StoreBusyError) return error.lasting ? 'lasting' : 'locked';
      if (error instanceof InvalidInputError) {
        this.refuse(file, kept, error);
        return 'refused';
      }
      this.problem(error); // damaged, disk full, I/O: kept for a later try, or the next open
      return 'later';
    }
    try {
      fs.unlinkSync(file);
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOENT') throw error;
    }
    this.database.logger.info(`Wrote the kept ${describe(kept.write)} (${kept.id})`);
    return 'written';
  }

  private refuse(file: string, kept: KeptWrite | undefined, reason: Error): void {
    try {
      fs.renameSync(file, `${file}.refused`); // the id is unique: nothing is replaced
      syncFolder(path.dirname(file));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return;
      throw error;
    }
    this.database.logger.error(`A kept write could not be written (${reason.message}); it stays in ${file}.refused: ${kept ? JSON.stringify(kept.write) : 'unreadable'}`);
    if (!kept) return;
    const sentence = new InvalidInputError(l10n.t('Progress Log could not write {0}, kept while the database was locked: {1} It is still in {2}.refused.', describe(kept.write), reason.message, file), { cause: reason });
    for (const listener of [...this.refusedListeners]) listener(kept, sentence);
  }

  private problem(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (message !== this.lastProblem) this.database.logger.error(`Kept writes wait: ${message}`);
    this.lastProblem = message;
  }

  private schedule(waitMs?: number): void {
    if (this.disposed || this.timer) return;
    const wait = waitMs ?? this.nextWaitMs;
    if (waitMs === undefined) this.nextWaitMs = Math.min(this.nextWaitMs * 2, MAX_RETRY_MS);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.writeKept();
    }, wait);
    this.timer.unref?.();
  }
}

function describe(write: PendingWrite): string {
  switch (write.type) {
    case 'outcome.create':
      return `outcome "${write.outcome.text}"`;
    case 'outcome.edit':
      return `edit of outcome ${write.id}`;
    case 'commits.settle':
      return `${write.status} for ${write.commitIds.length} commit(s)`;
    case 'branch.settle':
      return `${write.status} for a branch`;
    case 'draft.set':
      return `draft for ${write.target}`;
    case 'review.save':
      return 'review of a week';
    default:
      return `${write.type} change`;
  }
}
