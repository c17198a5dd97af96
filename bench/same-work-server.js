// The same-work limit of any hot path: bare node:http + pg replaying, per request, the exact
// statements Tandem sent for one request of that path (captured by bench/capture.js: text,
// parameters, prepared-statement names, transaction control included, in order) on one pooled
// connection. A write's statements run inside Tandem's own BEGIN … COMMIT, so the replay is one
// transaction too (wrapped in one when Tandem's had none and wrote). The UUIDs Tandem generated
// for that request (its request id, new record ids) get fresh values per replay, so each run
// writes new rows as Tandem does. No framework, token, account check, TS rules or response
// shaping: the physical floor for this work. Paths come from BENCH_SAME_WORK_FILE ({ name:
// { statements, fresh } }); GET or POST /<name>; prints { port }; stops on 'stop'.
const http = require('node:http');
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

/** The statement's parameters with every UUID Tandem generated for the request renewed. */
function renew(values, fresh) {
  const swap = (v) =>
    typeof v === 'string' && fresh.has(v) ? fresh.get(v) : Array.isArray(v) ? v.map(swap) : v;
  return values.map(swap);
}

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = http.createServer((req, res) => {
  const p = paths[(req.url || '').split('?')[0].slice(1)];
  if (!p) return void res.writeHead(404).end();
  req.resume();
  const fresh = new Map(p.fresh.map((v) => [v, randomUUID()]));
  pool
    .connect()
    .then(async (client) => {
      let rows = [];
      try {
        for (const s of p.statements) {
          const r = await client.query(
            s.name
              ? { name: s.name, text: s.text, values: renew(s.values, fresh) }
              : { text: s.text, values: renew(s.values, fresh) },
          );
          if (r.rows && r.rows.length) rows = r.rows;
        }
        client.release();
        res
          .writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
          .end(JSON.stringify(rows));
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
        res.writeHead(500).end(String(err.message));
      }
    })
    .catch(() => res.writeHead(500).end());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('message', (m) => {
  if (m === 'stop') server.close(() => pool.end().then(() => process.exit(0)));
});
