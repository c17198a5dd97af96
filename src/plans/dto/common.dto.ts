import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from 'src/timescales/dto/is-calendar-date';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;

/** A child as a plan shows it: name and date of birth only (what a partner may see). */
export class PlanChildResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Jay' }) firstName: string;
  @ApiProperty({ example: 'Smith' }) lastName: string;
  @ApiProperty({ example: '2011-04-02', nullable: true, type: String })
  dateOfBirth: string | null;
}

/** A review of a plan (Family Network Plan or Child Community Safety Plan). */
export class PlanReviewDto {
  @ApiProperty({ example: '2027-03-01', description: 'When the review took place' })
  @IsCalendarDate()
  reviewedOn: string;

  @ApiProperty({ example: 'Arrangement working well; allowance continues.' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  summary: string;

  @ApiProperty({ example: '2027-09-01', description: 'The next review due (after reviewedOn)' })
  @IsCalendarDate()
  nextReviewDate: string;
}

/** A review of a family network plan or a community safety plan. */
export class NetworkPlanReviewResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2027-03-01' }) reviewedOn: string;
  @ApiProperty({ example: 'Arrangement working well.' }) summary: string;
  @ApiProperty({ example: '2027-09-01', nullable: true, type: String })
  nextReviewDate: string | null;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({ example: '2027-03-01T10:00:00.000Z' }) recordedAt: string;
}
