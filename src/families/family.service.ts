import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AccessService } from 'src/access/access.service';
import { familyFilterSql } from 'src/access/verdict-scopes';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { badRequest, conflict, FieldError, preconditionFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE } from 'src/common/pagination';
import { updateVersioned } from 'src/common/sql';
import { actorLa } from 'src/common/tenancy';
import {
  CreateFamilyDto,
  FamilyMemberDto,
  ListFamiliesQueryDto,
  UpdateFamilyDto,
} from './dto/family.dto';
import { CreateNetworkMemberDto } from './dto/network-member.dto';
import type {
  FamilyPage,
  FamilyResponse,
  MemberResponse,
  NetworkMemberResponse,
} from './dto/family.responses';
import { DOB_MIN, isDateOnly, todayInLondon } from './dto/validators';
import { FamilyRepository, personInput } from './family.repository';
import { planRelationships } from './family-relationships';
import { normaliseNhsNumber } from './nhs-number';

@Injectable()
export class FamilyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly families: FamilyRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateFamilyDto): Promise<FamilyResponse> {
    const la = actorLa(actor);
    const plan = planRelationships(dto.members, []);
    return this.ds.transaction(async (m) => {
      await this.assertNhsNumbersFree(m, la, dto.members, 'members');
      const family = await this.families.insertFamily(m, la, dto.name?.trim() || null);
      const ids: string[] = [];
      for (const member of dto.members)
        ids.push(await this.families.insertPerson(m, la, family.id, personInput(member)));
      await this.families.insertRelationships(m, plan.resolve(ids));
      const children = ids.filter((_, i) => dto.members[i].kind === 'child');
      await this.audit.record(
        {
          action: 'family.create',
          recordType: 'family',
          recordId: family.id,
          childIds: children,
          changes: { name: { before: null, after: family.name } },
          metadata: { memberIds: ids },
        },
        m,
      );
      const members = await this.families.membersByIds(m, ids);
      return {
        id: family.id,
        name: family.name,
        version: family.version,
        createdAt: new Date(family.createdAt).toISOString(),
        members,
        network: [],
      };
    });
  }

  async get(actor: Actor, familyId: string): Promise<FamilyResponse> {
    const f = await this.access.requireFamily(this.ds.manager, actor, 'family.read', familyId);
    const family = (await this.families.family(this.ds.manager, f.localAuthorityId, familyId))!;
    await this.audit.record({
      action: 'family.read',
      recordType: 'family',
      recordId: familyId,
      childIds: family.members.filter((p) => p.kind === 'child').map((p) => p.id),
    });
    return family;
  }

  async list(actor: Actor, q: ListFamiliesQueryDto): Promise<FamilyPage> {
    const la = actorLa(actor);
    const search = q.search?.trim() ?? '';
    const searchDate = toSearchDate(search);
    if (!searchDate && DATE_SHAPED.test(search))
      throw badRequest('validation_failed', `search: ${SEARCH_DATE_MESSAGE}`, [
        { field: 'search', message: SEARCH_DATE_MESSAGE },
      ]);
    if (q.dateOfBirth && searchDate && q.dateOfBirth !== searchDate)
      return { data: [], nextCursor: null };
    const words = searchDate ? [] : search.split(/\s+/).filter(Boolean).slice(0, 5);
    const after = decodeCursor(q.cursor, 2) as [string, string] | null;
    if (after && (!/^\d{4}-/.test(String(after[0])) || !/^[0-9a-f-]{36}$/i.test(String(after[1]))))
      throw badRequest('validation_failed', 'cursor is not valid', [
        { field: 'cursor', message: 'cursor is not valid' },
      ]);
    const page = await this.families.search(this.ds.manager, la, {
      words,
      dateOfBirth: q.dateOfBirth ?? searchDate,
      limit: q.limit ?? DEFAULT_PAGE_SIZE,
      after,
      visibleSql: (alias, params) => familyFilterSql(actor, alias, params),
    });
    if (page.data.length)
      await this.audit.record({
        action: 'family.search',
        recordType: 'family',
        childIds: page.data.flatMap((f) =>
          f.members.filter((p) => p.kind === 'child').map((p) => p.id),
        ),
        metadata: {
          search: q.search ?? null,
          dateOfBirth: q.dateOfBirth ?? null,
          familyIds: page.data.map((f) => f.id),
        },
      });
    return page;
  }

  async addMember(actor: Actor, familyId: string, dto: FamilyMemberDto): Promise<MemberResponse> {
    return this.ds.transaction(async (m) => {
      const f = await this.access.requireFamily(m, actor, 'family.update', familyId, {
        lock: true,
      });
      const existingChildren = await this.families.childIds(m, familyId);
      const plan = planRelationships([dto], existingChildren, '');
      await this.assertNhsNumbersFree(m, f.localAuthorityId, [dto], '');
      const id = await this.families.insertPerson(
        m,
        f.localAuthorityId,
        familyId,
        personInput(dto),
      );
      await this.families.insertRelationships(m, plan.resolve([id]));
      await this.families.bumpVersion(m, familyId);
      await this.audit.record(
        {
          action: 'family.member_add',
          recordType: 'family',
          recordId: familyId,
          childIds: dto.kind === 'child' ? [...existingChildren, id] : existingChildren,
          metadata: { personId: id, kind: dto.kind },
        },
        m,
      );
      return (await this.families.membersByIds(m, [id]))[0];
    });
  }

  async addNetworkMember(
    actor: Actor,
    familyId: string,
    dto: CreateNetworkMemberDto,
  ): Promise<NetworkMemberResponse> {
    return this.ds.transaction(async (m) => {
      const f = await this.access.requireFamily(m, actor, 'family.update', familyId, {
        lock: true,
      });
      if (dto.nhsNumber) await this.assertNhsNumbersFree(m, f.localAuthorityId, [dto], '');
      const personId = await this.families.insertPerson(m, f.localAuthorityId, null, {
        kind: 'adult',
        firstName: dto.firstName,
        lastName: dto.lastName,
        dateOfBirth: dto.dateOfBirth,
        nhsNumber: dto.nhsNumber,
      });
      const contact = dto.contact ? { ...dto.contact } : null;
      const id = await this.families.insertNetworkMember(
        m,
        f.localAuthorityId,
        familyId,
        personId,
        dto.relationship.trim(),
        contact && Object.keys(contact).length ? contact : null,
      );
      await this.families.bumpVersion(m, familyId);
      await this.audit.record(
        {
          action: 'family.network_add',
          recordType: 'family',
          recordId: familyId,
          childIds: await this.families.childIds(m, familyId),
          metadata: { networkMemberId: id, personId },
        },
        m,
      );
      return (await this.families.network(m, familyId, id))[0];
    });
  }

  async update(
    actor: Actor,
    familyId: string,
    version: number,
    dto: UpdateFamilyDto,
  ): Promise<FamilyResponse> {
    return this.ds.transaction(async (m) => {
      const f = await this.access.requireFamily(m, actor, 'family.update', familyId);
      const after = { name: dto.name === undefined ? f.name : dto.name?.trim() || null };
      if (
        !(await updateVersioned(m, 'family', familyId, version, {
          ...after,
          updated_at: new Date(),
        }))
      )
        throw preconditionFailed();
      await this.audit.record(
        {
          action: 'family.update',
          recordType: 'family',
          recordId: familyId,
          childIds: await this.families.childIds(m, familyId),
          changes: diffFields({ name: f.name }, after, ['name']),
        },
        m,
      );
      return (await this.families.family(m, f.localAuthorityId, familyId))!;
    });
  }

  /** NHS numbers must be unique within the request and the local authority. */
  private async assertNhsNumbersFree(
    m: EntityManager,
    la: string,
    members: { nhsNumber?: string }[],
    prefix: string,
  ): Promise<void> {
    const field = (i: number) => (prefix ? `${prefix}.${i}.nhsNumber` : 'nhsNumber');
    const seen = new Map<string, number>();
    const errors: FieldError[] = [];
    members.forEach((p, i) => {
      if (!p.nhsNumber) return;
      const n = normaliseNhsNumber(p.nhsNumber);
      if (seen.has(n))
        errors.push({ field: field(i), message: 'the same NHS number is given twice' });
      seen.set(n, i);
    });
    if (errors.length) throw badRequest('validation_failed', errors[0].message, errors);
    const used = await this.families.nhsNumbersInUse(m, la, [...seen.keys()]);
    if (used.length)
      throw conflict(
        'nhs_number_in_use',
        'Someone in this local authority already has that NHS number',
        {
          errors: used.map((n) => ({
            field: field(seen.get(n) as number),
            message: 'NHS number already recorded',
          })),
        },
      );
  }
}

/** A search term that is a date (YYYY-MM-DD or DD/MM/YYYY) searches dates of birth. */
/** A search that is written like a date (YYYY-MM-DD or DD/MM/YYYY) searches dates of birth,
 * so it must be a real one in range: `0000-01-01` used to reach Postgres as a 500. */
const DATE_SHAPED = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4})$/;
const SEARCH_DATE_MESSAGE = `a date search must be a real date between ${DOB_MIN} and today`;

/** The date of birth a search names (a real date from 1900-01-01 to today), else null. */
export function toSearchDate(search: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(search);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : search;
  return isDateOnly(iso) && iso >= DOB_MIN && iso <= todayInLondon() ? iso : null;
}
