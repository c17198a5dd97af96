import { IsOmittable } from 'src/common/validation';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { SCOPES, type Scope } from 'src/access/roles';

export class CreateApiClientDto {
  @ApiProperty({ example: 'CIN census exporter' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: SCOPES, isArray: true, example: ['cases:read', 'export:read'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];
}

export class UpdateApiClientDto {
  @ApiPropertyOptional({ description: 'false revokes the client; its tokens stop working at once' })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

export class ApiClientResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CIN census exporter' }) name: string;
  @ApiProperty({ example: 'tdm_9f8e7d6c5b4a3921' }) clientId: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ example: 1 }) version: number;
}

export class CreatedApiClientResponse extends ApiClientResponse {
  @ApiProperty({ description: 'Shown once; store it securely' }) clientSecret: string;
}
