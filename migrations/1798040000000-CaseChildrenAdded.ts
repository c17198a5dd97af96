import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Children added to an open case (`POST /cases/:id/children`, docs/conferences.md "Children of a
 * case"): when (`added_on`), why (`reason`) and by whom. Children named at referral keep NULL in
 * all three (they are the case's children from its referral); nothing stored changes.
 */
export class CaseChildrenAdded1798040000000 implements MigrationInterface {
  name = 'CaseChildrenAdded1798040000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_child
         ADD COLUMN added_on date,
         ADD COLUMN reason text,
         ADD COLUMN added_by_id uuid,
         ADD CONSTRAINT ck_case_child_reason CHECK (reason IS NULL OR reason IN ('born','unborn','moved_in','returned_home','newly_identified')),
         ADD CONSTRAINT ck_case_child_added CHECK ((added_on IS NULL) = (reason IS NULL)),
         ADD CONSTRAINT fk_case_child_added_by FOREIGN KEY (added_by_id) REFERENCES app_user(id) ON DELETE RESTRICT`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE case_child DROP CONSTRAINT fk_case_child_added_by,
         DROP CONSTRAINT ck_case_child_added, DROP CONSTRAINT ck_case_child_reason,
         DROP COLUMN added_by_id, DROP COLUMN reason, DROP COLUMN added_on`,
    );
  }
}
