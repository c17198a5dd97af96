import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  FAMILY_PLAN_TYPES,
  GRANT_STATUSES,
  REDACTABLE_FIELDS,
  type FamilyPlanType,
  type GrantStatus,
  type RedactableField,
} from '../family-view-rules';

const NOT_BLANK = /\S/;

export class SafetyCheckDto {
  @ApiProperty({ example: true, description: 'The safety check was done (must be true)' })
  @Equals(true, {
    message: 'safetyCheck.done must be true: propose access only after a safety check',
  })
  done: boolean;

  @ApiProperty({
    example: 'Discussed with the mother alone; no risk from sharing the plan identified.',
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'notes must not be blank' })
  @MaxLength(4000)
  notes: string;
}

export class FamilyContactDto {
  @ApiProperty({ example: 'parent@example.org', description: 'The address they will sign in with' })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

export class ProposeFamilyAccessDto {
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  @IsUUID()
  personId: string;

  @ApiProperty({ enum: FAMILY_PLAN_TYPES, isArray: true, example: ['cp_plan'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(FAMILY_PLAN_TYPES, { each: true })
  scopes: FamilyPlanType[];

  @ApiProperty({ type: SafetyCheckDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SafetyCheckDto)
  safetyCheck: SafetyCheckDto;

  @ApiProperty({ type: FamilyContactDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => FamilyContactDto)
  contact: FamilyContactDto;
}

export class GrantReasonDto {
  @ApiProperty({ example: 'The mother asked us to pause access while she moves house.' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason: string;
}

export class RevokeFamilyAccessDto {
  @ApiPropertyOptional({ example: 'The case has closed.' })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  @MaxLength(2000)
  reason?: string;
}

export class FamilyAccessResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ enum: FAMILY_PLAN_TYPES, isArray: true }) scopes: FamilyPlanType[];
  @ApiProperty({ enum: GRANT_STATUSES }) status: GrantStatus;
  @ApiProperty({ format: 'email' }) contactEmail: string;
  @ApiProperty({ format: 'uuid' }) proposedById: string;
  @ApiProperty({ format: 'date-time' }) proposedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) approvedById: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) approvedAt: string | null;
  @ApiProperty({ description: 'The family member has signed in with their invitation' })
  activated: boolean;
  @ApiProperty({ nullable: true, type: String }) statusReason: string | null;
  @ApiProperty({ example: 2 }) version: number;
  @ApiPropertyOptional({
    description:
      'Only in the answer to an approval that issued one: the one-time invitation code (shown once, stored hashed, valid 14 days)',
  })
  invitationCode?: string;
}

export class FamilyAccessPage {
  @ApiProperty({ type: [FamilyAccessResponse] }) data: FamilyAccessResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class RedactionsDto {
  @ApiProperty({
    format: 'uuid',
    isArray: true,
    description: "Members of the same family who must not see this person's `fields`",
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  withheldFrom: string[];

  @ApiProperty({ enum: REDACTABLE_FIELDS, isArray: true, example: ['address', 'contact'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(REDACTABLE_FIELDS, { each: true })
  fields: RedactableField[];

  @ApiPropertyOptional({
    example: false,
    description:
      'Recorded as an alleged perpetrator of domestic abuse: refused a family-access grant (default false)',
  })
  @IsOptional()
  @IsBoolean()
  allegedPerpetrator?: boolean;
}

export class RedactionResponse {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ format: 'uuid', isArray: true }) withheldFrom: string[];
  @ApiProperty({ enum: REDACTABLE_FIELDS, isArray: true }) fields: RedactableField[];
  @ApiProperty() allegedPerpetrator: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}
