import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import type { Permission } from 'src/access/permissions';
import { AuditService } from 'src/audit/audit.service';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { actorLa } from 'src/common/tenancy';
import type { PersonResponse, UpdatePersonIdentifiersDto } from './dto/person-identifiers.dto';
import { normaliseNhsNumber } from './nhs-number';
import { identifierMet } from './person-identifiers';
import { PersonRepository, type PersonRow } from './person.repository';

type Row = PersonRow;

export const toResponse = (r: Row): PersonResponse => ({
  id: r.id,
  familyId: r.familyId,
  kind: r.kind,
  firstName: r.firstName,
  lastName: r.lastName,
  dateOfBirth: r.dateOfBirth,
  expectedDateOfBirth: r.expectedDateOfBirth,
  sex: r.sex,
  gender: r.gender,
  ethnicity: r.ethnicity,
  disabilities: r.disabilities,
  upn: r.upn,
  upnUnknownReason: r.upnUnknownReason,
  laPersonId: r.laPersonId,
  nhsNumber: r.nhsNumber,
  verificationSource: r.nhsVerificationSource,
  unverifiedReason: r.nhsUnverifiedReason,
  identifierRuleMet: identifierMet(r),
  version: r.version,
});

/** One person and their identifiers (NHS number, how it was verified, or why not). */
@Injectable()
export class PersonIdentifiersService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly persons: PersonRepository,
  ) {}

  /** The person `id` of the actor's LA, read through their family's verdict (404 otherwise). */
  async load(
    m: EntityManager,
    actor: Actor,
    permission: Permission,
    id: string,
    lock: boolean,
  ): Promise<Row> {
    const p = await this.persons.find(m, actorLa(actor), id, lock);
    // A person is read through their family's verdict (a restricted case closes it).
    if (!p?.familyId) throw notFound('Person');
    try {
      await this.access.requireFamily(m, actor, permission, p.familyId);
    } catch (err) {
      if ((err as { status?: number }).status === 404) throw notFound('Person');
      throw err;
    }
    return p;
  }

  async get(actor: Actor, id: string): Promise<PersonResponse> {
    const m = this.ds.manager;
    const p = await this.load(m, actor, 'family.read', id, false);
    await this.audit.record({
      action: 'person.read',
      recordType: 'person',
      recordId: id,
      childIds: p.kind === 'child' ? [id] : [],
    });
    return toResponse(p);
  }

  update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdatePersonIdentifiersDto,
  ): Promise<PersonResponse> {
    return this.ds.transaction(async (m) => {
      const p = await this.load(m, actor, 'family.update', id, true);
      if (p.version !== version) throw preconditionFailed();
      const next = {
        nhsNumber:
          dto.nhsNumber === undefined
            ? p.nhsNumber
            : dto.nhsNumber === null
              ? null
              : normaliseNhsNumber(dto.nhsNumber),
        nhsVerificationSource:
          dto.verificationSource === undefined
            ? dto.nhsNumber !== undefined && dto.nhsNumber !== p.nhsNumber
              ? null // a new number is unverified until its source is given
              : p.nhsVerificationSource
            : dto.verificationSource,
        nhsUnverifiedReason:
          dto.unverifiedReason === undefined
            ? p.nhsUnverifiedReason
            : (dto.unverifiedReason?.trim() ?? null),
      };
      if (next.nhsVerificationSource && !next.nhsNumber)
        throw validationFailed('verificationSource', 'needs an NHS number');
      try {
        await this.persons.setIdentifiers(m, actorLa(actor), id, next);
      } catch (err) {
        if ((err as { constraint?: string }).constraint === 'ux_person_la_nhs_number')
          throw conflict(
            'nhs_number_in_use',
            'Someone in this local authority already has that NHS number',
          );
        throw err;
      }
      const changes: Record<string, { before: unknown; after: unknown }> = {};
      const before = {
        nhsNumber: p.nhsNumber,
        verificationSource: p.nhsVerificationSource,
        unverifiedReason: p.nhsUnverifiedReason,
      };
      const after = {
        nhsNumber: next.nhsNumber,
        verificationSource: next.nhsVerificationSource,
        unverifiedReason: next.nhsUnverifiedReason,
      };
      for (const k of Object.keys(before) as (keyof typeof before)[])
        if (before[k] !== after[k]) changes[k] = { before: before[k], after: after[k] };
      await this.audit.record(
        {
          action: 'person.identifiers',
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
