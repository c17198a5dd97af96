import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { AGENCIES, Agency } from 'src/access/roles';
import { PageQueryDto } from 'src/common/pagination';
import { IsOmittable } from 'src/common/validation';
import {
  SHARE_END_REASONS,
  SHARED_RECORD_TYPES,
  SHARING_DIRECTIONS,
  SHARING_RECORD_TYPES,
  type ShareEndReason,
  type SharedRecordType,
  type SharingDirection,
  type SharingRecordType,
} from '../information-sharing-record.entity';
import {
  LAWFUL_BASES,
  LawfulBasis,
  RECORDED_BASES,
  UK_GDPR_CONDITIONS,
  type RecordedBasis,
  type UkGdprCondition,
} from '../lawful-basis';
import { PlanChildResponse, trim } from './child.dto';

export class AddPartnerDto {
  @ApiProperty({ format: 'uuid', description: 'A `partner` user of this local authority' })
  @IsUUID()
  userId: string;

  @ApiProperty({ enum: LAWFUL_BASES, example: 'children_act_2004_s11' })
  @IsIn(LAWFUL_BASES)
  lawfulBasis: LawfulBasis;

  @ApiPropertyOptional({
    example: 'The safety plan and the police actions',
    description: 'What is shared, in words (default: a description of the record)',
  })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  what?: string;
}

/** An information-sharing record: a share and, once ended, its end; or an information request
 * sent (outbound) and an answer or document received (inbound). */
export class SharingRecordResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-01-21T10:00:00.000Z', description: 'When it was shared' })
  at: string;
  @ApiProperty({
    format: 'uuid',
    description: 'Who disclosed: staff for outbound, the answering partner for inbound',
  })
  sharedById: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Who received it: the partner (outbound) or the request’s sender (inbound); null for a request addressed to an agency’s members',
  })
  withUserId: string | null;
  @ApiProperty({ example: 'DC Amy Reid', nullable: true, type: String })
  withUserName: string | null;
  @ApiProperty({
    enum: AGENCIES,
    description: 'The other agency: the one disclosed to (outbound) or from (inbound)',
  })
  agency: Agency;
  @ApiProperty({ example: 'Child Community Safety Plan (content and actions)' }) what: string;
  @ApiProperty({ enum: SHARING_RECORD_TYPES }) recordType: SharingRecordType;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) childIds: string[];
  @ApiProperty({
    enum: RECORDED_BASES,
    description: 'The lawful basis of a share, or the statutory gateway of a request',
  })
  lawfulBasis: RecordedBasis;
  @ApiProperty({ enum: SHARING_DIRECTIONS, example: 'outbound' }) direction: SharingDirection;
  @ApiProperty({
    enum: UK_GDPR_CONDITIONS,
    nullable: true,
    type: String,
    description: 'An information request’s UK GDPR condition (null for a share)',
  })
  ukGdprCondition: UkGdprCondition | null;
  @ApiPropertyOptional({ nullable: true, type: String }) endedAt: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Who ended the share; null when the system ended it (see endReason)',
  })
  endedById: string | null;
  @ApiPropertyOptional({
    enum: SHARE_END_REASONS,
    nullable: true,
    description:
      'Set when the share ended by itself: its plan ended (plan_ended), or its partner changed agency (agency_changed) or stopped being a partner (partner_removed)',
  })
  endReason: ShareEndReason | null;
}

export class InformationSharingQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  childId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  caseId?: string;
}

/** What is shared with the calling partner: no case id, only the record and its children. */
export class PartnerSharedItemResponse {
  @ApiProperty({ enum: SHARED_RECORD_TYPES }) recordType: SharedRecordType;
  @ApiProperty({ format: 'uuid' }) recordId: string;
  @ApiProperty({ example: 'Child Community Safety Plan' }) what: string;
  @ApiProperty({ enum: LAWFUL_BASES }) lawfulBasis: LawfulBasis;
  @ApiProperty({ example: '2026-01-21T10:00:00.000Z' }) sharedAt: string;
  @ApiProperty({ example: 'active' }) status: string;
  @ApiProperty({ type: [PlanChildResponse] }) children: PlanChildResponse[];
}

export class PartnerSharedQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SHARED_RECORD_TYPES })
  @IsOptional()
  @IsIn(SHARED_RECORD_TYPES)
  recordType?: SharedRecordType;
}
