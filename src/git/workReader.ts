/**
 * What a piece of work did, as a suggestion needs it: each commit's message body and the files it
 * changed with their lines added and removed (`git log --numstat`), never the changed lines
 * themselves. Read only when the person asks for a suggestion. Nothing here knows VS Code.
 */
import type { GitReader } from './gitReader';
import { assertSha } from './gitSafety';
import type { GitRunner } from './gitRunner';

const RECORD = '\x1e';
const FIELD = '\x1f';

/** One commit's body and files (`added`/`deleted` null for a binary file). */
export interface CommitWork {
  sha: string;
  body: string;
  files: { path: string; added: number | null; deleted: number | null }[];
}

/** The most commits one suggestion reads: a longer branch is summarised by its newest. */
export const MAX_WORK_COMMITS = 200;

/** A path as git prints it: C-quoted ("caf\303\251.txt") when it holds unusual characters. */
export function unquotedPath(path: string): string {
  if (!path.startsWith('"') || !path.endsWith('"')) return path;
  const bytes: number[] = [];
  const text = path.slice(1, -1);
  const escapes: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      continue;
    }
    const next = text[index + 1];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(text.slice(index + 1, index + 4), 8));
      index += 3;
    } else {
      bytes.push(escapes[next] ?? next.charCodeAt(0));
      index += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Parses `git log --format=%x1e%H%x1f%b%x1f --numstat` output. */
export function parseCommitWork(output: string): CommitWork[] {
  const commits: CommitWork[] = [];
  for (const record of output.split(RECORD)) {
    if (record.trim() === '') continue;
    const [sha, body = '', stats = ''] = record.split(FIELD);
    const files: CommitWork['files'] = [];
    for (const line of stats.split('\n')) {
      const match = /^(\d+|-)\t(\d+|-)\t(.+)$/.exec(line);
      if (match) files.push({ path: unquotedPath(match[3]), added: match[1] === '-' ? null : Number(match[1]), deleted: match[2] === '-' ? null : Number(match[2]) });
    }
    commits.push({ sha: sha.trim(), body: body.trim(), files });
  }
  return commits;
}

/** Reads the bodies and changed files of commits, in the order given; commits git no longer has are left out. */
export async function readCommitWork(git: GitRunner, reader: GitReader, root: string, shas: readonly string[]): Promise<CommitWork[]> {
  const existing = await reader.existing(root, shas.slice(-MAX_WORK_COMMITS));
  if (existing.length === 0) return [];
  const output = await git.run(root, ['log', '--format=%x1e%H%x1f%b%x1f', '--numstat', '--no-renames', '--no-walk=unsorted', '--stdin', '--end-of-options'], {
    input: `${existing.map(assertSha).join('\n')}\n`,
  });
  return parseCommitWork(output);
}
