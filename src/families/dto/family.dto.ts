import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { PERSON_KINDS, type PersonKind } from '../person.entity';
import { IsDateOnly, IsNhsNumber, IsPastDate, IsUpn } from './validators';
import {
  CENSUS_SEX_CODES,
  CENSUS_SEXES,
  DISABILITIES,
  DISABILITY_CODES,
  ETHNICITIES,
  ETHNICITY_CODES,
  LA_CHILD_ID_PATTERN,
  UPN_UNKNOWN_REASON_CODES,
  UPN_UNKNOWN_REASONS,
  type CensusSex,
  type Disability,
  type Ethnicity,
  type UpnUnknownReason,
} from 'src/common/cin-codes';

const codeList = (codes: Record<string, string>) =>
  Object.entries(codes)
    .map(([c, l]) => `${c} ${l}`)
    .join('; ');

@ValidatorConstraint({ name: 'noneAlone' })
class NoneAlone implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return !Array.isArray(v) || !v.includes('NONE') || v.length === 1;
  }
  defaultMessage() {
    return 'disabilities: NONE cannot be given with another code';
  }
}

@ValidatorConstraint({ name: 'notWithUpn' })
class NotWithUpn implements ValidatorConstraintInterface {
  validate(_v: unknown, args: ValidationArguments) {
    return !(args.object as { upn?: string }).upn;
  }
  defaultMessage() {
    return 'upnUnknownReason cannot be given with a upn';
  }
}

@ValidatorConstraint({ name: 'notWithDateOfBirth' })
class NotWithDateOfBirth implements ValidatorConstraintInterface {
  validate(_v: unknown, args: ValidationArguments) {
    return !(args.object as { dateOfBirth?: string }).dateOfBirth;
  }
  defaultMessage() {
    return 'expectedDateOfBirth is for an unborn child: not with dateOfBirth';
  }
}

/** A non-blank trimmed string of 1..max characters. */
export const NOT_BLANK = /\S/;

export class RelationshipToChildDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'An existing child of the family (adding a member to an existing family)',
  })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @ApiPropertyOptional({
    example: 0,
    description: 'Index in `members` of a child created in the same request (POST /families)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  childIndex?: number;

  @ApiProperty({ example: 'mother', description: 'How this person is related to that child' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'relationship must not be blank' })
  @MaxLength(100)
  relationship: string;
}

export class FamilyMemberDto {
  @ApiProperty({ enum: PERSON_KINDS, example: 'child' })
  @IsIn(PERSON_KINDS)
  kind: PersonKind;

  @ApiProperty({ example: 'Amira' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'firstName must not be blank' })
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Khan' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'lastName must not be blank' })
  @MaxLength(100)
  lastName: string;

  @ApiPropertyOptional({ example: '2019-03-14', description: 'YYYY-MM-DD, not in the future' })
  @IsOptional()
  @IsPastDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({
    enum: CENSUS_SEX_CODES,
    example: 'F',
    description: `Sex as the CIN census records it: ${codeList(CENSUS_SEXES)} (gender identity goes in gender)`,
  })
  @IsOptional()
  @IsIn(CENSUS_SEX_CODES)
  sex?: CensusSex;

  @ApiPropertyOptional({ example: 'girl', description: 'Gender identity as recorded' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  gender?: string;

  @ApiPropertyOptional({
    enum: ETHNICITY_CODES,
    example: 'APKN',
    description: `Ethnicity, one of the DfE's 20 codes: ${codeList(ETHNICITIES)}`,
  })
  @IsOptional()
  @IsIn(ETHNICITY_CODES)
  ethnicity?: Ethnicity;

  @ApiPropertyOptional({
    enum: DISABILITY_CODES,
    isArray: true,
    example: ['NONE'],
    description: `CIN census disabilities: NONE alone, or one or more of ${codeList(DISABILITIES)} (no repeats)`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsIn(DISABILITY_CODES, { each: true })
  @Validate(NoneAlone)
  disabilities?: Disability[];

  @ApiPropertyOptional({
    description:
      'Unique Pupil Number (13 characters with its check letter, e.g. U820200101001); give upnUnknownReason instead when there is none',
  })
  @IsOptional()
  @IsUpn()
  upn?: string;

  @ApiPropertyOptional({
    enum: UPN_UNKNOWN_REASON_CODES,
    description: `Why there is no UPN (never with upn), e.g. UN1: ${codeList(UPN_UNKNOWN_REASONS)}`,
  })
  @IsOptional()
  @IsIn(UPN_UNKNOWN_REASON_CODES)
  @Validate(NotWithUpn)
  upnUnknownReason?: UpnUnknownReason;

  @ApiPropertyOptional({
    description:
      "An unborn child's expected date of birth (YYYY-MM-DD, e.g. 2027-02-14); not with dateOfBirth",
  })
  @IsOptional()
  @IsDateOnly()
  @Validate(NotWithDateOfBirth)
  expectedDateOfBirth?: string;

  @ApiPropertyOptional({ example: 'Urdu', description: 'First or preferred language' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  language?: string;

  @ApiPropertyOptional({
    example: '943 476 5919',
    description: 'NHS number: 10 digits (spaces or hyphens 3-3-4 allowed); check digit validated',
  })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string;

  @ApiPropertyOptional({
    example: 'LA000123',
    description:
      "The local authority's person id (the census LAchildID): letters and digits only, at most 20, kept exactly as given",
  })
  @IsOptional()
  @IsString()
  @Matches(LA_CHILD_ID_PATTERN, {
    message: 'laPersonId must be 1 to 20 letters and digits (no spaces or punctuation)',
  })
  laPersonId?: string;

  @ApiPropertyOptional({
    example: 'mother',
    description:
      "This member's relationship to each child of the family (other than themself), unless `relationships` says otherwise for a child",
  })
  @IsOptional()
  @IsString()
  @Matches(NOT_BLANK, { message: 'relationship must not be blank' })
  @MaxLength(100)
  relationship?: string;

  @ApiPropertyOptional({ type: [RelationshipToChildDto], description: 'Per-child relationships' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RelationshipToChildDto)
  relationships?: RelationshipToChildDto[];
}

export class CreateFamilyDto {
  @ApiPropertyOptional({ example: 'Khan family' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ type: [FamilyMemberDto], description: 'At least one member' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FamilyMemberDto)
  members: FamilyMemberDto[];
}

export class UpdateFamilyDto {
  @ApiPropertyOptional({ example: 'Khan–Ahmed family', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string | null;
}

export class ListFamiliesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'khan',
    description:
      'Partial name of the family or of a member, case- and accent-insensitive (every word must match); a YYYY-MM-DD value searches dates of birth',
  })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  search?: string;

  @ApiPropertyOptional({ example: '2019-03-14', description: "A member's exact date of birth" })
  @IsOptional()
  @IsPastDate()
  dateOfBirth?: string;
}
