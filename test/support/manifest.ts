/**
 * package.json as VS Code reads it in English: every "%key%" replaced by its text in
 * package.nls.json, where command titles, setting descriptions and the walkthrough live.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const projectRoot = path.resolve(__dirname, '../../..');

const NLS_KEY = /^%([\w.-]+)%$/;

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(projectRoot, file), 'utf8'));
}

/** package.json as it is written, keys and all. */
export function rawManifest(): Record<string, unknown> {
  return readJson('package.json') as Record<string, unknown>;
}

/** package.nls.json: the English of every "%key%". */
export function manifestStrings(): Record<string, string> {
  return readJson('package.nls.json') as Record<string, string>;
}

/** Every "%key%" package.json names, wherever it is. */
export function manifestKeys(value: unknown = rawManifest()): string[] {
  if (typeof value === 'string') return NLS_KEY.test(value) ? [NLS_KEY.exec(value)![1]] : [];
  if (Array.isArray(value)) return value.flatMap((item) => manifestKeys(item));
  if (value && typeof value === 'object') return Object.values(value).flatMap((item) => manifestKeys(item));
  return [];
}

function resolved(value: unknown, strings: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const key = NLS_KEY.exec(value)?.[1];
    if (key === undefined) return value;
    if (!(key in strings)) throw new Error(`package.json names %${key}%, which package.nls.json does not hold`);
    return strings[key];
  }
  if (Array.isArray(value)) return value.map((item) => resolved(item, strings));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolved(item, strings)]));
  return value;
}

/** package.json with its "%key%" strings in English, as the Command Palette and the settings show them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function manifest(): any {
  return resolved(rawManifest(), manifestStrings());
}
