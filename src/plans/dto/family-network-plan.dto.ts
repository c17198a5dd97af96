import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from 'src/common/validation';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import { AGREEMENT_ROLES, AgreementRole, FNP_STATUSES, FnpStatus } from '../plan-rules';
import { PlanChildResponse, NetworkPlanReviewResponse, trim } from './common.dto';

/** £10,000 a week: a sanity ceiling, not a policy. */
const MAX_PENCE = 1_000_000;

export class CarerDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A member of the family network (POST /families/:id/network)',
  })
  @IsUUID()
  networkMemberId: string;

  @ApiProperty({ example: 'Jay lives with his grandmother during the week' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  arrangement: string;
}

export class OneOffCostDto {
  @ApiProperty({ example: 'Bunk bed and bedding' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  @ApiProperty({ example: 35000, description: 'Amount in pence' })
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE * 10)
  amount: number;
}

export class SupportPackageDto {
  @ApiPropertyOptional({ example: 15000, description: 'Weekly allowance in pence' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE)
  weeklyAllowance?: number;

  @ApiPropertyOptional({ type: [OneOffCostDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => OneOffCostDto)
  oneOffCosts?: OneOffCostDto[];

  @ApiPropertyOptional({ example: 'Help with school transport' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  practicalSupport?: string;

  @ApiPropertyOptional({ example: 'Legal advice on a special guardianship order' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  legalSupport?: string;

  @ApiPropertyOptional({ example: 'Letter supporting kinship leave from work' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(5000)
  kinshipLeaveSupport?: string;
}

export class CreateFamilyNetworkPlanDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07'],
    description: 'Children of the case the plan is for',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds: string[];

  @ApiProperty({ type: [CarerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CarerDto)
  carers: CarerDto[];

  @ApiProperty({ type: SupportPackageDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => SupportPackageDto)
  supportPackage: SupportPackageDto;

  @ApiProperty({
    example: '2026-04-01',
    description: 'When the plan is first reviewed: after the day it was drafted',
  })
  @IsCalendarDate()
  reviewDate: string;

  @ApiPropertyOptional({
    example: '2025-11-16',
    description:
      'The day the plan was drafted (defaults to today in England; for a plan recorded late): ' +
      'not in the future, not before the referral. Its reviews are dated on or after it',
  })
  @IsOmittable()
  @IsCalendarDate()
  draftedOn?: string;
}

/** An edit: the fields given replace the current version's; the result is a new version. */
export class UpdateFamilyNetworkPlanDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07'],
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds?: string[];

  @ApiPropertyOptional({ type: [CarerDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CarerDto)
  carers?: CarerDto[];

  @ApiPropertyOptional({ type: SupportPackageDto })
  @IsOmittable()
  @ValidateNested()
  @Type(() => SupportPackageDto)
  supportPackage?: SupportPackageDto;

  @ApiPropertyOptional({
    example: '2026-04-01',
    description: 'The next review: after the day the plan was drafted and not before today',
  })
  @IsOmittable()
  @IsCalendarDate()
  reviewDate?: string;
}

export class AgreeFamilyNetworkPlanDto {
  @ApiPropertyOptional({
    enum: AGREEMENT_ROLES,
    description: 'In which capacity (needed only by a caller who could agree as both)',
  })
  @IsOmittable()
  @IsIn(AGREEMENT_ROLES)
  as?: AgreementRole;
}

export class EndFamilyNetworkPlanDto {
  @ApiProperty({ example: 'Jay has returned home; support no longer needed' })
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

class CarerResponse {
  @ApiProperty({ format: 'uuid' }) networkMemberId: string;
  @ApiProperty({ example: 'Maureen' }) firstName: string;
  @ApiProperty({ example: 'Smith' }) lastName: string;
  @ApiProperty({ example: 'maternal grandmother' }) relationship: string;
  @ApiProperty({ example: 'Jay lives with his grandmother' }) arrangement: string;
}

class OneOffCostResponse {
  @ApiProperty({ example: 'Bunk bed' }) description: string;
  @ApiProperty({ example: 35000 }) amount: number;
}

class SupportPackageResponse {
  @ApiPropertyOptional({ example: 15000 }) weeklyAllowance?: number;
  @ApiPropertyOptional({ type: [OneOffCostResponse] }) oneOffCosts?: OneOffCostResponse[];
  @ApiPropertyOptional() practicalSupport?: string;
  @ApiPropertyOptional() legalSupport?: string;
  @ApiPropertyOptional() kinshipLeaveSupport?: string;
}

export class AgreementResponse {
  @ApiProperty({ enum: AGREEMENT_ROLES }) role: AgreementRole;
  @ApiProperty({ example: 2 }) versionNumber: number;
  @ApiProperty({ format: 'uuid' }) agreedById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who agreed (agreedById), looked up in the plan's own local authority",
  })
  agreedByName: string | null;
  @ApiProperty({ example: '2026-01-25T10:00:00.000Z' }) agreedAt: string;
}

/** One version's content. */
export class FamilyNetworkPlanVersionResponse {
  @ApiProperty({ example: 1 }) number: number;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({ type: [PlanChildResponse] }) children: PlanChildResponse[];
  @ApiProperty({ type: [CarerResponse] }) carers: CarerResponse[];
  @ApiProperty({ type: SupportPackageResponse }) supportPackage: SupportPackageResponse;
  @ApiProperty({ example: '2026-04-01' }) reviewDate: string;
  @ApiProperty({ type: [AgreementResponse] }) agreements: AgreementResponse[];
  @ApiProperty({ format: 'uuid' }) createdById: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Sam Patel',
    description:
      "The display name of who made the version (createdById), looked up in the plan's own local authority",
  })
  createdByName: string | null;
  @ApiProperty({ example: '2026-01-21T10:00:00.000Z' }) createdAt: string;
}

export class FamilyNetworkPlanResponse extends FamilyNetworkPlanVersionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Not shown to partners' }) caseId?: string;
  @ApiProperty({ enum: FNP_STATUSES }) status: FnpStatus;
  @ApiProperty({ example: 2, description: 'The current version number' }) currentVersion: number;
  @ApiProperty({
    example: 1,
    nullable: true,
    type: Number,
    description:
      'The latest version with every required agreement (in force while a newer one awaits agreement)',
  })
  agreedVersion: number | null;
  @ApiProperty({ example: ['family_help_manager', 'ecpp'], enum: AGREEMENT_ROLES, isArray: true })
  requiredAgreements: AgreementRole[];
  @ApiProperty({ example: '2026-04-01', description: 'The next review due' })
  nextReviewDate: string;
  @ApiProperty({
    example: '2025-11-16',
    type: String,
    nullable: true,
    description: 'The day the plan was drafted (null only for a plan bulk-loaded without it)',
  })
  draftedOn: string | null;
  @ApiProperty({ type: [NetworkPlanReviewResponse] }) reviews: NetworkPlanReviewResponse[];
  @ApiProperty({ nullable: true, type: String }) activatedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty({ example: 3, description: 'Row version (ETag)' }) version: number;
}
