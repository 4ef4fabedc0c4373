// Writes src/storage/schema.sql: the schema as it stands, read from a database migrated from
// nothing (src/storage/schemaText.ts, compiled into out/ by `npm run schema`). The unit test
// test/unit/schema.test.ts fails while the file differs from it.
//   node scripts/schema.mjs          writes the file
//   node scripts/schema.mjs --check  fails (exit 1) when the file is not up to date
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = path.join(root, 'src', 'storage', 'schema.sql');
const { freshSchemaText } = createRequire(import.meta.url)(path.join(root, 'out', 'src', 'storage', 'schemaText.js'));

const text = freshSchemaText();
if (process.argv.includes('--check')) {
  const written = fs.existsSync(SCHEMA) ? fs.readFileSync(SCHEMA, 'utf8') : '';
  if (written !== text) {
    console.error(`${path.relative(root, SCHEMA)} is not the schema a fresh migration makes: run npm run schema`);
    process.exitCode = 1;
  }
} else if (!fs.existsSync(SCHEMA) || fs.readFileSync(SCHEMA, 'utf8') !== text) {
  fs.writeFileSync(SCHEMA, text);
  console.log(`Wrote ${path.relative(root, SCHEMA)}`);
}
