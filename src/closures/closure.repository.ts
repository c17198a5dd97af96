/** Closure proposals: every query scoped by local authority. */
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { writeReturning } from 'src/common/sql';
import type { ClosureReason, PrimaryNeed } from 'src/cases/cin-codes';
import type { ClosureProposalResponse } from './dto/closure.dto';

interface ProposalRow {
  id: string;
  case_id: string;
  reason: ClosureReason;
  closed_on: string;
  primary_need: PrimaryNeed;
  note: string | null;
  status: 'proposed' | 'closed';
  proposed_by_id: string;
  proposed_at: Date;
  authorised_by_id: string | null;
  authorised_at: Date | null;
  ecpp_agreed_by_id: string | null;
  ecpp_agreed_at: Date | null;
  ever_co_worked: boolean;
}

const COLUMNS = `p.id, p.case_id, p.reason, p.closed_on::text AS closed_on, p.primary_need, p.note,
  p.status, p.proposed_by_id, p.proposed_at, p.authorised_by_id, p.authorised_at,
  p.ecpp_agreed_by_id, p.ecpp_agreed_at,
  EXISTS (SELECT 1 FROM case_co_worker w WHERE w.case_id = p.case_id) AS ever_co_worked`;

const signOff = (by: string | null, at: Date | null) =>
  by && at ? { byId: by, at: new Date(at).toISOString() } : null;

const toResponse = (r: ProposalRow): ClosureProposalResponse => ({
  id: r.id,
  caseId: r.case_id,
  reason: r.reason,
  closedOn: r.closed_on,
  primaryNeed: r.primary_need,
  note: r.note,
  status: r.status,
  proposedById: r.proposed_by_id,
  proposedAt: new Date(r.proposed_at).toISOString(),
  ecppAgreementRequired: r.ever_co_worked,
  authorisation: signOff(r.authorised_by_id, r.authorised_at),
  ecppAgreement: signOff(r.ecpp_agreed_by_id, r.ecpp_agreed_at),
});

@Injectable()
export class ClosureRepository {
  async insert(
    m: EntityManager,
    la: string,
    v: {
      caseId: string;
      reason: ClosureReason;
      closedOn: string;
      primaryNeed: PrimaryNeed;
      note: string | null;
      proposedById: string;
    },
  ): Promise<ClosureProposalResponse> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO closure_proposal (case_id, local_authority_id, reason, closed_on, primary_need,
                                     note, proposed_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.caseId, la, v.reason, v.closedOn, v.primaryNeed, v.note, v.proposedById],
    );
    return (await this.find(m, la, rows[0].id)) as ClosureProposalResponse;
  }

  async find(m: EntityManager, la: string, id: string): Promise<ClosureProposalResponse | null> {
    const rows: ProposalRow[] = await m.query(
      `SELECT ${COLUMNS} FROM closure_proposal p WHERE p.id = $1 AND p.local_authority_id = $2`,
      [id, la],
    );
    return rows[0] ? toResponse(rows[0]) : null;
  }

  async findByCase(
    m: EntityManager,
    la: string,
    caseId: string,
  ): Promise<ClosureProposalResponse[]> {
    const rows: ProposalRow[] = await m.query(
      `SELECT ${COLUMNS} FROM closure_proposal p
        WHERE p.case_id = $1 AND p.local_authority_id = $2 ORDER BY p.proposed_at, p.id`,
      [caseId, la],
    );
    return rows.map(toResponse);
  }

  /** Records the manager's authorisation (once). False when it was already there. */
  async authorise(m: EntityManager, la: string, id: string, by: string): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE closure_proposal SET authorised_by_id = $3, authorised_at = clock_timestamp()
        WHERE id = $1 AND local_authority_id = $2 AND authorised_at IS NULL RETURNING id`,
      [id, la, by],
    );
    return rows.length === 1;
  }

  /** Records the ECPP's agreement (once). False when it was already there. */
  async agree(m: EntityManager, la: string, id: string, by: string): Promise<boolean> {
    const rows = await writeReturning<{ id: string }>(
      m,
      `UPDATE closure_proposal SET ecpp_agreed_by_id = $3, ecpp_agreed_at = clock_timestamp()
        WHERE id = $1 AND local_authority_id = $2 AND ecpp_agreed_at IS NULL RETURNING id`,
      [id, la, by],
    );
    return rows.length === 1;
  }

  async markClosed(m: EntityManager, la: string, id: string): Promise<void> {
    await m.query(
      `UPDATE closure_proposal SET status = 'closed' WHERE id = $1 AND local_authority_id = $2`,
      [id, la],
    );
  }

  /** The user's active ECPP assignment on the case (kind and dates), if any. */
  async activeAssignment(
    m: EntityManager,
    la: string,
    caseId: string,
    userId: string,
  ): Promise<{ kind: 'accountable' | 'cover'; assignedOn: string; coverTo: string | null } | null> {
    const rows: { kind: 'accountable' | 'cover'; assigned_on: string; cover_to: string | null }[] =
      await m.query(
        `SELECT w.kind, w.assigned_on::text AS assigned_on, w.cover_to::text AS cover_to
           FROM case_co_worker w JOIN case_record c ON c.id = w.case_id
          WHERE w.case_id = $1 AND w.user_id = $2 AND w.ended_at IS NULL
            AND c.local_authority_id = $3`,
        [caseId, userId, la],
      );
    const r = rows[0];
    return r ? { kind: r.kind, assignedOn: r.assigned_on, coverTo: r.cover_to } : null;
  }
}
