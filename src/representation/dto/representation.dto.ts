import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsOmittable } from 'src/common/validation';
import { PageQueryDto } from 'src/common/pagination';
import { IsCalendarDate } from 'src/common/is-calendar-date';
import {
  REPRESENTATION_KINDS,
  REPRESENTATION_RESPONSES,
  type RepresentationKind,
  type RepresentationResponse,
} from '../parent-representation.entity';

export class CreateRepresentationDto {
  @ApiProperty({
    format: 'uuid',
    example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10',
    description: "An adult member of the case's family",
  })
  @IsUUID()
  parentId: string;

  @ApiProperty({ enum: REPRESENTATION_KINDS, example: 'advocate' })
  @IsIn(REPRESENTATION_KINDS)
  kind: RepresentationKind;

  @ApiProperty({ example: 'Family Rights Group advocacy service' })
  @IsString()
  @Matches(/\S/, { message: 'organisation must not be blank' })
  @MaxLength(200)
  organisation: string;

  @ApiPropertyOptional({ example: 'advocacy@example.org.uk, 0300 123 4567' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  contact?: string;

  @ApiProperty({ example: '2025-11-24', description: 'When it was offered (not in the future)' })
  @IsCalendarDate()
  offeredOn: string;

  @ApiProperty({ enum: REPRESENTATION_RESPONSES, example: 'pending' })
  @IsIn(REPRESENTATION_RESPONSES)
  response: RepresentationResponse;

  @ApiPropertyOptional({
    example: '2025-11-25',
    description:
      'When the parent accepted or declined (required unless pending; defaults to offeredOn)',
  })
  @IsOptional()
  @IsCalendarDate()
  respondedOn?: string;
}

export class UpdateRepresentationDto {
  @ApiProperty({ enum: ['accepted', 'declined'], example: 'accepted' })
  @IsIn(['accepted', 'declined'])
  response: 'accepted' | 'declined';

  @ApiProperty({ example: '2025-11-25', description: 'Not before the offer, not in the future' })
  @IsCalendarDate()
  respondedOn: string;
}

export class LetterBeforeProceedingsDto {
  @ApiProperty({
    example: '2025-11-26',
    description:
      'When the letter was sent: on or after the pre-proceedings decision, not in the future',
  })
  @IsCalendarDate()
  sentOn: string;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    example: ['3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10'],
    description:
      'The FGDM offers the letter carries (s31ZA): together they must reach every parent and person with PR of the children, unless exemptionId covers them (409 fgdm_offer_required)',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  fgdmOfferIds?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    example: '3b0c7a52-8f6e-4d1a-9c2b-5e7f1a2d4c60',
    description: 'An FGDM exemption of the case authorised by a service manager',
  })
  @IsOmittable()
  @IsUUID()
  exemptionId?: string;
}

export class RepresentationResponseDto {
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) id: string;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' }) caseId: string;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  parentId: string;
  @ApiProperty({ example: 'Parent' }) parentFirstName: string;
  @ApiProperty({ example: 'Hassan' }) parentLastName: string;
  @ApiProperty({ enum: REPRESENTATION_KINDS, example: 'advocate' }) kind: RepresentationKind;
  @ApiProperty({ example: 'Family Rights Group advocacy service' }) organisation: string;
  @ApiProperty({ type: String, nullable: true, example: 'advocacy@example.org.uk' })
  contact: string | null;
  @ApiProperty({ example: '2025-11-24' }) offeredOn: string;
  @ApiProperty({ enum: REPRESENTATION_RESPONSES, example: 'pending' })
  response: RepresentationResponse;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  respondedOn: string | null;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  recordedById: string;
  @ApiProperty({ example: '2025-11-24T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ example: 1 }) version: number;
}

export class LetterResponse {
  @ApiProperty({ example: '2025-11-26' }) sentOn: string;
  @ApiProperty({ example: '2025-11-25', description: 'The pre-proceedings decision it belongs to' })
  preProceedingsStartedOn: string;
  @ApiProperty({ format: 'uuid', example: '3f6c1e2a-7b4d-4c8e-9a21-5d0f8e6b7c10' })
  recordedById: string;
}

export class RepresentationPage {
  @ApiProperty({ type: [RepresentationResponseDto] }) data: RepresentationResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
  @ApiProperty({
    type: LetterResponse,
    nullable: true,
    description: 'The latest letter before proceedings on the case, if any',
  })
  letterBeforeProceedings: LetterResponse | null;
}

export class RepresentationQueryDto extends PageQueryDto {}
