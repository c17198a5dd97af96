import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CaseOpening } from 'src/cases/case-opening.service';
import { REFERRAL_SOURCES, type ReferralSource } from 'src/cases/cin-codes';
import { assertNoOtherOpenCase } from 'src/cases/one-open-case';
import { conflict, DomainError, validationFailed } from 'src/common/domain-error';
import { londonDate } from './contact-rules';
import { ContactRepository, type ContactRow } from './contact.repository';
import type { ContactDecisionDto } from './dto/contact.dto';

/** The outcomes that need a case: the referral for an assessment, the strategy discussion. */
export function needsCase(outcome: string | null): boolean {
  return outcome === 'family_help_assessment' || outcome === 'strategy_discussion';
}

/** The children linked to persons on the contact. */
export const linkedChildIds = (c: ContactRow): string[] =>
  c.children.map((k) => k.personId).filter((x): x is string => !!x);

/**
 * A front-door decision for a child without an open case (docs/front-door.md): a
 * `family_help_assessment` or `strategy_discussion` decision that names no case opens one. The
 * decision names the Family Help team and lead practitioner it is allocated to (checked when it
 * is made, kept on the contact); when it is authorised the case opens, in that transaction, with
 * the contact's linked children, their family, the referral date the day the contact was
 * received and the contact's source.
 */
@Injectable()
export class ContactCaseService {
  constructor(
    private readonly repo: ContactRepository,
    private readonly opening: CaseOpening,
  ) {}

  /** The contact's columns a decision sets for the case it will open (none when it opens none);
   * 400/409 when the decision cannot open one. */
  async allocate(
    m: EntityManager,
    c: ContactRow,
    dto: Pick<ContactDecisionDto, 'outcome' | 'caseId' | 'teamId' | 'leadPractitionerId'>,
  ): Promise<Record<string, string | null>> {
    const opens = needsCase(dto.outcome) && !dto.caseId;
    if (!opens) {
      if (dto.teamId || dto.leadPractitionerId)
        throw validationFailed(
          dto.teamId ? 'teamId' : 'leadPractitionerId',
          'only for a decision that opens a case (family_help_assessment or strategy_discussion without caseId)',
        );
      return { case_team_id: null, case_lead_practitioner_id: null };
    }
    const la = c.localAuthorityId;
    await this.familyOf(m, c);
    try {
      await assertNoOtherOpenCase(m, la, linkedChildIds(c), null);
    } catch (err) {
      if (err instanceof DomainError && err.code === 'child_has_open_case')
        throw conflict(
          'child_has_open_case',
          'A child of this contact has an open case: name it with caseId (the referral is added to it)',
        );
      throw err;
    }
    if (!dto.teamId)
      throw validationFailed('teamId', 'give the Family Help team of the case this decision opens');
    if (!dto.leadPractitionerId)
      throw validationFailed(
        'leadPractitionerId',
        'give the lead practitioner of the case this decision opens',
      );
    const teamId = dto.teamId.toLowerCase();
    const lead = dto.leadPractitionerId.toLowerCase();
    await this.opening.assertFamilyHelpTeam(m, la, teamId);
    await this.opening.assertLeadEligible(m, la, teamId, lead);
    return { case_team_id: teamId, case_lead_practitioner_id: lead };
  }

  /** Opens the case an authorised decision allocated; records it on the contact. */
  async open(m: EntityManager, c: ContactRow): Promise<string> {
    if (!c.caseTeamId || !c.caseLeadPractitionerId)
      throw new Error(`contact ${c.id}: a decision that opens a case has no allocation`);
    const la = c.localAuthorityId;
    const familyId = await this.familyOf(m, c);
    const referral = { date: londonDate(c.receivedAt), source: c.source as ReferralSource };
    const caseId = await this.opening.open(
      m,
      la,
      {
        familyId,
        teamId: c.caseTeamId,
        leadPractitionerId: c.caseLeadPractitionerId,
        childIds: linkedChildIds(c),
        referral,
      },
      {
        summary: `Referral received on ${referral.date} from ${referral.source} (${REFERRAL_SOURCES[referral.source]}) at the front door; case opened in Family Help`,
        metadata: { contactId: c.id },
      },
    );
    if (!(await this.repo.update(m, la, c.id, c.version, { case_id: caseId })))
      throw conflict('stale', 'The contact changed meanwhile; try again');
    return caseId;
  }

  /** The one family of the contact's linked children (409 when none are linked, or they are of
   * different families). */
  private async familyOf(m: EntityManager, c: ContactRow): Promise<string> {
    const ids = linkedChildIds(c);
    if (!ids.length)
      throw conflict(
        'child_not_linked',
        "Link the contact's child to a person (POST /contacts/:id/link) before a decision that opens a case",
      );
    const persons = await this.repo.persons(m, c.localAuthorityId, ids);
    const families = [...new Set(persons.map((p) => p.familyId).filter((f) => !!f))];
    if (families.length !== 1)
      throw conflict(
        'children_of_different_families',
        "A case is opened for one family: the contact's linked children belong to different families",
      );
    return families[0] as string;
  }
}
