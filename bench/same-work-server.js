// The same-work limit of any hot path: bare node:http + pg replaying, per request, the exact
// statements Tandem sent for one request of that path (captured by bench/capture.js: text,
// parameters, prepared-statement names, transaction control included, in order) on one pooled
// connection. A write's statements run inside Tandem's own BEGIN … COMMIT, so the replay is one
// transaction too (wrapped in one when Tandem's had none and wrote). The UUIDs Tandem generated
// for that request (its request id, new record ids) get fresh values per replay, so each run
// writes new rows as Tandem does, and an id a statement returns (a new record's) replaces the
// captured one in the statements after it. A path may run per load loop (`?w=`: that loop's own
// records in place of the captured ones) and as a chain (each replay of a loop follows on the
// record its previous one made, e.g. a decision superseding the last). No framework, token,
// account check, TS rules or response shaping: the physical floor for this work. Paths come from
// BENCH_SAME_WORK_FILE ({ name: { statements, fresh, workers?, chain? } }); GET or POST /<name>;
// prints { port }; stops on 'stop'.
const http = require('node:http');
const { URL } = require('node:url');
const { readFileSync } = require('node:fs');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');

const paths = JSON.parse(readFileSync(process.env.BENCH_SAME_WORK_FILE, 'utf8'));
const WRITE = /^\s*(INSERT|UPDATE|DELETE|WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE)\b)/i;
const TX = /^\s*(BEGIN|START TRANSACTION)/i;
for (const p of Object.values(paths)) {
  const writes = p.statements.some((s) => WRITE.test(s.text));
  const inTx = p.statements.some((s) => TX.test(s.text));
  if (writes && !inTx)
    p.statements = [{ text: 'BEGIN', values: [] }, ...p.statements, { text: 'COMMIT', values: [] }];
}

/** The statement's parameters with every captured value that has a replay's own renewed. */
function renew(values, subst) {
  const swap = (v) =>
    typeof v === 'string' && subst.has(v) ? subst.get(v) : Array.isArray(v) ? v.map(swap) : v;
  return values.map(swap);
}

/** The first distinct replay errors (GET /_errors), so a failing limit says why. */
const errors = new Set();

/** A chain's state: per load loop, the record the next replay follows on (e.g. supersedes). */
const chains = {};

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

async function replay(p, key, worker) {
  // Fresh ids; the loop's own records; the chain's previous record; then, as statements run,
  // the ids they return in place of the ones the captured run returned.
  const subst = new Map(p.fresh.map((v) => [v, randomUUID()]));
  for (const [from, to] of Object.entries((p.workers && p.workers[worker]) || {}))
    subst.set(from, to);
  if (p.chain && chains[key] && chains[key][worker]) subst.set(p.chain.prev, chains[key][worker]);
  const client = await pool.connect();
  let rows = [];
  try {
    for (const s of p.statements) {
      const values = renew(s.values, subst);
      const r = await client.query(
        s.name ? { name: s.name, text: s.text, values } : { text: s.text, values },
      );
      for (const ret of s.returns || []) {
        const v = r.rows && r.rows[ret.row] && r.rows[ret.row][ret.col];
        if (v !== undefined) subst.set(ret.value, v);
      }
      if (r.rows && r.rows.length) rows = r.rows;
    }
    if (p.chain) (chains[key] = chains[key] || [])[worker] = subst.get(p.chain.next);
    client.release();
    return rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw err;
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url || '/', 'http://x');
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] === '_errors')
    return void res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify([...errors]));
  // /_state/<key>: a chain's per-loop state, set (POST) before a run and read (GET) after it.
  if (parts[0] === '_state') {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (req.method === 'POST') chains[parts[1]] = JSON.parse(body);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(chains[parts[1]] || []));
    });
    return;
  }
  const p = paths[parts[0]];
  if (!p) return void res.writeHead(404).end();
  req.resume();
  replay(p, parts[0], Number(url.searchParams.get('w') || 0))
    .then((rows) =>
      res
        .writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify(rows)),
    )
    .catch((err) => {
      if (errors.size < 5) errors.add(`${parts[0]}: ${err.message}`);
      res.writeHead(500).end(String(err.message));
    });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('message', (m) => {
  if (m === 'stop') server.close(() => pool.end().then(() => process.exit(0)));
});
