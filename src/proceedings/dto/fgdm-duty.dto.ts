import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import {
  EXEMPTION_SCOPES,
  OFFER_CHANNELS,
  OFFER_RESPONSES,
  REFERRAL_STATUSES,
  type ExemptionScope,
  type OfferChannel,
  type OfferResponse,
  type ReferralStatus,
} from '../fgdm-duty.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const CHILD_IDS: ApiPropertyOptions = {
  type: [String],
  format: 'uuid',
  example: ['0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01'],
};

class ChildIdsDto {
  @ApiProperty({ ...CHILD_IDS, description: 'Children of the case (at least one)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];
}

export class MakeOfferDto extends ChildIdsDto {
  @ApiProperty({
    format: 'uuid',
    description: 'The parent or person with PR (an adult of the family)',
  })
  @IsUUID()
  offeredTo: string;

  @ApiProperty({ example: '2026-01-11', description: 'Not in the future, not before the referral' })
  @IsCalendarDate()
  offeredOn: string;

  @ApiProperty({ enum: OFFER_CHANNELS, example: 'letter_before_proceedings' })
  @IsIn(OFFER_CHANNELS)
  channel: OfferChannel;
}

export class AnswerOfferDto {
  @ApiProperty({ enum: OFFER_RESPONSES, example: 'accepted' })
  @IsIn(OFFER_RESPONSES)
  response: OfferResponse;

  @ApiProperty({ example: '2026-01-13', description: 'On or after the offer, not in the future' })
  @IsCalendarDate()
  respondedOn: string;
}

export class OfferResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ ...CHILD_IDS }) childIds: string[];
  @ApiProperty({ format: 'uuid' }) offeredToId: string;
  @ApiProperty({ example: '2026-01-11', format: 'date' }) offeredOn: string;
  @ApiProperty({ enum: OFFER_CHANNELS }) channel: OfferChannel;
  @ApiProperty({ enum: OFFER_RESPONSES, nullable: true, type: String })
  response: OfferResponse | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) respondedOn: string | null;
  @ApiProperty({
    enum: ['awaiting', 'accepted', 'declined', 'timed_out'],
    description: 'Today: unanswered after the LA’s fgdmOfferResponseWorkingDays → timed_out',
  })
  status: string;
  @ApiProperty({ format: 'date', example: '2026-01-18', description: 'Last day to answer' })
  answerBy: string;
}

export class ProposeExemptionDto extends ChildIdsDto {
  @ApiProperty({ enum: EXEMPTION_SCOPES, example: 'offer' })
  @IsIn(EXEMPTION_SCOPES)
  scope: ExemptionScope;

  @ApiProperty({
    example:
      'The baby is due to be discharged from hospital tomorrow and the mother has disclosed that the father is violent towards her.',
    description: "Why an offer or meeting is not in the children's best interests (≥ 50 chars)",
  })
  @Transform(trim)
  @IsString()
  @MinLength(50, { message: 'reason must be at least 50 characters' })
  @MaxLength(5000)
  reason: string;
}

export class ExemptionResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ ...CHILD_IDS }) childIds: string[];
  @ApiProperty({ enum: EXEMPTION_SCOPES }) scope: ExemptionScope;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'uuid' }) proposedById: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) authorisedById: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) authorisedOn: string | null;
}

export class ReferDto extends ChildIdsDto {
  @ApiProperty({ format: 'uuid', description: 'A user of the LA with the fgdm_coordinator role' })
  @IsUUID()
  coordinatorId: string;

  @ApiProperty({
    example: 'We are worried that the children are not safe when their dad has been drinking.',
    description: 'The concern in words written for the family (all the coordinator reads)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'summaryForFamily must be at least 20 characters' })
  @MaxLength(5000)
  summaryForFamily: string;
}

export class UpdateReferralDto {
  @ApiProperty({ enum: REFERRAL_STATUSES, example: 'preparing' })
  @IsIn(REFERRAL_STATUSES)
  status: ReferralStatus;
}

export class ReferralFamilyDto {
  @ApiProperty({ example: 'Khan family' }) name: string;
  @ApiProperty({ type: [String], example: ['Amira Khan', 'Sara Khan'] }) members: string[];
  @ApiProperty({ type: [String], example: ['Nadia Khan'] }) network: string[];
}

/** What the coordinator (and the case's staff) read of a referral. */
export class ReferralResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ format: 'uuid' }) coordinatorId: string;
  @ApiProperty() summaryForFamily: string;
  @ApiProperty({ type: ReferralFamilyDto }) family: ReferralFamilyDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReferralPage {
  @ApiProperty({ type: [ReferralResponseDto] }) data: ReferralResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class MineQueryDto {
  @ApiPropertyOptional({ enum: ['true'], description: 'Only referrals made to you (the default)' })
  @IsIn(['true'])
  mine?: 'true';
}
