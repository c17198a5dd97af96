import { MigrationInterface, QueryRunner } from 'typeorm';

const ETHNICITIES = `'WBRI','WIRI','WIRT','WOTH','WROM','MWBC','MWBA','MWAS','MOTH','AIND','APKN','ABAN','AOTH','BCRB','BAFR','BOTH','CHNE','OOTH','REFU','NOBT'`;
const DISABILITIES = `'NONE','MOB','HAND','PC','INC','COMM','LD','HEAR','VIS','BEH','CON','AUT','DDA'`;
const UPN_REASONS = `'UN1','UN2','UN3','UN4','UN5','UN6','UN7','UN8','UN9','UN10'`;
const FACTORS = `'1A','1B','1C','2A','2B','2C','3A','3B','3C','4A','4B','4C','5A','5B','5C','6A','6B','6C','7A','8B','8C','8D','8E','8F','9A','10A','11A','12A','13A','14A','15A','16A','17A','18B','18C','19B','19C','20','21','22A','23A','24A'`;
const NEEDS = `'N0','N1','N2','N3','N4','N5','N6','N7','N8','N9'`;

/**
 * The data the Children in Need census needs, held as the DfE codes it.
 *
 * person: `sex` becomes the census sex (`M`, `F`, `U`) beside `gender` (identity as recorded);
 * `ethnicity` one of the DfE's 20 codes; `disabilities` (the DfE list, or `NONE` alone); `upn`
 * or `upn_unknown_reason` (`UN1`-`UN10`), never both; `expected_date_of_birth` (unborn).
 * Existing values migrate only where they already say the code: `sex` `m`/`male` → `M`,
 * `f`/`female` → `F`, `u` → `U` (any case); `ethnicity` that is already one of the 20 codes (any
 * case). Anything else is moved, unchanged, to `sex_as_recorded` / `ethnicity_as_recorded` and
 * the code left unknown (null) for a practitioner to choose: a code is never derived from free
 * text. Nothing else is known before: the new columns start null.
 *
 * assessment: `authorised_on` (the authorisation date; existing authorisations take the day they
 * were recorded in England, which is when the authoriser acted), `factors` (`1A`…`24A`; `21`
 * "no factors" alone) and `primary_need` (`N0`-`N9`), both null until recorded.
 *
 * local_authority: `dfe_number`, the three-digit number the DfE gives the LA (the census `LEA`),
 * null until an LA administrator sets it.
 */
export class CensusData1797100000001 implements MigrationInterface {
  name = 'CensusData1797100000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "person" ADD "sex_as_recorded" text, ADD "ethnicity_as_recorded" text, ADD "disabilities" text array, ADD "upn" text, ADD "upn_unknown_reason" text, ADD "expected_date_of_birth" date`,
    );
    await queryRunner.query(
      `UPDATE person SET sex_as_recorded = sex,
              sex = CASE lower(btrim(sex)) WHEN 'm' THEN 'M' WHEN 'male' THEN 'M'
                                           WHEN 'f' THEN 'F' WHEN 'female' THEN 'F'
                                           WHEN 'u' THEN 'U' END
        WHERE sex IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE person SET sex_as_recorded = NULL WHERE sex IS NOT NULL AND sex_as_recorded IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE person SET ethnicity_as_recorded = ethnicity,
              ethnicity = CASE WHEN upper(btrim(ethnicity)) IN (${ETHNICITIES}) THEN upper(btrim(ethnicity)) END
        WHERE ethnicity IS NOT NULL`,
    );
    await queryRunner.query(
      `UPDATE person SET ethnicity_as_recorded = NULL WHERE ethnicity IS NOT NULL AND ethnicity_as_recorded IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "ck_person_sex" CHECK (sex IS NULL OR sex IN ('M','F','U'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "ck_person_ethnicity" CHECK (ethnicity IS NULL OR ethnicity IN (${ETHNICITIES}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "ck_person_disabilities" CHECK (disabilities IS NULL OR (cardinality(disabilities) >= 1 AND disabilities <@ ARRAY[${DISABILITIES}]::text[] AND (cardinality(disabilities) = 1 OR NOT 'NONE' = ANY (disabilities))))`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "ck_person_upn" CHECK (upn IS NULL OR upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$')`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "ck_person_upn_unknown_reason" CHECK (upn_unknown_reason IS NULL OR (upn IS NULL AND upn_unknown_reason IN (${UPN_REASONS})))`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD "authorised_on" date, ADD "factors" text array, ADD "primary_need" text`,
    );
    await queryRunner.query(
      `UPDATE assessment SET authorised_on = (authorised_at AT TIME ZONE 'Europe/London')::date WHERE authorised_at IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "ck_assessment_authorised_on" CHECK ((authorised_on IS NULL) = (authorised_at IS NULL) AND (authorised_on IS NULL OR authorised_on >= completed_on))`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "ck_assessment_factors" CHECK (factors IS NULL OR (cardinality(factors) >= 1 AND factors <@ ARRAY[${FACTORS}]::text[] AND (cardinality(factors) = 1 OR NOT '21' = ANY (factors))))`,
    );
    await queryRunner.query(
      `ALTER TABLE "assessment" ADD CONSTRAINT "ck_assessment_primary_need" CHECK (primary_need IS NULL OR primary_need IN (${NEEDS}))`,
    );
    await queryRunner.query(`ALTER TABLE "local_authority" ADD "dfe_number" text`);
    await queryRunner.query(
      `ALTER TABLE "local_authority" ADD CONSTRAINT "ck_local_authority_dfe_number" CHECK (dfe_number IS NULL OR dfe_number ~ '^[0-9]{3}$')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "local_authority" DROP CONSTRAINT "ck_local_authority_dfe_number"`,
    );
    await queryRunner.query(`ALTER TABLE "local_authority" DROP COLUMN "dfe_number"`);
    for (const c of ['primary_need', 'factors', 'authorised_on'])
      await queryRunner.query(`ALTER TABLE "assessment" DROP CONSTRAINT "ck_assessment_${c}"`);
    await queryRunner.query(
      `ALTER TABLE "assessment" DROP COLUMN "primary_need", DROP COLUMN "factors", DROP COLUMN "authorised_on"`,
    );
    for (const c of ['upn_unknown_reason', 'upn', 'disabilities', 'ethnicity', 'sex'])
      await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "ck_person_${c}"`);
    await queryRunner.query(
      `UPDATE person SET sex = COALESCE(sex_as_recorded, sex), ethnicity = COALESCE(ethnicity_as_recorded, ethnicity)`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" DROP COLUMN "expected_date_of_birth", DROP COLUMN "upn_unknown_reason", DROP COLUMN "upn", DROP COLUMN "disabilities", DROP COLUMN "ethnicity_as_recorded", DROP COLUMN "sex_as_recorded"`,
    );
  }
}
