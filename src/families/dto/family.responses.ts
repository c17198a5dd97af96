import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PERSON_KINDS, type PersonKind } from '../person.entity';

export class RelationshipResponse {
  @ApiProperty({ format: 'uuid' })
  childId: string;

  @ApiProperty({ example: 'mother' })
  relationship: string;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PERSON_KINDS })
  kind: PersonKind;

  @ApiProperty({ example: 'Amira' })
  firstName: string;

  @ApiProperty({ example: 'Khan' })
  lastName: string;

  @ApiProperty({ type: String, example: '2018-03-14', nullable: true })
  dateOfBirth: string | null;

  @ApiProperty({ type: String, enum: ['M', 'F', 'U'], nullable: true, example: 'F' })
  sex: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'A sex recorded as free text before census codes were kept, unchanged; choose sex to replace it',
  })
  sexAsRecorded: string | null;

  @ApiProperty({ nullable: true, example: 'girl' })
  gender: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'APKN',
    description: 'A DfE ethnicity code',
  })
  ethnicity: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'An ethnicity recorded as free text before the DfE codes were kept, unchanged (never mapped to a code)',
  })
  ethnicityAsRecorded: string | null;

  @ApiProperty({ type: [String], nullable: true, example: ['NONE'] })
  disabilities: string[] | null;

  @ApiProperty({ type: String, nullable: true, example: 'U820200101001' })
  upn: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  upnUnknownReason: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: null })
  expectedDateOfBirth: string | null;

  @ApiProperty({ nullable: true, example: 'Urdu' })
  language: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '9434765919',
    description: 'Stored as ten digits',
  })
  nhsNumber: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'LA000123' })
  laPersonId: string | null;

  @ApiProperty({ type: [RelationshipResponse], description: 'Relationship to each child' })
  relationships: RelationshipResponse[];
}

export class NetworkMemberResponse {
  @ApiProperty({
    format: 'uuid',
    description: 'The network member id (used by Family Network Plans)',
  })
  id: string;

  @ApiProperty({ format: 'uuid' })
  personId: string;

  @ApiProperty({ example: 'Farida' })
  firstName: string;

  @ApiProperty({ example: 'Khan' })
  lastName: string;

  @ApiProperty({ example: 'maternal grandmother' })
  relationship: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { phone: '07700 900123' },
    nullable: true,
  })
  contact: Record<string, string> | null;

  @ApiProperty({ type: String, nullable: true, example: '1961-07-02' })
  dateOfBirth: string | null;
}

export class FamilyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'Khan family' })
  name: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: [MemberResponse] })
  members: MemberResponse[];

  @ApiProperty({ type: [NetworkMemberResponse] })
  network: NetworkMemberResponse[];

  @ApiProperty({ example: '2026-01-04T09:30:00.000Z' })
  createdAt: string;
}

export class FamilySummaryMember {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PERSON_KINDS })
  kind: PersonKind;

  @ApiProperty({ example: 'Amira' })
  firstName: string;

  @ApiProperty({ example: 'Khan' })
  lastName: string;

  @ApiProperty({ type: String, nullable: true, example: '2018-03-14' })
  dateOfBirth: string | null;
}

export class FamilySummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'Khan family' })
  name: string | null;

  @ApiProperty({ example: '2026-01-04T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: [FamilySummaryMember] })
  members: FamilySummaryMember[];
}

export class FamilyPage {
  @ApiProperty({ type: [FamilySummary] })
  data: FamilySummary[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;
}
