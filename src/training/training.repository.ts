import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface RunRow {
  runId: string;
  scenario: string;
  localAuthorityId: string;
  code: string;
  name: string;
  createdAt: string;
  cursorAt: string;
}

/** Training-run queries. `owner` is the trainer's LA (null: runs loaded from the CLI). */
@Injectable()
export class TrainingRepository {
  async list(
    m: EntityManager,
    owner: string | null,
    limit: number,
    after: [string, string] | null,
  ): Promise<RunRow[]> {
    const params: unknown[] = [owner, limit + 1];
    let keyset = '';
    if (after) {
      params.push(after[0], after[1]);
      keyset = 'AND (r.created_at, r.id) > ($3::timestamptz, $4::uuid)';
    }
    return m.query(
      `SELECT r.id AS "runId", r.scenario, r.local_authority_id AS "localAuthorityId", la.code,
              la.name, to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
              to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"
         FROM training_run r JOIN local_authority la ON la.id = r.local_authority_id
        WHERE r.owner_local_authority_id IS NOT DISTINCT FROM $1::uuid ${keyset}
        ORDER BY r.created_at, r.id
        LIMIT $2`,
      params,
    );
  }

  /** The run's sandbox LA, if the run exists and belongs to `owner` (`undefined`: any owner). */
  async sandboxOf(
    m: EntityManager,
    owner: string | null | undefined,
    runId: string,
  ): Promise<string | null> {
    const rows: { la: string }[] = await m.query(
      `SELECT r.local_authority_id AS la FROM training_run r
         JOIN local_authority la ON la.id = r.local_authority_id AND la.sandbox
        WHERE r.id = $1 AND ($2::boolean OR r.owner_local_authority_id IS NOT DISTINCT FROM $3::uuid)
        FOR UPDATE OF r`,
      [runId, owner === undefined, owner ?? null],
    );
    return rows[0]?.la ?? null;
  }

  /** The one privileged purge (SECURITY DEFINER, see the TrainingSandboxes migration). */
  async purge(
    m: EntityManager,
    la: string,
    actor: { type: string; id: string | null },
    requestId: string | null,
  ): Promise<Record<string, number>> {
    const rows: { counts: Record<string, number> }[] = await m.query(
      `SELECT tandem_purge_sandbox($1, $2, $3, $4) AS counts`,
      [la, actor.type, actor.id, requestId],
    );
    return rows[0].counts;
  }
}
