import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The `conference_chair` role (issue 26: the independent chair of child protection conferences)
 * added to the union of roles that `RoundValueLists` set (it runs after it, so the union keeps
 * the role). Nothing stored changes: the list only grows. Its timestamp sits after the union's,
 * outside the range, for that reason.
 */
const BEFORE = [
  'platform_admin',
  'family_help_practitioner',
  'family_help_manager',
  'ecpp',
  'cp_manager',
  'partner',
  'la_admin',
  'auditor',
  'trainer',
  'macpt_member',
  'family_member',
];
const AFTER = [...BEFORE, 'conference_chair'];
const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(',');
const check = (roles: string[]) =>
  `ALTER TABLE app_user ADD CONSTRAINT ck_app_user_roles
     CHECK (roles <@ ARRAY[${list(roles)}]::text[] AND cardinality(roles) > 0
            -- a family member's account holds that one role (docs/family-view.md)
            AND (NOT ('family_member' = ANY(roles)) OR cardinality(roles) = 1))`;

export class ConferenceChairRole1797990000260 implements MigrationInterface {
  name = 'ConferenceChairRole1797990000260';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await q.query(check(AFTER));
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT ck_app_user_roles`);
    await q.query(check(BEFORE));
  }
}
