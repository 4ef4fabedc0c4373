/**
 * Back up and restore without a remote: the whole log as a file of operations, one per line (the
 * same operations sync moves), written whole or not at all; and merged back into any log by the
 * same rules as a sync (restoring a file twice changes nothing). This is also how a log moves to a
 * new machine. Nothing here knows VS Code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Store } from '../storage/store';
import { parseOperations, receiveInTurns } from './operationLines';

/** Writes every operation of the log to `file` (a temporary file renamed over it once complete); returns how many. */
export function writeBackup(store: Store, file: string): number {
  store.operations.baseline();
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  const handle = fs.openSync(temporary, 'w', 0o600);
  let count = 0;
  try {
    let chunk = '';
    for (const operation of store.operations.all()) {
      chunk += `${JSON.stringify(operation)}\n`;
      count++;
      if (chunk.length > 1 << 20) {
        fs.writeSync(handle, chunk);
        chunk = '';
      }
    }
    fs.writeSync(handle, chunk);
    fs.fsyncSync(handle);
  } catch (error) {
    fs.closeSync(handle);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(handle);
  fs.renameSync(temporary, file);
  return count;
}

/** Merges a backup into the log; returns how many operations were new here, and how many lines were not operations. */
export async function restoreBackup(store: Store, file: string): Promise<{ received: number; skipped: number }> {
  const { parsed, skipped } = await parseOperations(fs.readFileSync(file, 'utf8'));
  return { received: await receiveInTurns(store.operations, parsed), skipped };
}
