import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
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
import { AddPartnerDto, SharingRecordResponse } from './dto/sharing.dto';
import { SharingService } from './sharing.service';
import { ApiPageResponse } from '../common/openapi-page';

const SHARE =
  'Share it with a partner agency user by name ({ userId, lawfulBasis }): the co-working ECPP or the lead practitioner. The share is an information-sharing record.';
const SHARES = 'Its shares with partner users, active and ended (staff of the case)';
const UNSHARE = "End a partner user's share: their access ends at once (the record of it is kept)";

/**
 * Partners named on a Child Community Safety Plan, a Family Network Plan or an FGDM meeting.
 * Every share and every end is an information-sharing record.
 */
@ApiTags('partners and information sharing')
@ApiBearerAuth()
@Controller()
export class PartnersController {
  constructor(private readonly sharing: SharingService) {}

  @Post('community-safety-plans/:id/partners')
  @Can('plan.share')
  @ApiOperation({ summary: SHARE })
  @ApiCreatedResponse({ type: SharingRecordResponse })
  shareCommunitySafetyPlan(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddPartnerDto,
  ) {
    return this.sharing.share(actor, 'community_safety_plan', id, dto);
  }

  @Get('community-safety-plans/:id/partners')
  @Can('plan.partners')
  @ApiOperation({ summary: SHARES })
  @ApiPageResponse(SharingRecordResponse)
  async sharesCommunitySafetyPlan(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return {
      data: await this.sharing.partners(actor, 'community_safety_plan', id),
      nextCursor: null,
    };
  }

  @Delete('community-safety-plans/:id/partners/:userId')
  @Can('plan.share')
  @ApiOperation({ summary: UNSHARE })
  @ApiOkResponse({ type: SharingRecordResponse })
  unshareCommunitySafetyPlan(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ) {
    return this.sharing.unshare(actor, 'community_safety_plan', id, userId);
  }

  @Post('family-network-plans/:id/partners')
  @Can('plan.share')
  @ApiOperation({ summary: SHARE })
  @ApiCreatedResponse({ type: SharingRecordResponse })
  shareFamilyNetworkPlan(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddPartnerDto,
  ) {
    return this.sharing.share(actor, 'family_network_plan', id, dto);
  }

  @Get('family-network-plans/:id/partners')
  @Can('plan.partners')
  @ApiOperation({ summary: SHARES })
  @ApiPageResponse(SharingRecordResponse)
  async sharesFamilyNetworkPlan(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return {
      data: await this.sharing.partners(actor, 'family_network_plan', id),
      nextCursor: null,
    };
  }

  @Delete('family-network-plans/:id/partners/:userId')
  @Can('plan.share')
  @ApiOperation({ summary: UNSHARE })
  @ApiOkResponse({ type: SharingRecordResponse })
  unshareFamilyNetworkPlan(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ) {
    return this.sharing.unshare(actor, 'family_network_plan', id, userId);
  }

  @Post('fgdm-meetings/:id/partners')
  @Can('plan.share')
  @ApiOperation({ summary: SHARE })
  @ApiCreatedResponse({ type: SharingRecordResponse })
  shareFgdmMeeting(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddPartnerDto,
  ) {
    return this.sharing.share(actor, 'fgdm_meeting', id, dto);
  }

  @Get('fgdm-meetings/:id/partners')
  @Can('plan.partners')
  @ApiOperation({ summary: SHARES })
  @ApiPageResponse(SharingRecordResponse)
  async sharesFgdmMeeting(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.sharing.partners(actor, 'fgdm_meeting', id), nextCursor: null };
  }

  @Delete('fgdm-meetings/:id/partners/:userId')
  @Can('plan.share')
  @ApiOperation({ summary: UNSHARE })
  @ApiOkResponse({ type: SharingRecordResponse })
  unshareFgdmMeeting(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ) {
    return this.sharing.unshare(actor, 'fgdm_meeting', id, userId);
  }
}
