import type { FamilyMemberDto } from './dto/family.dto';
import type { FamilyResponse } from './dto/family.responses';
import type { PersonKind } from './person.entity';

export interface PersonInput {
  kind: PersonKind;
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  sex?: string | null;
  gender?: string | null;
  ethnicity?: string | null;
  language?: string | null;
  nhsNumber?: string | null;
  laPersonId?: string | null;
  disabilities?: string[] | null;
  upn?: string | null;
  upnUnknownReason?: string | null;
  expectedDateOfBirth?: string | null;
}

export interface FamilySearch {
  words: string[];
  dateOfBirth: string | null;
  limit: number;
  after: [string, string] | null;
  /** Hides families the actor may not see (restricted cases); pushes its own parameters. */
  visibleSql: (alias: string, params: unknown[]) => string;
}

export interface FamilyRow {
  id: string;
  name: string | null;
  version: number;
  createdAt: Date;
}

export function toFamily(f: FamilyRow): Omit<FamilyResponse, 'members' | 'network'> {
  return {
    id: f.id,
    name: f.name,
    version: f.version,
    createdAt: new Date(f.createdAt).toISOString(),
  };
}

export function personInput(dto: FamilyMemberDto): PersonInput {
  return {
    kind: dto.kind,
    firstName: dto.firstName,
    lastName: dto.lastName,
    dateOfBirth: dto.dateOfBirth,
    sex: dto.sex,
    gender: dto.gender,
    ethnicity: dto.ethnicity,
    language: dto.language,
    nhsNumber: dto.nhsNumber,
    laPersonId: dto.laPersonId,
    disabilities: dto.disabilities,
    upn: dto.upn,
    upnUnknownReason: dto.upnUnknownReason,
    expectedDateOfBirth: dto.expectedDateOfBirth,
  };
}
