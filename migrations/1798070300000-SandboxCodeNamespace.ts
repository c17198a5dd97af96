import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sandbox codes in a reserved namespace (issue 30, L9): a trainer could give a sandbox a real
 * LA's code (one not yet onboarded, or mistaken for one). Now a local authority is a sandbox if
 * and only if its code starts with `SBX-`. Existing sandboxes outside the namespace are renamed
 * into it (`SBX-` + their code, cut to 32 characters; sandboxes are disposable training data);
 * a real LA inside it stops the migration, for an operator to rename by hand.
 */
export class SandboxCodeNamespace1798070300000 implements MigrationInterface {
  name = 'SandboxCodeNamespace1798070300000';

  public async up(q: QueryRunner): Promise<void> {
    const real: { code: string }[] = await q.query(
      `SELECT code FROM local_authority WHERE NOT sandbox AND code LIKE 'SBX-%'`,
    );
    if (real.length)
      throw new Error(
        `local authorities ${real.map((r) => r.code).join(', ')} are not sandboxes but have codes in the sandbox namespace (SBX-): rename them first`,
      );
    await q.query(
      `UPDATE local_authority SET code = left('SBX-' || code, 32)
        WHERE sandbox AND code NOT LIKE 'SBX-%'`,
    );
    await q.query(
      `ALTER TABLE "local_authority" ADD CONSTRAINT "ck_local_authority_sandbox_code" CHECK (sandbox = (code LIKE 'SBX-%'))`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "local_authority" DROP CONSTRAINT "ck_local_authority_sandbox_code"`,
    );
  }
}
