/**
 * Three fixes to postgres.js 3.4.9, applied by `npm install` until a release has them.
 *
 * 1. postgres.js 3.4.x defers small writes behind setImmediate; when the connection closes first
 * (a database restart), the deferred write runs on a null socket and throws outside any
 * promise, which ends the process (porsager/postgres#1154, #1208; unfixed upstream). Until a
 * release fixes it, `npm install` patches the driver: the deferred write fails the
 * connection's queries with CONNECTION_CLOSED instead, and teardown forgets the buffered write
 * so that a reconnected connection flushes again.
 * 2. A `COPY … FROM STDIN` that the server refuses after the input ended (a malformed row)
 *    never settles its writable, so the caller waits for ever and `sql.begin()` never rolls
 *    back (porsager/postgres#1173, fixed by the open #1183): the refusal now settles it with
 *    the server's error, as #1183 does.
 * 3. The driver leaves Nagle's algorithm on (libpq turns it off): a COPY sends its data and its
 *    end in two small writes, and the end waits for the server's delayed acknowledgement, about
 *    40-90 ms for every COPY however small. Its sockets are made with TCP_NODELAY.
 *
 * Idempotent; fails loudly if the driver's code no longer looks as expected, so that an
 * upgrade is checked by hand.
 */
const { readFileSync, writeFileSync, existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

const marker = '/* crm: guarded nextWrite */';
const copyMarker = '/* crm: refused COPY settles */';
const noDelayMarker = '/* crm: no Nagle */';
// The package's main is cjs/src/index.js: two levels below its folder.
const root = join(dirname(require.resolve('postgres', { paths: [join(__dirname, '..')] })), '..', '..');

for (const build of ['cjs/src', 'src', 'cf/src']) {
  const file = join(root, build, 'connection.js');
  if (!existsSync(file)) continue;
  let code = readFileSync(file, 'utf8');
  code = settleRefusedCopy(file, code);
  code = withoutNagle(file, code);
  if (code.includes(marker)) {
    writeFileSync(file, code);
    continue;
  }
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

function settleRefusedCopy(file, code) {
  if (code.includes(copyMarker)) return code;
  const errored = '  function errored(err) {\n    stream && (stream.destroy(err), stream = null)\n';
  if (!code.includes(errored)) {
    throw new Error(`${file}: postgres.js changed; check whether porsager/postgres#1173 is fixed and update scripts/patch-postgres-driver.cjs`);
  }
  return code.replace(errored, `${errored}    ${copyMarker}\n    final && (final(err), final = null)\n`);
}

function withoutNagle(file, code) {
  if (code.includes(noDelayMarker)) return code;
  const keepAlive = '      keep_alive && socket.setKeepAlive && socket.setKeepAlive(true, 1000 * keep_alive)\n';
  if (!code.includes(keepAlive)) {
    throw new Error(`${file}: postgres.js changed; check whether its sockets set TCP_NODELAY and update scripts/patch-postgres-driver.cjs`);
  }
  return code.replace(keepAlive, `${keepAlive}      ${noDelayMarker}\n      socket.setNoDelay && socket.setNoDelay(true)\n`);
}
