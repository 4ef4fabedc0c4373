// `npm start`: Progress Log, as built in dist/, running in a real VS Code (code-server) on a
// sample git repository. Open the printed URL in a browser; Ctrl+C stops the server.
//
// The extension is loaded from the project root through a symlink in the extensions dir, so a
// rebuild plus "Developer: Reload Window" picks up changes. User data and extensions live under
// .vscode-test/start/, so the log written there survives restarts.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot, startCodeServer } from './host.mjs';

const startDir = path.join(projectRoot, '.vscode-test', 'start');
const userDataDir = path.join(startDir, 'user-data');
const extensionsDir = path.join(startDir, 'extensions');

const manifest = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`;

/** Points EXT/publisher.name-version at the project root, replacing links to other versions. */
function linkExtension() {
  const prefix = `${manifest.publisher}.${manifest.name}-`.toLowerCase();
  const link = path.join(extensionsDir, `${prefix}${manifest.version}`);
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (!entry.toLowerCase().startsWith(prefix)) continue;
    const existing = path.join(extensionsDir, entry);
    // unlink, never a recursive delete, for a link: that would empty the project.
    if (fs.lstatSync(existing).isSymbolicLink()) fs.unlinkSync(existing);
    else fs.rmSync(existing, { recursive: true });
  }
  fs.symlinkSync(projectRoot, link, 'dir');
}

const sampleHistory = [
  {
    subject: 'feat: add greeting CLI',
    files: {
      'package.json': '{\n  "name": "greeter",\n  "version": "0.1.0",\n  "bin": "greet.js"\n}\n',
      'greet.js': "#!/usr/bin/env node\nconsole.log(`Hello, ${process.argv[2]}!`);\n",
    },
  },
  {
    subject: 'fix(cli): greet the world when no name is given',
    files: {
      'greet.js': "#!/usr/bin/env node\nconst name = process.argv[2] || 'world';\nconsole.log(`Hello, ${name}!`);\n",
    },
  },
  {
    subject: 'docs: explain usage in README',
    files: { 'README.md': '# greeter\n\n```sh\nnode greet.js Ada\n```\n' },
  },
  {
    subject: 'chore: ignore node_modules',
    files: { '.gitignore': 'node_modules/\n' },
  },
];

/** A small repository with a Conventional-Commit history, in a fresh temp dir. */
function createSampleRepository() {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-sample-'));
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'Dev Eloper');
  git('config', 'user.email', 'dev@example.com');
  for (const { subject, files } of sampleHistory) {
    for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(repo, file), content);
    git('add', '--all');
    git('commit', '--quiet', '--message', subject);
  }
  return repo;
}

if (!fs.existsSync(path.join(projectRoot, manifest.main))) {
  process.stderr.write(`${manifest.main} is missing: build the extension first (npm run compile).\n`);
  process.exit(1);
}
linkExtension();
const repo = createSampleRepository();
process.on('exit', () => fs.rmSync(repo, { recursive: true, force: true }));

// Until the server is up, exiting is enough: host.mjs kills a starting server on exit.
let shutdown = () => process.exit(130);
process.on('SIGINT', () => shutdown());
process.on('SIGTERM', () => shutdown());

const server = await startCodeServer({ workspace: repo, smokeDriver: false, userDataDir, extensionsDir });
let stopping = false;
shutdown = async () => {
  if (stopping) return;
  stopping = true;
  process.stderr.write('\nStopping code-server…\n');
  await server.stop();
  process.exit(0);
};
server.exited.then(async (code) => {
  if (stopping) return;
  const log = fs.readFileSync(server.dirs.log, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
  process.stderr.write(`code-server stopped unexpectedly (exit code ${code}). The end of its log:\n${log}\n`);
  await server.stop();
  process.exit(1);
});

const url = `${server.url}/?folder=${encodeURI(repo)}`;
process.stdout.write(
  [
    '',
    `Progress Log (${extensionId}, development build from ${projectRoot})`,
    `is running in VS Code on a sample repository: ${repo}`,
    '',
    `    Open  ${url}`,
    '',
    'Commit in that repository (for example from VS Code\'s terminal) and Progress Log asks what it moved forward.',
    `Your log is kept in ${path.relative(projectRoot, userDataDir)}. After a rebuild, run "Developer: Reload Window".`,
    `code-server's own log: ${server.dirs.log}`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
