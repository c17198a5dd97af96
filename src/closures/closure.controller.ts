import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from 'src/access/actor';
import { Can } from 'src/access/can.decorator';
import { CurrentActor } from 'src/access/current-actor.decorator';
import { UuidPipe } from 'src/common/uuid.pipe';
import { ClosureService } from './closure.service';
import { ClosureProposalPage, ClosureProposalResponse, ProposeClosureDto } from './dto/closure.dto';

const BLOCKED =
  '409 when the case cannot close: `code` is the first blocking reason and `reasons` lists every one ' +
  '(`concern_open`, `s47_open`, `plan_active`, `proceedings_open`); `case_closed` on a closed case.';

@ApiTags('closures')
@ApiBearerAuth()
@Controller()
export class ClosureController {
  constructor(private readonly closures: ClosureService) {}

  @Post('cases/:id/closure-proposals')
  @Can('closure.propose')
  @ApiOperation({
    summary: "Propose closing the case (the case's Family Help team)",
    description: `Reason (CIN RC1–RC9), the date the case closes and the primary need. ${BLOCKED}`,
  })
  @ApiCreatedResponse({ type: ClosureProposalResponse })
  propose(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ProposeClosureDto,
  ) {
    return this.closures.propose(actor, id, dto);
  }

  @Get('cases/:id/closure-proposals')
  @Can('case.read')
  @ApiOperation({ summary: 'Closure proposals of the case, oldest first' })
  @ApiOkResponse({ type: ClosureProposalPage })
  async list(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return { data: await this.closures.list(actor, id), nextCursor: null };
  }

  @Get('closure-proposals/:id')
  @Can('case.read')
  @ApiOperation({ summary: 'A closure proposal with its authorisation and agreement' })
  @ApiOkResponse({ type: ClosureProposalResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.closures.get(actor, id);
  }

  @Post('closure-proposals/:id/authorisation')
  @HttpCode(200)
  @Can('closure.authorise')
  @ApiOperation({
    summary: "Authorise a closure (a family_help_manager of the case's team, not the proposer)",
    description: `Closes the case with the proposed \`closedOn\` unless the ECPP's agreement is still needed (a case ever co-worked). ${BLOCKED}`,
  })
  @ApiOkResponse({ type: ClosureProposalResponse })
  authorise(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.closures.authorise(actor, id);
  }

  @Post('closure-proposals/:id/agreement')
  @HttpCode(200)
  @Can('closure.agree')
  @ApiOperation({
    summary: 'Agree a closure (the accountable ECPP, or a cover ECPP while the cover runs)',
    description: `Closes the case with the proposed \`closedOn\` once a manager has authorised. ${BLOCKED}`,
  })
  @ApiOkResponse({ type: ClosureProposalResponse })
  agree(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.closures.agree(actor, id);
  }
}
