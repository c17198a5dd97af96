// The same-work limit: the database work of Tandem's case read with nothing around it. Bare
// node:http + pg running THE statement Tandem's `GET /cases/:id` sends — built by Tandem's own
// `caseReadStatement` with the same columns and audit entry, prepared as Tandem prepares it — so
// it reads exactly what Tandem reads (the case, its facts, children, co-workers, history inputs)
// AND appends the same audit row in the same statement. No framework, token, account check, TS
// verdict or response shaping: the physical floor for this work on this machine. Tandem's case
// read is reported as a ratio of it. Started by bench/run.ts with BENCH_ACTOR (the caller, as
// JSON); prints { port }; stops on 'stop'. BENCH_FROM_SOURCE=1: Tandem's TypeScript sources.
const http = require('node:http');
const path = require('node:path');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');

const fromSource = process.env.BENCH_FROM_SOURCE === '1';
if (fromSource) {
  require('ts-node').register({
    transpileOnly: true,
    project: path.join(__dirname, '..', 'tsconfig.json'),
  });
}
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', fromSource ? '.' : 'dist'),
  paths: { 'src/*': ['src/*'] },
});
const root = fromSource ? '../src' : '../dist/src';
const { caseReadStatement } = require(`${root}/access/case-read-statement`);
const { CASE_READ_AUDIT, CASE_RESPONSE_COLUMNS } = require(`${root}/cases/case-query.repository`);
const { runInContext } = require(`${root}/common/request-context`);

const actor = JSON.parse(process.env.BENCH_ACTOR);
const REQUEST_ID = 'bench-request-id-placeholder';
const CASE_ID = '00000000-0000-4000-8000-000000000000';
const statement = runInContext(
  { requestId: REQUEST_ID, ip: '127.0.0.1', method: 'GET', path: '/', cursorScope: '' },
  () =>
    caseReadStatement(
      actor,
      actor.localAuthorityId,
      'case.read',
      CASE_ID,
      CASE_RESPONSE_COLUMNS,
      CASE_READ_AUDIT,
    ),
);
const caseParam = statement.params.indexOf(CASE_ID);
const requestParam = statement.params.indexOf(REQUEST_ID);
if (caseParam < 0 || requestParam < 0) throw new Error('case read statement: parameters not found');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = http.createServer((req, res) => {
  const values = statement.params.slice();
  values[caseParam] = (req.url || '').split('/').pop();
  values[requestParam] = randomUUID();
  pool
    .query({ name: 'same_work_case_read', text: statement.text, values })
    .then((r) => {
      if (!r.rows[0] || !r.rows[0].audited) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r.rows[0]));
    })
    .catch(() => res.writeHead(500).end());
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
process.on('message', (m) => {
  if (m === 'stop') server.close(() => pool.end().then(() => process.exit(0)));
});
