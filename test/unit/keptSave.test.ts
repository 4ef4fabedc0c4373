import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { StoreBusyError } from '../../src/core/errors';
import type * as PromptSurface from '../../src/vscode/promptSurface';
import { MemoryLogger, requireWithoutVscode } from '../support/harness';

const { savingWith } = requireWithoutVscode<typeof PromptSurface>(path.join(__dirname, '../../src/vscode/promptSurface'));

suite('saving a line from the one-line input', () => {
  test('a save kept while the database is locked closes the input, and says it was kept, not saved', async () => {
    const save = savingWith(new MemoryLogger(), () => 'kept');
    assert.equal(await save('Checkout retries a declined card once', 'impact', undefined), 'kept', 'no sentence under the input: the line is safe on disk');
  });

  test('a save that fails keeps the line in the input with a sentence, and is neither saved nor kept', async () => {
    const save = savingWith(new MemoryLogger(), () => {
      throw new StoreBusyError({ file: '/tmp/progress-log.sqlite' });
    });
    const result = await save('Checkout retries a declined card once', 'impact', undefined);
    assert.ok(typeof result === 'object', 'a sentence, not a state');
    assert.match(result.problem, /Press Enter to try again\.$/);
  });

  test('a save that is written says so', async () => {
    let written = '';
    const save = savingWith(new MemoryLogger(), (text) => {
      written = text;
      return 'saved';
    });
    assert.equal(await save('Checkout retries a declined card once', 'impact', undefined), 'saved');
    assert.equal(written, 'Checkout retries a declined card once');
  });
});
