/**
 * src/storage/schema.sql is today's schema in one file, for reading; the migrations stay what
 * builds it. The two may never disagree.
 */
import Database from 'better-sqlite3';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freshSchemaText } from '../../src/storage/schemaText';
import { Store } from '../../src/storage/store';
import { MemoryLogger, removeDatabase, tempDatabase } from '../support/harness';
import { projectRoot } from '../support/manifest';

const SCHEMA_FILE = path.join(projectRoot, 'src', 'storage', 'schema.sql');

/** Every table, index and trigger of a database, with its SQL as SQLite keeps it, whitespace made plain. */
function objectsOf(db: Database.Database): { type: string; name: string; sql: string }[] {
  return db
    .prepare<[], { type: string; name: string; sql: string }>("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .all()
    .map((object) => ({ ...object, sql: object.sql.replace(/\s+/g, ' ').replace(/ ?([(),]) ?/g, '$1').trim() }));
}

suite('the schema as it stands', () => {
  test('src/storage/schema.sql is the schema a database migrated from nothing has (npm run schema writes it)', () => {
    const written = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '(no such file)';
    assert.equal(written, freshSchemaText(), 'src/storage/schema.sql is not the schema a fresh migration makes: run npm run schema, and commit the file');
  });

  test('run as it is, schema.sql builds what opening a new log builds, but for whitespace', () => {
    const file = tempDatabase();
    const fromFile = new Database(':memory:');
    try {
      Store.open(file, { logger: new MemoryLogger() }).close();
      const opened = new Database(file, { readonly: true });
      try {
        fromFile.exec(freshSchemaText());
        assert.deepEqual(objectsOf(fromFile), objectsOf(opened));
      } finally {
        opened.close();
      }
    } finally {
      fromFile.close();
      removeDatabase(file);
    }
  });
});
