// Extension-host scenarios across a stopped VS Code (test/integration/restart): one profile (so one
// database) and one workspace repository through several starts of VS Code; between two starts,
// the git work a person does in a terminal while the editor is closed. `runPhase` starts VS Code
// with the phase's tests and resolves with their exit code; code-server and desktop VS Code each
// bring their own.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot, userSettings } from './host.mjs';
import { createTestWorkspace } from './workspace.mjs';

export const restartTestsPath = path.join(projectRoot, 'out', 'test', 'integration', 'restart', 'index.js');

/**
 * @param {(phase: { phase: string, workspace: string, userDataDir: string }) => Promise<number>} runPhase
 * @returns {Promise<number>} 0 when every phase passed
 */
export async function runRestartScenarios(runPhase) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'progress-log-restart-profile-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  // Prompts wait in the status bar, so that each phase reads what waits before anything is answered.
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...userSettings, 'progressLog.prompt': 'statusBarOnly' }, null, 2));
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
      const code = await runPhase({ phase, workspace: root, userDataDir });
      if (code !== 0) return code;
    }
    return 0;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}
