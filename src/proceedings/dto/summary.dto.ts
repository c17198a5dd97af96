import { ApiProperty } from '@nestjs/swagger';
import { REFERRAL_STATUSES, type ReferralStatus } from '../fgdm-duty.entity';
import { ExemptionResponseDto, OfferResponseDto } from './fgdm-duty.dto';
import { LegalGatewayResponse, PreProceedingsMeetingResponse } from './meetings.dto';

export class PrHoldersDto {
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) personIds: string[];
}

export class ReferralSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) coordinatorId: string;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
}

export class MissingOfferDto {
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: no PR recorded',
  })
  personId: string | null;
}

export class DutyGapDto extends MissingOfferDto {
  @ApiProperty({ enum: ['no_offer', 'awaiting_answer', 'meeting_not_held'] }) reason: string;
}

export class DutyDto {
  @ApiProperty({ example: 5 }) offerResponseWorkingDays: number;
  @ApiProperty({
    type: [MissingOfferDto],
    description: 'Who a letter before proceedings would still have to carry an offer to',
  })
  offersMissing: MissingOfferDto[];
  @ApiProperty({
    type: [DutyGapDto],
    description: 'Why an application would be refused today (empty: the duty is met)',
  })
  gaps: DutyGapDto[];
}

export class BeforeProceedingsResponse {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [PrHoldersDto] }) prHolders: PrHoldersDto[];
  @ApiProperty({ type: [OfferResponseDto] }) offers: OfferResponseDto[];
  @ApiProperty({ type: [ExemptionResponseDto] }) exemptions: ExemptionResponseDto[];
  @ApiProperty({ type: [ReferralSummaryDto] }) referrals: ReferralSummaryDto[];
  @ApiProperty({ type: [LegalGatewayResponse] }) legalGatewayMeetings: LegalGatewayResponse[];
  @ApiProperty({ type: [PreProceedingsMeetingResponse] })
  preProceedingsMeetings: PreProceedingsMeetingResponse[];
  @ApiProperty({ type: DutyDto }) duty: DutyDto;
}
