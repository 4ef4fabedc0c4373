import * as assert from 'node:assert/strict';
import { measureCommitToPrompt } from './promptTiming.mjs';
import { openSession } from './session.mjs';

/** The target: the prompt is there before a person has looked back from the terminal. */
const PROMPT_MEDIAN_TARGET_MS = 500;

suite('the prompt beats your eye', function () {
  let session;

  suiteSetup(async function () {
    session = await openSession();
  });

  teardown(async function () {
    await session?.reportFailure(this.currentTest, 'speed');
  });

  suiteTeardown(async () => {
    await session?.close();
  });

  test(`commit from a shell → prompt in the browser: median under ${PROMPT_MEDIAN_TARGET_MS} ms`, async () => {
    await session.waitUntilWatching();
    const timing = await measureCommitToPrompt(session, { count: 7 });
    const line = (values) => values.map((value) => `${Math.round(value)} ms`).join(', ');
    console.log(`      commit → prompt: ${line(timing.prompts)} (median ${Math.round(timing.promptMedian)} ms); the commits themselves: ${line(timing.commits)}`);
    assert.ok(timing.promptMedian <= PROMPT_MEDIAN_TARGET_MS, `median ${Math.round(timing.promptMedian)} ms`);
    // The repository's own files said when to look, and the git extension's later event started no git process.
    const [log] = session.extensionLogs();
    assert.match(log, /Watching .* \(its git files in /);
  });
});
