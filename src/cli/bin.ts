/**
 * The file `progress-log` starts: it checks Node's version before anything loads better-sqlite3
 * (which crashes under Node 20), then runs the command and exits with its code. Everything else is
 * loaded only past that check.
 */
import type * as Main from './main';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
  process.stderr.write(`progress-log needs Node.js 22 or later; this is Node.js ${process.versions.node}. Install a newer Node (nodejs.org), then try again.\n`);
  process.exit(1);
}
// A second start reads the bundle's compiled code from Node's cache instead of compiling it again.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('node:module') as { enableCompileCache?: () => void }).enableCompileCache?.();
// A reader that stops early (`| head`) is not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { processIO, run } = require('./main') as typeof Main;
run(process.argv.slice(2), processIO()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`progress-log failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
