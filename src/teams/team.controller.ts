import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
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
import { AddTeamMemberDto, CreateTeamDto, TeamResponse } from './dto/team.dto';
import { TeamService } from './team.service';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('teams')
export class TeamController {
  constructor(private readonly teams: TeamService) {}

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
  @ApiOperation({
    summary:
      'Add a user of the same LA to the team with a profession (la_admin); a partner user is refused (409)',
  })
  @ApiCreatedResponse({ type: TeamResponse })
  addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddTeamMemberDto,
  ) {
    return this.teams.addMember(actor, id, dto);
  }

  @Delete(':id/members/:userId')
  @Can('team.members')
  @ApiOperation({
    summary:
      "End a user's membership of the team (la_admin): they no longer reach its cases as a member",
  })
  @ApiOkResponse({ type: TeamResponse })
  removeMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
  ) {
    return this.teams.removeMember(actor, id, userId);
  }
}
