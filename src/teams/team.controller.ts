import { Body, Controller, Get, Param, Post } from '@nestjs/common';
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
  @ApiOperation({ summary: 'Add a user of the same LA to the team with a profession (la_admin)' })
  @ApiCreatedResponse({ type: TeamResponse })
  addMember(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: AddTeamMemberDto,
  ) {
    return this.teams.addMember(actor, id, dto);
  }
}
