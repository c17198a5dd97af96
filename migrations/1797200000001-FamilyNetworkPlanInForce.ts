import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An edit of an agreed or active Family Network Plan no longer sends it back to `draft`: the
 * agreed version stays in force while the new one awaits agreement. Plans edited under the old
 * rule are `draft` with an `agreed_version`: they get back the status their version in force
 * had (`active` if they were ever activated, else `agreed`). Their versions, agreements and
 * timeline are unchanged; a plan never agreed stays `draft`.
 */
export class FamilyNetworkPlanInForce1797200000001 implements MigrationInterface {
  name = 'FamilyNetworkPlanInForce1797200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE family_network_plan
          SET status = CASE WHEN activated_at IS NOT NULL THEN 'active' ELSE 'agreed' END
        WHERE status = 'draft' AND agreed_version IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE family_network_plan SET status = 'draft'
        WHERE status IN ('agreed', 'active') AND agreed_version IS NOT NULL
          AND agreed_version <> current_version`,
    );
  }
}
