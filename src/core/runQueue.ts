import * as fs from 'node:fs';

/**
 * How long this process's main thread has waited for a CPU while it could run, in ms (Linux's
 * schedstat; 0 elsewhere): subtracted from a stretch of wall-clock time, what is left is the
 * stretch's own, without the machine's load. Reading it costs a few microseconds.
 */
export function runQueueMs(): number {
  try {
    return Number(fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return 0;
  }
}
