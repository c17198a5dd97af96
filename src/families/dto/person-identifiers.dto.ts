import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  CENSUS_SEX_CODES,
  DISABILITY_CODES,
  ETHNICITY_CODES,
  UPN_UNKNOWN_REASON_CODES,
} from 'src/common/cin-codes';
import { IsNhsNumber } from './validators';
import { NHS_VERIFICATION_SOURCES, type NhsVerificationSource } from '../person-identifiers';

const given = (_o: object, v: unknown) => v !== undefined && v !== null;

/** Change a person's identifiers: a field left out is unchanged; `null` clears it. */
export class UpdatePersonIdentifiersDto {
  @ApiPropertyOptional({ type: String, example: '943 476 5919', nullable: true })
  @ValidateIf(given)
  @IsNhsNumber()
  nhsNumber?: string | null;

  @ApiPropertyOptional({
    enum: NHS_VERIFICATION_SOURCES,
    nullable: true,
    example: 'pds_trace',
    description: 'How the NHS number was verified; needs an NHS number',
  })
  @ValidateIf(given)
  @IsIn(NHS_VERIFICATION_SOURCES)
  verificationSource?: NhsVerificationSource | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'Born abroad; no NHS registration yet',
    description: 'Why the child has no verified NHS number',
  })
  @ValidateIf(given)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  unverifiedReason?: string | null;
}

export class PersonResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) familyId: string | null;
  @ApiProperty({ enum: ['child', 'adult'] }) kind: string;
  @ApiProperty({ example: 'Lily' }) firstName: string;
  @ApiProperty({ example: 'Hill' }) lastName: string;
  @ApiProperty({ type: String, nullable: true, example: '2018-03-07' }) dateOfBirth: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2026-06-14' }) expectedDateOfBirth:
    string | null;
  @ApiProperty({ type: String, enum: CENSUS_SEX_CODES, nullable: true, example: 'F' })
  sex: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'girl' }) gender: string | null;
  @ApiProperty({ type: String, enum: ETHNICITY_CODES, nullable: true, example: 'WBRI' })
  ethnicity: string | null;
  @ApiProperty({ type: [String], enum: DISABILITY_CODES, nullable: true, example: ['NONE'] })
  disabilities: string[] | null;
  @ApiProperty({ type: String, nullable: true, example: 'U820200101001' }) upn: string | null;
  @ApiProperty({ type: String, enum: UPN_UNKNOWN_REASON_CODES, nullable: true, example: 'UN1' })
  upnUnknownReason: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'LA000123' }) laPersonId: string | null;
  @ApiProperty({ type: String, nullable: true, example: '9434765919' }) nhsNumber: string | null;
  @ApiProperty({ type: String, enum: NHS_VERIFICATION_SOURCES, nullable: true })
  verificationSource: string | null;
  @ApiProperty({ type: String, nullable: true }) unverifiedReason: string | null;
  @ApiProperty({ description: 'Verified NHS number or a recorded reason (the s47 rule)' })
  identifierRuleMet: boolean;
  @ApiProperty({ example: 1 }) version: number;
}
