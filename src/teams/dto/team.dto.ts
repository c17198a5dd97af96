import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  MACPT_AGENCIES,
  PROFESSIONS,
  STATUTORY_ROLES,
  TEAM_KINDS,
  type MacptAgency,
  type Profession,
  type StatutoryRole,
  type TeamKind,
} from 'src/access/roles';
import { IsOmittable } from 'src/common/validation';
import { IsCalendarDate } from 'src/common/is-calendar-date';

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

  @ApiPropertyOptional({
    enum: MACPT_AGENCIES,
    example: 'police',
    description: 'A child_protection team only (MACPT membership), with statutoryRole',
  })
  @IsOmittable()
  @IsIn(MACPT_AGENCIES)
  agency?: MacptAgency;

  @ApiPropertyOptional({
    enum: STATUTORY_ROLES,
    example: 'police',
    description: 'A child_protection team only (MACPT membership), with agency',
  })
  @IsOmittable()
  @IsIn(STATUTORY_ROLES)
  statutoryRole?: StatutoryRole;

  @ApiPropertyOptional({
    example: '2025-12-01',
    description: 'When the membership took effect (not in the future); defaults to today',
  })
  @IsOmittable()
  @IsCalendarDate()
  from?: string;
}

/** PUT /teams/:id/members/:userId: a member's MACPT agency and statutory role. */
export class MacptMembershipDto {
  @ApiProperty({ enum: MACPT_AGENCIES, example: 'health' })
  @IsIn(MACPT_AGENCIES)
  agency: MacptAgency;

  @ApiProperty({ enum: STATUTORY_ROLES, example: 'health' })
  @IsIn(STATUTORY_ROLES)
  statutoryRole: StatutoryRole;

  @ApiPropertyOptional({ example: '2025-12-01', description: 'Not in the future' })
  @IsOmittable()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2025-12-05',
    description: 'Ends the membership on this day (not in the future, not before from)',
  })
  @IsOmittable()
  @IsCalendarDate()
  to?: string;
}

export class EndMembershipQueryDto {
  @ApiPropertyOptional({
    example: '2025-12-05',
    description: 'The last day of the membership (not in the future); defaults to today',
  })
  @IsOmittable()
  @IsCalendarDate()
  on?: string;
}

export class MacptMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'DC Sam Hollis' }) name: string;
  @ApiProperty({ enum: MACPT_AGENCIES }) agency: string;
  @ApiProperty({ enum: STATUTORY_ROLES }) statutoryRole: string;
  @ApiProperty({ example: '2025-12-01', nullable: true, type: String }) from: string | null;
}

export class MacptStatusResponse {
  @ApiProperty({ format: 'uuid' }) teamId: string;
  @ApiProperty({ enum: ['constituted', 'incomplete'] }) status: 'constituted' | 'incomplete';
  @ApiProperty({ type: MacptMemberResponse, isArray: true }) members: MacptMemberResponse[];
  @ApiProperty({
    enum: STATUTORY_ROLES,
    isArray: true,
    example: ['police'],
    description: 'Core statutory roles with no current member',
  })
  missing: StatutoryRole[];
}

export class TeamMemberResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ example: 'Sam Patel' }) name: string;
  @ApiProperty({ enum: PROFESSIONS }) profession: string;
  @ApiProperty({ isArray: true, example: ['family_help_practitioner'] }) roles: string[];
  @ApiProperty({ enum: MACPT_AGENCIES, nullable: true, type: String }) agency: string | null;
  @ApiProperty({ enum: STATUTORY_ROLES, nullable: true, type: String })
  statutoryRole: string | null;
  @ApiProperty({ example: '2025-12-01', nullable: true, type: String }) from: string | null;
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
