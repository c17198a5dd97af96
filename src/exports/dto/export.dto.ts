import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ANNEX_A_LISTS, type AnnexAList } from '../annex-a';

export class CinCensusQueryDto {
  @ApiProperty({
    example: 2027,
    description: 'Collection year: 2027 covers 1 April 2026 to 31 March 2027',
  })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class AnnexAQueryDto {
  @ApiProperty({
    enum: ANNEX_A_LISTS,
    example: '7',
    description:
      '1: contacts (one row per child per contact); 5: section 47 enquiries and ICPCs; 6: children in need; 7: children on CP plans',
  })
  @IsIn(ANNEX_A_LISTS)
  list: AnnexAList;

  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv', example: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}
