import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { APPROVAL_KINDS } from '../dual-control';

const STATUSES = ['pending', 'approved', 'refused'] as const;

export class ListApprovalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: STATUSES, example: 'pending' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for the platform admin' })
  @IsOptional()
  @IsUUID()
  localAuthorityId?: string;
}

export class RefuseApprovalDto {
  @ApiProperty({ example: 'Not agreed at the service management meeting' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason: string;
}

export class ApprovalResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) localAuthorityId: string;
  @ApiProperty({ enum: APPROVAL_KINDS, example: 'user.create' }) kind: string;
  @ApiProperty({ enum: STATUSES, example: 'pending' }) status: string;
  @ApiProperty({ format: 'uuid' }) requestedById: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  subjectUserId: string | null;
  @ApiProperty({
    description:
      'What the change grants: roles, scopes, email, name, teamId, apiClientId (never a password)',
    example: { email: 'sam.patel@northshire.gov.uk', name: 'Sam Patel', roles: ['ecpp'] },
  })
  summary: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2025-12-01T09:30:00.000000Z' })
  requestedAt: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) decidedById: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The user, team or API client the approved change made or changed',
  })
  resultId: string | null;
  @ApiProperty({ example: 1 }) version: number;
}
