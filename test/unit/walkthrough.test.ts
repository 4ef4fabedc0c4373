import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Commands, ContextKeys, Views, WALKTHROUGH_ID } from '../../src/ids';
import { manifest as readManifest, projectRoot as root } from '../support/manifest';

const manifest = readManifest();

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string; image?: string; svg?: string };
  completionEvents: string[];
}

suite('the walkthrough teaches the loop', () => {
  const [walkthrough] = manifest.contributes.walkthroughs as { id: string; steps: Step[] }[];
  const known = new Set<string>([...Object.values(Commands), ...Object.values(Views), ...Object.values(ContextKeys)]);

  test('commit and name it, the Weekly Log, export for a 1:1, import history: in that order', () => {
    assert.equal(walkthrough.id, WALKTHROUGH_ID);
    assert.deepEqual(
      walkthrough.steps.map((step) => step.description.match(/\(command:([\w.]+)\)/)?.[1]),
      [Commands.nameWaitingCommits, Commands.showView, Commands.exportOneOnOne, Commands.importHistory],
    );
  });

  test('every step has its media in the package, and completes on something of Progress Log’s', () => {
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.svg ?? step.media.image;
      assert.ok(media && fs.existsSync(path.join(root, media)), `${step.id}: ${media} is missing`);
      for (const event of step.completionEvents) assert.ok(known.has(event.replace(/^on(Command|View|Context):/, '')), `${step.id} completes on ${event}`);
    }
  });

  test('the import step is ticked however the import ran: from the palette or a link (its command), or from the day-one offer (the context key every import sets; test/e2e/walkthrough.e2e.mjs sees it ticked)', () => {
    const step = walkthrough.steps.find((candidate) => candidate.id === 'import')!;
    assert.deepEqual(step.completionEvents, [`onCommand:${Commands.importHistory}`, `onContext:${ContextKeys.historyImported}`]);
  });

  test('the Weekly Log’s welcome offers the import and the walkthrough', () => {
    const welcome = manifest.contributes.viewsWelcome[0].contents as string;
    assert.match(welcome, new RegExp(`\\(command:${Commands.importHistory}\\)`));
    assert.match(welcome, new RegExp(`openWalkthrough\\?%22${manifest.publisher}\\.${manifest.name}%23${WALKTHROUGH_ID}%22`));
  });
});
