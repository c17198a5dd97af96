/**
 * Rules that exist twice because migrations are history (they import nothing from `src/`, so a
 * later change to the application cannot silently change what an old migration did): the
 * migrations' own copies are compared here with the application's rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { ROLES } from 'src/access/roles';
import { EVENT_TYPES } from 'src/events/event-types';
import { SecretBox } from 'src/events/webhook-secret-box';
import { addDays, isWorkingDay } from 'src/common/working-days';
import { openSecret, sealSecret } from '../migrations/support/webhook-secret-seal';
import { createTestApp, TestApp } from './utils/create-app';
import { closeDb, db } from './utils/cp.factories';

const MIGRATIONS = join(__dirname, '..', 'migrations');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('migrations are history', () => {
  it('no migration (nor its support files) imports application code from src/', () => {
    const offenders = sources(MIGRATIONS).filter((f) =>
      /from\s+['"](\.\.\/)+src\/|from\s+['"]src\/|require\(['"](\.\.\/)+src\//.test(
        readFileSync(f, 'utf8'),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('the migrations’ sealed-secret format and the application’s SecretBox open each other’s output', () => {
    const env = { NODE_ENV: 'test', WEBHOOK_SECRET_KEY: 'a-key-for-this-test-only-0123456789' };
    const box = SecretBox.forConfig(env);
    const id = '7d0c7c4e-62a5-4c1e-9a51-2f1c8f0e2b11';
    expect(box.open(sealSecret(env, 'whsec_from_migration', id), id)).toBe('whsec_from_migration');
    expect(openSecret(env, box.seal('whsec_from_app', id), id)).toBe('whsec_from_app');
    // Bound to the row: another subscription's id does not open it.
    expect(() => box.open(sealSecret(env, 'x', id), `${id.slice(0, -1)}2`)).toThrow();
  });

  describe('the working_day calendar written by the migrations', () => {
    let t: TestApp;
    let c: Client;
    beforeAll(async () => {
      t = await createTestApp();
      c = await db(t);
    });
    afterAll(async () => {
      await closeDb(t);
      await t.close();
    });

    it('admits exactly the roles and integration event types the code has (the value lists every feature widens)', async () => {
      const values = async (name: string) => {
        const r = await c.query<{ def: string }>(
          `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1`,
          [name],
        );
        return [...new Set([...r.rows[0].def.matchAll(/'([^']+)'/g)].map((m) => m[1]))].sort();
      };
      expect(await values('ck_app_user_roles')).toEqual([...ROLES].sort());
      expect(await values('ck_integration_event_type')).toEqual([...EVENT_TYPES].sort());
    });

    it('equals isWorkingDay day by day over twenty years (2010–2029), and n counts the working days', async () => {
      const rows = (
        await c.query<{ day: string; working: boolean; n: number }>(
          `SELECT day::text AS day, working, n FROM working_day
            WHERE day BETWEEN '2010-01-01' AND '2029-12-31' ORDER BY day`,
        )
      ).rows;
      const expected: { day: string; working: boolean }[] = [];
      for (let d = '2010-01-01'; d <= '2029-12-31'; d = addDays(d, 1))
        expected.push({ day: d, working: isWorkingDay(d) });
      expect(rows.map((r) => ({ day: r.day, working: r.working }))).toEqual(expected);
      for (let i = 1; i < rows.length; i++)
        expect(rows[i].n).toBe(rows[i - 1].n + (rows[i].working ? 1 : 0));
      // Christmas 2027 falls on a Saturday: the substitute bank holidays are Mon 27 and Tue 28.
      const day = (d: string) => rows.find((r) => r.day === d)?.working;
      expect([day('2027-12-27'), day('2027-12-28'), day('2027-12-29')]).toEqual([
        false,
        false,
        true,
      ]);
    });
  });
});
