import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import {
  IsBoolean,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { FAMILY_PLAN_TYPES, type FamilyPlanType } from '../family-view-rules';

const NOT_BLANK = /\S/;
import { SummarySectionsDto } from './family-summary.dto';

export class ActivateDto {
  @ApiProperty({ example: 'k3J9x…', description: 'The one-time code from the invitation' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  invitationCode: string;

  @ApiProperty({ example: 'a-long-passphrase-2026', minLength: 12, format: 'password' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;
}

export class FamilyResponseDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '5b3f4a1e-2c6d-4e8f-9a0b-1c2d3e4f5a6b',
    description: 'A published summary you can see (or decisionId)',
  })
  @IsOptional()
  @IsUUID()
  summaryId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An explained decision (or summaryId)' })
  @IsOptional()
  @IsUUID()
  decisionId?: string;

  @ApiPropertyOptional({
    example: false,
    description: 'Agree (true), disagree (false) or just acknowledge (absent)',
  })
  @IsOptional()
  @IsBoolean()
  agrees?: boolean;

  @ApiProperty({ example: 'I do not agree that Amy was left alone. My sister was with her.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'text must not be blank' })
  @MaxLength(4000)
  text: string;
}

export class FamilyPerson {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() firstName: string;
  @ApiProperty({ nullable: true, type: String, description: 'null when withheld from you' })
  lastName: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) relationship: string | null;
  @ApiProperty({ enum: ['child', 'adult'] }) kind: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A network member’s address; null when withheld from you',
  })
  address: string | null;
  @ApiProperty({
    nullable: true,
    type: 'object',
    properties: { phone: { type: 'string' }, email: { type: 'string' } },
    description: 'A network member’s phone and email; null when withheld from you',
  })
  contact: { phone?: string; email?: string } | null;
}

export class FamilyOverview {
  @ApiProperty({ format: 'uuid' }) grantId: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES, isArray: true }) scopes: FamilyPlanType[];
  @ApiProperty({ type: FamilyPerson }) you: FamilyPerson;
  @ApiProperty({ type: [FamilyPerson] }) people: FamilyPerson[];
}

export class FamilyPlanView {
  @ApiProperty({ format: 'uuid', description: 'The summary id' }) id: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES }) planType: FamilyPlanType;
  @ApiProperty() planVersion: number;
  @ApiProperty({ type: SummarySectionsDto }) sections: SummarySectionsDto;
  @ApiProperty() language: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class FamilyPlanPage {
  @ApiProperty({ type: [FamilyPlanView] }) data: FamilyPlanView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FamilyDecisionView {
  @ApiProperty({ format: 'uuid' }) decisionId: string;
  @ApiProperty() type: string;
  @ApiProperty({ format: 'date' }) effectiveDate: string;
  @ApiProperty({ description: 'Written for the family' }) explanation: string;
  @ApiProperty({ format: 'date-time' }) explainedAt: string;
}

export class FamilyDecisionPage {
  @ApiProperty({ type: [FamilyDecisionView] }) data: FamilyDecisionView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
