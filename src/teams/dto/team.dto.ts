import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PROFESSIONS, TEAM_KINDS, type Profession, type TeamKind } from 'src/access/roles';

export class CreateTeamDto {
  @ApiProperty({ example: 'Riverside Family Help' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: TEAM_KINDS, example: 'family_help' })
  @IsIn(TEAM_KINDS)
  kind: TeamKind;
}

export class AddTeamMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: PROFESSIONS, example: 'social_worker' })
  @IsIn(PROFESSIONS)
  profession: Profession;
}

export class TeamMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'Sam Patel' }) name: string;
  @ApiProperty({ enum: PROFESSIONS }) profession: string;
  @ApiProperty({ isArray: true, example: ['family_help_practitioner'] }) roles: string[];
}

/** A team in the list (GET /teams): its members are read one team at a time. */
export class TeamSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) localAuthorityId: string;
  @ApiProperty({ example: 'Riverside Family Help' }) name: string;
  @ApiProperty({ enum: TEAM_KINDS }) kind: string;
}

export class TeamResponse extends TeamSummaryResponse {
  @ApiProperty({ type: TeamMemberResponse, isArray: true }) members: TeamMemberResponse[];
}
