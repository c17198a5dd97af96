import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  AnswerOfferDto,
  ExemptionResponseDto,
  MakeOfferDto,
  MineQueryDto,
  OfferResponseDto,
  ProposeExemptionDto,
  ReferDto,
  ReferralPage,
  ReferralResponseDto,
  UpdateReferralDto,
} from './dto/fgdm-duty.dto';
import {
  LegalGatewayDto,
  LegalGatewayResponse,
  PreProceedingsMeetingDto,
  PreProceedingsMeetingResponse,
} from './dto/meetings.dto';
import { BeforeProceedingsResponse } from './dto/summary.dto';
import { FgdmDutyService } from './fgdm-duty.service';
import { FgdmReferralService } from './fgdm-referral.service';
import { ProceedingsService } from './proceedings.service';

/** Before proceedings: the FGDM duty (s31ZA), legal gateway and pre-proceedings meetings
 * (docs/before-proceedings.md). */
@ApiTags('before proceedings')
@ApiBearerAuth()
@Controller()
export class ProceedingsController {
  constructor(
    private readonly fgdm: FgdmDutyService,
    private readonly referrals: FgdmReferralService,
    private readonly proceedings: ProceedingsService,
  ) {}

  @Get('cases/:id/before-proceedings')
  @Can('case.read')
  @ApiOperation({
    summary: 'PR holders, FGDM offers, exemptions, referrals, meetings, and the duty today',
  })
  @ApiOkResponse({ type: BeforeProceedingsResponse })
  summary(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.proceedings.summary(actor, id);
  }

  @Post('cases/:id/fgdm-offers')
  @Can('fgdm.record')
  @ApiOperation({
    summary: 'Offer an FGDM meeting to a parent or person with PR (Family Help team or ECPP)',
    description:
      "Unanswered after the LA's fgdmOfferResponseWorkingDays (default 5) working days, the offer counts as timed out. 400 for an offeredTo not an adult of the family, a child not of the case; `case_closed`.",
  })
  @ApiCreatedResponse({ type: OfferResponseDto })
  offer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: MakeOfferDto,
  ) {
    return this.fgdm.makeOffer(actor, id, dto);
  }

  @Patch('fgdm-offers/:id')
  @Can('fgdm.record')
  @ApiOperation({
    summary: 'Record the answer to an FGDM offer (once)',
    description: '409 `offer_already_answered`; 400 for an answer dated before the offer.',
  })
  @ApiOkResponse({ type: OfferResponseDto })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AnswerOfferDto,
  ) {
    return this.fgdm.answerOffer(actor, id, dto);
  }

  @Post('cases/:id/fgdm-exemptions')
  @Can('fgdm.record')
  @ApiOperation({
    summary: 'Propose an exemption from the FGDM offer or meeting (reason ≥ 50 characters)',
    description: 'In force once a service manager authorises it.',
  })
  @ApiCreatedResponse({ type: ExemptionResponseDto })
  exemption(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ProposeExemptionDto,
  ) {
    return this.fgdm.proposeExemption(actor, id, dto);
  }

  @Post('fgdm-exemptions/:id/authorisation')
  @HttpCode(200)
  @Can('fgdm_exemption.authorise')
  @ApiOperation({
    summary: 'Authorise an FGDM exemption (service_manager only)',
    description: '409 `exemption_already_authorised`.',
  })
  @ApiOkResponse({ type: ExemptionResponseDto })
  authorise(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.fgdm.authoriseExemption(actor, id);
  }

  @Post('cases/:id/fgdm-referrals')
  @Can('fgdm.record')
  @ApiOperation({
    summary: 'Refer the family to an FGDM coordinator, with a summary written for the family',
  })
  @ApiCreatedResponse({ type: ReferralResponseDto })
  refer(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string, @Body() dto: ReferDto) {
    return this.referrals.refer(actor, id, dto);
  }

  @Get('fgdm-referrals')
  @Can('fgdm_referral.read')
  @ApiOperation({
    summary:
      'The FGDM referrals made to you (fgdm_coordinator): family and network names and the summary',
  })
  @ApiOkResponse({ type: ReferralPage })
  mine(@CurrentActor() actor: Actor, @Query() _q: MineQueryDto) {
    return this.referrals.mine(actor);
  }

  @Get('fgdm-referrals/:id')
  @Can('fgdm_referral.read')
  @ApiOperation({ summary: 'One FGDM referral (its coordinator, or a reader of the case)' })
  @ApiOkResponse({ type: ReferralResponseDto })
  referral(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.referrals.getReferral(actor, id);
  }

  @Patch('fgdm-referrals/:id')
  @Can('fgdm_referral.update')
  @ApiOperation({
    summary:
      'Move a referral on (its coordinator): preparing → meeting_held → family_plan_agreed, or closed',
    description: '409 `referral_status_not_allowed`.',
  })
  @ApiOkResponse({ type: ReferralResponseDto })
  updateReferral(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateReferralDto,
  ) {
    return this.referrals.updateReferral(actor, id, dto);
  }

  @Post('cases/:id/legal-gateway-meetings')
  @Can('proceedings.record')
  @ApiOperation({
    summary: 'Record a legal gateway meeting (chaired by a service manager)',
    description: 'Cited by `initiate_pre_proceedings` (legalGatewayId).',
  })
  @ApiCreatedResponse({ type: LegalGatewayResponse })
  gateway(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: LegalGatewayDto,
  ) {
    return this.proceedings.recordGateway(actor, id, dto);
  }

  @Post('cases/:id/pre-proceedings-meetings')
  @Can('proceedings.record')
  @ApiOperation({
    summary: 'Record a pre-proceedings meeting (initial or review) on a case in pre-proceedings',
    description: '409 `stage_not_allowed` outside pre-proceedings.',
  })
  @ApiCreatedResponse({ type: PreProceedingsMeetingResponse })
  meeting(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: PreProceedingsMeetingDto,
  ) {
    return this.proceedings.recordMeeting(actor, id, dto);
  }
}
