import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsNhsNumber, IsPastDate } from './validators';
import { NOT_BLANK } from './family.dto';

export class ContactDto {
  @ApiPropertyOptional({ example: '07700 900123' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;

  @ApiPropertyOptional({ example: 'nana.khan@example.org' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ example: '12 Mill Lane, Northtown NT1 2AB' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  @ApiPropertyOptional({ example: 'Prefers calls after 4pm' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  notes?: string;
}

export class CreateNetworkMemberDto {
  @ApiProperty({ example: 'Farida' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'firstName must not be blank' })
  @MaxLength(100)
  firstName: string;

  @ApiProperty({ example: 'Khan' })
  @IsString()
  @Matches(NOT_BLANK, { message: 'lastName must not be blank' })
  @MaxLength(100)
  lastName: string;

  @ApiProperty({
    example: 'maternal grandmother',
    description: "Relationship to the family's children",
  })
  @IsString()
  @Matches(NOT_BLANK, { message: 'relationship must not be blank' })
  @MaxLength(100)
  relationship: string;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiPropertyOptional({ example: '1961-07-02' })
  @IsOptional()
  @IsPastDate()
  dateOfBirth?: string;

  @ApiPropertyOptional({ example: '401 023 2137' })
  @IsOptional()
  @IsNhsNumber()
  nhsNumber?: string;
}
