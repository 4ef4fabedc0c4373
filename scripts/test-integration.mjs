// Runs the extension-host suite (out/test/integration) inside code-server, on a fresh git workspace,
// then the scenarios that stop VS Code between phases (scripts/restarts.mjs).
//   node scripts/test-integration.mjs [newest|oldest]   the VS Code to run on (scripts/host.mjs HOSTS)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostNamed, projectRoot, runExtensionTests } from './host.mjs';
import { restartTestsPath, runRestartScenarios } from './restarts.mjs';
import { createTestWorkspace } from './workspace.mjs';

// The fake chat model the Suggest tests talk to (test/fakeModel), loaded beside Progress Log:
// compiled by tsc into out/, its manifest copied beside it.
const fakeModel = path.join(projectRoot, 'out', 'test', 'fakeModel');
fs.copyFileSync(path.join(projectRoot, 'test', 'fakeModel', 'package.json'), path.join(fakeModel, 'package.json'));

const host = hostNamed(process.argv[2]);
process.stderr.write(`[host] the extension-host suite on VS Code ${host.vscode} (${host.name})\n`);
const started = Date.now();
const workspace = createTestWorkspace();
try {
  process.exitCode = await runExtensionTests({
    extensionDevelopmentPath: projectRoot,
    helperExtensions: [fakeModel],
    extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'),
    workspace: workspace.root,
    host: host.name,
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
      host: host.name,
    }),
  );
}
process.stderr.write(`[host] VS Code ${host.vscode}: ${process.exitCode === 0 ? 'passed' : 'failed'} in ${Math.round((Date.now() - started) / 1000)} s\n`);
