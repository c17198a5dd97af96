import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsUUID, ValidateIf } from 'class-validator';
import { PR_BASES, type PrBasis } from '../parental-responsibility.entity';

/** One child in an adult's parental-responsibility record. */
export class PrEntryDto {
  @ApiProperty({ format: 'uuid', example: '0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01' })
  @IsUUID()
  childId: string;

  @ApiProperty({ example: true, description: 'Whether the adult holds parental responsibility' })
  @IsBoolean()
  hasPR: boolean;

  @ApiProperty({
    enum: PR_BASES,
    nullable: true,
    example: 'registered_father',
    description: 'How the adult holds PR: required when hasPR is true; null or omitted otherwise',
  })
  @ValidateIf((o: PrEntryDto) => o.hasPR === true || (o.basis !== undefined && o.basis !== null))
  @IsIn(PR_BASES, { message: `basis must be one of ${PR_BASES.join(', ')}` })
  basis?: PrBasis | null;
}

export class PrEntryResponse {
  @ApiProperty({ format: 'uuid' }) childId: string;
  @ApiProperty() hasPR: boolean;
  @ApiProperty({ enum: PR_BASES, nullable: true, type: String }) basis: PrBasis | null;
}

export class ParentalResponsibilityResponse {
  @ApiProperty({ format: 'uuid' }) familyId: string;
  @ApiProperty({ format: 'uuid', description: 'The adult' }) personId: string;
  @ApiProperty({ example: 2, description: 'Version of the adult’s record (the ETag); 0: none yet' })
  version: number;
  @ApiProperty({ type: [PrEntryResponse] }) entries: PrEntryResponse[];
}
