import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsDateOnly } from 'src/families/dto/validators';
import { REPORT_AGENCIES } from './conference-report.dto';

const NOT_BLANK = /\S/;

export class CpPlanOwnerDto {
  @ApiProperty({ enum: REPORT_AGENCIES, example: 'health' })
  @IsIn(REPORT_AGENCIES)
  agency: string;

  @ApiPropertyOptional({ format: 'uuid', example: '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({ example: 'Health visitor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;
}

export class CpPlanActionDto {
  @ApiProperty({ example: 'Weekly home visits, the child seen alone' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'action must not be blank' })
  @MaxLength(2000)
  action: string;

  @ApiProperty({ type: CpPlanOwnerDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => CpPlanOwnerDto)
  owner: CpPlanOwnerDto;

  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'Due by (may be ahead)' })
  @IsDateOnly()
  dueBy: string;
}

export class PutCpPlanDto {
  @ApiProperty({
    type: [String],
    example: ['Ava is seen at school daily and her attendance is above 95%'],
    description: 'The outcomes the plan works towards (1–50)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(NOT_BLANK, { each: true, message: 'outcomes must not be blank' })
  @MaxLength(2000, { each: true })
  outcomes: string[];

  @ApiProperty({
    type: [CpPlanActionDto],
    description: 'Actions with owners and due dates (0–200)',
  })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CpPlanActionDto)
  actions: CpPlanActionDto[];

  @ApiProperty({ example: 'Legal gateway meeting if the home conditions deteriorate again.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'contingency must not be blank' })
  @MaxLength(5000)
  contingency: string;
}

export class CpPlanResponse {
  @ApiProperty({ format: 'uuid', example: 'e7989d11-344c-4899-a75d-e3d5851d6dd0' })
  caseId: string;

  @ApiProperty({
    example: 2,
    description: 'The version in force (also the ETag); 0 while the core group has written none',
  })
  version: number;

  @ApiProperty({ type: [String], example: ['Ava is seen at school daily'] })
  outcomes: string[];

  @ApiProperty({ type: [CpPlanActionDto] })
  actions: CpPlanActionDto[];

  @ApiProperty({ type: String, nullable: true, example: 'Legal gateway meeting if risk rises.' })
  contingency: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  conferenceId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  authoredById: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  createdAt: string | null;
}

export class CpPlanVersionPage {
  @ApiProperty({ type: [CpPlanResponse] })
  data: CpPlanResponse[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}
