/**
 * Web links for a repository's remote: its page, a commit, a branch. A report links short SHAs to
 * the host so that the reader can open the change; a host we do not recognise gets no links rather
 * than wrong ones. Links never carry the user name, password or token a remote URL may hold.
 */

export type RemoteHost = 'github' | 'gitlab' | 'bitbucket' | 'azure-devops';

export interface RemoteLinks {
  host: RemoteHost;
  /** The repository's web page, e.g. `https://github.com/owner/repo`. */
  webBase: string;
  commitUrl(sha: string): string;
  branchUrl(branch: string): string;
}

/** Where a remote points, stripped of everything that is not the repository's address. */
interface RemoteAddress {
  /** Lower case. */
  hostname: string;
  /** `https://host[:port]`: SSH and git remotes are browsed over https on the default port. */
  webOrigin: string;
  /** Path segments as the host names them (decoded), without a trailing `.git`. */
  segments: string[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const REMOTE_SCHEMES = new Set(['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:']);
/** `[user@]host:path`, git's scp-like syntax for SSH. */
const SCP_LIKE = /^(?:[^@/\s]+@)?(?<host>[^@:/\s]+):(?<path>\S+)$/;

/** SSH endpoints whose web pages live on another host name. */
const WEB_HOST_OF_SSH_HOST: Record<string, string> = {
  'ssh.github.com': 'github.com',
  'altssh.gitlab.com': 'gitlab.com',
  'altssh.bitbucket.org': 'bitbucket.org',
};

/** Links for a remote URL, or undefined when the host is unknown or the URL cannot be read. */
export function parseRemoteLinks(remoteUrl: string): RemoteLinks | undefined {
  const address = parseRemoteAddress(remoteUrl.trim());
  if (!address) return undefined;
  return githubLinks(address) ?? gitlabLinks(address) ?? bitbucketLinks(address) ?? azureDevOpsLinks(address);
}

/** The remote URL without the user name and password of a `scheme://user:password@host` URL. */
export function withoutCredentials(remoteUrl: string): string {
  return remoteUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/]*@/i, '$1');
}

/**
 * The remote URL as a reader elsewhere may see it: without credentials, and null when the remote
 * is a folder on this machine (a path, `file://`), which says where the user keeps their files.
 */
export function shareableRemoteUrl(remoteUrl: string): string | null {
  const trimmed = remoteUrl.trim();
  if (SCHEME.test(trimmed)) return /^file:/i.test(trimmed) ? null : withoutCredentials(trimmed);
  const host = SCP_LIKE.exec(trimmed)?.groups?.host;
  // git reads `C:\…` as a drive on Windows, not as host "C".
  return host !== undefined && host.length > 1 ? trimmed : null;
}

function parseRemoteAddress(remoteUrl: string): RemoteAddress | undefined {
  return SCHEME.test(remoteUrl) ? parseUrlForm(remoteUrl) : parseScpForm(remoteUrl);
}

function parseUrlForm(remoteUrl: string): RemoteAddress | undefined {
  const url = URL.parse(remoteUrl);
  if (!url || !REMOTE_SCHEMES.has(url.protocol) || !url.hostname) return undefined;
  const segments = decodeSegments(url.pathname.split('/'));
  if (!segments) return undefined;
  const hostname = webHostname(url.hostname);
  // A port belongs to the web page only when the remote itself is the web server.
  const isWebServer = url.protocol === 'https:' || url.protocol === 'http:';
  const webOrigin = isWebServer ? `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ''}` : `https://${hostname}`;
  return repositoryAddress(hostname, webOrigin, segments);
}

function parseScpForm(remoteUrl: string): RemoteAddress | undefined {
  const groups = SCP_LIKE.exec(remoteUrl)?.groups;
  if (!groups) return undefined;
  const hostname = webHostname(groups.host);
  // git takes an scp-like path literally: there is nothing to decode.
  return repositoryAddress(hostname, `https://${hostname}`, groups.path.split('/'));
}

function webHostname(hostname: string): string {
  const lower = hostname.toLowerCase();
  return WEB_HOST_OF_SSH_HOST[lower] ?? lower;
}

function decodeSegments(segments: string[]): string[] | undefined {
  try {
    return segments.map((segment) => decodeURIComponent(segment));
  } catch {
    return undefined; // a malformed %-escape
  }
}

function repositoryAddress(hostname: string, webOrigin: string, rawSegments: string[]): RemoteAddress | undefined {
  const segments = rawSegments.filter((segment) => segment.length > 0);
  // "." and ".." would make a browser walk out of the repository's pages.
  if (segments.length === 0 || segments.some((segment) => segment === '.' || segment === '..')) return undefined;
  segments[segments.length - 1] = segments[segments.length - 1].replace(/\.git$/i, '');
  if (segments[segments.length - 1] === '') return undefined;
  return { hostname, webOrigin, segments };
}

/** github.com, and GitHub Enterprise servers whose name says so (github.example.com). */
function githubLinks(address: RemoteAddress): RemoteLinks | undefined {
  if (!address.hostname.includes('github') || address.segments.length !== 2) return undefined;
  return pathStyleLinks('github', webBase(address), 'commit', 'tree');
}

/** gitlab.com, and self-hosted GitLab whose name says so; groups nest (`group/sub/repo`). */
function gitlabLinks(address: RemoteAddress): RemoteLinks | undefined {
  if (!address.hostname.includes('gitlab') || address.segments.length < 2) return undefined;
  return pathStyleLinks('gitlab', webBase(address), '-/commit', '-/tree');
}

function bitbucketLinks(address: RemoteAddress): RemoteLinks | undefined {
  if (address.hostname !== 'bitbucket.org' || address.segments.length !== 2) return undefined;
  return pathStyleLinks('bitbucket', webBase(address), 'commits', 'branch');
}

/**
 * Azure DevOps: `dev.azure.com/org/project/_git/repo` over https, `ssh.dev.azure.com:v3/org/project/repo`
 * over SSH, and the legacy `org.visualstudio.com/project/_git/repo`.
 */
function azureDevOpsLinks(address: RemoteAddress): RemoteLinks | undefined {
  const base = azureDevOpsWebBase(address);
  if (!base) return undefined;
  return {
    host: 'azure-devops',
    webBase: base,
    commitUrl: (sha) => `${base}/commit/${encodeSegment(sha)}`,
    branchUrl: (branch) => `${base}?version=GB${encodeBranch(branch)}`,
  };
}

function azureDevOpsWebBase(address: RemoteAddress): string | undefined {
  const { hostname, segments } = address;
  if (hostname === 'ssh.dev.azure.com' || hostname === 'vs-ssh.visualstudio.com') {
    if (segments.length !== 4 || segments[0] !== 'v3') return undefined;
    const [, organization, project, repository] = segments;
    return `https://dev.azure.com/${encodePath([organization, project, '_git', repository])}`;
  }
  const isAzureWebHost = hostname === 'dev.azure.com' || hostname.endsWith('.visualstudio.com');
  // The repository follows `_git`, after at least the project (on dev.azure.com, the organization).
  const gitIndex = segments.length - 2;
  if (!isAzureWebHost || gitIndex < 1 || segments[gitIndex] !== '_git') return undefined;
  return webBase(address);
}

function pathStyleLinks(host: RemoteHost, base: string, commitPath: string, branchPath: string): RemoteLinks {
  return {
    host,
    webBase: base,
    commitUrl: (sha) => `${base}/${commitPath}/${encodeSegment(sha)}`,
    branchUrl: (branch) => `${base}/${branchPath}/${encodeBranch(branch)}`,
  };
}

function webBase(address: RemoteAddress): string {
  return `${address.webOrigin}/${encodePath(address.segments)}`;
}

/** A branch's `/` separates path segments on every host; everything else is escaped. */
function encodeBranch(branch: string): string {
  return encodePath(branch.split('/'));
}

function encodePath(segments: string[]): string {
  return segments.map(encodeSegment).join('/');
}

/** Percent-encodes all but RFC 3986's unreserved characters, so a link survives Markdown's `(…)`. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Links for a report's repository, or undefined without a remote we can link to. */
export function remoteLinksOf(repository: { remoteUrl: string | null } | null): RemoteLinks | undefined {
  return repository?.remoteUrl ? parseRemoteLinks(repository.remoteUrl) : undefined;
}

/** A commit's page, only for a commit a remote-tracking branch reaches: any other link would not open. */
export function publishedCommitUrl(links: RemoteLinks | undefined, commit: { sha: string; published?: boolean }): string | undefined {
  return commit.published === true ? links?.commitUrl(commit.sha) : undefined;
}

/** A branch's page, only for a branch the remote has: a deleted or never pushed one would not open. */
export function publishedBranchUrl(links: RemoteLinks | undefined, outcome: { branch: string | null; branchPublished?: boolean }): string | undefined {
  return outcome.branch !== null && outcome.branchPublished === true ? links?.branchUrl(outcome.branch) : undefined;
}
