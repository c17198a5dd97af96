import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAGES, type Stage } from 'src/case-history/case-types';
import type { ClosureReason, ReferralSource } from '../cin-codes';

export class CaseCoWorkerResponse {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'ecpp', description: 'ecpp (also called LCPP in later policy)' })
  role: string;

  @ApiProperty({ example: '2027-01-05T10:00:00.000Z' })
  assignedAt: string;
}

export class ReferralResponse {
  @ApiProperty({ example: '2027-01-04' })
  date: string;

  @ApiProperty({ example: '2A' })
  source: ReferralSource;

  @ApiProperty({ example: 'Schools' })
  sourceLabel: string;
}

export class ClosureResponse {
  @ApiProperty({ example: 'RC7' })
  reason: ClosureReason;

  @ApiProperty({
    example: 'Services ceased for any other reason, including child no longer in need',
  })
  reasonLabel: string;

  @ApiProperty({ example: '2027-06-01T15:00:00.000Z' })
  closedAt: string;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: STAGES, example: 'family_help' })
  stage: Stage;

  @ApiProperty({ format: 'uuid' })
  familyId: string;

  @ApiProperty({ format: 'uuid' })
  teamId: string;

  @ApiProperty({ format: 'uuid' })
  leadPractitionerId: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  childIds: string[];

  @ApiProperty({ type: [CaseCoWorkerResponse], description: 'Active co-workers' })
  coWorkers: CaseCoWorkerResponse[];

  @ApiProperty({ type: ReferralResponse })
  referral: ReferralResponse;

  @ApiProperty({ example: false })
  restricted: boolean;

  @ApiProperty({
    example: false,
    description:
      'An open concern of significant harm and no active ECPP co-worker: the CP manager must allocate one',
  })
  needsEcpp: boolean;

  @ApiPropertyOptional({ type: ClosureResponse, nullable: true })
  closure: ClosureResponse | null;

  @ApiProperty({ nullable: true, example: null })
  assessmentCompletedAt: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ example: '2027-01-04T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2027-01-04T09:30:00.000Z' })
  updatedAt: string;
}

export class CasePage {
  @ApiProperty({ type: [CaseResponse] })
  data: CaseResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}

export class TimelineItemResponse {
  @ApiProperty({ example: '41' })
  id: string;

  @ApiProperty({ example: '2027-01-04T09:30:00.123Z' })
  at: string;

  @ApiProperty({ example: 'case_created' })
  type: string;

  @ApiProperty({ nullable: true, format: 'uuid' })
  actorId: string | null;

  @ApiProperty({ enum: ['user', 'client', 'system'] })
  actorType: string;

  @ApiProperty({ example: 'Referral received (2A Schools); case opened in Family Help' })
  summary: string;

  @ApiProperty({ nullable: true, example: 'case' })
  recordType: string | null;

  @ApiProperty({ nullable: true, format: 'uuid' })
  recordId: string | null;

  @ApiProperty({ nullable: true, type: Object })
  data: Record<string, unknown> | null;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineItemResponse] })
  data: TimelineItemResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
