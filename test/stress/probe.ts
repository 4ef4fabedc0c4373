/**
 * Opens a database file once, as a window does, then saves one outcome, and says on stdout (one
 * JSON line) what happened and the sentence the user would read. Run as its own process so that
 * the damaged-files table can run it as another user (a read-only file means nothing to root):
 * `node out/test/stress/probe.js '{"file": …, "openTimeoutMs": …}'`.
 */
import * as path from 'node:path';
import { silentLogger } from '../../src/core/logger';
import { Store } from '../../src/storage/store';
import type * as Notices from '../../src/vscode/notices';
import { requireWithoutVscode } from '../support/harness';

export interface ProbeResult {
  open: 'opened' | 'refused';
  error?: string;
  movedAside?: string;
  walKept?: string;
  write?: 'saved' | string;
  /** What the user reads: after the open, or about the failed open or write. */
  sentences: string[];
}

async function probe(task: { file: string; openTimeoutMs?: number }): Promise<ProbeResult> {
  const { describeError, describeOpenNotes, keptSentence } = requireWithoutVscode<typeof Notices>(path.join(__dirname, '../../src/vscode/notices'));
  let store: Store;
  const result: ProbeResult = { open: 'opened', sentences: [] };
  try {
    const opened = await Store.openForWindow(task.file, { logger: silentLogger, openTimeoutMs: task.openTimeoutMs });
    store = opened.store;
    result.movedAside = opened.movedAside;
    result.walKept = opened.walKept;
    const notes = describeOpenNotes(opened);
    if (notes) result.sentences.push(notes);
  } catch (error) {
    return { open: 'refused', error: (error as Error).name, sentences: [describeError(error)] };
  }
  try {
    result.write = store.changes.createOutcome({ text: 'Written by the probe', kind: 'impact', source: 'manual' }).state;
    if (result.write === 'kept') result.sentences.push(keptSentence(task.file));
  } catch (error) {
    result.write = (error as Error).name;
    result.sentences.push(describeError(error));
  }
  store.pending.dispose();
  store.close();
  return result;
}

probe(JSON.parse(process.argv[2]) as { file: string; openTimeoutMs?: number })
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error: unknown) => {
    process.stdout.write(`${JSON.stringify({ crash: String((error as Error)?.stack ?? error) })}\n`);
    process.exitCode = 1;
  });
