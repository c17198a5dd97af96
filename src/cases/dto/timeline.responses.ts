import { ApiProperty } from '@nestjs/swagger';

export class TimelineItemResponse {
  @ApiProperty({ example: '41' })
  id: string;

  @ApiProperty({ example: '2027-01-04T09:30:00.123Z' })
  at: string;

  @ApiProperty({ example: 'case_created' })
  type: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  actorId: string | null;

  @ApiProperty({ enum: ['user', 'client', 'system'] })
  actorType: string;

  @ApiProperty({ example: 'Referral received (2A Schools); case opened in Family Help' })
  summary: string;

  @ApiProperty({ type: String, nullable: true, example: 'case' })
  recordType: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  recordId: string | null;

  @ApiProperty({ nullable: true, type: Object })
  data: Record<string, unknown> | null;
}

export class TimelinePage {
  @ApiProperty({ type: [TimelineItemResponse] })
  data: TimelineItemResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
