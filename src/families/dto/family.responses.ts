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

  @ApiProperty({ example: '2019-03-14', nullable: true })
  dateOfBirth: string | null;

  @ApiProperty({ nullable: true, example: 'female' })
  sex: string | null;

  @ApiProperty({ nullable: true, example: 'girl' })
  gender: string | null;

  @ApiProperty({ nullable: true, example: 'APKN' })
  ethnicity: string | null;

  @ApiProperty({ nullable: true, example: 'Urdu' })
  language: string | null;

  @ApiProperty({ nullable: true, example: '9434765919', description: 'Stored as ten digits' })
  nhsNumber: string | null;

  @ApiProperty({ nullable: true, example: 'LA-000123' })
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

  @ApiProperty({ nullable: true, example: '1961-07-02' })
  dateOfBirth: string | null;
}

export class FamilyResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, example: 'Khan family' })
  name: string | null;

  @ApiProperty({ example: 1 })
  version: number;

  @ApiProperty({ type: [MemberResponse] })
  members: MemberResponse[];

  @ApiProperty({ type: [NetworkMemberResponse] })
  network: NetworkMemberResponse[];

  @ApiProperty({ example: '2027-01-04T09:30:00.000Z' })
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

  @ApiProperty({ nullable: true, example: '2019-03-14' })
  dateOfBirth: string | null;
}

export class FamilySummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ nullable: true, example: 'Khan family' })
  name: string | null;

  @ApiProperty({ example: '2027-01-04T09:30:00.000Z' })
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
