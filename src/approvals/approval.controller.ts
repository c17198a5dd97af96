import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { ApiPageResponse } from 'src/common/openapi-page';
import { UuidPipe } from 'src/common/uuid.pipe';
import { ApprovalService } from './approval.service';
import { ApprovalResponse, ListApprovalsQueryDto, RefuseApprovalDto } from './dto/approval.dto';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalController {
  constructor(private readonly approvals: ApprovalService) {}

  @Get()
  @Can('approval.read')
  @ApiOperation({
    summary: "Grants waiting for (or decided by) a second approver, in the caller's LA",
  })
  @ApiPageResponse(ApprovalResponse)
  list(@CurrentActor() actor: Actor, @Query() q: ListApprovalsQueryDto) {
    return this.approvals.list(actor, q);
  }

  @Get(':id')
  @Can('approval.read')
  @ApiOperation({ summary: 'One approval' })
  @ApiOkResponse({ type: ApprovalResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.approvals.get(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Can('approval.decide')
  @ApiOperation({
    summary:
      'Approve and apply the grant (another la_admin of the LA or the platform admin; never the requester nor the account it empowers)',
  })
  @ApiOkResponse({ type: ApprovalResponse })
  approve(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.approvals.approve(actor, id);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @Can('approval.decide')
  @ApiOperation({ summary: 'Refuse the grant, with a reason; nothing is applied' })
  @ApiOkResponse({ type: ApprovalResponse })
  refuse(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: RefuseApprovalDto,
  ) {
    return this.approvals.refuse(actor, id, dto.reason);
  }
}
