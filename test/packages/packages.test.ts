/**
 * The packages `npm run package:all` built (packages/progress-log-<target>.vsix, and this
 * machine's as progress-log.vsix), opened as a user's VS Code opens them: one per platform, each
 * carrying only its own SQLite binary, built for that platform, and nothing that does not run.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { platformName } from '../../src/storage/sqliteLibrary';
import { nativeTarget, type NativeTarget } from '../support/nativeBinary';
import { OpenVsxStandIn, openVsxIssues } from '../support/openVsxStandIn';
import { readZip, type ZipEntry } from '../support/zip';

const ROOT = path.resolve(__dirname, '../../..');
const PACKAGES = path.join(ROOT, 'packages');
const MAX_BYTES = 2.5 * 1024 * 1024;
/** What the first paint runs, `dist/extension.js`, at most (the second bundle, `dist/later.js`, loads after it). */
const MAX_FIRST_BUNDLE_BYTES = 300 * 1000;

/** Each target VS Code names, with the binary better-sqlite3 loads there and what its header must say. */
const EXPECTED: Record<string, { prebuild: string; binary: NativeTarget }> = {
  'win32-x64': { prebuild: 'win32-x64', binary: { os: 'win32', arch: 'x64' } },
  'win32-arm64': { prebuild: 'win32-arm64', binary: { os: 'win32', arch: 'arm64' } },
  'darwin-x64': { prebuild: 'darwin-x64', binary: { os: 'darwin', arch: 'x64' } },
  'darwin-arm64': { prebuild: 'darwin-arm64', binary: { os: 'darwin', arch: 'arm64' } },
  'linux-x64': { prebuild: 'linux-x64', binary: { os: 'linux', arch: 'x64', libc: 'glibc' } },
  'linux-arm64': { prebuild: 'linux-arm64', binary: { os: 'linux', arch: 'arm64', libc: 'glibc' } },
  'alpine-x64': { prebuild: 'linuxmusl-x64', binary: { os: 'linux', arch: 'x64', libc: 'musl' } },
  'alpine-arm64': { prebuild: 'linuxmusl-arm64', binary: { os: 'linux', arch: 'arm64', libc: 'musl' } },
};

/** What runs, or what VS Code and the galleries read: anything else in a package is a mistake. */
const RUNTIME_FILES = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[a-z-]+)?\.json$/,
  /^extension\/(readme|changelog)\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(boot|extension|later)\.js$/,
  /^extension\/dist\/webview\/(insights|review)\.js$/,
  /^extension\/l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/,
  /^extension\/media\/[\w/-]+\.(png|svg|css|md)$/,
  /^extension\/node_modules\/better-sqlite3\/(package\.json|LICENSE)$/,
  /^extension\/node_modules\/better-sqlite3\/lib\/[\w/-]+\.js$/,
  /^extension\/node_modules\/better-sqlite3\/prebuilds\/[\w-]+\.node$/,
];

function packageOf(target: string): ZipEntry[] {
  const file = path.join(PACKAGES, `progress-log-${target}.vsix`);
  assert.ok(fs.existsSync(file), `${path.relative(ROOT, file)} is missing: run "npm run package:all" first (npm test does)`);
  return readZip(file);
}

const entry = (entries: ZipEntry[], name: string) => {
  const found = entries.find((candidate) => candidate.name === name);
  assert.ok(found, `${name} is not in the package`);
  return found;
};

/**
 * The README's pictures, as files of the package: vsce points them at the repository
 * (`<repository>/raw/HEAD/<path>`) for the galleries' pages, which show the same files.
 */
function readmeImages(entries: ZipEntry[], repository: string): string[] {
  const raw = `${repository.replace(/\.git$/, '')}/raw/HEAD/`;
  return [...entry(entries, 'extension/readme.md').data.toString('utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map(([, url]) => {
    assert.ok(url.startsWith(raw), `the README shows ${url}, which is not one of the package's files`);
    return url.slice(raw.length);
  });
}

suite('the native binary header reader', () => {
  test('tells each of better-sqlite3\'s own prebuilt binaries apart: system, architecture and C library', () => {
    const prebuilds = path.join(ROOT, 'node_modules', 'better-sqlite3', 'prebuilds');
    for (const { prebuild, binary } of Object.values(EXPECTED)) {
      assert.deepEqual(nativeTarget(fs.readFileSync(path.join(prebuilds, `${prebuild}.node`))), binary, prebuild);
    }
  });

  test('refuses a file that is no native module', () => {
    assert.throws(() => nativeTarget(Buffer.from('#!/bin/sh\necho not a module\n')), /not a native module/);
  });
});

suite('one package per platform', () => {
  for (const [target, { prebuild, binary }] of Object.entries(EXPECTED)) {
    test(`${target}: only its own SQLite binary, built for ${binary.os} ${binary.arch}${binary.libc ? ` (${binary.libc})` : ''}, in at most 2.5 MB`, () => {
      const file = path.join(PACKAGES, `progress-log-${target}.vsix`);
      const entries = packageOf(target);
      const size = fs.statSync(file).size;
      assert.ok(size <= MAX_BYTES, `${path.basename(file)} is ${(size / 1024 / 1024).toFixed(2)} MiB`);
      assert.match(entry(entries, 'extension.vsixmanifest').data.toString('utf8'), new RegExp(`TargetPlatform="${target}"`));
      const binaries = entries.filter((candidate) => candidate.name.endsWith('.node'));
      assert.deepEqual(binaries.map((candidate) => candidate.name), [`extension/node_modules/better-sqlite3/prebuilds/${prebuild}.node`]);
      assert.deepEqual(nativeTarget(binaries[0].data), binary);
    });

    test(`${target}: nothing but runtime files, and every file the manifest names is there`, () => {
      const entries = packageOf(target);
      assert.deepEqual(entries.map((candidate) => candidate.name).filter((name) => !RUNTIME_FILES.some((pattern) => pattern.test(name))), []);
      const manifest = JSON.parse(entry(entries, 'extension/package.json').data.toString('utf8'));
      const named = [
        manifest.main,
        manifest.icon,
        ...manifest.contributes.viewsContainers.activitybar.map((container: { icon: string }) => container.icon),
        ...manifest.contributes.walkthroughs.flatMap((walkthrough: { steps: { media: { markdown: string } }[] }) => walkthrough.steps.map((step) => step.media.markdown)),
        'dist/extension.js',
        'dist/later.js',
        ...readmeImages(entries, manifest.repository.url),
      ];
      for (const name of named) entry(entries, `extension/${path.posix.normalize(name)}`);
      // The packaged code loads better-sqlite3's entry and everything it requires.
      const lib = entries.filter((candidate) => candidate.name.startsWith('extension/node_modules/better-sqlite3/lib/'));
      for (const source of lib) {
        for (const [, required] of source.data.toString('utf8').matchAll(/require\('(\.[^']+)'\)/g)) {
          const resolved = path.posix.join(path.posix.dirname(source.name), required);
          const isPrebuild = resolved.includes('/prebuilds/');
          if (isPrebuild) continue; // another platform's entry would name its binary; only ours ships (above)
          assert.ok(entries.some((candidate) => [resolved, `${resolved}.js`, `${resolved}/index.js`].includes(candidate.name)), `${source.name} requires ${required}, which is not in the package`);
        }
      }
    });
  }

  test("this machine's package: what the first paint runs is at most 300 KB, and every module the second bundle takes from it is listed there", () => {
    const machine = path.join(ROOT, 'progress-log.vsix');
    assert.ok(fs.existsSync(machine), 'progress-log.vsix is missing: run "npm run package" first');
    const entries = readZip(machine);
    const first = entry(entries, 'extension/dist/extension.js').data;
    assert.ok(first.length <= MAX_FIRST_BUNDLE_BYTES, `dist/extension.js is ${first.length} bytes`);
    const taken = [...entry(entries, 'extension/dist/later.js').data.toString('utf8').matchAll(/require\("(progress-log:[^"]+)"\)/g)].map((match) => match[1]);
    assert.ok(taken.length > 0, 'dist/later.js takes no module from dist/extension.js');
    const listed = first.toString('utf8');
    assert.deepEqual(taken.filter((name) => !listed.includes(JSON.stringify(name))), []);
  });

  test('this machine\'s package is progress-log.vsix, and its SQLite opens a database', function () {
    const target = platformName();
    if (!EXPECTED[target]) this.skip();
    const machine = path.join(ROOT, 'progress-log.vsix');
    assert.ok(fs.existsSync(machine), 'progress-log.vsix is missing: run "npm run package" first');
    const entries = readZip(machine);
    assert.match(entry(entries, 'extension.vsixmanifest').data.toString('utf8'), new RegExp(`TargetPlatform="${target}"`));
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-package-'));
    try {
      for (const file of entries.filter((candidate) => candidate.name.startsWith('extension/node_modules/'))) {
        fs.mkdirSync(path.dirname(path.join(unpacked, file.name)), { recursive: true });
        fs.writeFileSync(path.join(unpacked, file.name), file.data);
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Database = require(path.join(unpacked, 'extension', 'node_modules', 'better-sqlite3')) as typeof BetterSqlite3;
      const db = new Database(path.join(unpacked, 'log.sqlite'));
      const { version } = db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
      db.close();
      assert.match(version, /^3\.\d+\.\d+$/);
    } finally {
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  });

  test('ovsx publishes every platform\'s package: its own checks pass, and the registry\'s rules for the page take each (a stand-in registry on this machine)', async function () {
    this.timeout(60_000);
    const files = Object.keys(EXPECTED).map((target) => path.join(PACKAGES, `progress-log-${target}.vsix`));
    for (const file of files) assert.ok(fs.existsSync(file), `${file} is missing: run "npm run package:all" first`);
    const token = 'a-token-of-this-test';
    const registry = new OpenVsxStandIn(token, MAX_BYTES);
    const url = await registry.start();
    try {
      const ovsx = path.join(ROOT, 'node_modules', 'ovsx', 'bin', 'ovsx');
      const said = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, [ovsx, 'publish', '--packagePath', ...files, '--pat', token, '--registryUrl', url], { encoding: 'utf8' }, (error, stdout, stderr) =>
          error ? reject(new Error(`ovsx publish failed: ${stdout}${stderr}`)) : resolve(stdout + stderr),
        ),
      );
      assert.deepEqual(registry.refused, []);
      assert.deepEqual(registry.published.map((published) => published.targetPlatform).sort(), Object.keys(EXPECTED).sort());
      for (const published of registry.published) {
        assert.equal(`${published.namespace}.${published.name}`, 'progress-log.progress-log');
        assert.match(said, new RegExp(`Published progress-log\\.progress-log v${published.version.replace(/\./g, '\\.')}@${published.targetPlatform}`));
      }
    } finally {
      await registry.stop();
    }
  });

  test('the stand-in registry refuses, in its words, what Open VSX refuses: a bad name alone first, then every fault of the page', () => {
    const page = {
      publisher: 'progress-log',
      name: 'progress-log',
      version: '0.1.0',
      displayName: 'Progress\u0007Log',
      description: 'x'.repeat(2049),
      homepage: 'http://',
      repository: { url: 'git://github.com/progress-log/progress-log.git' },
      bugs: { url: 'https://github.com/progress-log/progress-log/issues' },
      galleryBanner: { color: '#1f4e5f-and-more-than-sixteen', theme: 'blue' },
      qna: 'sometimes',
    };
    assert.deepEqual(openVsxIssues({ ...page, publisher: 'progress log' }, 'linux-x64', true), ['Invalid namespace name: progress log']);
    assert.deepEqual(openVsxIssues({ ...page, version: 'latest' }, 'linux-x64', true), ["The version string 'latest' is reserved."]);
    assert.deepEqual(openVsxIssues({ ...page, version: '1.0' }, 'linux-x64', true), ['Invalid semantic version. See https://semver.org/.']);
    assert.deepEqual(openVsxIssues(page, 'linux-riscv64', false), [
      "Unsupported target platform 'linux-riscv64'",
      "Invalid character found in field 'displayName': Progress\u0007Log (index 8)",
      "The field 'description' exceeds the current limit of 2048 characters.",
      "Invalid URL in field 'homepage': http://",
      "Invalid URL in field 'repository': git://github.com/progress-log/progress-log.git",
      "The field 'galleryBanner.color' exceeds the current limit of 16 characters.",
      "Invalid value in field 'galleryBanner.theme': blue. Allowed values: [dark, light]",
      "Invalid value in field 'qna': sometimes. Allowed values: [marketplace, false] or a URL",
      'This extension cannot be accepted because it has no license.',
    ]);
    assert.deepEqual(openVsxIssues({ ...page, displayName: 'Progress Log', description: 'ok', homepage: undefined, repository: { url: 'git+https://github.com/progress-log/progress-log.git' }, galleryBanner: { color: '#1f4e5f', theme: 'dark' }, qna: false }, 'alpine-arm64', true), []);
  });
});
