import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CLOSURE_REASON_CODES,
  CLOSURE_REASONS,
  PRIMARY_NEED_CODES,
  PRIMARY_NEEDS,
  type ClosureReason,
  type PrimaryNeed,
} from 'src/cases/cin-codes';
import { IsDateOnly } from 'src/families/dto/validators';

const codeList = (codes: Record<string, string>) =>
  Object.entries(codes)
    .map(([code, label]) => `\`${code}\` ${label}`)
    .join('; ');

export class ProposeClosureDto {
  @ApiProperty({
    enum: CLOSURE_REASON_CODES,
    example: 'RC8',
    description: `CIN census reason for closure: ${codeList(CLOSURE_REASONS)}`,
  })
  @IsIn(CLOSURE_REASON_CODES)
  reason: ClosureReason;

  @ApiProperty({
    format: 'date',
    example: '2025-11-30',
    description:
      'The date the case closes (kept when it is authorised later): not in the future, not before ' +
      'the referral or the last decision that took effect',
  })
  @IsDateOnly()
  closedOn: string;

  @ApiProperty({
    enum: PRIMARY_NEED_CODES,
    example: 'N4',
    description: `CIN census primary need at closure: ${codeList(PRIMARY_NEEDS)}`,
  })
  @IsIn(PRIMARY_NEED_CODES)
  primaryNeed: PrimaryNeed;

  @ApiPropertyOptional({ example: 'Family Help plan goals met; family agrees to close.' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  note?: string;
}

export class ClosureSignOffResponse {
  @ApiProperty({ format: 'uuid' }) byId: string;
  @ApiProperty({ example: '2025-12-01T10:15:00.000Z' }) at: string;
}

export class ClosureProposalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: CLOSURE_REASON_CODES, example: 'RC8' }) reason: ClosureReason;
  @ApiProperty({ format: 'date', example: '2025-11-30' }) closedOn: string;
  @ApiProperty({ enum: PRIMARY_NEED_CODES, example: 'N4' }) primaryNeed: PrimaryNeed;
  @ApiPropertyOptional({ type: String, nullable: true, example: null }) note: string | null;
  @ApiProperty({
    enum: ['proposed', 'closed'],
    description: '`closed` once authorised (and agreed where needed): the case closed with it',
  })
  status: 'proposed' | 'closed';
  @ApiProperty({ format: 'uuid' }) proposedById: string;
  @ApiProperty({ example: '2025-11-30T10:15:00.000Z' }) proposedAt: string;
  @ApiProperty({
    description:
      'The case was ever co-worked by an ECPP: the accountable ECPP must agree before it closes',
  })
  ecppAgreementRequired: boolean;
  @ApiPropertyOptional({ type: ClosureSignOffResponse, nullable: true })
  authorisation: ClosureSignOffResponse | null;
  @ApiPropertyOptional({ type: ClosureSignOffResponse, nullable: true })
  ecppAgreement: ClosureSignOffResponse | null;
}

export class ClosureProposalPage {
  @ApiProperty({ type: [ClosureProposalResponse] }) data: ClosureProposalResponse[];
  @ApiProperty({ type: String, nullable: true, example: null }) nextCursor: string | null;
}
