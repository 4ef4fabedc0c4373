/**
 * Entry point of the extension-host scenarios that stop VS Code between phases, or start it as
 * another machine (`scripts/restarts.mjs`): each start of VS Code runs the one phase
 * PROGRESS_LOG_TEST_PHASE names.
 */
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const phase = process.env.PROGRESS_LOG_TEST_PHASE;
  if (!phase) throw new Error('PROGRESS_LOG_TEST_PHASE names the phase to run');
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec', grep: phase });
  for (const file of ['restart.test.js', 'sync.test.js']) mocha.addFile(path.join(__dirname, file));
  let ran = 0;
  const failures = await new Promise<number>((resolve) => mocha.run(resolve).on('test end', () => ran++));
  if (ran === 0) throw new Error(`No test matched the phase "${phase}"`);
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed in the phase "${phase}"`);
}
