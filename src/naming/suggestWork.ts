/**
 * The work a suggestion is about, gathered when the person asks: every commit of the burst or
 * branch with its subject, body and changed files, its branch (a line of work, not the branch
 * everything lands on) and the goal the input shows. Nothing here knows VS Code.
 */
import type { PendingBatch } from '../core/domain';
import type { Logger } from '../core/logger';
import { errorMessage } from '../core/text';
import type { CommitWork } from '../git/workReader';
import { workOf } from './naming';
import type { WorkToSuggest } from './suggestInput';

/** Reads the bodies and files of commits in a clone (src/git/workReader.ts). */
export type ReadCommitWork = (root: string, shas: readonly string[]) => Promise<CommitWork[]>;

/**
 * The work of `batch`, oldest commit first. When git cannot be read (no clone here, a commit
 * gone), what the log holds still makes a request: the subjects.
 */
export async function workToSuggest(batch: PendingBatch, read: ReadCommitWork, goal: string | null, logger: Logger): Promise<WorkToSuggest> {
  const branch = batch.type === 'branch' ? batch.branch.name : workOf(batch).branch;
  let details = new Map<string, CommitWork>();
  if (batch.repo.root) {
    try {
      details = new Map((await read(batch.repo.root, batch.commits.map((commit) => commit.sha))).map((work) => [work.sha, work]));
    } catch (error) {
      logger.info(`Suggest: read the subjects only, git could not tell more (${errorMessage(error)})`);
    }
  }
  const commits = [...batch.commits]
    .sort((a, b) => a.authorTime - b.authorTime)
    .map((commit) => ({ subject: commit.subject, body: details.get(commit.sha)?.body ?? '', files: details.get(commit.sha)?.files ?? [] }));
  return { commits, branch, goal };
}
