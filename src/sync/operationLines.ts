/**
 * Operations as text, one JSON object per line (a sync batch, a backup), and reading and receiving
 * many without holding the thread: in turns (src/core/turns.ts), each receiving turn one transaction.
 * Nothing here knows VS Code.
 */
import { inTurns } from '../core/turns';
import { byStamp, isOperation, type Operation, type OperationLog } from '../storage/operations';

/**
 * The operations in a text of lines, or in lines as they come (from git), read in turns (a year's
 * log is 100,000 lines); lines that are not operations this version reads are counted, not applied.
 */
export async function parseOperations(lines: string | AsyncIterable<string>): Promise<{ parsed: Operation[]; skipped: number }> {
  const parsed: Operation[] = [];
  if (typeof lines === 'string') {
    const all = lines.split('\n');
    return { parsed, skipped: await inTurns(all.length, (start, end) => parseLines(all.slice(start, end), parsed)) };
  }
  let skipped = 0;
  // Lines come a pipe's chunk at a time, and git's next chunk is a turn for other work.
  for await (const line of lines) skipped += parseLines([line], parsed);
  return { parsed, skipped };
}

/** Parses lines into `parsed`; returns how many were not operations (blank lines are neither). */
function parseLines(lines: readonly string[], parsed: Operation[]): number {
  let skipped = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isOperation(value)) parsed.push(value);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return skipped;
}

/** Receives operations in turns, each one transaction, oldest first; returns how many were new. */
export async function receiveInTurns(log: OperationLog, operations: readonly Operation[]): Promise<number> {
  const ordered = [...operations].sort(byStamp);
  return inTurns(ordered.length, (start, end) => log.receive(ordered.slice(start, end), end - start));
}
