// The LEAN limit, a second reference beside the same-work limit (limit-server.js): a
// hand-written subset of the case read — the case, its child ids and live co-workers, and the
// audit row, in one statement on bare node:http + pg. It reads less than Tandem's case read
// returns (no names, history, meetings, visits or settings), so it is not the same work; it was
// the yardstick of the first measurements and is kept so those figures stay comparable.
// Started by bench/run.ts; prints { port }; stops on 'stop'.
const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { Pool } = require('pg');

const SAME_WORK_SQL = `
  WITH c AS (
    SELECT c.id, c.local_authority_id, c.stage, c.family_id, c.team_id, c.lead_practitioner_id,
           c.restricted, c.version,
           ARRAY(SELECT cc.person_id FROM case_child cc WHERE cc.case_id = c.id ORDER BY cc.person_id) AS child_ids
      FROM case_record c WHERE c.id = $1),
  a AS (
    INSERT INTO audit_event (local_authority_id, actor_type, actor_id, action, record_type,
                             record_id, child_ids, outcome, request_id, ip)
    SELECT c.local_authority_id, 'user', $2::uuid, 'case.read', 'case', c.id, c.child_ids,
           'success', $3, '127.0.0.1'::inet FROM c)
  SELECT c.id, c.stage, c.family_id AS "familyId", c.team_id AS "teamId",
         c.lead_practitioner_id AS "leadPractitionerId", c.restricted, c.version,
         c.child_ids AS "childIds",
         COALESCE((SELECT json_agg(json_build_object('userId', w.user_id, 'role', w.role))
                     FROM case_co_worker w WHERE w.case_id = c.id AND w.ended_at IS NULL), '[]') AS "coWorkers"
    FROM c`;

const ACTOR = process.env.BENCH_ACTOR_ID || '00000000-0000-0000-0000-000000000000';
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = http.createServer((req, res) => {
  const id = (req.url || '').split('/').pop();
  pool
    .query(SAME_WORK_SQL, [id, ACTOR, randomUUID()])
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
