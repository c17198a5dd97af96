import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
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
  @ApiProperty({ type: String, nullable: true, example: '9434765919' }) nhsNumber: string | null;
  @ApiProperty({ type: String, enum: NHS_VERIFICATION_SOURCES, nullable: true })
  verificationSource: string | null;
  @ApiProperty({ type: String, nullable: true }) unverifiedReason: string | null;
  @ApiProperty({ description: 'Verified NHS number or a recorded reason (the s47 rule)' })
  identifierRuleMet: boolean;
  @ApiProperty({ example: 1 }) version: number;
}
