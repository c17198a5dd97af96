/**
 * `npm run seed:bulk`: N plausible families with cases across all stages, decisions, visits,
 * FGDM meetings, Family Network Plans, Child Community Safety Plans, timeline and audit history,
 * written with one `COPY … FROM STDIN` per table per batch (or, `method: 'insert'`, one multi-row
 * `INSERT … SELECT FROM unnest(…)`), one transaction per batch, into a sandbox local authority.
 * It refuses a local authority that is not a sandbox, so demo data never lands in a real one,
 * and the sandbox can be removed with the same purge as a training run.
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PasswordService } from 'src/auth/password.service';
import { todayIso } from 'src/common/working-days';
import { addFamily, COLUMNS, pgArray, emptyTables, Tables, workingCalendar } from './bulk-rows';
import type { Stage, Staff } from './bulk-context';
import { SANDBOX_CODE, SANDBOX_CODE_RULE } from 'src/common/sandbox-code';

export interface BulkOptions {
  families: number;
  laCode: string;
  batch?: number;
  /** `copy` (default): one COPY … FROM STDIN per table per batch; `insert`: one multi-row
   * INSERT … SELECT FROM unnest(…) (kept to compare the two in docs/bench.md). */
  method?: 'copy' | 'insert';
  onBatch?: (done: number) => void;
}

export interface BulkSummary {
  localAuthorityId: string;
  code: string;
  families: number;
  rows: Record<string, number>;
  stages: Record<Stage, number>;
  /** Set when this run created the sandbox's staff: one password for all of them, shown once. */
  staffPassword: string | null;
  staffEmails: string[];
  seconds: number;
}

/** One value in COPY's text format: `\N` for NULL, arrays as `{a,b}` (uuid[] only here). */
function copyText(v: unknown, array: boolean): string {
  if (v === null || v === undefined) return '\\N';
  if (array) return pgArray(v as string[]);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
}

/** The rows of one table as one `COPY … FROM STDIN` (text format): one round trip, no SQL
 * parameters to build and unnest, Postgres's cheapest way in. */
async function copy(c: Client, table: string, cols: Record<string, unknown[]>): Promise<number> {
  const names = Object.keys(COLUMNS[table]);
  const n = cols[names[0]].length;
  if (!n) return 0;
  const arrays = names.map((col) => cols[col]);
  const isArray = names.map((col) => COLUMNS[table][col].endsWith('[]'));
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let line = copyText(arrays[0][i], isArray[0]);
    for (let j = 1; j < names.length; j++) line += '\t' + copyText(arrays[j][i], isArray[j]);
    lines[i] = line;
  }
  const sink = c.query(
    copyFrom(`COPY "${table}" (${names.map((x) => `"${x}"`).join(', ')}) FROM STDIN`),
  );
  await pipeline(Readable.from([`${lines.join('\n')}\n`]), sink);
  return n;
}

async function insert(c: Client, table: string, cols: Record<string, unknown[]>): Promise<number> {
  const names = Object.keys(COLUMNS[table]);
  const n = cols[names[0]].length;
  if (!n) return 0;
  const args = names.map((col, i) => {
    const type = COLUMNS[table][col];
    // unnest() flattens a 2-D array; array columns travel as text and are cast back per row.
    return type.endsWith('[]') ? `$${i + 1}::text[]` : `$${i + 1}::${type}[]`;
  });
  const select = names.map((col, i) => {
    const type = COLUMNS[table][col];
    return type.endsWith('[]') ? `c${i}::${type}` : `c${i}`;
  });
  const values = names.map((col) => {
    const type = COLUMNS[table][col];
    if (!type.endsWith('[]')) return cols[col];
    return cols[col].map((v) => (v === null ? null : pgArray(v as string[])));
  });
  await c.query(
    `INSERT INTO "${table}" (${names.map((x) => `"${x}"`).join(', ')})
     SELECT ${select.join(', ')} FROM unnest(${args.join(', ')}) AS t(${names.map((_, i) => `c${i}`).join(', ')})`,
    values,
  );
  return n;
}

/** The sandbox LA `code` (created if absent) and its staff (created if absent). */
async function prepare(c: Client, code: string) {
  const found = await c.query<{ id: string; sandbox: boolean }>(
    'SELECT id, sandbox FROM local_authority WHERE code = $1',
    [code],
  );
  if (found.rows[0] && !found.rows[0].sandbox)
    throw new Error(`local authority ${code} is not a sandbox: bulk data goes only into sandboxes`);
  if (!found.rows[0] && !SANDBOX_CODE.test(code))
    throw new Error(`sandbox code ${code} ${SANDBOX_CODE_RULE}`);
  const la =
    found.rows[0]?.id ??
    (
      await c.query<{ id: string }>(
        `INSERT INTO local_authority (name, code, sandbox) VALUES ($1, $2, true) RETURNING id`,
        [`Bulk demo ${code}`, code],
      )
    ).rows[0].id;
  const domain = `${code.toLowerCase().replace(/_/g, '-')}.bulk.invalid`;
  const existing = await c.query<{ email: string; id: string; roles: string[] }>(
    'SELECT email, id, roles FROM app_user WHERE local_authority_id = $1 ORDER BY email',
    [la],
  );
  let password: string | null = null;
  if (!existing.rows.length) {
    password = randomBytes(12).toString('base64url');
    const hash = await new PasswordService().hash(password);
    const staff: [string, string, string][] = [
      ...Array.from({ length: 20 }, (_, i): [string, string, string] => [
        `practitioner-${i + 1}`,
        'family_help_practitioner',
        'social_worker',
      ]),
      ['fh-manager', 'family_help_manager', 'manager'],
      ...Array.from({ length: 5 }, (_, i): [string, string, string] => [
        `ecpp-${i + 1}`,
        'ecpp',
        'social_worker',
      ]),
      ['cp-manager', 'cp_manager', 'manager'],
      ['admin', 'la_admin', 'other'],
      ['auditor', 'auditor', 'other'],
    ];
    const teams = await c.query<{ id: string; kind: string }>(
      `INSERT INTO team (local_authority_id, name, kind) VALUES ($1, 'Family Help (demo)', 'family_help'),
              ($1, 'Child Protection (demo)', 'child_protection') RETURNING id, kind`,
      [la],
    );
    const team = (kind: string) => teams.rows.find((t) => t.kind === kind)?.id;
    for (const [key, role, profession] of staff) {
      const u = await c.query<{ id: string }>(
        `INSERT INTO app_user (email, name, password_hash, roles, local_authority_id)
         VALUES ($1, $2, $3, ARRAY[$4], $5) RETURNING id`,
        [`${key}@${domain}`, `Demo ${key}`, hash, role, la],
      );
      const kind =
        role === 'ecpp' || role === 'cp_manager'
          ? 'child_protection'
          : role.startsWith('family')
            ? 'family_help'
            : null;
      if (kind)
        await c.query(
          'INSERT INTO team_member (team_id, user_id, profession) VALUES ($1, $2, $3)',
          [team(kind), u.rows[0].id, profession],
        );
    }
  }
  const users = await c.query<{ id: string; email: string; roles: string[] }>(
    'SELECT id, email, roles FROM app_user WHERE local_authority_id = $1 ORDER BY email',
    [la],
  );
  const fhTeam = await c.query<{ id: string }>(
    `SELECT t.id FROM team t JOIN team_member m ON m.team_id = t.id JOIN app_user u ON u.id = m.user_id
      WHERE t.local_authority_id = $1 AND t.kind = 'family_help' AND 'family_help_practitioner' = ANY(u.roles)
      GROUP BY t.id ORDER BY count(*) DESC LIMIT 1`,
    [la],
  );
  const byRole = (role: string) =>
    users.rows.filter((u) => u.roles.includes(role)).map((u) => u.id);
  const staff: Staff = {
    la,
    fhTeam: fhTeam.rows[0]?.id,
    practitioners: byRole('family_help_practitioner'),
    ecpps: byRole('ecpp'),
    cpManager: byRole('cp_manager')[0],
    fhManager: byRole('family_help_manager')[0] ?? null,
  };
  if (!staff.fhTeam || !staff.practitioners.length || !staff.ecpps.length || !staff.cpManager)
    throw new Error(
      `sandbox ${code} lacks a Family Help team with practitioners, ECPPs or a CP manager`,
    );
  return { staff, password, emails: users.rows.map((u) => u.email) };
}

/**
 * Seeds with one connection per worker (`clients`): batches are generated in JS and written
 * concurrently, so generation overlaps the inserts and Postgres uses both cores. Each batch
 * commits on its own (a crash keeps whole batches only); `synchronous_commit` is off for
 * these sessions (demo data: losing the last batch on a power cut is acceptable).
 */
export async function seedBulk(clients: Client[], opts: BulkOptions): Promise<BulkSummary> {
  const started = process.hrtime.bigint();
  const [first] = clients;
  const { staff, password, emails } = await prepare(first, opts.laCode);
  const cal = workingCalendar(todayIso(), 500);
  const batch = opts.batch ?? 2000;
  const rows: Record<string, number> = {};
  const stages = { family_help: 0, nfa: 0, s47: 0, cp_plan: 0, pre_proceedings: 0, closed: 0 };
  const offset = Number(
    (
      await first.query<{ n: string }>(
        'SELECT count(*) AS n FROM family WHERE local_authority_id = $1',
        [staff.la],
      )
    ).rows[0].n,
  );
  let next = 0;
  let done = 0;
  const worker = async (c: Client) => {
    await c.query('SET synchronous_commit = off');
    for (;;) {
      const start = next;
      if (start >= opts.families) return;
      const size = Math.min(batch, opts.families - start);
      next += size;
      const tables: Tables = emptyTables();
      for (let i = 0; i < size; i++) stages[addFamily(tables, offset + start + i, staff, cal)]++;
      await c.query('BEGIN');
      try {
        for (const table of Object.keys(COLUMNS)) {
          const n =
            opts.method === 'insert'
              ? await insert(c, table, tables[table])
              : await copy(c, table, tables[table]);
          rows[table] = (rows[table] ?? 0) + n;
        }
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK');
        throw err;
      }
      done += size;
      opts.onBatch?.(done);
    }
  };
  await Promise.all(clients.map(worker));
  return {
    localAuthorityId: staff.la,
    code: opts.laCode,
    families: opts.families,
    rows,
    stages,
    staffPassword: password,
    staffEmails: emails,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
