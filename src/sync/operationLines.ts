/**
 * Operations as text, one JSON object per line (a sync batch, a backup), and receiving many
 * without holding the thread: in short transactions with a turn for other work between them.
 * Nothing here knows VS Code.
 */
import { byStamp, isOperation, type Operation, type OperationLog } from '../storage/operations';

/** The operations in a text of lines; lines that are not operations this version reads are counted, not applied. */
export function parseOperations(text: string): { parsed: Operation[]; skipped: number } {
  const parsed: Operation[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isOperation(value)) parsed.push(value);
      else skipped++;
    } catch {
      skipped++;
    }
  }
  return { parsed, skipped };
}

/** How many operations one transaction applies before other work gets a turn. */
const PER_TURN = 200;

/** Receives operations in turns (`OperationLog.receive` batches), yielding between them; returns how many were new. */
export async function receiveInTurns(log: OperationLog, operations: readonly Operation[]): Promise<number> {
  let received = 0;
  const ordered = [...operations].sort(byStamp);
  for (let start = 0; start < ordered.length; start += PER_TURN) {
    received += log.receive(ordered.slice(start, start + PER_TURN), PER_TURN);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return received;
}
