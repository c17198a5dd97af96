import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsInstantInRange } from 'src/common/is-calendar-date';
import { PageQueryDto } from 'src/common/pagination';
import { IsDateOnly } from 'src/families/dto/validators';
import { STAGES, type Stage } from 'src/case-history/case-types';
import { CASELOADS, type Caseload } from '../caseload.filters';
import {
  CLOSURE_REASON_CODES,
  CLOSURE_REASONS,
  PRIMARY_NEED_CODES,
  PRIMARY_NEEDS,
  REFERRAL_SOURCE_CODES,
  REFERRAL_SOURCES,
  type ClosureReason,
  type PrimaryNeed,
  type ReferralSource,
} from '../cin-codes';

const codeList = (codes: Record<string, string>) =>
  Object.entries(codes)
    .map(([c, l]) => `${c} ${l}`)
    .join('; ');

export class ReferralDto {
  @ApiProperty({
    example: '2025-09-14',
    description: 'Date the referral was received (not in the future: 400 naming referral.date)',
  })
  @IsDateOnly()
  date: string;

  @ApiProperty({
    enum: REFERRAL_SOURCE_CODES,
    example: '2A',
    description: `CIN census source of referral: ${codeList(REFERRAL_SOURCES)}`,
  })
  @IsIn(REFERRAL_SOURCE_CODES)
  source: ReferralSource;
}

export class CreateCaseDto {
  @ApiProperty({ format: 'uuid', description: 'A family of your local authority' })
  @IsUUID()
  familyId: string;

  @ApiProperty({ format: 'uuid', description: 'A family_help team of your local authority' })
  @IsUUID()
  teamId: string;

  @ApiProperty({ format: 'uuid', description: 'A Family Help member of that team' })
  @IsUUID()
  leadPractitionerId: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'The children in scope: child members of the family',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];

  @ApiProperty({ type: ReferralDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralDto)
  referral: ReferralDto;

  @ApiPropertyOptional({
    example: false,
    description: 'Restrict the case to its workers and managers',
  })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean;
}

export class UpdateCaseDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A Family Help member of the case's team" })
  @IsOptional()
  @IsUUID()
  leadPractitionerId?: string;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean;

  @ApiPropertyOptional({
    example: 'Practitioner on long-term leave',
    description: 'Recorded with the change',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ListCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadPractitionerId?: string;

  @ApiPropertyOptional({
    enum: CASELOADS,
    example: 'lead',
    description:
      "The caller's caseload (users only): `lead` cases they lead, `co_working` cases they co-work as an active co-worker (ECPP), `team` cases of their teams (a Family Help team's cases; for a child-protection team, the cases its members co-work). Closed cases are left out unless `stage=closed`.",
  })
  @IsOptional()
  @IsIn(CASELOADS)
  mine?: Caseload;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    example: 'true',
    description:
      'Only cases with (`true`) or without (`false`) an overdue timescale item today. Computed per case: a request examines at most 2000 cases, so a page can be short and still carry a nextCursor.',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-30T18:00:00Z',
    description:
      'Only cases where anything a case read returns changed after this instant (ISO 8601 with a ' +
      'zone): the case row, any entry on its timeline (notes, decisions, plans, meetings, ' +
      'visits, concerns, co-workers, closure…) or its family; see `lastActivityAt`. Ordered by ' +
      '`lastActivityAt` then id, OLDEST first (keyset-paginated: a case changing while you page ' +
      'moves to the end and is listed again, never skipped). Follow the pages until ' +
      '`nextCursor` is null and keep the largest `lastActivityAt` for the next call.',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'updatedSince must be an ISO 8601 date-time with a zone, e.g. 2026-11-30T18:00:00Z',
  })
  @IsInstantInRange()
  updatedSince?: string;
}

/** `GET /children/:personId/cases`: paging and an optional stage. */
export class ChildCasesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES)
  stage?: Stage;
}

export class CloseCaseDto {
  @ApiProperty({
    enum: CLOSURE_REASON_CODES,
    example: 'RC7',
    description: `CIN census reason for closure: ${codeList(CLOSURE_REASONS)}`,
  })
  @IsIn(CLOSURE_REASON_CODES)
  reason: ClosureReason;

  @ApiProperty({
    example: '2025-11-27',
    description:
      'The date the case closed, as the practitioner gives it (the CIN census closure date; ' +
      'never the day it is typed): not in the future (England), not before the referral or the ' +
      'last decision that took effect',
  })
  @IsDateOnly()
  closedOn: string;

  @ApiPropertyOptional({
    enum: PRIMARY_NEED_CODES,
    example: 'N1',
    description: `CIN census primary need at closure: ${codeList(PRIMARY_NEEDS)}`,
  })
  @IsOptional()
  @IsIn(PRIMARY_NEED_CODES)
  primaryNeed?: PrimaryNeed;

  @ApiPropertyOptional({ example: 'Goals of the Family Help plan met; family agrees to close.' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  note?: string;
}

export class ReopenCaseDto {
  @ApiProperty({ example: 'New referral from school about attendance' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;

  @ApiProperty({
    type: ReferralDto,
    description:
      'The new referral that reopens the case (not in the future, not before the closure); ' +
      'the assessment clock restarts from it. The earlier referral and closure stay in the history',
  })
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralDto)
  referral: ReferralDto;
}
