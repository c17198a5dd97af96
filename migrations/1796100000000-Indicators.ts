import { MigrationInterface, QueryRunner } from 'typeorm';
import { addDays, isWorkingDay } from './support/working-calendar';

const FIRST_DAY = '2000-01-01';
const LAST_DAY = '2045-12-31';

/**
 * Practice indicators (docs/indicators.md): indexes that let each indicator read its events by
 * local authority and date, and `working_day`, a calendar (England & Wales: weekends and bank
 * holidays from the same rules as `src/timescales/working-days.ts`) in which `n` counts the
 * working days up to and including `day`, so "N working days after D" is one indexed join:
 * the working day whose `n` is `n(D) + N`. A change to the bank holidays needs a new migration
 * that rewrites the calendar.
 */
export class Indicators1796100000000 implements MigrationInterface {
  name = 'Indicators1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const indexes: [string, string, string][] = [
      [
        'ix_decision_la_type_effective',
        'decision',
        '"local_authority_id", "type", "effective_date"',
      ],
      ['ix_case_visit_la_visited', 'case_visit', '"local_authority_id", "visited_on"'],
      [
        'ix_decision_challenge_la_raised',
        'decision_challenge',
        '"local_authority_id", "raised_at"',
      ],
      ['ix_case_concern_la_raised_on', 'case_concern', '"local_authority_id", "raised_on"'],
      ['ix_case_event_la_type_at', 'case_event', '"local_authority_id", "type", "at"'],
      ['ix_case_record_la_referral', 'case_record', '"local_authority_id", "referral_date"'],
      ['ix_case_meeting_la_kind_held', 'case_meeting', '"local_authority_id", "kind", "held_on"'],
    ];
    for (const [name, table, cols] of indexes) {
      await queryRunner.query(`CREATE INDEX "${name}" ON "${table}" (${cols}) `);
    }

    await queryRunner.query(
      `CREATE TABLE "working_day" ("day" date NOT NULL, "working" boolean NOT NULL,
         "n" integer NOT NULL, CONSTRAINT "pk_working_day" PRIMARY KEY ("day"))`,
    );
    const days: string[] = [];
    const working: boolean[] = [];
    const counts: number[] = [];
    let n = 0;
    for (let d = FIRST_DAY; d <= LAST_DAY; d = addDays(d, 1)) {
      const w = isWorkingDay(d);
      if (w) n += 1;
      days.push(d);
      working.push(w);
      counts.push(n);
    }
    await queryRunner.query(
      `INSERT INTO "working_day" ("day", "working", "n")
       SELECT * FROM unnest($1::date[], $2::boolean[], $3::int[])`,
      [days, working, counts],
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "ux_working_day_n" ON "working_day" ("n") WHERE working`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "working_day"`);
    for (const name of [
      'ix_case_meeting_la_kind_held',
      'ix_case_record_la_referral',
      'ix_case_event_la_type_at',
      'ix_case_concern_la_raised_on',
      'ix_decision_challenge_la_raised',
      'ix_case_visit_la_visited',
      'ix_decision_la_type_effective',
    ]) {
      await queryRunner.query(`DROP INDEX "${name}"`);
    }
  }
}
