import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { AuditService } from 'src/audit/audit.service';
import {
  conflict,
  FieldError,
  notFound,
  preconditionFailed,
  validationFailed,
} from 'src/common/domain-error';
import { flattenValidationErrors, validationException } from 'src/common/validation';
import { ParentalResponsibilityResponse, PrEntryDto } from './dto/parental-responsibility.dto';
import { ParentalResponsibilityRepository, PrRow } from './parental-responsibility.repository';

/** The body of the PUT is a bare array: each item validated like a DTO (fields `[i].name`). */
export function parsePrEntries(body: unknown): PrEntryDto[] {
  if (!Array.isArray(body))
    throw validationException([{ field: 'body', message: 'body must be an array of entries' }]);
  if (body.length < 1 || body.length > 50)
    throw validationException([{ field: 'body', message: 'between 1 and 50 entries' }]);
  const errors: FieldError[] = [];
  const out = body.map((item: unknown, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ field: `[${i}]`, message: 'each entry must be an object' });
      return null as unknown as PrEntryDto;
    }
    const dto = plainToInstance(PrEntryDto, item);
    const e = validateSync(dto, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: true },
    });
    errors.push(...flattenValidationErrors(e, `[${i}]`));
    return dto;
  });
  if (errors.length) throw validationException(errors);
  return out;
}

/**
 * Parental responsibility per adult and child (docs/before-proceedings.md): a family's adult
 * has one versioned record listing the children they do or do not hold PR for, and on what
 * basis. A PUT replaces the whole record under If-Match (the old rows are kept, superseded).
 */
@Injectable()
export class ParentalResponsibilityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: AccessService,
    private readonly repo: ParentalResponsibilityRepository,
    private readonly audit: AuditService,
  ) {}

  async get(
    actor: Actor,
    familyId: string,
    personId: string,
  ): Promise<ParentalResponsibilityResponse> {
    const f = await this.access.requireFamily(this.ds.manager, actor, 'family.read', familyId);
    const m = this.ds.manager;
    await this.requireAdult(m, f.localAuthorityId, familyId, personId);
    const cur = await this.repo.current(m, f.localAuthorityId, personId);
    return { familyId, personId, version: cur.version, entries: cur.entries };
  }

  put(
    actor: Actor,
    familyId: string,
    personId: string,
    ifMatch: number,
    body: unknown,
  ): Promise<ParentalResponsibilityResponse> {
    const entries = parsePrEntries(body);
    return this.ds.transaction(async (m) => {
      const f = await this.access.requireFamily(m, actor, 'family.update', familyId, {
        lock: true,
      });
      const la = f.localAuthorityId;
      await this.requireAdult(m, la, familyId, personId);
      const children = await this.repo.childIds(m, la, familyId);
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        if (!children.includes(e.childId))
          throw validationFailed(`[${i}].childId`, 'not a child of this family');
        if (seen.has(e.childId))
          throw validationFailed(`[${i}].childId`, 'each child appears once');
        seen.add(e.childId);
      });
      const before = await this.repo.current(m, la, personId);
      if (before.version !== ifMatch) throw preconditionFailed();
      const rows: PrRow[] = entries.map((e) => ({
        childId: e.childId,
        hasPR: e.hasPR,
        basis: e.hasPR ? e.basis! : (e.basis ?? null),
      }));
      const version = before.version + 1;
      await this.repo.write(m, la, {
        familyId,
        adultId: personId,
        version,
        entries: rows,
        by: actor.id,
      });
      await this.audit.record(
        {
          action: 'parental_responsibility.record',
          recordType: 'person',
          recordId: personId,
          childIds: rows.map((r) => r.childId),
          changes: { parentalResponsibility: { before: before.entries, after: rows } },
          metadata: { familyId, version },
        },
        m,
      );
      const after = await this.repo.current(m, la, personId);
      return { familyId, personId, version: after.version, entries: after.entries };
    });
  }

  private async requireAdult(
    m: Parameters<ParentalResponsibilityRepository['member']>[0],
    la: string,
    familyId: string,
    personId: string,
  ): Promise<void> {
    const p = await this.repo.member(m, la, familyId, personId);
    if (!p) throw notFound('Family member');
    if (p.kind !== 'adult')
      throw conflict(
        'not_an_adult',
        'Parental responsibility is recorded for an adult of the family',
      );
  }
}
