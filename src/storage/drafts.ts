/**
 * What the user typed and did not save, kept per piece of work or form so that Escape, a reload
 * or a crash loses nothing. Machine-local: drafts do not change what the log shows.
 */
import type { Database } from './database';

export class Drafts {
  constructor(private readonly db: Database) {}

  get(target: string): string | null {
    return this.db.read(() => this.db.statement<[string], { text: string }>('SELECT text FROM drafts WHERE target = ?').get(target)?.text ?? null);
  }

  /** Keeps `text` for `target`; null or blank forgets it. */
  set(target: string, text: string | null): void {
    this.db.write(() => {
      if (text === null || text.trim() === '') this.db.statement('DELETE FROM drafts WHERE target = ?').run(target);
      else this.db.statement('INSERT INTO drafts (target, text, updated_at) VALUES (?, ?, ?) ON CONFLICT (target) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at').run(target, text, this.db.now());
    });
  }
}
