/**
 * Repositories and where they live on this machine. A repository is known by what it is (its
 * first commit, its remote), so a second clone, or the same project cloned again elsewhere, keeps
 * one history; a clone is a path here with machine-local state: when Progress Log first saw it,
 * where its refs were at the last scan, and how far its reflogs were read.
 */
import * as path from 'node:path';
import type { RepositoryRecord } from '../core/domain';
import { newId } from '../core/ulid';
import type { Database } from './database';
import { REPOSITORY_COLUMNS, toRepository, type RepositoryRow } from './rows';

/** What a repository is, as git tells it; read once a session per clone. */
export interface RepositoryIdentity {
  /** The oldest root commit of its history; null in a repository without commits. */
  rootCommit: string | null;
  /** The fetch URL of its main remote, without credentials; null without one. */
  remoteUrl: string | null;
  /** The branch the remote's `origin/HEAD` names, if known. */
  defaultBranch: string | null;
}

/** How far each reflog file was read: path relative to the git common dir → bytes. */
export type ReflogCursors = Record<string, number>;

/** A clone with the repository it holds and where it was at the last scan. */
export interface CloneState {
  cloneId: number;
  path: string;
  repo: RepositoryRecord;
  firstSeenAt: number;
  /** Undefined until the first scan recorded a position. */
  position: Map<string, string> | undefined;
  reflog: ReflogCursors | undefined;
}

interface CloneRow {
  id: number;
  path: string;
  repo_id: string;
  first_seen_at: number;
  scanned_at: number | null;
  reflog: string | null;
}

/** The same remote written differently (credentials, `.git`, a trailing slash) is the same remote. */
export function normalizeRemoteUrl(url: string | null): string | null {
  if (!url) return null;
  const normalized = url
    .trim()
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '');
  return normalized || null;
}

export class Clones {
  constructor(private readonly db: Database) {}

  /**
   * The clone at `clonePath`, recorded on first sight. A new clone joins the repository that has
   * the same identity (first commit, and remote when both have one), or starts a new one. A clone
   * of that repository that `hasLeft` its recorded place (moved or renamed) is this one: it
   * continues from where its refs and reflogs stood, so work done meanwhile is new work, not history.
   */
  ensure(clonePath: string, identity?: RepositoryIdentity, hasLeft: (formerPath: string) => boolean = () => false): CloneState {
    const existing = this.db.read(() => this.cloneRow(clonePath));
    const row = existing ?? this.db.write(() => this.cloneRow(clonePath) ?? this.movedClone(clonePath, identity, hasLeft) ?? this.createClone(clonePath, identity));
    if (existing && identity) this.updateIdentity(row.repo_id, identity);
    return this.state(row.id);
  }

  /** Where a clone stands now. */
  state(cloneId: number): CloneState {
    return this.db.read(() => {
      const row = this.db.statement<[number], CloneRow>('SELECT * FROM clones WHERE id = ?').get(cloneId)!;
      const positions = this.db.statement<[number], { ref: string; sha: string }>('SELECT ref, sha FROM ref_positions WHERE clone_id = ?').all(cloneId);
      return {
        cloneId: row.id,
        path: row.path,
        repo: this.repository(row.repo_id)!,
        firstSeenAt: row.first_seen_at,
        position: row.scanned_at === null ? undefined : new Map(positions.map((p) => [p.ref, p.sha])),
        reflog: row.reflog ? (JSON.parse(row.reflog) as ReflogCursors) : undefined,
      };
    });
  }

  /** Records where a clone's refs are and how far its reflogs were read. Part of a scan's write. */
  recordPosition(cloneId: number, position: ReadonlyMap<string, string>, reflog: ReflogCursors | undefined): void {
    this.db.write(() => {
      this.db.statement('DELETE FROM ref_positions WHERE clone_id = ?').run(cloneId);
      const insert = this.db.statement('INSERT INTO ref_positions (clone_id, ref, sha) VALUES (?, ?, ?)');
      for (const [ref, sha] of position) insert.run(cloneId, ref, sha);
      this.db.statement('UPDATE clones SET scanned_at = ?, reflog = ? WHERE id = ?').run(this.db.now(), reflog ? JSON.stringify(reflog) : null, cloneId);
    });
  }

  repository(id: string): RepositoryRecord | undefined {
    const row = this.db.read(() => this.db.statement<[string], RepositoryRow>(`SELECT ${REPOSITORY_COLUMNS} FROM repositories r WHERE r.id = ?`).get(id));
    return row ? toRepository(row) : undefined;
  }

  /** Every repository with a clone on this machine. */
  withClones(): RepositoryRecord[] {
    return this.db.read(() =>
      this.db.statement<[], RepositoryRow>(`SELECT ${REPOSITORY_COLUMNS} FROM repositories r WHERE EXISTS (SELECT 1 FROM clones WHERE repo_id = r.id) ORDER BY r.name`).all().map(toRepository),
    );
  }

  /** Where every clone the log knows lives on this machine, by path (the command line's `scan` looks at each). */
  paths(): string[] {
    return this.db.read(() => this.db.statement<[], { path: string }>('SELECT path FROM clones ORDER BY path').all().map((row) => row.path));
  }

  private cloneRow(clonePath: string): CloneRow | undefined {
    return this.db.statement<[string], CloneRow>('SELECT * FROM clones WHERE path = ?').get(clonePath);
  }

  /** A recorded clone of the same repository that has left its place, now at `clonePath`; the most recently scanned first. */
  private movedClone(clonePath: string, identity: RepositoryIdentity | undefined, hasLeft: (formerPath: string) => boolean): CloneRow | undefined {
    const repoId = identity && this.findByIdentity(identity);
    if (!repoId) return undefined;
    const former = this.db
      .statement<[string], CloneRow>('SELECT * FROM clones WHERE repo_id = ? AND scanned_at IS NOT NULL ORDER BY scanned_at DESC')
      .all(repoId)
      .find((row) => hasLeft(row.path));
    if (!former) return undefined;
    this.db.statement('UPDATE clones SET path = ? WHERE id = ?').run(clonePath, former.id);
    // Named after the folder it was in (a repository's name is its first clone's folder): renamed with it, when it is its only clone.
    const others = this.db.statement<[string, number], { n: number }>('SELECT count(*) AS n FROM clones WHERE repo_id = ? AND id <> ?').get(repoId, former.id)!.n;
    const name = path.basename(clonePath);
    if (others === 0 && name) {
      const renamed = this.db.statement('UPDATE repositories SET name = ?, updated_at = ? WHERE id = ? AND name = ?').run(name, this.db.now(), repoId, path.basename(former.path));
      if (renamed.changes > 0) this.db.markLogChanged();
    }
    return this.cloneRow(clonePath);
  }

  private createClone(clonePath: string, identity: RepositoryIdentity | undefined): CloneRow {
    const now = this.db.now();
    const repoId = (identity && this.findByIdentity(identity)) ?? this.createRepository(clonePath, identity, now);
    this.db.statement('INSERT INTO clones (path, repo_id, first_seen_at) VALUES (?, ?, ?)').run(clonePath, repoId, now);
    return this.cloneRow(clonePath)!;
  }

  private findByIdentity(identity: RepositoryIdentity): string | undefined {
    if (!identity.rootCommit) return undefined;
    const remote = normalizeRemoteUrl(identity.remoteUrl);
    const candidates = this.db.statement<[string], { id: string; remote_url: string | null }>('SELECT id, remote_url FROM repositories WHERE root_commit = ? ORDER BY created_at').all(identity.rootCommit);
    // Forks share a first commit: a remote on both sides must agree.
    return candidates.find((candidate) => !remote || !candidate.remote_url || normalizeRemoteUrl(candidate.remote_url) === remote)?.id;
  }

  private createRepository(clonePath: string, identity: RepositoryIdentity | undefined, now: number): string {
    const id = newId(now);
    this.db
      .statement('INSERT INTO repositories (id, name, root_commit, remote_url, default_branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, path.basename(clonePath) || clonePath, identity?.rootCommit ?? null, normalizeRemoteUrl(identity?.remoteUrl ?? null), identity?.defaultBranch ?? null, now, now);
    return id;
  }

  /** Keeps what git says about a repository current; its first commit is only ever filled in. */
  private updateIdentity(repoId: string, identity: RepositoryIdentity): void {
    const remote = normalizeRemoteUrl(identity.remoteUrl);
    const current = this.db.read(() =>
      this.db.statement<[string], { root_commit: string | null; remote_url: string | null; default_branch: string | null }>('SELECT root_commit, remote_url, default_branch FROM repositories WHERE id = ?').get(repoId),
    );
    if (!current) return;
    const rootCommit = current.root_commit ?? identity.rootCommit;
    if (rootCommit === current.root_commit && remote === current.remote_url && identity.defaultBranch === current.default_branch) return;
    this.db.write(() => {
      this.db
        .statement('UPDATE repositories SET root_commit = ?, remote_url = ?, default_branch = ?, updated_at = ? WHERE id = ?')
        .run(rootCommit, remote, identity.defaultBranch, this.db.now(), repoId);
      this.db.markLogChanged();
    });
  }
}
