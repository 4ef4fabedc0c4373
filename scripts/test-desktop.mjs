// The same extension-host suite in desktop VS Code, for machines that can download it
// (`npm run test:desktop`). CI here uses code-server instead (scripts/test-integration.mjs).
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from './host.mjs';
import { createTestWorkspace } from './workspace.mjs';

const workspace = createTestWorkspace();
try {
  await runTests({
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace.root, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  workspace.cleanup();
}
