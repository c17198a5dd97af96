import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { STAGES, type Stage } from 'src/case-history/case-types';
import {
  CLOSURE_REASON_CODES,
  PRIMARY_NEED_CODES,
  REFERRAL_SOURCE_CODES,
  type ClosureReason,
  type PrimaryNeed,
  type ReferralSource,
} from '../cin-codes';
export { TimelinePage } from './timeline.responses';

export class CaseCoWorkerResponse {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'Sam Okafor' })
  name: string;

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

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-11-27',
    description:
      'The date the case closed, as the practitioner gave it (the census closure date); null ' +
      'only for a closure recorded before Tandem stored it',
  })
  closedOn: string | null;

  @ApiProperty({
    enum: PRIMARY_NEED_CODES,
    nullable: true,
    example: 'N1',
    description: 'CIN primary need at closure (N0-N9), null when not recorded',
  })
  primaryNeed: PrimaryNeed | null;

  @ApiProperty({
    example: '2026-11-27T15:00:00.000Z',
    description: 'When the closure was recorded (not the closure date: see closedOn)',
  })
  closedAt: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The family_help_manager who authorised the closure (null for closures recorded before authorisation existed)',
  })
  authorisedBy: string | null;
}

export class EpisodeResponse {
  @ApiProperty({ example: 1, description: '1 for the first referral, then one per reopening' })
  seq: number;

  @ApiProperty({ format: 'date', example: '2026-03-02' })
  referralDate: string;

  @ApiProperty({ enum: REFERRAL_SOURCE_CODES, example: '1A' })
  source: ReferralSource;

  @ApiProperty({ example: 'Individual: Family member/relative/carer' })
  sourceLabel: string;

  @ApiProperty({ example: true })
  closed: boolean;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-06-19',
    description:
      'The closure date the practitioner gave; null while open, or for a closure recorded ' +
      'before Tandem stored its date (unknown, never guessed)',
  })
  closedOn: string | null;

  @ApiProperty({ enum: CLOSURE_REASON_CODES, nullable: true, example: 'RC8' })
  reason: ClosureReason | null;

  @ApiProperty({ enum: PRIMARY_NEED_CODES, nullable: true, example: 'N4' })
  primaryNeed: PrimaryNeed | null;
}

export class CaseChildPlanResponse {
  @ApiProperty({ enum: ['NEG', 'PHY', 'EMO', 'SAB', 'MUL'], example: 'NEG' })
  category: string;

  @ApiProperty({
    format: 'date',
    example: '2027-02-01',
    description: 'Effective date of the plan decision',
  })
  since: string;
}

export class CaseChildResponse {
  @ApiProperty({ format: 'uuid', example: '5b2d7e10-3c4a-4f8e-8d61-2a9c0e7f4b35' })
  id: string;

  @ApiProperty({ example: 'Amira' })
  firstName: string;

  @ApiProperty({ example: 'Hassan' })
  lastName: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2018-05-01' })
  dateOfBirth: string | null;

  @ApiProperty({
    type: CaseChildPlanResponse,
    nullable: true,
    description:
      'The child protection plan the child is on now (derived from the decisions), or null',
  })
  onPlan: CaseChildPlanResponse | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    example: null,
    description:
      "The child's active Child Community Safety Plan (GET /community-safety-plans/{id}); null when none",
  })
  safetyPlanId: string | null;
}

export class PersonNameResponse {
  @ApiProperty({ format: 'uuid', example: '8e4a1c2b-6d3f-4b7a-9c05-1f2e3d4c5b6a' })
  id: string;

  @ApiProperty({ example: 'Jo Practitioner' })
  name: string;
}

export class NextTimescaleResponse {
  @ApiProperty({ example: 'assessment' })
  kind: string;

  @ApiPropertyOptional({ format: 'uuid', example: '5b2d7e10-3c4a-4f8e-8d61-2a9c0e7f4b35' })
  childId?: string;

  @ApiProperty({ format: 'date', example: '2027-03-08' })
  dueDate: string;

  @ApiProperty({ enum: ['due', 'overdue'], example: 'due' })
  status: string;
}

export class CaseResponse {
  @ApiProperty({ format: 'uuid', example: '0c9e6f3a-2b1d-4e5f-8a7b-6c5d4e3f2a1b' })
  id: string;

  @ApiProperty({ enum: STAGES, example: 'family_help' })
  stage: Stage;

  @ApiProperty({ format: 'uuid', example: '7d1f2e3a-4b5c-4d6e-9f70-8a9b0c1d2e3f' })
  familyId: string;

  @ApiProperty({ format: 'uuid', example: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d' })
  teamId: string;

  @ApiProperty({ format: 'uuid', example: '8e4a1c2b-6d3f-4b7a-9c05-1f2e3d4c5b6a' })
  leadPractitionerId: string;

  @ApiProperty({ type: PersonNameResponse, description: 'The lead practitioner, named' })
  leadPractitioner: PersonNameResponse;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['5b2d7e10-3c4a-4f8e-8d61-2a9c0e7f4b35'],
  })
  childIds: string[];

  @ApiProperty({
    type: [CaseChildResponse],
    description: 'The children in scope, named, with their current plan status',
  })
  children: CaseChildResponse[];

  @ApiProperty({ type: [CaseCoWorkerResponse], description: 'Active co-workers' })
  coWorkers: CaseCoWorkerResponse[];

  @ApiProperty({
    type: NextTimescaleResponse,
    nullable: true,
    description:
      'The earliest outstanding timescale item (not done, not of an ended episode; overdue ones first, as they fall due earlier); null when nothing is outstanding',
  })
  nextTimescale: NextTimescaleResponse | null;

  @ApiProperty({
    example: 0,
    description:
      'How many outstanding timescale items are overdue today (the items /timescales/overdue lists for this case)',
  })
  overdueCount: number;

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

  @ApiProperty({
    type: [EpisodeResponse],
    description:
      'Every episode of the case, oldest first: a referral and, once closed, its closure. ' +
      'Reopening starts a new episode; earlier ones are kept as they were',
  })
  episodes: EpisodeResponse[];

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
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
