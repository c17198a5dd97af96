import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISCUSSION_FORMATS,
  DISCUSSION_STATUSES,
  IMMEDIATE_PROTECTION,
  MULTI_AGENCIES,
  S47_OUTCOMES,
  type DiscussionFormat,
  type DiscussionStatus,
  type ImmediateProtection,
  type MultiAgency,
  type S47Outcome,
} from '../strategy-discussion.rules';
import { USER, ContributionDto, ParentsInformedDto, DissentDto } from './strategy-discussion.dto';

/** A participant as answered: a user (userId) or someone named (name); the other is null. */
export class ParticipantResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: USER })
  userId: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) name: string | null;
  @ApiProperty({ enum: MULTI_AGENCIES, example: 'health' }) agency: MultiAgency;
  @ApiProperty({ example: true }) attended: boolean;
}

export class InviteeResponse {
  @ApiPropertyOptional({ format: 'uuid' }) userId?: string;
  @ApiPropertyOptional({ example: 'DC Sam Hollis' }) name?: string;
  @ApiProperty({ enum: MULTI_AGENCIES, nullable: true, type: String }) agency: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) organisation?: string | null;
}

export class OutcomeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: S47_OUTCOMES }) s47: S47Outcome;
  @ApiProperty({ enum: IMMEDIATE_PROTECTION }) immediateProtection: ImmediateProtection;
  @ApiProperty() medical: boolean;
  @ApiProperty() abeInterview: boolean;
  @ApiProperty({ type: ParentsInformedDto }) parentsInformed: ParentsInformedDto;
  @ApiProperty() rationale: string;
  @ApiProperty({ type: [DissentDto] }) dissent: DissentDto[];
  @ApiProperty({ example: '2027-01-08', nullable: true, type: String })
  nextDiscussionOn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) supersedesId: string | null;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class StrategyDiscussionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) teamId: string | null;
  @ApiProperty({ enum: DISCUSSION_STATUSES, example: 'scheduled' }) status: DiscussionStatus;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) concernIds: string[];
  @ApiProperty({ format: 'date-time' }) scheduledFor: string;
  @ApiProperty({ enum: DISCUSSION_FORMATS }) format: DiscussionFormat;
  @ApiProperty({ type: [InviteeResponse] }) invitees: InviteeResponse[];
  @ApiProperty({ example: '2026-12-18', nullable: true, type: String }) heldOn: string | null;
  @ApiProperty({ type: [ParticipantResponse] }) participants: ParticipantResponse[];
  @ApiProperty({ type: [ContributionDto] }) contributions: ContributionDto[];
  @ApiProperty({
    enum: MULTI_AGENCIES,
    isArray: true,
    description: 'Of social care, police and health: those that neither attended nor contributed',
  })
  missingAgencies: MultiAgency[];
  @ApiProperty({ nullable: true, type: String }) cancelledReason: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: OutcomeResponse, nullable: true, description: 'The current outcome' })
  outcome: OutcomeResponse | null;
  @ApiProperty({ type: [OutcomeResponse], description: 'Superseded outcomes, oldest first' })
  supersededOutcomes: OutcomeResponse[];
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class StrategyDiscussionRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty() reason: string;
  @ApiProperty({ enum: ['open', 'answered'] }) status: 'open' | 'answered';
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  answeredByDiscussionId: string | null;
  @ApiProperty({ format: 'uuid' }) requestedById: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}
