// Runs the extension-host suite (out/test/integration) inside code-server, on a fresh git workspace,
// then the scenarios that stop VS Code between phases (scripts/restarts.mjs).
import * as path from 'node:path';
import { projectRoot, runExtensionTests } from './host.mjs';
import { restartTestsPath, runRestartScenarios } from './restarts.mjs';
import { createTestWorkspace } from './workspace.mjs';

const workspace = createTestWorkspace();
try {
  process.exitCode = await runExtensionTests({
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'),
    workspace: workspace.root,
  });
} finally {
  workspace.cleanup();
}
if (process.exitCode === 0) {
  process.exitCode = await runRestartScenarios(({ phase, workspace, userDataDir, env }) =>
    runExtensionTests({
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: restartTestsPath,
      workspace,
      userDataDir,
      env: { ...env, PROGRESS_LOG_TEST_PHASE: phase },
    }),
  );
}
