/**
 * Golden files hold the full expected output of the exports and of the command line. After a
 * deliberate change, regenerate them with `UPDATE_GOLDEN=1` (npx mocha, or npm run test:unit), read
 * the diff, and commit only what you have checked by eye.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GOLDEN_DIR = path.resolve(__dirname, '../../../test/unit/golden');

export function assertGolden(fileName: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, fileName);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN_DIR, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `${fileName} is missing: run with UPDATE_GOLDEN=1 and check it by eye`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${fileName} differs (UPDATE_GOLDEN=1 rewrites it)`);
}
