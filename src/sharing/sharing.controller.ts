import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import {
  InformationSharingQueryDto,
  PartnerSharedItemResponse,
  PartnerSharedQueryDto,
  SharingRecordResponse,
} from './dto/sharing.dto';
import { SharingService } from './sharing.service';
import { ApiPageResponse } from '../common/openapi-page';

@ApiTags('partners and information sharing')
@ApiBearerAuth()
@Controller()
export class SharingController {
  constructor(private readonly sharing: SharingService) {}

  @Get('partner/shared')
  @Can('partner.shared')
  @ApiOperation({
    summary: 'What is shared with me (a partner user): the plans and meetings I was added to',
  })
  @ApiPageResponse(PartnerSharedItemResponse)
  shared(@CurrentActor() actor: Actor, @Query() q: PartnerSharedQueryDto) {
    return this.sharing.sharedWithMe(actor, q);
  }

  @Get('information-sharing')
  @Can('information_sharing.read')
  @ApiOperation({
    summary:
      "Information-sharing records (every share and its end) by child or case: auditors (the LA's) and the case's managers",
  })
  @ApiPageResponse(SharingRecordResponse)
  list(@CurrentActor() actor: Actor, @Query() q: InformationSharingQueryDto) {
    return this.sharing.list(actor, q);
  }
}
