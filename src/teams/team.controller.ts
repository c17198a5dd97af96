import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from 'src/access/actor';
import { pending, PendingApproval } from 'src/approvals/approval.service';
import { ApprovalResponse } from 'src/approvals/dto/approval.dto';
import { Can } from 'src/common/can.decorator';
import { CurrentActor } from 'src/common/current-actor.decorator';
import { ApiPageResponse } from 'src/common/openapi-page';
import { UuidPipe } from 'src/common/uuid.pipe';
import {
  AddTeamMemberDto,
  CreateTeamDto,
  EndMembershipQueryDto,
  MacptMembershipDto,
  MacptStatusResponse,
  TeamResponse,
  TeamSummaryResponse,
} from './dto/team.dto';
import { MacptService } from './macpt.service';
import { TeamService } from './team.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('teams')
export class TeamController {
  constructor(
    private readonly teams: TeamService,
    private readonly macpt: MacptService,
  ) {}

  @Post()
  @Can('team.create')
  @ApiOperation({ summary: 'Create a family_help or child_protection team (la_admin)' })
  @ApiCreatedResponse({ type: TeamResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTeamDto) {
    return this.teams.create(actor, dto);
  }

  @Get()
  @Can('team.read')
  @ApiOperation({ summary: "Teams of the caller's local authority" })
  @ApiPageResponse(TeamSummaryResponse)
  list(@CurrentActor() actor: Actor) {
    return this.teams.list(actor);
  }

  @Get(':id')
  @Can('team.read')
  @ApiOperation({ summary: 'A team with its members and their professions' })
  @ApiOkResponse({ type: TeamResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.teams.get(actor, id);
  }

  @Post(':id/members')
  @Can('team.members')
  @ApiOperation({ summary: 'Add a user of the same LA to the team with a profession (la_admin)' })
  @ApiCreatedResponse({ type: TeamResponse })
  @ApiAcceptedResponse({
    type: ApprovalResponse,
    description:
      'A child-protection team (its membership opens restricted cases): nothing changes until a second approver approves',
  })
  async addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddTeamMemberDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const out = await this.teams.addMember(actor, id, dto);
    return out instanceof PendingApproval ? pending(res, out) : out;
  }

  @Get(':id/macpt')
  @Can('team.read')
  @ApiOperation({
    summary:
      "A child_protection team's MACPT: current members by agency and statutory role; constituted when social worker, police, health and education are all present, else incomplete naming what is missing",
  })
  @ApiOkResponse({ type: MacptStatusResponse })
  @ApiResponse({ status: 409, description: 'The team is not a child_protection team' })
  macptStatus(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.macpt.status(actor, id);
  }

  @Put(':id/members/:userId')
  @Can('team.members')
  @ApiOperation({
    summary:
      "Set a child_protection team member's MACPT agency and statutory role, dated (la_admin); `to` ends the membership",
  })
  @ApiOkResponse({ type: MacptStatusResponse })
  setMacpt(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: MacptMembershipDto,
  ) {
    return this.macpt.set(actor, id, userId, dto);
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @Can('team.members')
  @ApiOperation({
    summary:
      'End a membership on a day (default today; la_admin): its access ends at once, the history is kept',
  })
  async endMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
    @Query() q: EndMembershipQueryDto,
  ) {
    await this.macpt.end(actor, id, userId, q);
  }
}
