import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { StoreBusyError, WriteKeptError } from '../../src/core/errors';
import type * as PromptSurface from '../../src/vscode/promptSurface';
import { MemoryLogger, requireWithoutVscode } from '../support/harness';

const { savingWith } = requireWithoutVscode<typeof PromptSurface>(path.join(__dirname, '../../src/vscode/promptSurface'));

suite('saving a line from the one-line input', () => {
  test('a save kept while another program locks the database closes the input, and the caller is told it was kept, not saved', async () => {
    let kept = 0;
    const save = savingWith(
      new MemoryLogger(),
      () => {
        throw new WriteKeptError('/tmp/progress-log.sqlite');
      },
      () => kept++,
    );
    assert.equal(await save('Checkout retries a declined card once', 'impact', undefined), undefined, 'no sentence under the input: the line is safe on disk');
    assert.equal(kept, 1);
  });

  test('a save that fails keeps the line in the input with a sentence, and is neither saved nor kept', async () => {
    let kept = 0;
    const save = savingWith(
      new MemoryLogger(),
      () => {
        throw new StoreBusyError({ file: '/tmp/progress-log.sqlite' });
      },
      () => kept++,
    );
    const problem = await save('Checkout retries a declined card once', 'impact', undefined);
    assert.match(problem ?? '', /Press Enter to try again\.$/);
    assert.equal(kept, 0);
  });

  test('a save that is written says nothing and is not "kept"', async () => {
    let kept = 0;
    let written = '';
    const save = savingWith(new MemoryLogger(), (text) => (written = text), () => kept++);
    assert.equal(await save('Checkout retries a declined card once', 'impact', undefined), undefined);
    assert.deepEqual([written, kept], ['Checkout retries a declined card once', 0]);
  });
});
