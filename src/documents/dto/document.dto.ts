import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from 'src/common/pagination';
import { ATTACHMENT_TYPES, type AttachmentType } from '../case-document.entity';

export class AttachedToDto {
  @ApiProperty({ enum: ATTACHMENT_TYPES, example: 'assessment' })
  @IsIn(ATTACHMENT_TYPES)
  type: AttachmentType;

  @ApiProperty({
    format: 'uuid',
    example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10',
    description: 'An assessment, meeting or plan of the same case',
  })
  @IsUUID()
  id: string;
}

/** A JSON string (one multipart field) or bracketed fields (`attachedTo[type]`, `attachedTo[id]`). */
function parseAttachedTo({ value }: { value: unknown }): unknown {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
    ? plainToInstance(AttachedToDto, parsed)
    : parsed;
}

/** The text fields of the multipart upload (the file itself is the part `file`). */
export class UploadDocumentDto {
  @ApiProperty({ example: 'Child and family assessment — signed' })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({
    type: AttachedToDto,
    description:
      'What on the case the document belongs to. In multipart: a JSON string, or the fields attachedTo[type] and attachedTo[id]',
  })
  @IsOptional()
  @Transform(parseAttachedTo)
  @IsObject()
  @ValidateNested()
  attachedTo?: AttachedToDto;
}

export class ListDocumentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ATTACHMENT_TYPES })
  @IsOptional()
  @IsIn(ATTACHMENT_TYPES)
  attachedToType?: AttachmentType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  attachedToId?: string;
}

export class AttachedToResponse {
  @ApiProperty({ enum: ATTACHMENT_TYPES, example: 'assessment' }) type: AttachmentType;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) id: string;
}

export class DocumentResponse {
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) id: string;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) caseId: string;
  @ApiProperty({ example: 'Child and family assessment — signed' }) title: string;
  @ApiProperty({
    example: 'application/pdf',
    description: "Found from the file's magic bytes, never from its name",
  })
  contentType: string;
  @ApiProperty({ example: 'pdf' }) extension: string;
  @ApiProperty({ example: 48213, description: 'Bytes' }) size: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  sha256: string;
  @ApiProperty({ type: AttachedToResponse, nullable: true }) attachedTo: AttachedToResponse | null;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  uploadedById: string;
  @ApiProperty({ example: '2026-01-04T09:30:00.000Z' }) uploadedAt: string;
}

export class DocumentPage {
  @ApiProperty({ type: [DocumentResponse] }) data: DocumentResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
