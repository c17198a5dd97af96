import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { FORUM_AGENCIES, type ForumAgency } from './forum-agencies';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One agency's dissent from a forum's decision (a strategy discussion's outcome, a
 * conference's outcome): recorded, not hidden. The one DTO both use. */
export class DissentDto {
  @ApiProperty({ enum: FORUM_AGENCIES, example: 'health' })
  @IsIn(FORUM_AGENCIES)
  agency: ForumAgency;

  @ApiProperty({ example: 'Health would have preferred a single-agency enquiry.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'view must be at least 1 characters' })
  @MaxLength(5000)
  view: string;
}
