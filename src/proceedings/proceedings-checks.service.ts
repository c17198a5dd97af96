import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseContext } from 'src/access/access.service';
import { conflict, validationFailed } from 'src/common/domain-error';
import { FgdmDutyRepository } from './fgdm-duty.repository';
import { dutyGaps, offersMissing } from './fgdm-duty.rules';
import { LegalGatewayRepository } from './legal-gateway.repository';
import { ParentalResponsibilityRepository } from './parental-responsibility.repository';

/** What the decision room hands over (a subset of its DTO). */
export interface ProceedingsDecision {
  type: string;
  childIds: string[];
  effectiveDate: string;
  supersedesId?: string;
  legalGatewayId?: string;
  issuedOn?: string;
  court?: string;
  courtCaseNumber?: string;
  outcome?: string;
  concludedOn?: string;
  orders?: string[];
}

const PROCEEDINGS_DECISIONS: readonly string[] = [
  'initiate_pre_proceedings',
  'apply_for_care_proceedings',
  'end_pre_proceedings',
  'conclude_care_proceedings',
];

/**
 * The checks other rooms make before proceedings (docs/before-proceedings.md): the letter
 * before proceedings carries an FGDM offer to every person with PR (or an exemption covers the
 * child), an application is made only once the duty is met, and pre-proceedings start only
 * after a legal gateway meeting. Called inside the caller's transaction, after its gate.
 */
@Injectable()
export class ProceedingsChecks {
  /**
   * A proceedings decision's own checks, after the stage rules (docs/before-proceedings.md):
   * `initiate_pre_proceedings` cites its legal gateway meeting; `apply_for_care_proceedings` is
   * refused while the FGDM duty is unmet (409 `fgdm_duty_unmet`). A correction
   * (`supersedesId`) may omit them: it corrects a decision that had its authority.
   */
  async beforeDecision(m: EntityManager, c: CaseContext, d: ProceedingsDecision, today: string) {
    if (d.type === 'initiate_pre_proceedings' && (!d.supersedesId || d.legalGatewayId))
      await this.requireGateway(m, c, d.legalGatewayId, d.effectiveDate);
    if (d.type === 'apply_for_care_proceedings') {
      if (d.issuedOn && d.issuedOn > today)
        throw validationFailed('issuedOn', `${d.issuedOn} is in the future (today is ${today})`);
      if (!d.supersedesId) await this.requireDutyMet(m, c, d.childIds, today);
    }
    if (d.type === 'conclude_care_proceedings' && d.concludedOn) {
      const issuedOn = await this.gateways.issuedOn(m, c.localAuthorityId, c.id);
      if (issuedOn && d.concludedOn < issuedOn)
        throw validationFailed(
          'concludedOn',
          `${d.concludedOn} is before the application was issued (${issuedOn})`,
        );
    }
  }

  /** Keeps what the decision cited (its gateway; its court and issue date; how pre-proceedings
   * ended; the day proceedings concluded and the orders made). */
  async afterDecision(
    m: EntityManager,
    c: CaseContext,
    decisionId: string,
    d: ProceedingsDecision,
  ) {
    if (!PROCEEDINGS_DECISIONS.includes(d.type)) return;
    await this.gateways.insertDetail(m, c.localAuthorityId, {
      decisionId,
      caseId: c.id,
      legalGatewayId: d.legalGatewayId ?? null,
      issuedOn: d.issuedOn ?? null,
      court: d.court ?? null,
      courtCaseNumber: d.courtCaseNumber ?? null,
      outcome: d.outcome ?? null,
      concludedOn: d.concludedOn ?? null,
      orders: d.orders ?? null,
    });
  }

  constructor(
    private readonly duty: FgdmDutyRepository,
    private readonly pr: ParentalResponsibilityRepository,
    private readonly gateways: LegalGatewayRepository,
  ) {}

  /** 409 `fgdm_offer_required` unless `offerIds` (offers of this case) reach every PR holder
   * of every child of the case, or the authorised `exemptionId` covers the child. */
  async requireLetterCovered(
    m: EntityManager,
    c: CaseContext,
    offerIds: readonly string[],
    exemptionId: string | undefined,
  ): Promise<void> {
    const la = c.localAuthorityId;
    const offers = (await this.duty.offersOfCase(m, la, c.id)).filter((o) =>
      offerIds.includes(o.id),
    );
    const unknown = offerIds.filter((id) => !offers.some((o) => o.id === id));
    if (unknown.length)
      throw validationFailed('fgdmOfferIds', `not FGDM offers of this case: ${unknown.join(', ')}`);
    const exemptions = exemptionId
      ? (await this.duty.exemptionsOfCase(m, la, c.id)).filter((e) => e.id === exemptionId)
      : [];
    if (exemptionId && !exemptions.length)
      throw validationFailed('exemptionId', 'not an FGDM exemption of this case');
    if (exemptionId && !exemptions[0].authorisedOn)
      throw conflict('exemption_not_authorised', 'The exemption awaits a service manager');
    const holders = await this.pr.holders(m, la, c.childIds);
    const missing = offersMissing(c.childIds, holders, offers, exemptions);
    if (missing.length)
      throw conflict(
        'fgdm_offer_required',
        `The letter must carry an FGDM offer to every parent and person with parental responsibility, or an authorised exemption: missing ${missing
          .map((x) =>
            x.personId ? `${x.personId} for ${x.childId}` : `PR not recorded for ${x.childId}`,
          )
          .join('; ')}`,
        { missing },
      );
  }

  /** 409 `fgdm_duty_unmet` while an offer is missing or awaiting an answer, or an accepted
   * offer has had no FGDM meeting — unless an authorised exemption covers the child. */
  async requireDutyMet(
    m: EntityManager,
    c: CaseContext,
    childIds: readonly string[],
    today: string,
  ): Promise<void> {
    const la = c.localAuthorityId;
    const [offers, exemptions, meetings, settings, holders] = [
      await this.duty.offersOfCase(m, la, c.id),
      await this.duty.exemptionsOfCase(m, la, c.id),
      await this.duty.meetingsOfCase(m, la, c.id),
      await this.duty.settings(m, la),
      await this.pr.holders(m, la, [...childIds]),
    ];
    const gaps = dutyGaps(
      childIds,
      holders,
      offers,
      exemptions,
      meetings,
      today,
      settings.offerWorkingDays,
    );
    if (gaps.length)
      throw conflict(
        'fgdm_duty_unmet',
        `The FGDM duty (s31ZA) is not met: ${gaps
          .map((g) => `${g.reason.replace(/_/g, ' ')} (${g.personId ?? 'child'} ${g.childId})`)
          .join('; ')}; or record an exemption authorised by a service manager`,
        { gaps },
      );
  }

  /** 409 `legal_gateway_required` unless `gatewayId` is a legal gateway meeting of this case
   * that decided `pre_proceedings` (or `issue`), held on or before `effectiveDate`. */
  async requireGateway(
    m: EntityManager,
    c: CaseContext,
    gatewayId: string | undefined,
    effectiveDate: string,
  ): Promise<void> {
    if (!gatewayId)
      throw conflict(
        'legal_gateway_required',
        'Pre-proceedings start after a legal gateway meeting: cite it (legalGatewayId)',
      );
    const g = await this.gateways.findGateway(m, c.localAuthorityId, c.id, gatewayId);
    if (!g) throw validationFailed('legalGatewayId', 'not a legal gateway meeting of this case');
    if (g.decision !== 'pre_proceedings' && g.decision !== 'issue')
      throw conflict(
        'legal_gateway_required',
        `The legal gateway meeting decided ${g.decision.replace(/_/g, ' ')}, not pre-proceedings`,
      );
    if (g.heldOn > effectiveDate)
      throw validationFailed(
        'effectiveDate',
        `${effectiveDate} is before the legal gateway meeting (${g.heldOn})`,
      );
  }
}
