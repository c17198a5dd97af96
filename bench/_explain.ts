import { Client } from 'pg';
import { INDICATOR_SQL } from 'src/indicators/indicator-sql';
(async () => {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/tandem_bench_ind_small' });
  await c.connect();
  const key = process.argv[2] as keyof typeof INDICATOR_SQL;
  const sql = INDICATOR_SQL[key].items.split('{{TEAM}}').join('TRUE');
  const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS OFF) SELECT count(*) FROM (${sql}) i`, ['00000000-0000-4000-8000-00000000000a', '2026-05-01', '2027-04-30', '2027-04-30']);
  console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  await c.end();
})();
