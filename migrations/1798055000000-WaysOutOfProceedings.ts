import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ways out of proceedings (docs/before-proceedings.md): the decisions `end_pre_proceedings`
 * (with its `outcome`) and `conclude_care_proceedings` (the day proceedings concluded and the
 * orders made).
 *
 * - The decision-type checks of `decision` and `decision_request` are re-set to the full list.
 * - `proceedings_decision_detail` gains `outcome`, `concluded_on` and `orders` (nullable: the
 *   detail rows of earlier decisions are kept as they are).
 * - `indicator_cp_series` (IndicatorCpSeries1796120000000), the PL/pgSQL replay of the stage
 *   machine, learns the two decisions as `applyDecision` in src/case-history/decision-rules.ts
 *   does: back to `child_protection` while a child is on a plan, else to `family_help` with the
 *   child-protection episode ended. The function is patched in place (its live body, with one
 *   branch added after the application's), so any earlier replacement is kept.
 * - `indicator_fact_refresh_base`: the initial conference of an enquiry also ends at the first
 *   `end_pre_proceedings` or `conclude_care_proceedings` after it, as at a no further action
 *   (a step-down to Family Help ends the episode; with a child on a plan the conference was
 *   already held, so the end changes nothing). Patched in place the same way. No existing row
 *   has the new types, so no fact changes.
 *
 * Nothing is rewritten: cases in `pre_proceedings` or `care_proceedings` stay there, with their
 * history, until one of the new decisions is recorded.
 */
const TYPES = [
  'start_section_47_enquiry',
  'no_further_action',
  'convene_initial_cp_conference',
  'start_child_protection_plan',
  'end_child_protection_plan',
  'initiate_pre_proceedings',
  'apply_for_care_proceedings',
  'start_community_safety_plan',
  'end_community_safety_plan',
];
const NEW_TYPES = ['end_pre_proceedings', 'conclude_care_proceedings'];
const list = (types: string[]) => types.map((t) => `'${t}'`).join(',');

const OUTCOMES = [
  'step_down_child_protection',
  'step_down_family_help',
  'issue_proceedings_declined',
];
const ORDERS = [
  'care_order',
  'supervision_order',
  'special_guardianship_order',
  'child_arrangements_order',
  'placement_order',
  'no_order',
];

const ANCHOR = `    ELSIF e.type = 'apply_for_care_proceedings' THEN
      st_stage := 'care_proceedings';
`;
const BRANCH = `    ELSIF e.type IN ('end_pre_proceedings', 'conclude_care_proceedings') THEN
      IF st_plans = '{}'::jsonb THEN
        st_stage := 'family_help'; st_s47 := false; st_sdd := NULL; st_start := NULL;
        st_convened := false; st_conf := NULL; st_held := NULL;
      ELSE
        st_stage := 'child_protection';
      END IF;
`;

const NFA = `e.type = 'no_further_action' AND`;
const WAYS_OUT = `e.type IN ('no_further_action', 'end_pre_proceedings', 'conclude_care_proceedings') AND`;

async function patchFunction(
  queryRunner: QueryRunner,
  fn: string,
  from: string,
  to: string,
): Promise<void> {
  const rows: { def: string }[] = await queryRunner.query(
    `SELECT pg_get_functiondef('${fn}'::regprocedure) AS def`,
  );
  const def = rows[0].def;
  if (!def.includes(from)) throw new Error(`${fn}: the text to patch is not there`);
  await queryRunner.query(def.split(from).join(to));
}

async function patchSeries(queryRunner: QueryRunner, from: string, to: string): Promise<void> {
  const rows: { def: string }[] = await queryRunner.query(
    `SELECT pg_get_functiondef('indicator_cp_series(uuid)'::regprocedure) AS def`,
  );
  const def = rows[0].def;
  if (!def.includes(from)) throw new Error('indicator_cp_series: the branch to patch is not there');
  await queryRunner.query(def.replace(from, to));
}

export class WaysOutOfProceedings1798055000000 implements MigrationInterface {
  name = 'WaysOutOfProceedings1798055000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const all = list([...TYPES, ...NEW_TYPES]);
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_type"`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_type" CHECK (type IN (${all}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" DROP CONSTRAINT "ck_decision_request_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" ADD CONSTRAINT "ck_decision_request_type" CHECK (type IN (${all}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" ADD "outcome" text, ADD "concluded_on" date, ADD "orders" text array`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" ADD CONSTRAINT "ck_proceedings_decision_detail_outcome" CHECK (outcome IS NULL OR outcome IN (${list(OUTCOMES)}))`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" ADD CONSTRAINT "ck_proceedings_decision_detail_orders" CHECK (orders IS NULL OR (cardinality(orders) > 0 AND orders <@ ARRAY[${list(ORDERS)}]::text[]))`,
    );
    await patchSeries(queryRunner, ANCHOR, ANCHOR + BRANCH);
    await patchFunction(queryRunner, 'indicator_fact_refresh_base(uuid[])', NFA, WAYS_OUT);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await patchFunction(queryRunner, 'indicator_fact_refresh_base(uuid[])', WAYS_OUT, NFA);
    await patchSeries(queryRunner, ANCHOR + BRANCH, ANCHOR);
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "ck_proceedings_decision_detail_orders"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP CONSTRAINT "ck_proceedings_decision_detail_outcome"`,
    );
    await queryRunner.query(
      `ALTER TABLE "proceedings_decision_detail" DROP COLUMN "orders", DROP COLUMN "concluded_on", DROP COLUMN "outcome"`,
    );
    const old = list(TYPES);
    await queryRunner.query(
      `ALTER TABLE "decision_request" DROP CONSTRAINT "ck_decision_request_type"`,
    );
    await queryRunner.query(
      `ALTER TABLE "decision_request" ADD CONSTRAINT "ck_decision_request_type" CHECK (type IN (${old}))`,
    );
    await queryRunner.query(`ALTER TABLE "decision" DROP CONSTRAINT "ck_decision_type"`);
    await queryRunner.query(
      `ALTER TABLE "decision" ADD CONSTRAINT "ck_decision_type" CHECK (type IN (${old}))`,
    );
  }
}
