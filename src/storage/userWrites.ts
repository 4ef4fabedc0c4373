/**
 * Drafts, what was typed and not saved yet: written as the person types, kept in `PendingWrites`
 * while the database is locked instead of failing or holding the window, never a change to the
 * log itself (drafts are machine-local). Changes to the log go through `LogChanges`.
 * Nothing here knows VS Code.
 */
import type { Database } from './database';
import { Drafts } from './drafts';
import type { PendingWrites } from './pendingWrites';

export class UserDrafts extends Drafts {
  constructor(
    database: Database,
    private readonly pending: PendingWrites,
  ) {
    super(database);
    pending.handleDrafts({ write: (write) => super.set(write.target, write.text) });
  }

  /** Keeps the draft now ('saved'), or, while the database is locked, as soon as it is free ('kept'). */
  override set(target: string, text: string | null): 'saved' | 'kept' {
    return this.pending.run({ type: 'draft.set', target, text }, () => super.set(target, text)).state;
  }
}
