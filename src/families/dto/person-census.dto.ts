import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  CENSUS_SEX_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  LA_CHILD_ID_PATTERN,
  UPN_UNKNOWN_REASON_CODES,
  type CensusSex,
  type Disability,
  type Ethnicity,
  type UpnUnknownReason,
} from 'src/common/cin-codes';
import { IsDateOnly, IsPastDate, IsUpn } from './validators';

const given = (_o: object, v: unknown) => v !== undefined && v !== null;

@ValidatorConstraint({ name: 'noneAloneOnPatch' })
class NoneAlone implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return !Array.isArray(v) || !v.includes('NONE') || v.length === 1;
  }
  defaultMessage() {
    return 'disabilities: NONE cannot be given with another code';
  }
}

/**
 * Change a person's census details (the CIN census's child identifiers and characteristics): a
 * field left out is unchanged; `null` clears it (unknown again). The result is checked whole: a
 * UPN and a reason for having none never together, a date of birth and an expected one never
 * together.
 */
export class UpdatePersonDto {
  @ApiPropertyOptional({ enum: CENSUS_SEX_CODES, nullable: true, example: 'F' })
  @ValidateIf(given)
  @IsIn(CENSUS_SEX_CODES)
  sex?: CensusSex | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'girl' })
  @ValidateIf(given)
  @IsString()
  @MaxLength(100)
  gender?: string | null;

  @ApiPropertyOptional({ enum: ETHNICITY_CODES, nullable: true, example: 'WBRI' })
  @ValidateIf(given)
  @IsIn(ETHNICITY_CODES)
  ethnicity?: Ethnicity | null;

  @ApiPropertyOptional({
    enum: DISABILITY_CODES,
    isArray: true,
    nullable: true,
    example: ['NONE'],
    description: 'NONE alone, or one or more DfE codes (no repeats)',
  })
  @ValidateIf(given)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsIn(DISABILITY_CODES, { each: true })
  @Validate(NoneAlone)
  disabilities?: Disability[] | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'U820200101001',
    description: 'Unique Pupil Number (check letter validated); giving one clears upnUnknownReason',
  })
  @ValidateIf(given)
  @IsUpn()
  upn?: string | null;

  @ApiPropertyOptional({ enum: UPN_UNKNOWN_REASON_CODES, nullable: true, example: 'UN1' })
  @ValidateIf(given)
  @IsIn(UPN_UNKNOWN_REASON_CODES)
  upnUnknownReason?: UpnUnknownReason | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2019-03-14',
    description: 'Not in the future; giving one (a birth) clears expectedDateOfBirth',
  })
  @ValidateIf(given)
  @IsPastDate()
  dateOfBirth?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2026-11-30' })
  @ValidateIf(given)
  @IsDateOnly()
  expectedDateOfBirth?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'LA000123',
    description: "The LA's person id (LAchildID): 1 to 20 letters and digits, kept exactly",
  })
  @ValidateIf(given)
  @IsString()
  @Matches(LA_CHILD_ID_PATTERN, {
    message: 'laPersonId must be 1 to 20 letters and digits (no spaces or punctuation)',
  })
  laPersonId?: string | null;
}
