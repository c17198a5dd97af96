import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DECISION_TYPES, DecisionType } from 'src/case-history/case-types';
import { PageQueryDto } from 'src/common/pagination';
import { trim } from './decision.dto';

export const REQUEST_STATUSES = ['open', 'answered'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export class RequestDecisionDto {
  @ApiProperty({ enum: DECISION_TYPES, example: 'start_section_47_enquiry' })
  @IsIn(DECISION_TYPES)
  type: DecisionType;

  @ApiProperty({
    example: 'Repeated unexplained injuries; we think a section 47 enquiry is needed.',
    description: "The requesting practitioner's view (trimmed, 1–10000 characters)",
  })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  view: string;
}

export class DecisionRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: DECISION_TYPES }) type: DecisionType;
  @ApiProperty() view: string;
  @ApiProperty({ format: 'uuid' }) requestedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Jo Practitioner',
    description: 'Who asked (a user or API client of the LA), named for the queue',
  })
  requestedByName: string | null;
  @ApiProperty({ example: '2025-12-17T11:00:00.000Z' }) requestedAt: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: RequestStatus;
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The answering decision',
  })
  answeredByDecisionId: string | null;
}

export class DecisionRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: REQUEST_STATUSES,
    default: 'open',
    description: "Requests on the calling ECPP's assigned cases; `open` = not yet answered",
  })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;
}
