// `npm run bench:facts`: what the maintained indicator facts cost a write, on the
// bench:indicators database (BENCH_DATABASE_URL, default tandem_bench_indicators on the local
// Postgres; run `npm run bench:indicators` first to seed it). For a sample of cases, alternately
// with the table's fact trigger on and off (disabled inside the transaction only), it times the
// write plus the deferred flush (`SET CONSTRAINTS ALL IMMEDIATE`, which runs at commit in real
// writes), then rolls back: nothing is kept. Prints p50/p90/p99 per write kind and setting.
const { Client } = require('pg');

const URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tandem_bench_indicators';
const N = Number(process.env.BENCH_WRITES ?? 400);

const KINDS = {
  'decision (start_section_47_enquiry, refreshes its case)': {
    trigger: 'ALTER TABLE decision DISABLE TRIGGER tr_indicator_fact_decision_insert',
    sample: `SELECT d.case_id, d.local_authority_id, d.type, d.rationale, d.child_ids, d.effective_date,
                    d.decided_by_id, d.strategy_discussion_date, d.category
               FROM decision d WHERE d.type = 'start_section_47_enquiry' ORDER BY random() LIMIT $1`,
    write: (c, p) =>
      c.query(
        `INSERT INTO decision (case_id, local_authority_id, type, rationale, child_ids, effective_date,
                               decided_by_id, strategy_discussion_date, category)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          p.case_id,
          p.local_authority_id,
          p.type,
          p.rationale,
          p.child_ids,
          p.effective_date,
          p.decided_by_id,
          p.strategy_discussion_date,
          p.category,
        ],
      ),
  },
  'note (timeline entry, no fact depends on it)': {
    trigger: 'ALTER TABLE case_event DISABLE TRIGGER tr_indicator_fact_case_event_insert',
    sample: `SELECT c.id AS case_id, c.local_authority_id, (SELECT id FROM app_user LIMIT 1) AS user_id
               FROM case_record c ORDER BY random() LIMIT $1`,
    write: (c, p) =>
      c.query(
        `INSERT INTO case_event (case_id, local_authority_id, type, actor_id, actor_type, summary)
         VALUES ($1, $2, 'note_added', $3, 'user', 'Bench note')`,
        [p.case_id, p.local_authority_id, p.user_id],
      ),
  },
};

const pct = (a, f) => {
  const s = [...a].sort((x, y) => x - y);
  return s[Math.floor(f * (s.length - 1))].toFixed(2);
};

(async () => {
  const c = new Client({ connectionString: URL });
  await c.connect();
  console.log(
    `load average before: ${require('node:os')
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  for (const [name, k] of Object.entries(KINDS)) {
    const { rows: picks } = await c.query(k.sample, [N]);
    const run = async (p, facts) => {
      await c.query('BEGIN');
      if (!facts) await c.query(k.trigger);
      const t = process.hrtime.bigint();
      await k.write(c, p);
      await c.query('SET CONSTRAINTS ALL IMMEDIATE');
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      await c.query('ROLLBACK');
      return ms;
    };
    for (const p of picks.slice(0, 20)) await run(p, true); // warm
    const on = [];
    const off = [];
    for (const [i, p] of picks.entries()) (i % 2 ? off : on).push(await run(p, i % 2 === 0));
    for (const [label, xs] of [
      ['facts on ', on],
      ['facts off', off],
    ]) {
      console.log(
        `${name}, ${label}: p50 ${pct(xs, 0.5)} ms, p90 ${pct(xs, 0.9)} ms, p99 ${pct(xs, 0.99)} ms (${xs.length} writes)`,
      );
    }
  }
  console.log(
    `load average after: ${require('node:os')
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  await c.end();
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
