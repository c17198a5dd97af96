import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { MEETING_KINDS, MeetingKind } from '../case-meeting.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RecordMeetingDto {
  @ApiProperty({
    enum: MEETING_KINDS,
    example: 'review_cp_conference',
    description:
      'initial/review conferences and core groups meet their statutory timescales; a strategy ' +
      'discussion is recorded for the history (its date also goes on the s47 decision)',
  })
  @IsIn(MEETING_KINDS)
  kind: MeetingKind;

  @ApiProperty({
    example: '2026-04-08',
    description:
      'The date the meeting was held: not in the future, not before the referral; an initial ' +
      'conference not before the strategy discussion, a review or core group not before the ICPC',
  })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['Social worker (ECPP)', 'DS Patel, police', 'Health visitor'],
    description: 'Who attended, as recorded (up to 50 entries of up to 200 characters)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  attendees?: string[];

  @ApiPropertyOptional({ example: 'Plan reviewed; progress on home conditions.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(10000)
  summary?: string;
}

export class MeetingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: MEETING_KINDS }) kind: MeetingKind;
  @ApiProperty({ example: '2026-04-08' }) date: string;
  @ApiProperty({ type: [String] }) attendees: string[];
  @ApiPropertyOptional({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who recorded it (recordedById), looked up in the case's own local authority",
  })
  recordedByName: string | null;
  @ApiProperty({ example: '2026-04-08T16:00:00.000Z' }) recordedAt: string;
}

export class RecordVisitDto {
  @ApiProperty({ format: 'uuid', description: 'A child of the case' })
  @IsUUID()
  childId: string;

  @ApiProperty({
    example: '2026-01-20',
    description: 'The date the visit was made: not in the future, not before the referral',
  })
  @IsCalendarDate()
  date: string;

  @ApiProperty({ example: true, description: 'Whether the child was seen alone' })
  @IsBoolean()
  seenAlone: boolean;

  @ApiPropertyOptional({ example: 'Seen in his bedroom; talked about school.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(10000)
  summary?: string;
}

export class VisitResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty({ example: '2026-01-20' }) date: string;
  @ApiProperty() seenAlone: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) summary: string | null;
  @ApiProperty({ format: 'uuid' }) recordedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who recorded it (recordedById), looked up in the case's own local authority",
  })
  recordedByName: string | null;
  @ApiProperty({ example: '2026-01-20T16:00:00.000Z' }) recordedAt: string;
}
