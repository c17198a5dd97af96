import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { FAMILY_PLAN_TYPES, type FamilyPlanType } from '../family-view-rules';

const NOT_BLANK = /\S/;

export class WhoDoesWhatDto {
  @ApiProperty({ example: 'Mum' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'who must not be blank' })
  @MaxLength(200)
  who: string;

  @ApiProperty({ example: 'Take Amy to nursery every weekday' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'what must not be blank' })
  @MaxLength(1000)
  what: string;

  @ApiPropertyOptional({ example: 'every weekday' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  by?: string;
}

export class SummarySectionsDto {
  @ApiProperty({ example: 'We are worried that Amy has had bruises nobody could explain.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'worries must not be blank' })
  @MaxLength(4000)
  worries: string;

  @ApiProperty({ example: 'Amy is happy at nursery and you have kept every appointment.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'goingWell must not be blank' })
  @MaxLength(4000)
  goingWell: string;

  @ApiProperty({ example: 'Amy needs to be safe at home and seen by her health visitor.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'needsToHappen must not be blank' })
  @MaxLength(4000)
  needsToHappen: string;

  @ApiProperty({ type: [WhoDoesWhatDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => WhoDoesWhatDto)
  whoDoesWhat: WhoDoesWhatDto[];

  @ApiProperty({
    example: 'If things do not get better we will talk with you about what happens next.',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'ifNot must not be blank' })
  @MaxLength(4000)
  ifNot: string;
}

export class CreateFamilySummaryDto {
  @ApiProperty({ enum: FAMILY_PLAN_TYPES, example: 'cp_plan' })
  @IsIn(FAMILY_PLAN_TYPES)
  planType: FamilyPlanType;

  @ApiProperty({
    format: 'uuid',
    description:
      'The plan: a Family Help plan, Family Network Plan or Child Community Safety Plan id; for a CP plan, its start decision',
  })
  @IsUUID()
  planId: string;

  @ApiProperty({ example: 1, description: 'The plan version it describes (the version in force)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ type: SummarySectionsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SummarySectionsDto)
  sections: SummarySectionsDto;

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag (default en)' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag' })
  language?: string;
}

export class FamilySummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES }) planType: FamilyPlanType;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: SummarySectionsDto }) sections: SummarySectionsDto;
  @ApiProperty() language: string;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) publishedById: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
}

export class FamilySummaryPage {
  @ApiProperty({ type: [FamilySummaryResponse] }) data: FamilySummaryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ExplanationDto {
  @ApiProperty({
    example:
      'We decided to make a plan to keep Amy safe because nobody could explain her bruises. It does not mean Amy will leave home.',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'text must not be blank' })
  @MinLength(20)
  @MaxLength(4000)
  text: string;
}

export class ExplanationResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'uuid' }) writtenById: string;
  @ApiProperty({ format: 'date-time' }) writtenAt: string;
}

export class FamilyResponseResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) summaryId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decisionId: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) agrees: boolean | null;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class StaffFamilyResponse extends FamilyResponseResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() personName: string;
}

export class StaffFamilyResponsePage {
  @ApiProperty({ type: [StaffFamilyResponse] }) data: StaffFamilyResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
