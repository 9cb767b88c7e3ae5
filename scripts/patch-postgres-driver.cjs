/**
 * postgres.js 3.4.x defers small writes behind setImmediate; when the connection closes first
 * (a database restart), the deferred write runs on a null socket and throws outside any
 * promise, which ends the process (porsager/postgres#1154, #1208; unfixed upstream). Until a
 * release fixes it, `npm install` patches the driver: the deferred write fails the
 * connection's queries with CONNECTION_CLOSED instead, and teardown forgets the buffered write
 * so that a reconnected connection flushes again. Idempotent; fails loudly if the driver's
 * code no longer looks as expected, so that an upgrade is checked by hand.
 */
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

const marker = '/* crm: guarded nextWrite */';
// The package's main is cjs/src/index.js: two levels below its folder.
const root = join(dirname(require.resolve('postgres', { paths: [join(__dirname, '..')] })), '..', '..');

for (const build of ['cjs/src', 'src', 'cf/src']) {
  const file = join(root, build, 'connection.js');
  if (!existsSync(file)) continue;
  let code = readFileSync(file, 'utf8');
  if (code.includes(marker)) continue;
  const unguarded = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)';
  const teardown = /clearImmediate\(nextWriteTimer\)\n/g;
  if (!code.includes(unguarded) || (code.match(teardown) ?? []).length !== 3) {
    throw new Error(`${file}: postgres.js changed; check whether porsager/postgres#1208 is fixed and update scripts/patch-postgres-driver.cjs`);
  }
  code = code
    .replace(
      unguarded,
      `  function nextWrite(fn) {\n    ${marker}\n    if (!socket) {\n      nextWriteTimer !== null && clearImmediate(nextWriteTimer)\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`,
    )
    // nextWrite's own clear is followed by resetting both; teardown's two are not.
    .replace(/(\n    )clearImmediate\(nextWriteTimer\)\n(?!    chunk = nextWriteTimer = null)/g, '$1clearImmediate(nextWriteTimer), nextWriteTimer = chunk = null\n');
  writeFileSync(file, code);
}
