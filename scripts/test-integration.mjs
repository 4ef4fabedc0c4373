// Runs the extension-host suite (out/test/integration) inside code-server, on a fresh git workspace.
import * as path from 'node:path';
import { projectRoot, runExtensionTests } from './host.mjs';
import { createTestWorkspace } from './workspace.mjs';

const workspace = createTestWorkspace();
try {
  const code = await runExtensionTests({
    extensionDevelopmentPath: projectRoot,
    extensionTestsPath: path.join(projectRoot, 'out', 'test', 'integration', 'index.js'),
    workspace: workspace.root,
  });
  process.exitCode = code;
} finally {
  workspace.cleanup();
}
