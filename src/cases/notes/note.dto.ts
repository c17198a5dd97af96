import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  isISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  registerDecorator,
} from 'class-validator';

/** An ISO 8601 date-time with a time zone (Z or ±hh:mm), not in the future (5 minutes' skew). */
function IsPastDateTime(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isPastDateTime',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an ISO 8601 date-time with a time zone, not in the future`,
      },
      validator: {
        validate: (v: unknown) => {
          if (
            typeof v !== 'string' ||
            !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(v)
          )
            return false;
          // strict: a real calendar date (2026-02-30 is not; Date.parse would roll it over).
          if (!isISO8601(v, { strict: true, strictSeparator: true })) return false;
          const t = Date.parse(v);
          return !Number.isNaN(t) && t <= Date.now() + 5 * 60_000 && t >= Date.parse('1990-01-01');
        },
      },
    });
}

export class CreateNoteDto {
  @ApiProperty({
    example: 'Home visit. Amira seen alone in her room; said school is going better.',
  })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(20000)
  body: string;

  @ApiPropertyOptional({
    example: '2025-10-06T14:30:00Z',
    description: 'When what the note records happened (defaults to now); not in the future',
  })
  @IsOptional()
  @IsPastDateTime()
  recordedAt?: string;
}

export class UpdateNoteDto {
  @ApiPropertyOptional({ example: 'Home visit. Amira seen alone; said school is going better.' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(20000)
  body?: string;

  @ApiPropertyOptional({ example: '2025-10-06T14:30:00Z' })
  @IsOptional()
  @IsPastDateTime()
  recordedAt?: string;
}

export class CreateAddendumDto {
  @ApiProperty({ example: 'Correction: the visit was on Wednesday, not Tuesday.' })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(20000)
  body: string;
}

export class AddendumResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  @ApiProperty({ enum: ['user', 'client'] })
  authorType: string;

  @ApiProperty({ example: 'Correction: the visit was on Wednesday, not Tuesday.' })
  body: string;

  @ApiProperty({ example: '2026-01-07T09:00:00.000Z' })
  createdAt: string;
}

export class NoteResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  caseId: string;

  @ApiProperty({ format: 'uuid' })
  authorId: string;

  @ApiProperty({ enum: ['user', 'client'] })
  authorType: string;

  @ApiProperty({ example: 'Home visit. Amira seen alone in her room.' })
  body: string;

  @ApiProperty({ example: '2026-01-06T14:30:00.000Z' })
  recordedAt: string;

  @ApiProperty({ example: '2026-01-06T15:02:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-01-06T15:02:00.000Z' })
  updatedAt: string;

  @ApiProperty({
    example: '2026-01-06T15:17:00.000Z',
    description: 'Until then the author may correct the note (PATCH); afterwards only addenda',
  })
  editableUntil: string;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: [AddendumResponse] })
  addenda: AddendumResponse[];
}

export class NotePage {
  @ApiProperty({ type: [NoteResponse] })
  data: NoteResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
