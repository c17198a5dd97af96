import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';

import { trim } from 'src/sharing/dto/child.dto';

export { PlanChildResponse, trim } from 'src/sharing/dto/child.dto';

/** A review of a plan (Family Network Plan or Child Community Safety Plan). */
export class PlanReviewDto {
  @ApiProperty({ example: '2026-03-01', description: 'When the review took place' })
  @IsCalendarDate()
  reviewedOn: string;

  @ApiProperty({ example: 'Arrangement working well; allowance continues.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  summary: string;

  @ApiProperty({ example: '2026-09-01', description: 'The next review due (after reviewedOn)' })
  @IsCalendarDate()
  nextReviewDate: string;
}

/** A review of a family network plan or a community safety plan. */
export class NetworkPlanReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-03-01' }) reviewedOn: string;
  @ApiProperty({ example: 'Arrangement working well.' }) summary: string;
  @ApiProperty({ example: '2026-09-01', nullable: true, type: String })
  nextReviewDate: string | null;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who recorded the review (recordedById), looked up in the plan's own local authority",
  })
  recordedByName: string | null;
  @ApiProperty({ example: '2026-03-01T10:00:00.000Z' }) recordedAt: string;
}
