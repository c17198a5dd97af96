// The read-only reference (second to bench/limit-server.js, the same-work limit): the case-read
// SQL on bare node:http + pg, with no framework, authentication, access check or audit row, so it
// does less work than Tandem (no write). Started by bench/run.ts; prints { port }; stops on 'stop'.
const http = require('node:http');
const { Pool } = require('pg');

const CASE_READ_SQL = `
  SELECT c.id, c.stage, c.family_id AS "familyId", c.team_id AS "teamId",
         c.lead_practitioner_id AS "leadPractitionerId", c.restricted, c.version,
         COALESCE((SELECT array_agg(cc.person_id) FROM case_child cc WHERE cc.case_id = c.id), '{}') AS "childIds",
         COALESCE((SELECT json_agg(json_build_object('userId', w.user_id, 'role', w.role))
                     FROM case_co_worker w WHERE w.case_id = c.id AND w.ended_at IS NULL), '[]') AS "coWorkers"
    FROM case_record c WHERE c.id = $1`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = http.createServer((req, res) => {
  const id = (req.url || '').split('/').pop();
  pool
    .query(CASE_READ_SQL, [id])
    .then((r) => {
      if (!r.rows[0]) return void res.writeHead(404).end();
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
