/**
 * Identifiers that no machine reuses: ULIDs (48-bit time in ms + 80 random bits, Crockford base32,
 * 26 characters, sortable by creation time). Records that travel between machines carry them, so a
 * deleted id is never handed to another record, here or anywhere else. Nothing here knows VS Code.
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

function encodeTime(time: number): string {
  let text = '';
  let value = Math.max(0, Math.floor(time));
  for (let index = 0; index < TIME_CHARS; index++) {
    text = ALPHABET[value % 32] + text;
    value = Math.floor(value / 32);
  }
  return text;
}

function freshRandom(): number[] {
  const bytes = randomBytes(RANDOM_CHARS);
  return Array.from(bytes, (byte) => byte % 32);
}

/** Adds one to the random part, so that ids made in the same millisecond still sort in order. */
function increment(digits: number[]): number[] {
  const next = [...digits];
  for (let index = next.length - 1; index >= 0; index--) {
    if (next[index] < 31) {
      next[index]++;
      return next;
    }
    next[index] = 0;
  }
  return freshRandom(); // 80 bits overflowed within one millisecond: practically never
}

/** A new ULID. `time` (ms since the epoch) defaults to now; ids made later sort after. */
export function newId(time: number = Date.now()): string {
  const random = time === lastTime ? increment(lastRandom) : freshRandom();
  lastTime = time;
  lastRandom = random;
  return encodeTime(time) + random.map((digit) => ALPHABET[digit]).join('');
}

/** Whether a string is a ULID as `newId` makes them. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(value);
}
