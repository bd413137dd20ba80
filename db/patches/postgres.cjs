#!/usr/bin/env node
/**
 * postinstall: the connection-loss fix for postgres.js 3.4.9 (the latest release; upstream
 * porsager/postgres#1066, #1133, #1154, #1208, open fixes #1155 and #1168, none released).
 *
 * What goes wrong without it, when PostgreSQL drops a connection (pg_terminate_backend, a restart,
 * a network cut) while a transaction is open on it:
 *   1. `closed()` rejects the query in flight and sets `socket = null`;
 *   2. `sql.begin` (drizzle's `db.transaction`) catches that rejection and sends its own ROLLBACK
 *      on the same, dead connection; a write under 1024 bytes is deferred to
 *      `setImmediate(nextWrite)`;
 *   3. `nextWrite` calls `socket.write` on null: "TypeError: Cannot read properties of null
 *      (reading 'write')" thrown from the immediate queue, outside every promise, so no caller can
 *      catch it and the process dies (the worker, the API, `ansinh start`).
 * Even where it does not crash, the closed connection keeps its unsent bytes, a cleared timer's
 * handle (so no later small write is ever flushed: the pool slot hangs) and the dead query (a
 * query after reconnecting waits for an answer that went to the dead one), and a transaction's
 * later statements could run on the reconnected socket outside their transaction.
 *
 * The fix, in src/ (ESM: vitest) and cjs/src/ (CommonJS: tsx, the worker and the API):
 *   index.js begin(): once its connection closes, the transaction is over — every statement it
 *     still has queued, its own ROLLBACK included, is rejected with the close error, never sent;
 *   connection.js: a closed connection drops its unsent bytes and write timer and forgets the
 *     dead query (rejecting it), also when it closed while starting — else the restarted
 *     connection delivers the old FATAL error to the next answer; a statement given to a connection
 *     without a socket is rejected with CONNECTION_CLOSED; nextWrite never writes to a missing
 *     socket; the array-type fetch a new connection runs first, started from the socket's data
 *     handler, no longer rejects unhandled (which kills the process) when the backend dies under it.
 * The query in flight still fails (CONNECTION_CLOSED), so the activity fails and Temporal retries it.
 *
 * Files are rewritten through a temporary file and a rename (a new inode: node_modules may be a
 * hard-linked copy shared with other checkouts). Idempotent; fails the install if the installed
 * version is not the one this patch was written for (re-check upstream, then update it here and in
 * db/client.ts), or if an anchor is missing.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const VERSION = '3.4.9';
const MARKER = '/* ansinh: connection-loss patch (db/patches/postgres.cjs) */';

const CONNECTION = [
  {
    what: 'execute: a connection without a socket rejects the statement',
    from: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))
`,
    to: `  function execute(q) {
    if (terminated)
      return queryError(q, Errors.connection('CONNECTION_DESTROYED', options))

    if (!socket)
      return queryError(q, Errors.connection('CONNECTION_CLOSED', options))
`,
  },
  {
    what: 'nextWrite: never writes to a missing socket',
    from: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)
`,
    to: `  function nextWrite(fn) {
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      return false
    }
    const x = socket.write(chunk, fn)
`,
  },
  {
    what: 'terminate: drops unsent bytes and the write timer',
    from: `    clearImmediate(nextWriteTimer)
    if (socket) {
`,
    to: `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    if (socket) {
`,
  },
  {
    what: 'closed: drops unsent bytes and the write timer',
    from: `    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)
`,
    to: `    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    socket.removeListener('data', data)
`,
  },
  {
    what: 'closed: forgets the dead query once it is rejected, also while (re)starting',
    from: `    if (initial)
      return reconnect()

    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
    to: `    if (initial) {
      query && queryError(query, Errors.connection('CONNECTION_CLOSED', options, socket))
      query = results = errorResponse = null
      result = new Result()
      return reconnect()
    }

    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    query = results = errorResponse = null
    result = new Result()
`,
  },
  {
    what: 'fetchArrayTypes: a connection lost during the fetch is no unhandled rejection; it fetches again',
    from: `    needsTypes = false
    const types = await new Query([\``,
    to: `    needsTypes = false
    let types
    try {
      types = await new Query([\``,
  },
  {
    what: 'fetchArrayTypes: (end)',
    from: `    \`], [], execute)
    types.forEach(({ oid, typarray }) => addArrayType(oid, typarray))
`,
    to: `    \`], [], execute)
    } catch (e) {
      needsTypes = socket === null
      return
    }
    types.forEach(({ oid, typarray }) => addArrayType(oid, typarray))
`,
  },
];

const INDEX = [
  {
    what: 'begin: remembers that its connection closed',
    from: `    let savepoints = 0
      , connection
      , prepare = null
`,
    to: `    let savepoints = 0
      , connection
      , prepare = null
      , closedError = null
`,
  },
  {
    what: 'begin: a close rejects the statements still queued',
    from: `        new Promise((_, reject) => connection.onclose = reject)
`,
    to: `        new Promise((_, reject) => connection.onclose = error => {
          closedError = error
          while (queries.length)
            queries.shift().reject(error)
          reject(error)
        })
`,
  },
  {
    what: 'begin: after a close, nothing more is sent (its ROLLBACK included)',
    from: `        q.catch(e => uncaughtError || (uncaughtError = e))
`,
    to: `        q.catch(e => uncaughtError || (uncaughtError = e))
        if (closedError)
          return q.reject(closedError)
`,
  },
];

function patchFile(file, edits) {
  const text = fs.readFileSync(file, 'utf8');
  if (text.startsWith(MARKER)) return false;
  let out = text;
  for (const e of edits) {
    const at = out.indexOf(e.from);
    if (at < 0 || out.indexOf(e.from, at + 1) >= 0)
      throw new Error(`${file}: anchor for "${e.what}" not found exactly once`);
    out = out.slice(0, at) + e.to + out.slice(at + e.from.length);
  }
  const tmp = `${file}.ansinh-${process.pid}`;
  fs.writeFileSync(tmp, `${MARKER}\n${out}`, { mode: fs.statSync(file).mode });
  fs.renameSync(tmp, file);
  return true;
}

/** The files this patch rewrites, under the installed package's folder. */
function targets(root) {
  return ['src', 'cjs/src'].flatMap((dir) => [
    { file: path.join(root, dir, 'connection.js'), edits: CONNECTION },
    { file: path.join(root, dir, 'index.js'), edits: INDEX },
  ]);
}

function packageRoot() {
  // 'postgres' resolves to <root>/cjs/src/index.js (its package.json is not exported).
  return path.resolve(require.resolve('postgres', { paths: [path.join(__dirname, '..', '..')] }), '..', '..', '..');
}

function main() {
  let root;
  try {
    root = packageRoot();
  } catch {
    console.log('postgres.js is not installed: nothing to patch');
    return;
  }
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (version !== VERSION) {
    throw new Error(
      `postgres.js ${version} is installed; db/patches/postgres.cjs was written for ${VERSION}. ` +
        'Check whether the release fixes the lost-connection crash (porsager/postgres#1208), then update or remove this patch.',
    );
  }
  const changed = targets(root).filter((t) => patchFile(t.file, t.edits)).length;
  console.log(
    changed
      ? `postgres.js ${version}: connection-loss patch applied to ${changed} files`
      : `postgres.js ${version}: connection-loss patch already applied`,
  );
}

module.exports = { MARKER, VERSION };

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(`db/patches/postgres.cjs: ${err.message}`);
    process.exit(1);
  }
}
