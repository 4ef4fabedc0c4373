// The same extension-host suite in desktop VS Code, for machines that can download it
// (`npm run test:desktop`), then the scenarios that stop VS Code between phases
// (scripts/restarts.mjs). CI here uses code-server instead (scripts/test-integration.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from './host.mjs';
import { restartTestsPath, runRestartScenarios } from './restarts.mjs';
import { createTestWorkspace } from './workspace.mjs';

// The fake chat model the Suggest tests talk to, as scripts/test-integration.mjs loads it.
const fakeModel = path.join(projectRoot, 'out', 'test', 'fakeModel');
fs.copyFileSync(path.join(projectRoot, 'test', 'fakeModel', 'package.json'), path.join(fakeModel, 'package.json'));

/** Runs one suite in a new desktop VS Code; resolves with 0 when it passed. */
async function runDesktop({ extensionTestsPath, workspace, userDataDir, env, helpers = [] }) {
  try {
    await runTests({
      extensionDevelopmentPath: [projectRoot, ...helpers],
      extensionTestsPath,
      extensionTestsEnv: env,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', ...(userDataDir ? ['--user-data-dir', userDataDir] : [])],
    });
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

const workspace = createTestWorkspace();
try {
  process.exitCode = await runDesktop({ extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'), workspace: workspace.root, helpers: [fakeModel] });
} finally {
  workspace.cleanup();
}
if (process.exitCode === 0) {
  process.exitCode = await runRestartScenarios(({ phase, workspace: root, userDataDir, env }) =>
    runDesktop({ extensionTestsPath: restartTestsPath, workspace: root, userDataDir, env: { ...env, PROGRESS_LOG_TEST_PHASE: phase } }),
  );
}
