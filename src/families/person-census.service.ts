import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService } from 'src/audit/audit.service';
import { preconditionFailed, validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import type { PersonResponse } from './dto/person-identifiers.dto';
import type { UpdatePersonDto } from './dto/person-census.dto';
import { PersonIdentifiersService, toResponse } from './person-identifiers.service';
import { PersonRepository, type PersonCensus } from './person.repository';

const FIELDS: (keyof PersonCensus)[] = [
  'sex',
  'gender',
  'ethnicity',
  'disabilities',
  'upn',
  'upnUnknownReason',
  'dateOfBirth',
  'expectedDateOfBirth',
  'laPersonId',
];

/**
 * The census details of a person after a PATCH (pure): a field left out keeps its value, `null`
 * clears it; a UPN given clears the reason for having none, a date of birth given (a birth)
 * clears the expected one. 400 naming the field when the result holds both of either pair.
 */
export function nextCensus(p: PersonCensus, dto: UpdatePersonDto): PersonCensus {
  const pick = <K extends keyof PersonCensus>(k: K): PersonCensus[K] =>
    dto[k] === undefined ? p[k] : (dto[k] as PersonCensus[K]);
  const next = Object.fromEntries(FIELDS.map((k) => [k, pick(k)])) as unknown as PersonCensus;
  if (next.gender !== null) next.gender = next.gender.trim() || null;
  if (dto.upn && dto.upnUnknownReason === undefined) next.upnUnknownReason = null;
  if (dto.dateOfBirth && dto.expectedDateOfBirth === undefined) next.expectedDateOfBirth = null;
  if (next.upn && next.upnUnknownReason)
    throw validationFailed('upnUnknownReason', 'cannot be given with a upn');
  if (next.dateOfBirth && next.expectedDateOfBirth)
    throw validationFailed('expectedDateOfBirth', 'is for an unborn child: not with dateOfBirth');
  return next;
}

/** Changing a person's census details (PATCH /persons/:id): If-Match, one audit row. */
@Injectable()
export class PersonCensusService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly persons: PersonIdentifiersService,
    private readonly audit: AuditService,
    private readonly rows: PersonRepository,
  ) {}

  update(actor: Actor, id: string, version: number, dto: UpdatePersonDto): Promise<PersonResponse> {
    return this.ds.transaction(async (m) => {
      const p = await this.persons.load(m, actor, 'family.update', id, true);
      if (p.version !== version) throw preconditionFailed();
      const next = nextCensus(p, dto);
      await this.rows.setCensus(m, actorLa(actor), id, next);
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      for (const k of FIELDS)
        if (JSON.stringify(p[k]) !== JSON.stringify(next[k]))
          changes[k] = { before: p[k], after: next[k] };
      await this.audit.record(
        {
          action: 'person.census',
          recordType: 'person',
          recordId: id,
          childIds: p.kind === 'child' ? [id] : [],
          changes,
        },
        m,
      );
      return toResponse({ ...p, ...next, version: p.version + 1 });
    });
  }
}
