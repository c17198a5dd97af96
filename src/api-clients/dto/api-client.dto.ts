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
import { ApprovalResponse } from 'src/approvals/dto/approval.dto';

export class CreateApiClientDto {
  @ApiProperty({ example: 'CIN census exporter' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    enum: SCOPES,
    isArray: true,
    example: ['export:read', 'events:read'],
    description:
      'Scopes within your own permissions are granted at once; case-content scopes and evaluation:read wait for a second approver',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes: Scope[];
}

export class UpdateApiClientDto {
  @ApiPropertyOptional({
    enum: SCOPES,
    isArray: true,
    example: ['export:read'],
    description:
      'The scopes the client should hold. Removing one, or adding one within your own permissions, applies at once; adding a case-content scope (or evaluation:read) waits for a second approver (pendingApproval)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCOPES, { each: true })
  scopes?: Scope[];

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

export class ApiClientChangeResponse extends ApiClientResponse {
  @ApiProperty({
    type: ApprovalResponse,
    nullable: true,
    description:
      'The scopes beyond your own permissions (case content, evaluation:read): asked for, not granted, until a second approver approves (POST /approvals/{id}/approve)',
  })
  pendingApproval: ApprovalResponse | null;
}

export class CreatedApiClientResponse extends ApiClientChangeResponse {
  @ApiProperty({ description: 'Shown once; store it securely' }) clientSecret: string;
}
