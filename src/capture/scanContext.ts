/**
 * One scan of one repository, as every step of it sees it: whom it asks (git), where it records
 * (the store), where it says what it decided (the log), and which clone, worktree and repository
 * it looks at. Built once per scan by the CommitScanner, after the root is resolved; the steps
 * (arrivals, following, closed branches) take it instead of threading each value.
 * Nothing here knows VS Code.
 */
import type { RepositoryRecord } from '../core/domain';
import type { Logger } from '../core/logger';
import type { GitReader } from '../git/gitReader';
import type { CloneState, Store } from '../storage/store';
import type { GitDirectories } from './gitFiles';

export interface ScanContext {
  readonly git: GitReader;
  readonly store: Store;
  readonly logger: Logger;
  /** The folder scanned, as it was opened: a worktree's root. Every git question is asked there. */
  readonly root: string;
  /** That worktree's own git directory (HEAD, its reflog) and the one its worktrees share (branches). */
  readonly dirs: GitDirectories;
  /** The pseudo-ref under which this worktree's detached HEAD is recorded (see `headRefOf`). */
  readonly headRef: string;
  /** The clone, as recorded before this scan: where it lives, its position and reflog cursors. */
  readonly clone: CloneState;
  /** The repository the clone belongs to. */
  readonly repo: RepositoryRecord;
}
