/**
 * Operations as text, one JSON object per line (a sync batch, a backup), and reading and receiving
 * many without holding the thread: in turns (src/core/turns.ts), each receiving turn one transaction.
 * Nothing here knows VS Code.
 */
import { inTurns } from '../core/turns';
import { byStamp, isOperation, type Operation, type OperationLog } from '../storage/operations';

/**
 * The operations in a text of lines, read in turns (a year's log is 100,000 lines); lines that are
 * not operations this version reads are counted, not applied.
 */
export async function parseOperations(text: string): Promise<{ parsed: Operation[]; skipped: number }> {
  const lines = text.split('\n');
  const parsed: Operation[] = [];
  const skipped = await inTurns(lines.length, (start, end) => parseLines(lines.slice(start, end), parsed));
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
