import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { updateVersioned } from 'src/common/sql';
import { assertSameLa } from 'src/common/tenancy';
import {
  CreateLocalAuthorityDto,
  UpdateLocalAuthoritySettingsDto,
} from './dto/local-authority.dto';
import { LocalAuthority } from './local-authority.entity';
import {
  REAL_LA_CODE,
  REAL_LA_CODE_RULE,
  SANDBOX_CODE,
  SANDBOX_CODE_RULE,
} from 'src/common/sandbox-code';

const FIELDS = [
  'id',
  'name',
  'code',
  'sandbox',
  'coreGroupIntervalWeeks',
  'visitIntervalWorkingDays',
  'dfeNumber',
  'identifierRuleFrom',
  'fgdmOfferResponseWorkingDays',
  'preProceedingsWeeks',
  'version',
  'createdAt',
] as const;

@Injectable()
export class LocalAuthorityService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    dto: CreateLocalAuthorityDto,
    opts: { sandbox?: boolean } = {},
  ): Promise<LocalAuthority> {
    // Sandboxes, and only sandboxes, live in the SBX- namespace (src/common/sandbox-code.ts).
    const sandbox = opts.sandbox ?? false;
    if (sandbox && !SANDBOX_CODE.test(dto.code)) throw validationFailed('code', SANDBOX_CODE_RULE);
    if (!sandbox && !REAL_LA_CODE.test(dto.code))
      throw validationFailed('code', `code ${REAL_LA_CODE_RULE}`);
    return this.ds.transaction(async (m) => {
      const existing = await m.findOne(LocalAuthority, {
        where: { code: dto.code },
        select: ['id'],
      });
      if (existing)
        throw conflict('code_taken', `Local authority code ${dto.code} is already used`);
      const la = await m.save(
        m.create(LocalAuthority, {
          name: dto.name,
          code: dto.code,
          sandbox,
        }),
      );
      await this.audit.record(
        {
          action: 'local_authority.create',
          recordType: 'local_authority',
          recordId: la.id,
          localAuthorityId: la.id,
          changes: diffFields({}, la, ['name', 'code']),
        },
        m,
      );
      return la;
    });
  }

  list(actor: Actor): Promise<LocalAuthority[]> {
    const qb = this.ds
      .getRepository(LocalAuthority)
      .createQueryBuilder('la')
      .select(FIELDS.map((f) => `la.${f}`))
      .orderBy('la.code');
    if (actor.localAuthorityId) qb.where('la.id = :id', { id: actor.localAuthorityId });
    return qb.getMany();
  }

  async get(actor: Actor, id: string): Promise<LocalAuthority> {
    assertSameLa(actor, id, 'Local authority');
    const la = await this.ds
      .getRepository(LocalAuthority)
      .findOne({ where: { id }, select: [...FIELDS] });
    if (!la) throw notFound('Local authority');
    return la;
  }

  async updateSettings(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateLocalAuthoritySettingsDto,
  ) {
    assertSameLa(actor, id, 'Local authority');
    return this.ds.transaction(async (m) => {
      const before = await m.findOne(LocalAuthority, { where: { id }, select: [...FIELDS] });
      if (!before) throw notFound('Local authority');
      const set: Record<string, unknown> = {};
      if (dto.coreGroupIntervalWeeks !== undefined)
        set.core_group_interval_weeks = dto.coreGroupIntervalWeeks;
      if (dto.visitIntervalWorkingDays !== undefined)
        set.visit_interval_working_days = dto.visitIntervalWorkingDays;
      if (dto.dfeNumber !== undefined) set.dfe_number = dto.dfeNumber;
      if (dto.identifierRuleFrom !== undefined) set.identifier_rule_from = dto.identifierRuleFrom;
      if (dto.fgdmOfferResponseWorkingDays !== undefined)
        set.fgdm_offer_response_working_days = dto.fgdmOfferResponseWorkingDays;
      if (dto.preProceedingsWeeks !== undefined)
        set.pre_proceedings_weeks = dto.preProceedingsWeeks;
      if (!(await updateVersioned(m, 'local_authority', id, version, set)))
        throw preconditionFailed();
      const after = (await m.findOne(LocalAuthority, {
        where: { id },
        select: [...FIELDS],
      })) as LocalAuthority;
      await this.audit.record(
        {
          action: 'local_authority.settings',
          recordType: 'local_authority',
          recordId: id,
          changes: diffFields(before, after, [
            'coreGroupIntervalWeeks',
            'visitIntervalWorkingDays',
            'dfeNumber',
            'identifierRuleFrom',
            'fgdmOfferResponseWorkingDays',
            'preProceedingsWeeks',
          ]),
        },
        m,
      );
      return after;
    });
  }
}
