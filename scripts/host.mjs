// The real VS Code that Progress Log runs in for its extension-host tests and for `npm start`:
// code-server (VS Code in the browser, from npm) with its Node extension host. VS Code desktop
// cannot be downloaded everywhere we build, code-server can (see /work/shared/vscode-host.md).
//
// Two of them: the newest (code-server 4.139.1, VS Code 1.139.1) and the oldest VS Code that
// `engines.vscode` lets install Progress Log and code-server publishes (4.103.2, VS Code 1.103.2),
// each in its own folder under .vscode-test/ and each on the Node its VS Code ships (HOSTS below).
//
// CLI:
//   node scripts/host.mjs install [newest|oldest]
//   node scripts/host.mjs test <extensionTestsPath> <workspace> [newest|oldest]
//
// Run it with the project's Node 24 (npm scripts do): the newest code-server requires Node 24, and
// the extension's better-sqlite3 needs Node >= 22.14.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// The `node` devDependency nests the real Node 24 distribution (bin/node and include/ with
// the headers native modules are compiled against) under a platform-specific package.
const nodeDistribution = (nodeModules) => path.join(nodeModules, 'node', 'node_modules', `node-${process.platform}-${process.arch}`);
const node24Dir = nodeDistribution(path.join(projectRoot, 'node_modules'));

/**
 * The VS Code builds the extension-host suite runs on. Each is code-server from npm, installed from
 * its own package.json and lockfile (`dir`) into `.vscode-test/<name>`, and run on the Node its
 * VS Code ships: code-server refuses any other major version, and its postinstall builds native
 * modules against that Node's headers. The oldest needs two things the newest does not: its
 * own Node 22 (from npm, with `@vscode/ripgrep-universal`, in `tools`), and a ripgrep handed to
 * `@vscode/ripgrep`'s postinstall, which otherwise downloads one from GitHub (unreachable here): it
 * reads a download cache under TMPDIR first (`ripgrepCache`: that package's version, and the
 * release it asks for).
 */
export const HOSTS = {
  // Without a grace time an extension host whose browser went away lingers for hours (the
  // oldest code-server has no such option; its server is stopped by its process group all the same).
  newest: { vscode: '1.139.1', dir: 'test/host', nodeDir: () => node24Dir, args: ['--reconnection-grace-time', '5'] },
  oldest: {
    vscode: '1.103.2',
    dir: 'test/host-oldest',
    tools: 'test/host-oldest/tools',
    nodeDir: () => nodeDistribution(path.join(projectRoot, '.vscode-test', 'oldest-tools', 'node_modules')),
    ripgrepCache: { packageVersion: '1.15.14', release: 'v13.0.0-13' },
    vscodeServer: true,
  },
};

/** The host named by `name` (newest unless said), with the folders it lives in. */
export function hostNamed(name = 'newest') {
  const host = HOSTS[name];
  if (!host) throw new Error(`No VS Code host "${name}": one of ${Object.keys(HOSTS).join(', ')}`);
  const installDir = path.join(projectRoot, '.vscode-test', name === 'newest' ? 'code-server' : `code-server-${name}`);
  return {
    ...host,
    name,
    installDir,
    stamp: path.join(installDir, '.installed-lockfile-hash'),
    entry: path.join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    node: path.join(host.nodeDir(), 'bin', 'node'),
  };
}

const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEFAULT_TEST_TIMEOUT_MS = 5 * 60_000;
const SERVER_START_TIMEOUT_MS = 60_000;

/** Progress goes to stderr so that stdout stays the test output. */
function progress(message) {
  process.stderr.write(`[host] ${message}\n`);
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function lockfileHash(host) {
  const hash = createHash('sha256');
  for (const dir of [host.dir, host.tools].filter(Boolean)) {
    for (const file of ['package.json', 'package-lock.json']) hash.update(fs.readFileSync(path.join(projectRoot, dir, file)));
  }
  return hash.digest('hex');
}

/**
 * Our environment without what belongs to the tools that started us: an outer `npm run` exports
 * its config as npm_config_* (its user agent names the machine's Node 20, which code-server's
 * postinstall then refuses; its prefix and nodedir point elsewhere), and from a VS Code terminal
 * VSCODE_IPC_HOOK_CLI makes code-server hand the folder to that VS Code and exit instead of
 * starting.
 */
function inheritedEnvironment() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') continue;
    env[key] = value;
  }
  return env;
}

function run(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 128 : code));
  });
}

/** `npm ci` of `from`'s package.json and lockfile in `to`, a fresh folder; resolves with npm's exit code. */
async function npmCi(from, to, env) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(projectRoot, from, file), path.join(to, file));
  return run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: to, stdio: ['ignore', process.stderr, process.stderr], env: { ...inheritedEnvironment(), ...env } });
}

/** Where `@vscode/ripgrep`'s postinstall looks for a download it already made, seeded with the ripgrep of `@vscode/ripgrep-universal`. */
function seedRipgrepCache(host, tmp) {
  const targets = { 'linux-x64': 'x86_64-unknown-linux-musl', 'linux-arm64': 'aarch64-unknown-linux-musl', 'darwin-x64': 'x86_64-apple-darwin', 'darwin-arm64': 'aarch64-apple-darwin' };
  const target = targets[`${process.platform}-${process.arch}`];
  if (!target) throw new Error(`The oldest VS Code host is not set up for ${process.platform}-${process.arch} (no ripgrep for its install)`);
  const rg = path.join(projectRoot, '.vscode-test', `${host.name}-tools`, 'node_modules', '@vscode', 'ripgrep-universal', 'bin', `${process.platform}-${process.arch}`);
  const cache = path.join(tmp, `vscode-ripgrep-cache-${host.ripgrepCache.packageVersion}`);
  fs.mkdirSync(cache, { recursive: true });
  execFileSync('tar', ['-czf', path.join(cache, `ripgrep-${host.ripgrepCache.release}-${target}.tar.gz`), '-C', rg, 'rg']);
}

/**
 * Installs the host's code-server into .vscode-test/ (skipped when the same package.json and
 * lockfiles are already installed), and first its own Node when it has one. Returns the host.
 */
export async function ensureCodeServer(name = 'newest') {
  const host = hostNamed(name);
  const hash = lockfileHash(host);
  if (fs.existsSync(host.entry) && fs.existsSync(host.node) && readText(host.stamp) === hash) return host;
  const started = Date.now();
  if (host.tools) {
    progress(`installing Node and ripgrep for VS Code ${host.vscode} into .vscode-test/${host.name}-tools…`);
    const code = await npmCi(host.tools, path.join(projectRoot, '.vscode-test', `${host.name}-tools`), {});
    if (code !== 0) throw new Error(`Installing ${host.tools} failed (npm ci exited with ${code}).`);
  }
  const nodeDir = host.nodeDir();
  if (!fs.existsSync(path.join(nodeDir, 'include'))) {
    throw new Error(`Node with headers not found at ${nodeDir}: run \`npm ci\` in ${projectRoot} first.`);
  }
  progress(`installing code-server for VS Code ${host.vscode} into ${path.relative(projectRoot, host.installDir)} (1-8 minutes, ~300-620 MB)…`);
  const tmp = path.join(projectRoot, '.vscode-test', `${host.name}-tools`, 'tmp');
  // code-server refuses any Node but its own major version and its postinstall compiles native
  // modules: npm must run on that Node and build against its headers. The machine's npm config may
  // point `nodedir` at another Node's headers, so the environment overrides it. As root, the oldest
  // code-server's postinstall also wants unsafe-perm, and node-pty's runs `npx node-gyp`, which
  // must not stop to ask.
  const env = {
    PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: nodeDir,
    ...(host.ripgrepCache ? { npm_config_unsafe_perm: 'true', npm_config_yes: 'true', TMPDIR: tmp } : {}),
  };
  if (host.ripgrepCache) seedRipgrepCache(host, tmp);
  const code = await npmCi(host.dir, host.installDir, env);
  if (code !== 0) {
    // A half-built node_modules would pass a later existence check but not run.
    fs.rmSync(path.join(host.installDir, 'node_modules'), { recursive: true, force: true });
    throw new Error(
      `Installing code-server ${host.vscode} failed (npm ci exited with ${code}). Its native modules are built ` +
        `from source here: on Debian/Ubuntu they need \`apt-get install -y libkrb5-dev pkg-config build-essential python3\` ` +
        `(kerberos stops at "gssapi/gssapi.h: No such file or directory" without them). ` +
        `Then run \`node scripts/host.mjs install ${host.name}\` again.`,
    );
  }
  fs.writeFileSync(host.stamp, hash);
  progress(`code-server for VS Code ${host.vscode} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return host;
}

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Settings of every throwaway profile: quiet, offline, no welcome pages or AI panels. */
export const userSettings = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.autofetch': false,
  'chat.disableAIFeatures': true,
};

function serverEnvironment(home, extra) {
  return {
    ...inheritedEnvironment(),
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    // No extension gallery: this VS Code is only a host for Progress Log, and offline (as here)
    // every gallery query would fail and log an error into the test output.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function processGroupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file, lines = 40) {
  return (readText(file) ?? '').trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitForHttp(url, child, logFile) {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during startup. Its log (${logFile}):\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer at ${url} within ${SERVER_START_TIMEOUT_MS / 1000} s. Its log (${logFile}):\n${tail(logFile)}`);
}

/**
 * Starts code-server on a free 127.0.0.1 port, without authentication, and waits until it answers.
 *
 * HOME and XDG_* always point into a fresh temp dir (with a git identity, so that commits in
 * the workspace work); user data and extensions go there too unless given. `smokeDriver` enables
 * VS Code's test payload (extension tests) but also hides notification toasts. `env` is added to
 * the server's environment, which its extension host inherits. `exited` settles when code-server's
 * main process ends (with its exit code, null after a signal); `stop()` ends its whole process
 * group and removes the throwaway dirs. `host` names the VS Code (HOSTS), the newest unless said.
 *
 * `helperExtensions` are extension folders (a package.json and its main file) installed in the
 * extensions dir before the start, as if the user had installed them: a test's fake chat model.
 *
 * @param {{ workspace: string, smokeDriver: boolean, extensionsDir?: string, userDataDir?: string, env?: Record<string, string>, host?: string, helperExtensions?: string[] }} options
 * @returns {Promise<{ url: string, port: number, dirs: { base: string, home: string, userData: string, extensions: string, log: string }, exited: Promise<number | null>, stop(): Promise<void> }>}
 */
export async function startCodeServer({ workspace, smokeDriver, extensionsDir, userDataDir, env = {}, host: hostName, helperExtensions = [] }) {
  const host = await ensureCodeServer(hostName);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-host-'));
  const dirs = {
    base,
    home: path.join(base, 'home'),
    userData: userDataDir ?? path.join(base, 'user-data'),
    extensions: extensionsDir ?? path.join(base, 'extensions'),
    log: path.join(base, 'code-server.log'),
  };
  for (const dir of [dirs.home, dirs.extensions, path.join(dirs.userData, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  for (const folder of helperExtensions) {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    fs.cpSync(folder, path.join(dirs.extensions, `${manifest.publisher}.${manifest.name}-${manifest.version}`), { recursive: true });
  }
  fs.writeFileSync(
    path.join(dirs.home, '.gitconfig'),
    '[user]\n\tname = Dev Eloper\n\temail = dev@example.com\n[init]\n\tdefaultBranch = main\n',
  );
  const settingsFile = path.join(dirs.userData, 'User', 'settings.json');
  // A persistent user-data dir keeps whatever settings its user chose.
  if (!fs.existsSync(settingsFile)) {
    fs.writeFileSync(settingsFile, `${JSON.stringify(userSettings, null, 2)}\n`);
  }

  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const args = host.vscodeServer
    ? [
        // VS Code's own server inside the code-server package: code-server 4.103 takes no option
        // for VS Code, so it cannot turn on the smoke-test driver that the test payload needs.
        path.join(host.installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
        '--host', '127.0.0.1',
        '--port', String(port),
        '--without-connection-token',
        '--accept-server-license-terms',
        '--disable-telemetry',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--user-data-dir', dirs.userData,
        '--server-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        ...(smokeDriver ? ['--enable-smoke-test-driver'] : []),
        '--default-folder', workspace,
      ]
    : [
        host.entry,
        '--config', '/dev/null',
        '--bind-addr', `127.0.0.1:${port}`,
        '--auth', 'none',
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        ...host.args,
        '--user-data-dir', dirs.userData,
        '--extensions-dir', dirs.extensions,
        // Unix socket paths are limited to ~107 bytes; the default lives in the user-data dir, which
        // may be deep inside the project.
        '--session-socket', path.join(base, 'session.sock'),
        ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
        workspace,
      ];
  const logFd = fs.openSync(dirs.log, 'a');
  // Detached: its own process group, so that stop() also ends the extension host, pty host and
  // file watchers it forks.
  const child = spawn(host.node, args, {
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: serverEnvironment(dirs.home, env),
  });
  fs.closeSync(logFd);
  const pid = child.pid;
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const removeThrowawayDirs = () => fs.rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  // If this process ends without stop() (Ctrl+C, process.exit), take the server along.
  const killOnExit = () => {
    signalGroup(pid, 'SIGKILL');
    removeThrowawayDirs();
  };
  process.on('exit', killOnExit);

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      signalGroup(pid, 'SIGTERM');
      for (let waited = 0; waited < 5_000 && processGroupAlive(pid); waited += 100) await sleep(100);
      signalGroup(pid, 'SIGKILL');
      for (let waited = 0; waited < 5_000 && processGroupAlive(pid); waited += 100) await sleep(100);
      process.off('exit', killOnExit);
      // Dirs a caller gave stay; they are outside `base`.
      removeThrowawayDirs();
    })();
    return stopping;
  };

  try {
    await waitForHttp(host.vscodeServer ? `${url}/` : `${url}/healthz`, child, dirs.log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, dirs, exited, stop };
}

/**
 * Installs a packaged extension the way a user does (`code-server --install-extension`), for the
 * next server started on the same user-data and extensions dirs.
 */
export async function installExtension(vsixPath, { userDataDir, extensionsDir, host: hostName }) {
  const host = await ensureCodeServer(hostName);
  const args = [host.entry, '--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsixPath];
  let output = '';
  const code = await new Promise((resolve, reject) => {
    const child = spawn(host.node, args, { env: inheritedEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`Installing ${vsixPath} failed (exit ${code}):\n${output}`);
  progress(`installed ${path.basename(vsixPath)}`);
}

/** Debian's Chromium, headless, driven by playwright-core, with the flags this machine needs. */
export async function launchBrowser() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`No browser at ${chromiumPath}: install Debian's chromium (apt-get install -y chromium).`);
  }
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/** A `vscode-remote://` URI: how the browser workbench names a path on the server. */
function remoteUri(port, file) {
  return `vscode-remote://127.0.0.1:${port}${encodeURI(path.resolve(file))}`;
}

/**
 * Runs an extension test suite (a module exporting `run(): Promise<void>`) inside code-server's
 * real extension host, with the extension at `extensionDevelopmentPath` loaded in development
 * mode and `workspace` opened as the folder. The host's console output is printed to stdout.
 * Resolves with the exit code: 0 when run() resolved, non-zero otherwise.
 *
 * A `userDataDir` given is kept (its settings and the extension's global storage, so its database,
 * carry over to the next run on it).
 *
 * `helperExtensions` are installed beside it (see startCodeServer).
 *
 * @param {{ extensionDevelopmentPath: string, extensionTestsPath: string, workspace: string, userDataDir?: string, env?: Record<string, string>, timeoutMs?: number, host?: string, helperExtensions?: string[] }} options
 * @returns {Promise<number>}
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  userDataDir,
  env = {},
  timeoutMs = DEFAULT_TEST_TIMEOUT_MS,
  host,
  helperExtensions = [],
}) {
  const server = await startCodeServer({ workspace: path.resolve(workspace), smokeDriver: true, userDataDir, env, host, helperExtensions });
  let browser;
  let timer;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    // The workbench forwards the extension host's console here, then reports how run() settled.
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      process.stdout.write(`${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(server.port, extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    const target =
      `${server.url}/?folder=${encodeURIComponent(path.resolve(workspace))}` +
      `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const timedOut = new Promise((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Extension tests did not finish within ${timeoutMs / 1000} s (run() never settled, or the ` +
                `extension host never started). code-server log:\n${tail(server.dirs.log)}`,
            ),
          ),
        timeoutMs,
      );
    });
    await Promise.race([page.goto(target), timedOut]);
    return await Promise.race([exited, timedOut]);
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server.stop();
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === 'install' && rest.length <= 1) {
    await ensureCodeServer(rest[0]);
    return 0;
  }
  if (command === 'test' && (rest.length === 2 || rest.length === 3)) {
    const [extensionTestsPath, workspace] = rest.slice(0, 2).map((arg) => path.resolve(arg));
    return runExtensionTests({ extensionDevelopmentPath: projectRoot, extensionTestsPath, workspace, host: rest[2] });
  }
  process.stderr.write('usage: node scripts/host.mjs install [newest|oldest]\n       node scripts/host.mjs test <extensionTestsPath> <workspace> [newest|oldest]\n');
  return 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // code-server runs in its own process group, so Ctrl+C does not reach it: exit, and the
  // 'exit' hooks (ours and Playwright's) kill the server and the browser.
  process.on('SIGINT', () => process.exit(130));
  process.on('SIGTERM', () => process.exit(143));
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
      process.exit(1);
    },
  );
}
