import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { FORUM_AGENCIES } from 'src/common/forum-agencies';

/** The reporting agencies: the forums' shared list. */
export const REPORT_AGENCIES = FORUM_AGENCIES;
export type ReportAgency = (typeof REPORT_AGENCIES)[number];
export const REPORT_RECOMMENDATIONS = ['plan', 'no_plan', 'no_view'] as const;

export class SubmitConferenceReportDto {
  @ApiProperty({
    enum: REPORT_AGENCIES,
    example: 'health',
    description:
      "The reporting agency: `social_care` for the case's own staff; a MACPT member reports for their own agency",
  })
  @IsIn(REPORT_AGENCIES)
  agency: ReportAgency;

  @ApiProperty({
    example: 'Missed two health visitor appointments; weight below the 9th centile.',
    description: "The agency's information and view of the risks (1–20000 characters)",
  })
  @IsString()
  @Matches(/\S/, { message: 'summary must not be blank' })
  @MaxLength(20000)
  summary: string;

  @ApiProperty({
    enum: REPORT_RECOMMENDATIONS,
    example: 'plan',
    description: "The agency's recommendation: a plan, no plan, or no view",
  })
  @IsIn(REPORT_RECOMMENDATIONS)
  recommendation: (typeof REPORT_RECOMMENDATIONS)[number];
}

export class ConferenceReportResponse {
  @ApiProperty({ format: 'uuid', example: '5d7a1c2e-8b3f-4f7e-9a61-2c0d3e4f5a6b' })
  id: string;

  @ApiProperty({ format: 'uuid', example: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d' })
  conferenceId: string;

  @ApiProperty({ enum: REPORT_AGENCIES, example: 'health' })
  agency: string;

  @ApiProperty({ format: 'uuid', example: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b' })
  authorId: string;

  @ApiProperty({ example: 'Missed two health visitor appointments.' })
  summary: string;

  @ApiProperty({ enum: REPORT_RECOMMENDATIONS, example: 'plan' })
  recommendation: string;

  @ApiProperty({ format: 'date-time', example: '2026-01-11T16:20:00.000Z' })
  submittedAt: string;
}

export class ConferenceReportPage {
  @ApiProperty({ type: [ConferenceReportResponse] })
  data: ConferenceReportResponse[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}
