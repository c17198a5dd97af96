import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dual control for power (docs/security.md): a grant one administrator may not make alone —
 * an API client's case-content scopes, a new la_admin, the ecpp or cp_manager role, a
 * child-protection team membership — waits here for a second approver. Existing users, teams
 * and clients are untouched: the rule applies to grants asked for from now on (the red-team
 * review of existing grants is the LA's, with the privileged audit events).
 *
 * `payload` is what will be applied (for a new user it holds the password's argon2id hash,
 * never returned); `summary` is what approvers see (email, name, roles, scopes, team).
 */
export class ApprovalRequests1797400000000 implements MigrationInterface {
  name = 'ApprovalRequests1797400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "approval_request" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "local_authority_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "status" text NOT NULL DEFAULT 'pending',
        "requested_by_id" uuid NOT NULL,
        "subject_user_id" uuid,
        "payload" jsonb NOT NULL,
        "summary" jsonb NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(),
        "decided_by_id" uuid,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "reason" text,
        "result_id" uuid,
        "version" integer NOT NULL DEFAULT 1,
        CONSTRAINT "pk_approval_request" PRIMARY KEY ("id"),
        CONSTRAINT "ck_approval_request_kind" CHECK (kind IN ('user.create','user.roles','team.member','api_client.scopes')),
        CONSTRAINT "ck_approval_request_status" CHECK (status IN ('pending','approved','refused')),
        CONSTRAINT "ck_approval_request_decided" CHECK ((status = 'pending') = (decided_by_id IS NULL) AND (decided_by_id IS NULL) = (decided_at IS NULL)),
        CONSTRAINT "ck_approval_request_second" CHECK (decided_by_id IS NULL OR decided_by_id <> requested_by_id),
        CONSTRAINT "fk_approval_request_la" FOREIGN KEY ("local_authority_id") REFERENCES "local_authority"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_approval_request_requester" FOREIGN KEY ("requested_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT,
        CONSTRAINT "fk_approval_request_decider" FOREIGN KEY ("decided_by_id") REFERENCES "app_user"("id") ON DELETE RESTRICT
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_approval_request_la" ON "approval_request" ("local_authority_id", "requested_at", "id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "approval_request"`);
  }
}
