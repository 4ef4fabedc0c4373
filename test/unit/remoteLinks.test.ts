import * as assert from 'node:assert/strict';
import { parseRemoteLinks, withoutCredentials, type RemoteLinks } from '../../src/report/remoteLinks';

const SHA = '5ce7249a52af2cc45d29102e3f6e298b6e4eb1d0';

function linksOf(remoteUrl: string): RemoteLinks {
  const links = parseRemoteLinks(remoteUrl);
  assert.ok(links, `${remoteUrl} should be recognised`);
  return links;
}

function assertWebBase(remoteUrl: string, webBase: string): void {
  assert.equal(linksOf(remoteUrl).webBase, webBase);
}

suite('remote links: GitHub', () => {
  test('scp-like SSH remote', () => assertWebBase('git@github.com:octo/hello.git', 'https://github.com/octo/hello'));
  test('scp-like SSH remote without .git', () => assertWebBase('git@github.com:octo/hello', 'https://github.com/octo/hello'));
  test('ssh:// remote over port 443 links to github.com without the port', () => {
    assertWebBase('ssh://git@ssh.github.com:443/octo/hello.git', 'https://github.com/octo/hello');
  });
  test('HTTPS remote', () => assertWebBase('https://github.com/octo/hello.git', 'https://github.com/octo/hello'));
  test('HTTPS remote without .git and with a trailing slash', () => assertWebBase('https://github.com/octo/hello/', 'https://github.com/octo/hello'));
  test('HTTPS remote with a token never puts the token in a link', () => {
    const links = linksOf('https://octo:ghp_S3cret@github.com/octo/hello.git');
    for (const url of [links.webBase, links.commitUrl(SHA), links.branchUrl('main')]) {
      assert.doesNotMatch(url, /S3cret|octo:|@/);
    }
  });
  test('a GitHub Enterprise server named github.* keeps its own host', () => {
    assertWebBase('git@github.acme.example:platform/api.git', 'https://github.acme.example/platform/api');
  });
  test('commit and branch pages', () => {
    const links = linksOf('git@github.com:octo/hello.git');
    assert.equal(links.host, 'github');
    assert.equal(links.commitUrl(SHA), `https://github.com/octo/hello/commit/${SHA}`);
    assert.equal(links.branchUrl('feature/ABC-12 #1'), 'https://github.com/octo/hello/tree/feature/ABC-12%20%231');
  });
  test('a host name in capitals is still GitHub', () => assertWebBase('git@GitHub.com:octo/hello.git', 'https://github.com/octo/hello'));
});

suite('remote links: GitLab', () => {
  test('scp-like SSH remote with nested groups', () => {
    assertWebBase('git@gitlab.com:acme/frontend/web.git', 'https://gitlab.com/acme/frontend/web');
  });
  test('HTTPS remote', () => assertWebBase('https://gitlab.com/acme/web.git', 'https://gitlab.com/acme/web'));
  test('HTTPS remote with an OAuth token never puts the token in a link', () => {
    const links = linksOf('https://oauth2:glpat-S3cret@gitlab.com/acme/web.git');
    assert.equal(links.webBase, 'https://gitlab.com/acme/web');
    assert.doesNotMatch(links.branchUrl('main'), /S3cret|oauth2/);
  });
  test('self-hosted over ssh:// on a custom port links to the web server without that port', () => {
    assertWebBase('ssh://git@gitlab.acme.example:2222/team/app.git', 'https://gitlab.acme.example/team/app');
  });
  test('self-hosted over HTTPS keeps the web server port', () => {
    assertWebBase('https://gitlab.acme.example:8443/team/app.git', 'https://gitlab.acme.example:8443/team/app');
  });
  test('self-hosted over plain HTTP stays on HTTP', () => assertWebBase('http://gitlab.lan/team/app.git', 'http://gitlab.lan/team/app'));
  test('commit and branch pages live under /-/', () => {
    const links = linksOf('git@gitlab.com:acme/frontend/web.git');
    assert.equal(links.host, 'gitlab');
    assert.equal(links.commitUrl(SHA), `https://gitlab.com/acme/frontend/web/-/commit/${SHA}`);
    assert.equal(links.branchUrl('fix/ünï(code)'), 'https://gitlab.com/acme/frontend/web/-/tree/fix/%C3%BCn%C3%AF%28code%29');
  });
});

suite('remote links: Bitbucket', () => {
  test('scp-like SSH remote', () => assertWebBase('git@bitbucket.org:team/repo.git', 'https://bitbucket.org/team/repo'));
  test('HTTPS remote with a user name leaves the user out', () => {
    assertWebBase('https://alice@bitbucket.org/team/repo.git', 'https://bitbucket.org/team/repo');
  });
  test('commit and branch pages', () => {
    const links = linksOf('git@bitbucket.org:team/repo.git');
    assert.equal(links.host, 'bitbucket');
    assert.equal(links.commitUrl(SHA), `https://bitbucket.org/team/repo/commits/${SHA}`);
    assert.equal(links.branchUrl('feature/x'), 'https://bitbucket.org/team/repo/branch/feature/x');
  });
});

suite('remote links: Azure DevOps', () => {
  test('HTTPS remote on dev.azure.com, with a space in the project', () => {
    assertWebBase('https://dev.azure.com/acme/Web%20Shop/_git/storefront', 'https://dev.azure.com/acme/Web%20Shop/_git/storefront');
  });
  test('HTTPS remote with the organization as user name leaves the user out', () => {
    assertWebBase('https://acme@dev.azure.com/acme/Platform/_git/infra', 'https://dev.azure.com/acme/Platform/_git/infra');
  });
  test('SSH remote (v3) links to dev.azure.com', () => {
    assertWebBase('git@ssh.dev.azure.com:v3/acme/Platform/infra', 'https://dev.azure.com/acme/Platform/_git/infra');
  });
  test('legacy visualstudio.com remote', () => {
    assertWebBase('https://acme.visualstudio.com/Platform/_git/infra', 'https://acme.visualstudio.com/Platform/_git/infra');
  });
  test('commit page, and branch as a version query', () => {
    const links = linksOf('https://dev.azure.com/acme/Platform/_git/infra');
    assert.equal(links.host, 'azure-devops');
    assert.equal(links.commitUrl(SHA), `https://dev.azure.com/acme/Platform/_git/infra/commit/${SHA}`);
    assert.equal(links.branchUrl('users/ana/retry'), 'https://dev.azure.com/acme/Platform/_git/infra?version=GBusers/ana/retry');
  });
});

suite('remote links: no links', () => {
  for (const remoteUrl of ['git@example.com:owner/repo.git', 'https://git.example.com/owner/repo.git', 'https://bitbucket.example.com/scm/team/repo.git']) {
    test(`an unknown host gets no links: ${remoteUrl}`, () => assert.equal(parseRemoteLinks(remoteUrl), undefined));
  }
  for (const remoteUrl of [
    '',
    'not a remote',
    '/srv/git/repo.git',
    'file:///srv/git/repo.git',
    'C:\\repos\\api',
    'https://github.com/only-owner',
    'https://github.com/owner/repo/extra',
    'https://github.com/owner/%E0%A4%A',
    'git@github.com:owner/../../evil',
    'https://dev.azure.com/acme/_git',
    'ssh://git@github.com:owner/repo.git',
  ]) {
    test(`an unreadable remote gets no links: ${JSON.stringify(remoteUrl)}`, () => assert.equal(parseRemoteLinks(remoteUrl), undefined));
  }
});

suite('remote URLs shown in an export', () => {
  test('user name, password and token are removed from URL-style remotes', () => {
    assert.equal(withoutCredentials('https://oauth2:glpat-S3cret@gitlab.com/acme/web.git'), 'https://gitlab.com/acme/web.git');
    assert.equal(withoutCredentials('https://ghp_S3cret@github.com/octo/hello.git'), 'https://github.com/octo/hello.git');
    assert.equal(withoutCredentials('ssh://git@gitlab.acme.example:2222/team/app.git'), 'ssh://gitlab.acme.example:2222/team/app.git');
  });
  test('scp-like remotes and remotes without credentials are unchanged', () => {
    assert.equal(withoutCredentials('git@github.com:octo/hello.git'), 'git@github.com:octo/hello.git');
    assert.equal(withoutCredentials('https://github.com/octo/hello.git'), 'https://github.com/octo/hello.git');
    assert.equal(withoutCredentials('https://host/path@with-at'), 'https://host/path@with-at');
  });
});
