/**
 * The part of the built-in git extension's API (extensions/git/src/api/git.d.ts, version 1) that
 * Progress Log uses. Its events only tell us *when* to look; what changed always comes from git.
 */
import type { Event, Uri } from 'vscode';

export interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: Event<boolean>;
  getAPI(version: 1): GitApi;
}

export type ApiState = 'uninitialized' | 'initialized';

export interface GitApi {
  readonly state: ApiState;
  readonly onDidChangeState: Event<ApiState>;
  readonly git: { readonly path: string };
  readonly repositories: Repository[];
  readonly onDidOpenRepository: Event<Repository>;
  readonly onDidCloseRepository: Event<Repository>;
  /** A `git:` URI for a file at a ref, which VS Code opens read-only. */
  toGitUri(uri: Uri, ref: string): Uri;
}

export interface Repository {
  readonly rootUri: Uri;
  readonly state: { readonly onDidChange: Event<void> };
  /** Fires for commits made through VS Code; not for commits made in a terminal. */
  readonly onDidCommit?: Event<void>;
}
