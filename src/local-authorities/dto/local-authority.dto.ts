import { IsOmittable } from 'src/common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsInt,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

export class CreateLocalAuthorityDto {
  @ApiProperty({ example: 'Northshire County Council' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'NSH',
    description:
      '2–32 of A–Z, 0–9, _ and -; a real LA never starts with SBX- (the sandbox namespace: 400 naming code)',
  })
  @IsString()
  @Matches(/^[A-Z0-9_-]{2,32}$/, { message: 'code must be 2-32 characters of A-Z, 0-9, _ or -' })
  code: string;
}

export class UpdateLocalAuthoritySettingsDto {
  @ApiPropertyOptional({
    example: 4,
    description: 'Core group meetings after the first, every N weeks',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(12)
  coreGroupIntervalWeeks?: number;

  @ApiPropertyOptional({
    example: 10,
    description: 'Statutory visits to a child on a CP plan, every N working days',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(30)
  visitIntervalWorkingDays?: number;

  @ApiPropertyOptional({
    example: 2,
    description:
      'Conference quorum: social care and at least N other agencies attended (default 2; 1–6)',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(6)
  conferenceQuorumOtherAgencies?: number;

  @ApiPropertyOptional({
    example: '931',
    description:
      'The three-digit number the DfE gives the local authority (the CIN census LEA; exports refuse to run without it)',
  })
  @IsOmittable()
  @IsString()
  @Matches(/^[0-9]{3}$/, { message: 'dfeNumber must be exactly three digits' })
  dfeNumber?: string;

  @ApiPropertyOptional({
    example: '2025-04-01',
    nullable: true,
    description:
      'From this date a section 47 enquiry or child protection plan needs each child to have a verified NHS number or a recorded reason (409 identifier_required); null: not in force',
  })
  @ValidateIf((_o, v: unknown) => v !== undefined && v !== null)
  @Matches(/^(19|20)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, {
    message: 'identifierRuleFrom must be a date YYYY-MM-DD',
  })
  identifierRuleFrom?: string | null;

  @ApiPropertyOptional({
    example: 5,
    description:
      'An FGDM offer unanswered this many working days after it was made counts as timed out (docs/before-proceedings.md)',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(30)
  fgdmOfferResponseWorkingDays?: number;

  @ApiPropertyOptional({
    example: 16,
    description: 'Pre-proceedings run this many weeks from the letter before proceedings',
  })
  @IsOmittable()
  @IsInt()
  @Min(4)
  @Max(52)
  preProceedingsWeeks?: number;
}

export class LocalAuthorityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Northshire County Council' }) name: string;
  @ApiProperty({ example: 'NSH' }) code: string;
  @ApiProperty() sandbox: boolean;
  @ApiProperty({ example: 4 }) coreGroupIntervalWeeks: number;
  @ApiProperty({ example: 10 }) visitIntervalWorkingDays: number;
  @ApiProperty({ example: 2 }) conferenceQuorumOtherAgencies: number;
  @ApiProperty({ type: String, nullable: true, example: '931' }) dfeNumber: string | null;
  @ApiProperty({ type: String, example: '2025-04-01', nullable: true }) identifierRuleFrom:
    string | null;
  @ApiProperty({ example: 5 }) fgdmOfferResponseWorkingDays: number;
  @ApiProperty({ example: 16 }) preProceedingsWeeks: number;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ format: 'date-time', example: '2025-10-01T09:30:00.000Z' }) createdAt: string;
}
