import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { FAMILY_HELP_ROLES, type Role } from 'src/access/roles';
import { AuditService } from 'src/audit/audit.service';
import { badRequest, validationFailed } from 'src/common/domain-error';
import { Clock, requireDateInRange } from 'src/common/clock';
import { CaseQueryRepository } from './case-query.repository';
import { CaseRepository } from './case.repository';
import { REFERRAL_SOURCES, type ReferralSource } from './cin-codes';
import { assertNoOtherOpenCase } from './one-open-case';
import { TimelineService } from './timeline.service';

export interface CaseOpeningInput {
  familyId: string;
  teamId: string;
  leadPractitionerId: string;
  childIds: string[];
  referral: { date: string; source: ReferralSource };
  restricted?: boolean;
}

/**
 * Opening a case, in the caller's transaction: the one way a case begins — `POST /cases`, or a
 * front-door decision (src/front-door) that opens one. The caller has judged who may open it
 * (the family's visibility, the opener's team); this checks the allocation (a `family_help`
 * team, an eligible lead practitioner), the children (of the family, none with another open
 * case), the referral date (not in the future, at most 40 weeks before a birth), and writes the
 * case, its children, its timeline entry and its audit row.
 */
@Injectable()
export class CaseOpening {
  constructor(
    private readonly cases: CaseQueryRepository,
    private readonly caseRows: CaseRepository,
    private readonly timeline: TimelineService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A `family_help` team of the LA (400 naming `field` otherwise). */
  async assertFamilyHelpTeam(m: EntityManager, la: string, teamId: string, field = 'teamId') {
    if ((await this.cases.teamKind(m, la, teamId)) !== 'family_help')
      throw validationFailed(field, 'must be a family_help team of your local authority');
  }

  /** The lead practitioner: an active Family Help member of the case's team. */
  async assertLeadEligible(
    m: EntityManager,
    la: string,
    teamId: string,
    userId: string,
    field = 'leadPractitionerId',
  ): Promise<void> {
    const member = await this.cases.teamMember(m, la, teamId, userId);
    if (
      !member ||
      !member.active ||
      !member.roles.some((r) => FAMILY_HELP_ROLES.includes(r as Role))
    )
      throw validationFailed(
        field,
        "must be an active Family Help practitioner or manager who is a member of the case's team",
      );
  }

  /** Opens the case; returns its id. `origin` goes to the timeline entry and the audit row. */
  async open(
    m: EntityManager,
    la: string,
    input: CaseOpeningInput,
    origin: { summary?: string; metadata?: Record<string, unknown> } = {},
  ): Promise<string> {
    await this.assertLeadEligible(m, la, input.teamId, input.leadPractitionerId);
    const childIds = input.childIds.map((id) => id.toLowerCase());
    const found = await this.cases.childrenOfFamily(m, input.familyId, childIds);
    const missing = childIds.filter((id) => !found.includes(id));
    if (missing.length)
      throw badRequest('validation_failed', 'childIds must be children of the family', [
        { field: 'childIds', message: `not a child of this family: ${missing.join(', ')}` },
      ]);
    const referral = input.referral;
    requireDateInRange('referral.date', referral.date, this.clock.today(), null, '');
    // A referral about a child is made at most 40 weeks before the child's birth (DfE 8606).
    const unbornTooEarly = await this.cases.bornTooLongAfter(m, childIds, referral.date);
    if (unbornTooEarly.length)
      throw badRequest(
        'validation_failed',
        "referral.date is more than 40 weeks before a child's birth",
        [
          {
            field: 'referral.date',
            message: `more than 40 weeks before the (expected) birth of: ${unbornTooEarly.join(', ')}`,
          },
        ],
      );
    await assertNoOtherOpenCase(m, la, childIds, null);
    const restricted = input.restricted ?? false;
    const caseId = await this.caseRows.insert(m, la, {
      familyId: input.familyId,
      teamId: input.teamId,
      leadPractitionerId: input.leadPractitionerId,
      referral,
      restricted,
      childIds,
    });
    await this.timeline.append(m, {
      caseId,
      localAuthorityId: la,
      type: 'case_created',
      summary:
        origin.summary ??
        `Referral received on ${referral.date} from ${referral.source} (${REFERRAL_SOURCES[referral.source]}); case opened in Family Help`,
      data: {
        referral,
        teamId: input.teamId,
        leadPractitionerId: input.leadPractitionerId,
        childIds,
        ...(origin.metadata ?? {}),
      },
      recordType: 'case',
      recordId: caseId,
    });
    await this.audit.record(
      {
        action: 'case.create',
        recordType: 'case',
        recordId: caseId,
        childIds,
        changes: {
          familyId: { before: null, after: input.familyId },
          teamId: { before: null, after: input.teamId },
          leadPractitionerId: { before: null, after: input.leadPractitionerId },
          childIds: { before: null, after: childIds },
          referral: { before: null, after: referral },
          restricted: { before: null, after: restricted },
        },
        ...(origin.metadata ? { metadata: origin.metadata } : {}),
      },
      m,
    );
    return caseId;
  }
}
