import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AGENCIES, LA_ROLES, type Agency, type Role } from 'src/access/roles';
import { PageQueryDto } from 'src/common/pagination';
import { IsOmittable } from 'src/common/validation';

export class CreateUserDto {
  @ApiProperty({ example: 'sam.patel@northshire.gov.uk' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'Sam Patel' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'a-long-passphrase-2026', minLength: 12, format: 'password' })
  @IsString()
  @MinLength(12)
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: LA_ROLES, isArray: true, example: ['family_help_practitioner'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @ArrayMaxSize(LA_ROLES.length)
  @IsIn(LA_ROLES, { each: true })
  roles: Role[];

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  localAuthorityId: string;

  @ApiPropertyOptional({
    enum: AGENCIES,
    description: 'Required for partner and macpt_member users',
  })
  @IsOptional()
  @IsIn(AGENCIES)
  agency?: Agency;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Sam Patel-Jones' })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: LA_ROLES, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(LA_ROLES, { each: true })
  roles?: Role[];

  @ApiPropertyOptional({
    description: 'false disables the user; their tokens stop working at once',
  })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ enum: AGENCIES, nullable: true })
  @IsOmittable()
  @IsIn(AGENCIES)
  agency?: Agency;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Platform admin: which local authority' })
  @IsOptional()
  @IsUUID()
  localAuthorityId?: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'sam.patel@northshire.gov.uk' }) email: string;
  @ApiProperty({ example: 'Sam Patel' }) name: string;
  @ApiProperty({ isArray: true, example: ['family_help_practitioner'] }) roles: string[];
  @ApiProperty({ format: 'uuid', nullable: true }) localAuthorityId: string | null;
  @ApiProperty({ enum: AGENCIES, nullable: true }) agency: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 1 }) version: number;
}
