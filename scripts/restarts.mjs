// Extension-host scenarios across a stopped VS Code (test/integration/restart): one profile (so one
// database) and one workspace repository through several starts of VS Code; between two starts,
// the git work a person does in a terminal while the editor is closed. Then two machines: two
// profiles (each its own global storage, so its own database) and one sync repository, a bare
// repository in a temporary folder, named to the phases in PROGRESS_LOG_SYNC_REPOSITORY.
// `runPhase` starts VS Code with the phase's tests (and `env` added to the extension host's
// environment) and resolves with their exit code; code-server and desktop VS Code each bring their own.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot, userSettings } from './host.mjs';
import { createTestWorkspace } from './workspace.mjs';

export const restartTestsPath = path.join(projectRoot, 'out', 'test', 'integration', 'restart', 'index.js');

/**
 * @typedef {(phase: { phase: string, workspace: string, userDataDir: string, env: Record<string, string> }) => Promise<number>} PhaseRunner
 * @param {PhaseRunner} runPhase
 * @returns {Promise<number>} 0 when every phase passed
 */
export async function runRestartScenarios(runPhase) {
  const code = await runOneMachine(runPhase);
  return code === 0 ? runTwoMachines(runPhase) : code;
}

/** A new profile (user data folder) whose user settings are `settings` besides the host's own. */
function newProfile(settings) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-restart-profile-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, ...settings }, null, 2));
  return userDataDir;
}

/** @param {PhaseRunner} runPhase */
async function runOneMachine(runPhase) {
  // Prompts wait in the status bar, so that each phase reads what waits before anything is answered.
  const userDataDir = newProfile({ 'progressLog.prompt': 'statusBarOnly' });
  const workspace = createTestWorkspace();
  let root = workspace.root;
  const git = (...args) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const commit = (subject, file) => {
    fs.appendFileSync(path.join(root, file), `${subject}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', subject);
  };
  const phases = [
    ['first look', () => {}],
    [
      'merged while stopped',
      () => {
        git('checkout', '-q', '-b', 'feature/export');
        commit('feat: export as CSV', 'export.md');
        commit('test: export cases', 'export.test.md');
        git('checkout', '-q', 'main');
        git('merge', '-q', '--no-ff', 'feature/export', '-m', 'Ship the export');
        git('branch', '-q', '-d', 'feature/export');
      },
    ],
    [
      'moved while stopped',
      () => {
        const moved = `${root}-moved`;
        fs.renameSync(root, moved);
        root = moved;
        commit('fix: invoices print on one page', 'invoice.md');
      },
    ],
  ];
  try {
    for (const [phase, whileStopped] of phases) {
      whileStopped();
      process.stdout.write(`\n[restart] VS Code starts: ${phase}\n`);
      const code = await runPhase({ phase, workspace: root, userDataDir, env: {} });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

/**
 * Two machines, one sync repository: machine A sets sync up through its command, names an outcome
 * and syncs; machine B, whose settings already name the repository (as Settings Sync would bring
 * them), syncs and shows it.
 * @param {PhaseRunner} runPhase
 */
async function runTwoMachines(runPhase) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-sync-repository-'));
  const repository = path.join(folder, 'sync.git');
  execFileSync('git', ['init', '-q', '--bare', repository], { stdio: 'ignore' });
  const machines = [
    { phase: 'machine A sets up sync', userDataDir: newProfile({}), workspace: createTestWorkspace() },
    { phase: 'machine B syncs', userDataDir: newProfile({ 'progressLog.sync.repository': repository }), workspace: createTestWorkspace() },
  ];
  try {
    for (const { phase, userDataDir, workspace } of machines) {
      process.stdout.write(`\n[restart] VS Code starts: ${phase}\n`);
      const code = await runPhase({ phase, workspace: workspace.root, userDataDir, env: { PROGRESS_LOG_SYNC_REPOSITORY: repository } });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    for (const { userDataDir, workspace } of machines) {
      workspace.cleanup();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    }
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
