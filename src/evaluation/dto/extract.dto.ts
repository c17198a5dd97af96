import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate } from 'src/common/is-calendar-date';

/** Lawful bases an evaluation extract may be made under (UK GDPR / DPA 2018). */
export const EXTRACT_LAWFUL_BASES = [
  'uk_gdpr_6_1_e_public_task',
  'uk_gdpr_9_2_g_substantial_public_interest',
  'uk_gdpr_9_2_j_research_statistics',
  'dpa_2018_sch1_para4_research',
] as const;

export class CreateExtractDto {
  @ApiProperty({
    example: 'Evaluation of Family Help co-working, phase 1 (DfE evaluation partner)',
    description: 'Why the extract is made (audited with it); 20-500 characters',
  })
  @IsString()
  @MinLength(20)
  @MaxLength(500)
  purpose: string;

  @ApiProperty({ enum: EXTRACT_LAWFUL_BASES, description: 'The lawful basis (audited)' })
  @IsIn(EXTRACT_LAWFUL_BASES)
  lawfulBasis: string;

  @ApiProperty({
    example: '2025-05-01',
    description: 'Cases referred on or after this day: the first day of a month',
  })
  @IsCalendarDate()
  from: string;

  @ApiProperty({
    example: '2025-10-31',
    description: 'Cases referred on or before this day: the last day of a month',
  })
  @IsCalendarDate()
  to: string;
}

export class ExtractColumn {
  @ApiProperty({ example: 'episode_ref' }) name: string;
  @ApiProperty({ enum: ['string', 'integer', 'boolean'] }) type: string;
}

export class ExtractResponse {
  @ApiProperty({ format: 'uuid', description: 'The audit reference of this extract' })
  extractId: string;
  @ApiProperty({ example: '2025-05-01' }) from: string;
  @ApiProperty({ example: '2025-10-31' }) to: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/ExtractColumn' } },
    description: 'Typed columns of each table (docs/evaluation-extract.md)',
  })
  columns: Record<'episodes' | 'events' | 'aggregates', ExtractColumn[]>;
  @ApiProperty({ description: 'CSV (RFC 4180, header row): one row per child-episode' })
  episodes: string;
  @ApiProperty({ description: 'CSV: one row per timeline event of those episodes' })
  events: string;
  @ApiProperty({
    description:
      'CSV: the same child-episodes (restricted cases excluded) by age band, stage and team kind; cells under 5 suppressed',
  })
  aggregates: string;
}
