import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsDateOnly } from 'src/families/dto/validators';

/** Why a child joins an open case (docs/conferences.md, "Children of a case"). */
export const ADD_CHILD_REASONS = [
  'born',
  'unborn',
  'moved_in',
  'returned_home',
  'newly_identified',
] as const;
export type AddChildReason = (typeof ADD_CHILD_REASONS)[number];

export class AddCaseChildDto {
  @ApiProperty({
    format: 'uuid',
    example: '0b6f1c52-3a4e-4c1b-9d55-7f2a8e0c1d11',
    description:
      "A child of the case's family (add them to the family first: POST /families/:id/members); an unborn child is a person with expectedDateOfBirth",
  })
  @IsUUID()
  personId: string;

  @ApiProperty({
    enum: ADD_CHILD_REASONS,
    example: 'born',
    description:
      '`born` (a baby born into the family: the person has a dateOfBirth), `unborn` (expected: the person has an expectedDateOfBirth and no dateOfBirth), `moved_in`, `returned_home`, `newly_identified`',
  })
  @IsIn(ADD_CHILD_REASONS)
  reason: AddChildReason;

  @ApiProperty({
    format: 'date',
    example: '2026-02-10',
    description:
      "The date the child joined the case: not in the future, not before the referral, not before a born child's birth",
  })
  @IsDateOnly()
  addedOn: string;
}

export class RecordBirthDto {
  @ApiProperty({
    format: 'date',
    example: '2026-03-02',
    description: 'The date of birth of a child of the case recorded unborn: not in the future',
  })
  @IsDateOnly()
  dateOfBirth: string;
}

export class CaseChildRecord {
  @ApiProperty({ format: 'uuid', example: '0b6f1c52-3a4e-4c1b-9d55-7f2a8e0c1d11' })
  personId: string;

  @ApiProperty({ example: 'Ava' })
  firstName: string;

  @ApiProperty({ example: 'Morgan' })
  lastName: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-02' })
  dateOfBirth: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2026-03-09' })
  expectedDateOfBirth: string | null;

  @ApiProperty({ example: false, description: 'No date of birth yet: an expected child' })
  unborn: boolean;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    example: '2026-02-10',
    description: 'When the child was added; null for a child named at referral',
  })
  addedOn: string | null;

  @ApiProperty({
    type: String,
    enum: ADD_CHILD_REASONS,
    nullable: true,
    example: 'unborn',
    description: 'Why the child was added; null for a child named at referral',
  })
  reason: AddChildReason | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: null })
  addedById: string | null;
}

export class CaseChildRecordPage {
  @ApiProperty({ type: [CaseChildRecord] })
  data: CaseChildRecord[];

  @ApiProperty({ type: String, nullable: true, example: null })
  nextCursor: string | null;
}
