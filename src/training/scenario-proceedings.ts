/**
 * The training loader's before-proceedings events (docs/scenarios.md,
 * docs/before-proceedings.md): parental responsibility, the legal gateway, FGDM offers,
 * exemptions and referrals, the letter before proceedings and pre-proceedings meetings,
 * applied through the ordinary services (`src/proceedings`, `src/representation`) with the
 * API's DTO validation, exactly as the API would — so the duty's refusals (a letter without an
 * offer to every PR holder, an exemption authorised by anyone but a service manager) apply.
 */
import type { ModuleRef } from '@nestjs/core';
import type { Actor } from 'src/access/actor';
import { validateBody } from 'src/common/validate-body';
import type { IsoDate } from 'src/common/working-days';
import {
  AnswerOfferDto,
  MakeOfferDto,
  ProposeExemptionDto,
  ReferDto,
  UpdateReferralDto,
} from 'src/proceedings/dto/fgdm-duty.dto';
import { LegalGatewayDto, PreProceedingsMeetingDto } from 'src/proceedings/dto/meetings.dto';
import { FgdmDutyService } from 'src/proceedings/fgdm-duty.service';
import { FgdmReferralService } from 'src/proceedings/fgdm-referral.service';
import { ParentalResponsibilityService } from 'src/proceedings/parental-responsibility.service';
import { ProceedingsService } from 'src/proceedings/proceedings.service';
import { LetterBeforeProceedingsDto } from 'src/representation/dto/representation.dto';
import { RepresentationService } from 'src/representation/representation.service';
import type { EventOf } from './scenario-format';
import type { LoadState } from './scenario-load.types';

export type ProceedingsEvent = EventOf<
  | 'parental_responsibility'
  | 'legal_gateway'
  | 'fgdm_offer'
  | 'answer_fgdm_offer'
  | 'fgdm_exemption'
  | 'authorise_fgdm_exemption'
  | 'fgdm_referral'
  | 'update_fgdm_referral'
  | 'letter_before_proceedings'
  | 'pre_proceedings_meeting'
>;

export class ProceedingsEvents {
  constructor(
    private readonly modules: ModuleRef,
    private readonly st: LoadState,
  ) {}

  private svc<T>(cls: new (...args: never[]) => T): T {
    return this.modules.get(cls, { strict: false });
  }

  private person(key: string): string {
    return this.st.people.get(key) as string;
  }

  private ref(key: string): string {
    return this.st.refs.get(key) as string;
  }

  private children(keys: readonly string[] | undefined, kase: { childIds: string[] }): string[] {
    return keys ? keys.map((k) => this.person(k)) : kase.childIds;
  }

  /** Applies one before-proceedings event as `actor`; returns the id of what it created. */
  async run(
    e: ProceedingsEvent,
    actor: Actor,
    kase: { id: string; childIds: string[]; familyId: string },
    on: IsoDate,
  ): Promise<string | null> {
    const duty = this.svc(FgdmDutyService);
    const referrals = this.svc(FgdmReferralService);
    const proceedings = this.svc(ProceedingsService);
    switch (e.do) {
      case 'parental_responsibility':
        return this.parentalResponsibility(e, actor, kase.familyId);
      case 'legal_gateway': {
        const dto = validateBody(LegalGatewayDto, {
          heldOn: on,
          chairId: this.st.users.get(e.chair)?.id,
          legalAdviser: e.legalAdviser,
          decision: e.decision,
          rationale: e.rationale,
        });
        return (await proceedings.recordGateway(actor, kase.id, dto)).id;
      }
      case 'fgdm_offer': {
        const dto = validateBody(MakeOfferDto, {
          childIds: this.children(e.children, kase),
          offeredTo: this.person(e.to),
          offeredOn: on,
          channel: e.channel,
        });
        return (await duty.makeOffer(actor, kase.id, dto)).id;
      }
      case 'answer_fgdm_offer': {
        const dto = validateBody(AnswerOfferDto, { response: e.response, respondedOn: on });
        return (await duty.answerOffer(actor, this.ref(e.offer), dto)).id;
      }
      case 'fgdm_exemption': {
        const dto = validateBody(ProposeExemptionDto, {
          childIds: this.children(e.children, kase),
          scope: e.scope,
          reason: e.reason,
        });
        return (await duty.proposeExemption(actor, kase.id, dto)).id;
      }
      case 'authorise_fgdm_exemption':
        return (await duty.authoriseExemption(actor, this.ref(e.exemption))).id;
      case 'fgdm_referral': {
        const dto = validateBody(ReferDto, {
          coordinatorId: this.st.users.get(e.coordinator)?.id,
          childIds: this.children(e.children, kase),
          summaryForFamily: e.summaryForFamily,
        });
        return (await referrals.refer(actor, kase.id, dto)).id;
      }
      case 'update_fgdm_referral': {
        const dto = validateBody(UpdateReferralDto, { status: e.status });
        return (await referrals.updateReferral(actor, this.ref(e.referral), dto)).id;
      }
      case 'letter_before_proceedings': {
        const dto = validateBody(LetterBeforeProceedingsDto, {
          sentOn: on,
          ...(e.offers ? { fgdmOfferIds: e.offers.map((o) => this.ref(o)) } : {}),
          ...(e.exemption ? { exemptionId: this.ref(e.exemption) } : {}),
        });
        await this.svc(RepresentationService).recordLetter(actor, kase.id, dto);
        return null;
      }
      case 'pre_proceedings_meeting': {
        const dto = validateBody(PreProceedingsMeetingDto, {
          kind: e.kind,
          heldOn: on,
          attendees: e.attendees,
          parentsRepresented: e.parentsRepresented,
        });
        return (await proceedings.recordMeeting(actor, kase.id, dto)).id;
      }
    }
  }

  /** `PUT /families/:id/members/:personId/parental-responsibility` with the If-Match an API
   * client would send (the adult's last version, "0" before the first). */
  private async parentalResponsibility(
    e: EventOf<'parental_responsibility'>,
    actor: Actor,
    familyId: string,
  ): Promise<string> {
    const personId = this.person(e.adult);
    const body = e.children.map((c) => ({
      childId: this.person(c.child),
      hasPR: c.hasPR ?? true,
      ...(c.basis ? { basis: c.basis } : {}),
    }));
    const ifMatch = this.st.versions.get(personId) ?? 0;
    const saved = await this.svc(ParentalResponsibilityService).put(
      actor,
      familyId,
      personId,
      ifMatch,
      body,
    );
    this.st.versions.set(personId, saved.version);
    return personId;
  }
}
