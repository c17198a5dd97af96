import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessService } from 'src/access/access.service';
import type { Actor } from 'src/access/actor';
import { RECORD_KINDS, type InCaseKind, type RecordKindDecl } from 'src/common/record-kind';
import { isGranted, Permission } from 'src/access/permissions';
import type { Stage } from 'src/case-history/case-types';
import type { SharedRecordType } from './information-sharing-record.entity';
import { SharingRepository } from './sharing.repository';

/** What a plan endpoint acts on: a case (creating a record on it), a shared record, or an
 * action of a safety plan. */
export type PlanTarget =
  | { type: 'case'; id: string }
  | { type: SharedRecordType; id: string }
  | { type: 'community_safety_plan_action'; id: string; planId: string };

/** What the plan services need to know once the gate let the caller in. */
export interface PlanContext {
  caseId: string;
  localAuthorityId: string;
  teamId: string;
  leadPractitionerId: string;
  stage: Stage;
  /** The case's current referral (what happened in the case is dated on or after it). */
  referralDate: string;
  /** All children of the case. */
  caseChildIds: string[];
  /** The children of the record (a case target: the case's). */
  childIds: string[];
  /** The caller's relation to the case (for the capacity an agreement is given in). */
  relation: { isLead: boolean; isTeamMember: boolean; isCoWorker: boolean };
  /** The caller sees the record only through a share (a partner): give it the partner view. */
  viaShare: boolean;
}

/**
 * The plans' door to the one access gate (`src/access`): the route's permission on the case or
 * on the record (whose verdict rows, partner shares included, live in `src/access/verdict.ts`),
 * then the record's own children for views, audit rows and sharing records. No rules here.
 */
@Injectable()
export class PlanAccessService {
  constructor(
    private readonly access: AccessService,
    private readonly sharing: SharingRepository,
    @Inject(RECORD_KINDS) private readonly kinds: readonly RecordKindDecl[],
  ) {}

  /** The declaration of an in-case kind, by name (from the registry). */
  private kindOf(name: string): InCaseKind {
    const kind = this.kinds.find((k) => k.name === name);
    if (kind?.locate !== 'in_case') throw new Error(`${name} is not a record kind inside a case`);
    return kind;
  }

  async require(
    m: EntityManager,
    actor: Actor,
    target: PlanTarget,
    permission: Permission,
    opts: { lock?: boolean; open?: boolean } = {},
  ): Promise<PlanContext> {
    const lock = opts.lock ? ('update' as const) : undefined;
    const open = opts.open;
    const c =
      target.type === 'case'
        ? await this.access.requireCase(m, actor, permission, target.id, { lock, open })
        : await this.access.requireRecordById(
            m,
            actor,
            permission,
            { kind: this.kindOf(target.type), id: target.id },
            { lock, open },
          );
    const childIds =
      target.type === 'case'
        ? c.childIds
        : await this.sharing.recordChildIds(m, c.localAuthorityId, target);
    return {
      caseId: c.id,
      localAuthorityId: c.localAuthorityId,
      teamId: c.teamId,
      leadPractitionerId: c.leadPractitionerId,
      stage: c.stage,
      referralDate: c.referralDate,
      caseChildIds: c.childIds,
      childIds,
      relation: {
        isLead: c.relation.lead,
        isTeamMember: c.relation.teamMember,
        isCoWorker: c.relation.coWorker,
      },
      // Only a share lets in a caller whose roles cannot read cases.
      viaShare: !isGranted(actor, 'case.read'),
    };
  }
}
