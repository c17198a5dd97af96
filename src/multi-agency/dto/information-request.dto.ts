import { DocumentResponse } from 'src/documents/dto/document.dto';
import { IsInstantInRange } from 'src/common/is-calendar-date';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AGENCIES, type Agency } from 'src/access/roles';
import { PageQueryDto } from 'src/common/pagination';
import { IsOmittable } from 'src/common/validation';
import {
  GATEWAYS,
  REQUEST_STATUSES,
  UK_GDPR_CONDITIONS,
  type Gateway,
  type RequestStatus,
  type UkGdprCondition,
} from '../information-request.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SendInformationRequestDto {
  @ApiPropertyOptional({
    format: 'uuid',
    example: '5b0c3f1e-8a2d-4c7b-9e61-2f4a8d9c1b07',
    description: 'A partner or MACPT member of the LA (or recipientAgency, not both)',
  })
  @IsOmittable()
  @IsUUID()
  recipientUserId?: string;

  @ApiPropertyOptional({
    enum: AGENCIES,
    example: 'health',
    description: 'Every partner and MACPT member of this agency in the LA (or recipientUserId)',
  })
  @IsOmittable()
  @IsIn(AGENCIES)
  recipientAgency?: Agency;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['0b6f7a4e-8a7c-4c53-9a55-3f2f4f1c1d01'],
    description: "The children asked about (default: the discussion's, or the case's)",
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  childIds?: string[];

  @ApiProperty({
    type: [String],
    example: ['Is the child registered with the practice?', 'Any injuries seen in the last year?'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value,
  )
  @IsString({ each: true })
  @MinLength(3, { each: true })
  @MaxLength(2000, { each: true })
  questions: string[];

  @ApiPropertyOptional({ example: '14 Mill Lane, Northtown NT1 2AB' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  address?: string;

  @ApiProperty({ enum: GATEWAYS, example: 'children_act_1989_s47_9' })
  @IsIn(GATEWAYS)
  gateway: Gateway;

  @ApiProperty({ enum: UK_GDPR_CONDITIONS, example: 'uk_gdpr_6_1_e_public_task' })
  @IsIn(UK_GDPR_CONDITIONS)
  ukGdprCondition: UkGdprCondition;

  @ApiPropertyOptional({
    example: '2025-12-18T10:00:00Z',
    description: "When the answer is due (an ISO datetime; default the discussion's start)",
  })
  @IsOmittable()
  @IsISO8601({ strict: true })
  @IsInstantInRange()
  dueAt?: string;
}

/** The text field of the multipart upload of a document to an answer (the file is `file`). */
export class AnswerDocumentDto {
  @ApiProperty({ example: 'Health visitor record, 12-month review' })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title: string;
}

export class AnswerDto {
  @ApiPropertyOptional({ example: 'Seen at 12 months for a routine review; no injuries noted.' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  text?: string;

  @ApiPropertyOptional({ example: false, description: 'The agency holds nothing about the child' })
  @IsOmittable()
  @IsBoolean()
  nothingKnown?: boolean;
}

export class DeclineDto {
  @ApiProperty({
    example:
      'Sharing the pending police enquiry now would prejudice it and put the child at greater risk.',
    description:
      'Why the agency withholds: its judgement that sharing would be more detrimental to the child (at least 20 characters)',
  })
  @Transform(trim)
  @IsString()
  @MinLength(20, { message: 'reason must be at least 20 characters' })
  @MaxLength(5000)
  reason: string;
}

export const INBOX_STATUSES = ['open', 'overdue', 'answered'] as const;

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: INBOX_STATUSES })
  @IsOmittable()
  @IsIn(INBOX_STATUSES)
  status?: (typeof INBOX_STATUSES)[number];

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'Only those addressed to me (or my agency), or sent by me',
  })
  @IsOmittable()
  @IsIn(['true', 'false'])
  mine?: 'true' | 'false';
}

export class RequestChildResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Mia' }) firstName: string;
  @ApiProperty({ example: 'Hart' }) lastName: string;
  @ApiProperty({ example: '2024-08-02', nullable: true, type: String }) dateOfBirth: string | null;
  @ApiProperty({ example: '9434765919', nullable: true, type: String }) nhsNumber: string | null;
}

/** What the addressee sees (and the sender too, with the case's id). */
export class InformationRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: REQUEST_STATUSES }) status: RequestStatus;
  @ApiProperty({ description: 'Open and past its due time (derived)' }) overdue: boolean;
  @ApiProperty({ type: [RequestChildResponse] }) children: RequestChildResponse[];
  @ApiProperty({ nullable: true, type: String }) address: string | null;
  @ApiProperty({ type: [String] }) questions: string[];
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: GATEWAYS }) gateway: Gateway;
  @ApiProperty({ enum: UK_GDPR_CONDITIONS }) ukGdprCondition: UkGdprCondition;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) recipientUserId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'DC Sam Hollis' })
  recipientName: string | null;
  @ApiProperty({ enum: AGENCIES, nullable: true, type: String }) recipientAgency: string | null;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) respondedById: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'DC Sam Hollis' })
  respondedByName: string | null;
  @ApiProperty({ nullable: true, type: String }) answerText: string | null;
  @ApiProperty() nothingKnown: boolean;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({
    type: [DocumentResponse],
    description: 'Documents attached to the answer (staff: every document attached to the request)',
  })
  documents: DocumentResponse[];
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: the case' }) caseId?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Staff only' })
  discussionId?: string | null;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only' }) sentById?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'Jo Practitioner',
    description: 'Staff only',
  })
  sentByName?: string | null;
}
