import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { PERSON_KINDS, type PersonKind } from '../person.entity';
import { IsNhsNumber, IsPastDate } from './validators';

/** A non-blank trimmed string of 1..max characters. */
const NOT_BLANK = /\S/;

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

  @ApiPropertyOptional({ example: 'female', description: 'Sex as recorded' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  sex?: string;

  @ApiPropertyOptional({ example: 'girl', description: 'Gender as recorded' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  gender?: string;

  @ApiPropertyOptional({ example: 'APKN', description: 'Ethnicity (e.g. a CIN census code)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ethnicity?: string;

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

  @ApiPropertyOptional({ example: 'LA-000123', description: "The local authority's person id" })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
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
